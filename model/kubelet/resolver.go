package kubelet

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	mdns "github.com/miekg/dns"
	"github.com/svcsim/svcsim/model/dns"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// DNSConfig is the kubelet's --cluster-dns and --cluster-domain.
type DNSConfig struct {
	ClusterDomain string
	ClusterDNS    []netip.Addr
}

// SetDNS sets the cluster DNS the kubelet writes into the resolv.conf of
// pods with dnsPolicy ClusterFirst; without it pods resolve only IP
// literals.
func (k *Kubelet) SetDNS(c DNSConfig) { k.dns, k.confs = c, nil }

// resolvConf returns the resolv.conf of a ClusterFirst pod of namespace
// ns, the same for all of them: made once, shared (nobody changes it).
func (k *Kubelet) resolvConf(ns string) dns.ResolvConf {
	if conf, ok := k.confs[ns]; ok {
		return conf
	}
	conf := dns.KubeletResolvConf(ns, k.dns.ClusterDomain, k.dns.ClusterDNS, nil)
	if k.confs == nil {
		k.confs = map[string]dns.ResolvConf{}
	}
	k.confs[ns] = conf
	return conf
}

// The libcs' retransmission timing with one nameserver and resolv.conf's
// defaults (timeout:5 attempts:2): glibc waits 5 s per attempt, so it gives
// up after 10 s; musl resends every timeout/attempts (2.5 s) and gives up
// after 5 s.
var (
	GlibcTiming = network.UDPOptions{Timeout: 5 * time.Second, Attempts: 2}
	MuslTiming  = network.UDPOptions{Timeout: 2500 * time.Millisecond, Attempts: 2}
)

// PodDNS is a pod's stub resolver: the resolv.conf the kubelet wrote,
// the libc of its image, and its queries sent as UDP datagrams from the
// pod to the nameserver, through the node's netfilter (kube-proxy's DNAT
// of the kube-dns ClusterIP) to a CoreDNS pod and back.
type PodDNS struct {
	net  *network.Network
	ns   *network.NetNS
	Conf dns.ResolvConf
	Libc dns.Libc
}

// QueryDetail is the trace detail of a query a pod sends and of its
// reply (nil until it comes, or when none came).
type QueryDetail struct {
	Pod    string
	Server netip.AddrPort
	Local  netip.AddrPort
	Query  *mdns.Msg
	Reply  *mdns.Msg
	Err    network.Errno
}

// WalkDetail is the trace detail of a finished lookup: the name asked,
// the libc, and every query of the search-list walk with its reply.
type WalkDetail struct {
	Pod  string
	Name string
	Libc dns.Libc
	Walk dns.Walk
}

// NewPodDNS returns the resolver of the pod whose namespace is ns.
func NewPodDNS(n *network.Network, ns *network.NetNS, conf dns.ResolvConf, libc dns.Libc) *PodDNS {
	return &PodDNS{net: n, ns: ns, Conf: conf, Libc: libc}
}

// Timing is the libc's retransmission timing.
func (r *PodDNS) Timing() network.UDPOptions {
	if r.Libc == dns.Musl {
		return MuslTiming
	}
	return GlibcTiming
}

// FirstID draws the DNS id of a lookup's first query from the engine's
// seeded stream for the pod.
func (r *PodDNS) FirstID(e *sim.Engine) uint16 {
	return uint16(e.Rand("dns/" + r.ns.Pod).IntN(1 << 16))
}

// Sender returns a dns.SendFunc sending each query from the pod with the
// given timing, recording the query and its reply in the trace.
func (r *PodDNS) Sender(opts network.UDPOptions) dns.SendFunc {
	return func(server netip.Addr, q *mdns.Msg, done func(*mdns.Msg)) {
		dst := netip.AddrPortFrom(server, 53)
		e := r.net.Engine()
		e.Emit("dns.query", fmt.Sprintf("%s asks %s: %s (id %d)", r.ns.Pod, server, question(q), q.Id), &QueryDetail{Pod: r.ns.Pod, Server: dst, Query: q})
		r.net.ExchangeUDP(r.ns, dst, q, opts, func(e *sim.Engine, res network.UDPResult) {
			reply, _ := res.Payload.(*mdns.Msg)
			d := &QueryDetail{Pod: r.ns.Pod, Server: dst, Local: res.Local, Query: q, Reply: reply, Err: res.Err}
			if reply == nil {
				e.Emit("dns.noreply", fmt.Sprintf("%s: no answer from %s for %s (%s)", r.ns.Pod, server, question(q), res.Err.Text()), d)
			} else {
				e.Emit("dns.reply", fmt.Sprintf("%s gets %s", r.ns.Pod, ReplySummary(reply)), d)
			}
			done(reply)
		})
	}
}

// Resolve is getaddrinfo (AF_UNSPEC): the search-list walk, A then AAAA
// for each candidate, every query a datagram through the network.
// (glibc sends the pair in parallel on one socket; here they go one after
// the other, which changes timing by one round trip, not the outcome.)
func (r *PodDNS) Resolve(e *sim.Engine, from netip.Addr, name string, done func(e *sim.Engine, addr netip.Addr, err error)) {
	var server netip.Addr
	if len(r.Conf.Nameservers) > 0 {
		server = r.Conf.Nameservers[0]
	}
	opt := dns.WalkOptions{Libc: r.Libc, FirstID: r.FirstID(e)}
	run := func(ex func(netip.Addr, *mdns.Msg) *mdns.Msg) dns.Walk {
		return dns.WalkSearch(r.Conf, name, []uint16{mdns.TypeA, mdns.TypeAAAA}, func(q *mdns.Msg) *mdns.Msg { return ex(server, q) }, opt)
	}
	dns.RunAsync(run, r.Sender(r.Timing()), func(w dns.Walk) {
		d := &WalkDetail{Pod: r.ns.Pod, Name: name, Libc: r.Libc, Walk: w}
		for _, a := range w.Addrs {
			if a.Is4() {
				e.Emit("dns.resolved", fmt.Sprintf("%s: %s resolves to %s (%s, %d queries)", r.ns.Pod, name, a, strings.TrimSuffix(w.Name, "."), len(w.Steps)), d)
				done(e, a, nil)
				return
			}
		}
		e.Emit("dns.failed", fmt.Sprintf("%s: %s does not resolve (%s, %d queries)", r.ns.Pod, name, walkFailure(w), len(w.Steps)), d)
		done(e, netip.Addr{}, errors.New("Could not resolve host: "+name))
	})
}

func walkFailure(w dns.Walk) string {
	if w.Rcode < 0 {
		return "no answer from the nameserver"
	}
	return mdns.RcodeToString[w.Rcode]
}

func question(q *mdns.Msg) string {
	if len(q.Question) == 0 {
		return "(no question)"
	}
	return mdns.TypeToString[q.Question[0].Qtype] + " " + q.Question[0].Name
}

// ReplySummary is a reply in one line: rcode, question and answers.
func ReplySummary(m *mdns.Msg) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s for %s", mdns.RcodeToString[m.Rcode], question(m))
	for i, rr := range m.Answer {
		if i == 0 {
			b.WriteString(":")
		}
		h := rr.Header()
		b.WriteString(" " + mdns.TypeToString[h.Rrtype] + " " + strings.TrimPrefix(rr.String(), h.String()))
	}
	return b.String()
}
