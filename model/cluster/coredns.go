package cluster

import (
	"fmt"
	"net/netip"
	"time"

	mdns "github.com/miekg/dns"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/apps"
	"github.com/svcsim/svcsim/model/dns"
	"github.com/svcsim/svcsim/model/kubelet"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// CoreDNS is the cluster DNS behind the CoreDNS pods: one informer-fed
// dns.Index (Services, EndpointSlices, Namespaces, and Pods only under
// `pods verified`, as the kubernetes plugin watches them, each change
// arriving after the API's watch delay), the Corefile from the
// kube-system/coredns ConfigMap (kubeadm's when there is none, or when
// it does not parse), the modelled upstream resolver, and one
// dns.Server, with its own cache, per CoreDNS pod. The coredns image's
// udp/53 is served by it.
//
// Simplification: the CoreDNS pods share one index (real ones each run
// their own informers, which see the same changes within milliseconds),
// and a new Corefile takes effect when the ConfigMap change is seen (real
// CoreDNS sees it after the kubelet syncs the volume, up to a minute, and
// the reload plugin's 30 s check).
type CoreDNS struct {
	api     *apiserver.Server
	e       *sim.Engine
	id      sim.ComponentID
	idx     *dns.Index
	up      *dns.Upstream
	cfg     dns.Config
	latency time.Duration
	servers map[netip.Addr]*dns.Server
	// watchPods is whether the Corefile says `pods verified`: only then
	// does the kubernetes plugin run a pod informer (initPodCache in
	// plugin/kubernetes), so only then do pod changes reach the index
	// (and its SOA serial).
	watchPods bool
}

// ServeDetail is the trace detail of one query CoreDNS answered.
type ServeDetail struct {
	Pod   string
	From  netip.AddrPort
	Query *mdns.Msg
	Reply *mdns.Msg
	Steps []dns.Step
}

func newCoreDNS(s *apiserver.Server, up *dns.Upstream, latency time.Duration) *CoreDNS {
	idx := dns.NewIndex()
	idx.SetSynced(true)
	return &CoreDNS{api: s, idx: idx, up: up, cfg: dns.DefaultConfig(), latency: latency, servers: map[netip.Addr]*dns.Server{}}
}

// Name returns the component's name.
func (c *CoreDNS) Name() string { return "coredns" }

// Index is the DNS model's view of the cluster.
func (c *CoreDNS) Index() *dns.Index { return c.idx }

// Start registers the informers' watches.
func (c *CoreDNS) Start(e *sim.Engine, id sim.ComponentID) {
	c.e, c.id = e, id
	c.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Service", "EndpointSlice", "Pod", "Namespace", "ConfigMap"},
		Wants: func(ev apiserver.WatchEvent) bool {
			p, ok := ev.Object.(*api.Pod)
			if !ok {
				return true
			}
			if !c.watchPods {
				return false
			}
			// Pods matter only for their IPs.
			if ev.Type == apiserver.Modified {
				old, _ := ev.Old.(*api.Pod)
				return old == nil || old.Status.PodIP != p.Status.PodIP
			}
			return true
		}})
}

// Handle applies a watch event to the index.
func (c *CoreDNS) Handle(e *sim.Engine, ev sim.Event) {
	w, ok := ev.Payload.(apiserver.WatchEvent)
	if !ok {
		return
	}
	at := api.Epoch.Add(e.Now())
	if cm, ok := w.Object.(*api.ConfigMap); ok {
		c.configMap(e, cm, w.Type == apiserver.Deleted)
		return
	}
	c.idx.ApplyAPIObject(at, w.Object, w.Type == apiserver.Deleted)
}

func (c *CoreDNS) configMap(e *sim.Engine, cm *api.ConfigMap, deleted bool) {
	if cm.Namespace != "kube-system" || cm.Name != "coredns" {
		return
	}
	text, ok := cm.Data["Corefile"]
	if deleted || !ok {
		c.setConfig(dns.DefaultConfig())
		e.Emit("coredns.config", "coredns: no Corefile in kube-system/coredns; kubeadm's is in force", nil)
		return
	}
	cfg, err := dns.ParseCorefile(text)
	if err != nil {
		e.Emit("coredns.error", fmt.Sprintf("coredns: the Corefile in kube-system/coredns does not load (%v); the previous one stays in force", err), nil)
		return
	}
	c.setConfig(cfg)
	e.Emit("coredns.config", "coredns: loaded the Corefile from kube-system/coredns", nil)
}

func (c *CoreDNS) setConfig(cfg dns.Config) {
	c.cfg = cfg
	clear(c.servers) // each pod's server (and cache) starts again
	verified := cfg.Kubernetes != nil && cfg.Kubernetes.Pods == dns.PodsVerified
	if verified == c.watchPods {
		return
	}
	c.watchPods = verified
	// The reloaded plugin starts or drops its pod informer: a new one
	// lists every pod, a dropped one leaves nothing behind.
	at := api.Epoch.Add(c.e.Now())
	for _, o := range c.api.List("Pod", "") {
		p := o.(*api.Pod)
		if verified {
			c.idx.ApplyAPIObject(at, p, false)
		} else {
			c.idx.DeletePod(at, p.Namespace, p.Name)
		}
	}
}

// server returns the CoreDNS server of the pod with address ip.
func (c *CoreDNS) server(e *sim.Engine, ip netip.Addr) *dns.Server {
	s := c.servers[ip]
	if s == nil {
		rng := e.Rand("coredns/" + ip.String())
		s = dns.NewServer(c.cfg, c.idx, c.up, dns.Options{LocalIPs: []netip.Addr{ip}, Shuffle: rng.Shuffle})
		c.servers[ip] = s
	}
	return s
}

// serve answers one datagram on a CoreDNS pod's udp/53.
func (c *CoreDNS) serve(env apps.Env, ctx *network.UDPCtx, payload any) {
	q, ok := payload.(*mdns.Msg)
	if !ok {
		return // not DNS: CoreDNS drops what it cannot parse
	}
	e := c.e
	r, steps := c.server(e, ctx.NS.IP).ExchangeTrace(api.Epoch.Add(e.Now()), q)
	r = r.Copy()
	e.Emit("coredns.answer", fmt.Sprintf("%s answers %s from %s: %s", env.Pod, questionText(q), ctx.Remote, kubelet.ReplySummary(r)),
		&ServeDetail{Pod: env.Pod, From: ctx.Remote, Query: q, Reply: r, Steps: steps})
	ctx.Reply(c.latency, r)
}

func questionText(q *mdns.Msg) string {
	if len(q.Question) == 0 {
		return "(no question)"
	}
	return mdns.TypeToString[q.Question[0].Qtype] + " " + q.Question[0].Name
}

// coreDNSImage is the coredns image with its DNS server wired to c.
func coreDNSImage(base *apps.Image, c *CoreDNS) *apps.Image {
	im := *base
	im.UDPPorts = []uint16{53}
	im.UDPHandler = c.serve
	return &im
}
