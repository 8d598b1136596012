package kubectl

import (
	"net/netip"
	"time"

	mdns "github.com/miekg/dns"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/dns"
	"github.com/svcsim/svcsim/model/kubelet"
	"github.com/svcsim/svcsim/model/network"
)

// Each tool's own retry timing with one nameserver: dig +time=5 +tries=3;
// busybox nslookup resends every second for 5 tries... (its defaults are
// a 5 s timeout and 2 retries: 5 s, then 5 s); host -W 5, 2 tries; getent
// is glibc's.
var (
	digTiming      = network.UDPOptions{Timeout: 5 * time.Second, Attempts: 3}
	nslookupTiming = network.UDPOptions{Timeout: 5 * time.Second, Attempts: 2}
	hostTiming     = network.UDPOptions{Timeout: 5 * time.Second, Attempts: 2}
)

// dnsTool runs nslookup, dig, host and getent hosts in the pod: the
// dns package's tool over the pod's resolv.conf, each query a UDP
// datagram through the simulated network; the program ends when its
// last query is answered or timed out.
func (px *process) dnsTool(prog string, argv []string, done func(Result)) {
	pd, ok := px.ns.Resolver.(*kubelet.PodDNS)
	if !ok {
		// dnsPolicy Default/None: the node's resolver is not modelled;
		// the pod still reads the kubelet's file.
		pd = kubelet.NewPodDNS(px.k.C.Network, px.ns, px.resolvConf(), dns.Glibc)
	}
	e := px.k.engine()
	env := dns.ToolEnv{ResolvConf: pd.Conf, Now: api.Epoch.Add(e.Now()), FirstID: pd.FirstID(e)}
	r := e.Rand("dig/cookie")
	for i := range env.Cookie {
		env.Cookie[i] = byte(r.IntN(256))
	}
	timing := pd.Timing()
	var run func(env dns.ToolEnv) dns.ToolResult
	switch prog {
	case "nslookup":
		timing = nslookupTiming
		run = func(env dns.ToolEnv) dns.ToolResult { return dns.BusyboxNslookup(argv[1:], env, dns.NslookupOptions{}) }
	case "dig":
		timing = digTiming
		run = func(env dns.ToolEnv) dns.ToolResult { return dns.Dig(argv[1:], env) }
	case "host":
		timing = hostTiming
		run = func(env dns.ToolEnv) dns.ToolResult { return dns.Host(argv[1:], env) }
	case "getent":
		if len(argv) != 3 || argv[1] != "hosts" {
			done(Result{Stderr: "Usage: getent [OPTION...] database [key ...]\n", Exit: 1})
			return
		}
		run = func(env dns.ToolEnv) dns.ToolResult { return dns.GetentHosts(argv[2], env) }
	}
	start := e.Now()
	dns.RunAsync(func(ex func(netip.Addr, *mdns.Msg) *mdns.Msg) dns.ToolResult {
		env := env
		env.Exchange = ex
		env.RTT = e.Now() - start
		return run(env)
	}, pd.Sender(timing), func(res dns.ToolResult) {
		done(Result{Stdout: res.Output, Exit: res.Exit})
	})
}

// resolvConf is the kubelet's resolv.conf for the pod.
func (px *process) resolvConf() dns.ResolvConf {
	var dnsIP []netip.Addr
	if o, ok := px.k.C.API.Get("Service", "kube-system", "kube-dns"); ok {
		if ip, err := netip.ParseAddr(serviceIP(o)); err == nil {
			dnsIP = append(dnsIP, ip)
		}
	}
	return dns.KubeletResolvConf(px.pod.Namespace, "cluster.local", dnsIP, nil)
}
