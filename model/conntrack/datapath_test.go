package conntrack

import (
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/netfilter"
)

var addr = netip.MustParseAddr

var (
	dnsTCP = kubeproxy.ServicePortName{Namespace: "kube-system", Name: "kube-dns", Port: "dns-tcp", Protocol: kubeproxy.ProtocolTCP}
	dnsUDP = kubeproxy.ServicePortName{Namespace: "kube-system", Name: "kube-dns", Port: "dns", Protocol: kubeproxy.ProtocolUDP}
	web    = kubeproxy.ServicePortName{Namespace: "default", Name: "web", Port: "http", Protocol: kubeproxy.ProtocolTCP}
)

// node is a kube-proxy node (192.168.0.2, pods 10.244.0.0/16) whose rules
// send kube-dns to the given endpoints and web (NodePort 30080) to 10.244.2.7:8080.
func node(t *testing.T, dnsEndpoints ...string) (*Datapath, *kubeproxy.Proxier) {
	t.Helper()
	cfg := kubeproxy.DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{netip.MustParsePrefix("10.244.0.0/16")}
	p, err := kubeproxy.NewProxier(cfg, kubeproxy.Node{Name: "node-1", IP: addr("192.168.0.2"), Addresses: []netip.Addr{addr("127.0.0.1"), addr("192.168.0.2")}}, kubeproxy.DefaultOptions())
	if err != nil {
		t.Fatalf("NewProxier() error = %v", err)
	}
	p.SetService(kubeproxy.ServicePort{Name: dnsUDP, ClusterIP: addr("10.96.0.10"), Port: 53})
	p.SetService(kubeproxy.ServicePort{Name: dnsTCP, ClusterIP: addr("10.96.0.10"), Port: 53})
	p.SetService(kubeproxy.ServicePort{Name: web, Type: kubeproxy.ServiceTypeNodePort, ClusterIP: addr("10.96.0.20"), Port: 80, NodePort: 30080})
	p.SetEndpoints(web, []kubeproxy.Endpoint{{IP: addr("10.244.2.7"), Port: 8080, NodeName: "node-2", Ready: true, Serving: true}})
	d := &Datapath{NF: netfilter.New(netfilter.NewNodeAddrs(addr("192.168.0.2"))), CT: NewTable(KubeProxyTimeouts())}
	setDNS(t, d, p, dnsEndpoints...)
	return d, p
}

func setDNS(t *testing.T, d *Datapath, p *kubeproxy.Proxier, ips ...string) {
	t.Helper()
	var eps []kubeproxy.Endpoint
	for _, ip := range ips {
		eps = append(eps, kubeproxy.Endpoint{IP: addr(ip), Port: 53, NodeName: "node-2", Ready: true, Serving: true})
	}
	p.SetEndpoints(dnsUDP, eps)
	p.SetEndpoints(dnsTCP, eps)
	p.Sync()
	if err := d.NF.Load(p.Ruleset()); err != nil {
		t.Fatalf("Load() error = %v", err)
	}
}

func env(now time.Duration) netfilter.Env {
	return netfilter.Env{Now: now, Rand: rand.New(rand.NewPCG(1, 1)), MasqueradeAddr: addr("192.168.0.2")}
}

func pkt(src string, sport uint16, dst string, dport uint16, proto netfilter.Protocol, flags netfilter.TCPFlags) netfilter.Packet {
	return netfilter.Packet{Src: addr(src), Dst: addr(dst), SrcPort: sport, DstPort: dport, Proto: proto, Flags: flags, In: "eth0"}
}

func process(t *testing.T, d *Datapath, p netfilter.Packet, now time.Duration) Result {
	t.Helper()
	r, err := d.Process(p, env(now))
	if err != nil {
		t.Fatalf("Process(%v) error = %v", p, err)
	}
	return r
}

func list(d *Datapath, now time.Duration) string {
	b, n := d.CT.AppendList(nil, now)
	return string(b) + ListFooter(n)
}

func TestTCPHandshakeThroughClusterIP(t *testing.T) {
	d, _ := node(t, "10.244.2.7")
	const client, vip = "10.244.1.5", "10.96.0.10"
	syn := process(t, d, pkt(client, 40000, vip, 53, netfilter.ProtoTCP, netfilter.FlagSYN), 0)
	if !syn.New || syn.Path.After.DstAddrPort() != netip.MustParseAddrPort("10.244.2.7:53") {
		t.Fatalf("SYN: New = %v, after = %v, want a new connection DNATed to 10.244.2.7:53", syn.New, syn.Path.After)
	}
	synack := process(t, d, pkt("10.244.2.7", 53, client, 40000, netfilter.ProtoTCP, netfilter.FlagSYN|netfilter.FlagACK), time.Millisecond)
	if !synack.Reply || synack.Path.After.SrcAddrPort() != netip.MustParseAddrPort(vip+":53") {
		t.Errorf("SYN-ACK: Reply = %v, after = %v, want the reply un-DNATed from %s:53", synack.Reply, synack.Path.After, vip)
	}
	ack := process(t, d, pkt(client, 40000, vip, 53, netfilter.ProtoTCP, netfilter.FlagACK), 2*time.Millisecond)
	if ack.New || ack.Path.Hooks[0].Rules != 0 || ack.Path.After.Dst != addr("10.244.2.7") {
		t.Errorf("ACK: New = %v, PREROUTING rules = %d, after = %v; want the binding reused without walking nat", ack.New, ack.Path.Hooks[0].Rules, ack.Path.After)
	}
	want := "tcp      6 86399 ESTABLISHED src=10.244.1.5 dst=10.96.0.10 sport=40000 dport=53 src=10.244.2.7 dst=10.244.1.5 sport=53 dport=40000 [ASSURED] mark=0 use=1\n" +
		"conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n"
	if diff := cmp.Diff(want, list(d, time.Second+2*time.Millisecond)); diff != "" {
		t.Errorf("conntrack -L mismatch (-want +got):\n%s", diff)
	}
}

func TestNodePortMasqueradeAndReply(t *testing.T) {
	d, _ := node(t, "10.244.2.8")
	first := process(t, d, pkt("203.0.113.9", 5555, "192.168.0.2", 30080, netfilter.ProtoTCP, netfilter.FlagSYN), 0)
	if !first.Path.DNAT || !first.Path.Masquerade {
		t.Fatalf("first packet: DNAT = %v, masquerade = %v, want both", first.Path.DNAT, first.Path.Masquerade)
	}
	reply := process(t, d, pkt("10.244.2.7", 8080, "192.168.0.2", 5555, netfilter.ProtoTCP, netfilter.FlagSYN|netfilter.FlagACK), time.Millisecond)
	if got, want := reply.Path.After.String(), "tcp 192.168.0.2:30080 > 203.0.113.9:5555 [SYN,ACK] mark=0x0 ctstate=ESTABLISHED,SNAT,DNAT"; got != want {
		t.Errorf("reply after node = %q, want %q", got, want)
	}
	want := "tcp      6 59 SYN_RECV src=203.0.113.9 dst=192.168.0.2 sport=5555 dport=30080 src=10.244.2.7 dst=192.168.0.2 sport=8080 dport=5555 mark=0 use=1\n"
	if got, _ := d.CT.AppendList(nil, time.Second+time.Millisecond); string(got) != want {
		t.Errorf("conntrack -L = %q, want %q", got, want)
	}
}

func TestEstablishedFlowKeepsBackendAfterRuleChange(t *testing.T) {
	d, p := node(t, "10.244.2.7")
	process(t, d, pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagSYN), 0)
	process(t, d, pkt("10.244.2.7", 53, "10.244.1.5", 40000, netfilter.ProtoTCP, netfilter.FlagSYN|netfilter.FlagACK), 1)
	setDNS(t, d, p, "10.244.3.3")
	r := process(t, d, pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagACK), 2)
	if r.Path.After.Dst != addr("10.244.2.7") {
		t.Errorf("established packet after rule change goes to %v, want the old endpoint 10.244.2.7", r.Path.After.Dst)
	}
	n := process(t, d, pkt("10.244.1.5", 40001, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagSYN), 3)
	if n.Path.After.Dst != addr("10.244.3.3") {
		t.Errorf("new connection goes to %v, want the new endpoint 10.244.3.3", n.Path.After.Dst)
	}
}

func TestTimeouts(t *testing.T) {
	tests := []struct {
		name    string
		packets []netfilter.Packet // sent at 0, 1s, 2s, ...
		last    time.Duration      // time of the last packet
		timeout time.Duration
	}{
		{"udp unreplied", []netfilter.Packet{pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoUDP, 0)}, 0, LinuxUDP},
		{"udp stream", []netfilter.Packet{
			pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoUDP, 0),
			pkt("10.244.2.7", 53, "10.244.1.5", 40000, netfilter.ProtoUDP, 0),
			pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoUDP, 0),
			pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoUDP, 0),
		}, 3 * time.Second, LinuxUDPStream},
		{"tcp syn_sent", []netfilter.Packet{pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagSYN)}, 0, LinuxTCPSynSent},
		{"tcp established (kube-proxy)", []netfilter.Packet{
			pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagSYN),
			pkt("10.244.2.7", 53, "10.244.1.5", 40000, netfilter.ProtoTCP, netfilter.FlagSYN|netfilter.FlagACK),
			pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagACK),
		}, 2 * time.Second, KubeProxyTCPEstablished},
		{"tcp close_wait (kube-proxy)", []netfilter.Packet{
			pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagSYN),
			pkt("10.244.2.7", 53, "10.244.1.5", 40000, netfilter.ProtoTCP, netfilter.FlagSYN|netfilter.FlagACK),
			pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagACK),
			pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagFIN|netfilter.FlagACK),
			pkt("10.244.2.7", 53, "10.244.1.5", 40000, netfilter.ProtoTCP, netfilter.FlagACK),
		}, 4 * time.Second, KubeProxyTCPCloseWait},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := node(t, "10.244.2.7")
			for i, p := range tc.packets {
				process(t, d, p, time.Duration(i)*time.Second)
			}
			deadline := tc.last + tc.timeout
			tu := TupleOf(tc.packets[0])
			if e, _ := d.CT.Lookup(tu, deadline-time.Nanosecond); e == nil {
				t.Fatalf("Lookup at deadline-1ns = nil, want the entry (timeout %v)", tc.timeout)
			}
			if e, _ := d.CT.Lookup(tu, deadline); e != nil {
				t.Errorf("Lookup at deadline = %+v, want nil (timeout %v)", e, tc.timeout)
			}
		})
	}
}

func TestUnrepliedListing(t *testing.T) {
	d, _ := node(t, "10.244.2.7")
	process(t, d, pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoUDP, 0), 0)
	got, n := d.CT.AppendList(nil, 500*time.Millisecond)
	want := "udp      17 29 src=10.244.1.5 dst=10.96.0.10 sport=40000 dport=53 [UNREPLIED] src=10.244.2.7 dst=10.244.1.5 sport=53 dport=40000 mark=0 use=1\n"
	if string(got) != want || n != 1 {
		t.Errorf("AppendList() = %q, %d, want %q, 1", got, n, want)
	}
}

func TestCleanStaleEntries(t *testing.T) {
	d, p := node(t, "10.244.2.7")
	process(t, d, pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoUDP, 0), 0)
	process(t, d, pkt("10.244.1.5", 40001, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagSYN), 0)
	setDNS(t, d, p) // no endpoints: the next UDP flow is rejected, nothing is tracked
	if r := process(t, d, pkt("10.244.1.6", 40000, "10.96.0.10", 53, netfilter.ProtoUDP, 0), time.Second); r.Path.Verdict.Kind != netfilter.VerdictReject || r.Entry != nil {
		t.Errorf("UDP to a service without endpoints: %v, entry %v; want REJECT and no entry", r.Path.Verdict, r.Entry)
	}
	view := func(serving ...string) []ServicePort {
		sp := ServicePort{Protocol: netfilter.ProtoUDP, ClusterIP: addr("10.96.0.10")}
		for _, s := range serving {
			sp.ServingIPs = append(sp.ServingIPs, addr(s))
		}
		return []ServicePort{sp, {Protocol: netfilter.ProtoTCP, ClusterIP: addr("10.96.0.10")}}
	}
	if got := d.CT.CleanStaleEntries(view(), time.Second); len(got) != 0 {
		t.Errorf("CleanStaleEntries(no serving endpoints) deleted %d entries, want 0", len(got))
	}
	if got := d.CT.CleanStaleEntries(view("10.244.2.7"), time.Second); len(got) != 0 {
		t.Errorf("CleanStaleEntries(serving 10.244.2.7) deleted %d entries, want 0", len(got))
	}
	got := d.CT.CleanStaleEntries(view("10.244.3.3"), time.Second)
	if len(got) != 1 || got[0].Orig.Proto != netfilter.ProtoUDP {
		t.Fatalf("CleanStaleEntries(serving 10.244.3.3) = %+v, want the one UDP entry", got)
	}
	if out := list(d, time.Second); !strings.HasPrefix(out, "tcp ") || !strings.Contains(out, ": 1 flow entries") {
		t.Errorf("after cleanup conntrack -L = %q, want only the TCP entry", out)
	}
}

func TestRSTAsOnlyReplyDeletesEntry(t *testing.T) {
	d, _ := node(t, "10.244.2.7")
	process(t, d, pkt("10.244.1.5", 40000, "10.96.0.10", 53, netfilter.ProtoTCP, netfilter.FlagSYN), 0)
	r := process(t, d, pkt("10.244.2.7", 53, "10.244.1.5", 40000, netfilter.ProtoTCP, netfilter.FlagRST|netfilter.FlagACK), time.Millisecond)
	if r.Path.After.SrcAddrPort() != netip.MustParseAddrPort("10.96.0.10:53") || r.Entry != nil {
		t.Errorf("RST reply: after %v, entry %v; want un-DNATed and the entry gone", r.Path.After, r.Entry)
	}
	if got := list(d, time.Second); got != ListFooter(0) {
		t.Errorf("conntrack -L = %q, want no entries", got)
	}
}
