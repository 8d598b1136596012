package kernel

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

var (
	addr = netip.MustParseAddr
	ap   = netip.MustParseAddrPort

	web   = kubeproxy.ServicePortName{Namespace: "default", Name: "web", Port: "http", Protocol: kubeproxy.ProtocolTCP}
	dns   = kubeproxy.ServicePortName{Namespace: "kube-system", Name: "kube-dns", Port: "dns", Protocol: kubeproxy.ProtocolUDP}
	none  = kubeproxy.ServicePortName{Namespace: "default", Name: "broken", Port: "http", Protocol: kubeproxy.ProtocolTCP}
	np    = kubeproxy.ServicePortName{Namespace: "default", Name: "np", Port: "http", Protocol: kubeproxy.ProtocolTCP}
	npl   = kubeproxy.ServicePortName{Namespace: "default", Name: "npl", Port: "http", Protocol: kubeproxy.ProtocolTCP}
	three = kubeproxy.ServicePortName{Namespace: "default", Name: "three", Port: "http", Protocol: kubeproxy.ProtocolTCP}
)

const (
	nodeName = "node-1"
	nodeIP   = "192.168.0.2"
	client   = "10.244.1.5" // a pod on node-1 (pods 10.244.1.0/24)
	backend  = "10.244.2.7" // web's endpoint, on node-2
)

// testNode returns a kernel with node-1, loaded with the rules kube-proxy
// writes for a small cluster (cluster CIDR 10.244.0.0/16):
//
//	web    10.96.0.20:80/tcp   → 10.244.2.7:8080
//	dns    10.96.0.10:53/udp   → 10.244.2.7:53
//	broken 10.96.0.30:80/tcp   (no endpoints)
//	np     NodePort 30080      → 10.244.2.7:8080 (eTP Cluster)
//	npl    NodePort 30081      → 10.244.2.7:8080 (eTP Local: none on node-1)
//	three  10.96.0.40:80/tcp   → 10.244.2.{1,2,3}:80
func testNode(t *testing.T) (*Kernel, *sim.Engine) {
	t.Helper()
	cfg := kubeproxy.DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{netip.MustParsePrefix("10.244.0.0/16")}
	p, err := kubeproxy.NewProxier(cfg, kubeproxy.Node{Name: nodeName, IP: addr(nodeIP), Addresses: []netip.Addr{addr("127.0.0.1"), addr(nodeIP)}}, kubeproxy.DefaultOptions())
	if err != nil {
		t.Fatalf("NewProxier() error = %v", err)
	}
	ep := func(ip string, port uint16) kubeproxy.Endpoint {
		return kubeproxy.Endpoint{IP: addr(ip), Port: port, NodeName: "node-2", Ready: true, Serving: true}
	}
	p.SetService(kubeproxy.ServicePort{Name: web, ClusterIP: addr("10.96.0.20"), Port: 80})
	p.SetEndpoints(web, []kubeproxy.Endpoint{ep(backend, 8080)})
	p.SetService(kubeproxy.ServicePort{Name: dns, ClusterIP: addr("10.96.0.10"), Port: 53})
	p.SetEndpoints(dns, []kubeproxy.Endpoint{ep(backend, 53)})
	p.SetService(kubeproxy.ServicePort{Name: none, ClusterIP: addr("10.96.0.30"), Port: 80})
	p.SetService(kubeproxy.ServicePort{Name: np, Type: kubeproxy.ServiceTypeNodePort, ClusterIP: addr("10.96.0.50"), Port: 80, NodePort: 30080})
	p.SetEndpoints(np, []kubeproxy.Endpoint{ep(backend, 8080)})
	p.SetService(kubeproxy.ServicePort{Name: npl, Type: kubeproxy.ServiceTypeNodePort, ClusterIP: addr("10.96.0.51"), Port: 80, NodePort: 30081,
		ExternalTrafficPolicy: kubeproxy.TrafficPolicyLocal})
	p.SetEndpoints(npl, []kubeproxy.Endpoint{ep(backend, 8080)})
	p.SetService(kubeproxy.ServicePort{Name: three, ClusterIP: addr("10.96.0.40"), Port: 80})
	p.SetEndpoints(three, []kubeproxy.Endpoint{ep("10.244.2.1", 80), ep("10.244.2.2", 80), ep("10.244.2.3", 80)})
	p.Sync()
	k := New()
	k.AddNode(nodeName, addr(nodeIP), netip.MustParsePrefix("10.244.1.0/24"))
	if err := k.Restore(nodeName, p.Ruleset()); err != nil {
		t.Fatalf("Restore() error = %v", err)
	}
	return k, sim.New(1)
}

// send runs a packet through node-1 as the data plane does: its first hook
// (PREROUTING, or OUTPUT when local), then every later hook the kernel
// says it meets, each with the packet the previous one left.
func send(k *Kernel, e *sim.Engine, p network.Packet, local bool) []network.FilterResult {
	first := network.Prerouting
	if local {
		first = network.Output
	}
	r := k.Filter(e, nodeName, first, p)
	out := []network.FilterResult{r}
	w := k.Node(nodeName).cur
	for _, h := range w.hooks[1:] {
		r = k.Filter(e, nodeName, h, r.Packet)
		out = append(out, r)
	}
	return out
}

type pkt struct {
	at       time.Duration
	src, dst string // "ip:port"; ports ignored for ICMP
	proto    network.Protocol
	flags    network.TCPFlags
	icmp     uint8 // ICMP type
	quoted   *network.Packet
	local    bool
}

type want struct {
	verdict  network.VerdictKind
	src, dst string // the packet leaving the node
	quoted   string // an ICMP error's quoted destination after the node
	notes    []string
	notNotes []string
}

func (q pkt) packet(id uint64) network.Packet {
	p := network.Packet{ID: id, Src: ap(q.src), Dst: ap(q.dst), Proto: q.proto, Flags: q.flags, TTL: 64, Quoted: q.quoted}
	if q.proto == network.ICMP {
		p.ICMPType, p.ICMPCode = q.icmp, network.ICMPPortUnreachable
		p.Src, p.Dst = netip.AddrPortFrom(p.Src.Addr(), 0), netip.AddrPortFrom(p.Dst.Addr(), 0)
	}
	return p
}

func TestFlows(t *testing.T) {
	svc := kubeproxy.ServicePortChains
	sep := func(n kubeproxy.ServicePortName, ep string) string { return kubeproxy.EndpointChain(n, ap(ep)) }
	syn, synack, ack := network.SYN, network.SYN|network.ACK, network.ACK
	tcp := network.TCP
	quotedToBackend := &network.Packet{Src: ap(client + ":40000"), Dst: ap(backend + ":53"), Proto: network.UDP}
	tests := []struct {
		name    string
		packets []pkt
		want    []want // one per packet
	}{{
		name:    "first packet walks nat and is DNATed",
		packets: []pkt{{src: client + ":40000", dst: "10.96.0.20:80", proto: tcp, flags: syn}},
		want: []want{{verdict: network.Accept, src: client + ":40000", dst: backend + ":8080", notes: []string{
			"conntrack: new connection, confirmed as tcp      6 120 SYN_SENT src=10.244.1.5 dst=10.96.0.20 sport=40000 dport=80 [UNREPLIED] src=10.244.2.7 dst=10.244.1.5 sport=8080 dport=40000 mark=0 use=1",
			"nat PREROUTING #1: -A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES → jump KUBE-SERVICES",
			"-j " + svc(web).SVC + " → jump " + svc(web).SVC,
			"nat " + sep(web, backend+":8080") + " #2: -A " + sep(web, backend+":8080") + " -p tcp -m comment --comment \"default/web:http\" -m tcp -j DNAT --to-destination 10.244.2.7:8080 → DNAT 10.244.2.7:8080",
			"rewrite (nat " + sep(web, backend+":8080") + " #2): tcp 10.244.1.5:40000 > 10.96.0.20:80 [SYN] mark=0x0 → tcp 10.244.1.5:40000 > 10.244.2.7:8080 [SYN] mark=0x0",
		}}},
	}, {
		name: "later packets reuse conntrack, replies are un-DNATed",
		packets: []pkt{
			{src: client + ":40000", dst: "10.96.0.20:80", proto: tcp, flags: syn},
			{at: time.Millisecond, src: backend + ":8080", dst: client + ":40000", proto: tcp, flags: synack},
			{at: 2 * time.Millisecond, src: client + ":40000", dst: "10.96.0.20:80", proto: tcp, flags: ack},
		},
		want: []want{
			{verdict: network.Accept, src: client + ":40000", dst: backend + ":8080"},
			{verdict: network.Accept, src: "10.96.0.20:80", dst: client + ":40000", notes: []string{
				"conntrack: reply of a known connection: its NAT is undone, the nat table is not walked",
				"rewrite (conntrack binding): tcp 10.244.2.7:8080 > 10.244.1.5:40000 [SYN,ACK] mark=0x0 → tcp 10.96.0.20:80 > 10.244.1.5:40000 [SYN,ACK] mark=0x0",
			}, notNotes: []string{"KUBE-SERVICES"}},
			{verdict: network.Accept, src: client + ":40000", dst: backend + ":8080", notes: []string{
				"conntrack: packet of a known connection: its NAT binding applies, the nat table is not walked",
				"verdict ACCEPT (0 rules examined)",
			}, notNotes: []string{"KUBE-SERVICES", "DNAT"}},
		},
	}, {
		name:    "no endpoints: REJECT, the node answers ICMP port unreachable",
		packets: []pkt{{src: client + ":40000", dst: "10.96.0.30:80", proto: tcp, flags: syn}},
		want: []want{{verdict: network.Reject, src: client + ":40000", dst: "10.96.0.30:80", notes: []string{
			"conntrack: new connection, not confirmed (the packet did not get through)",
			"filter KUBE-SERVICES #1: -A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment \"default/broken:http has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable → REJECT icmp-port-unreachable",
			"verdict REJECT icmp-port-unreachable",
		}}},
	}, {
		name:    "eTP Local without a local endpoint: DROP, nothing answers",
		packets: []pkt{{src: "203.0.113.9:5555", dst: nodeIP + ":30081", proto: tcp, flags: syn}},
		want: []want{{verdict: network.Drop, src: "203.0.113.9:5555", dst: nodeIP + ":30081", notes: []string{
			"\"default/npl:http has no local endpoints\" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j DROP → DROP",
			"verdict DROP",
		}, notNotes: []string{"REJECT"}}},
	}, {
		name:    "NodePort with eTP Cluster: DNAT, then MASQUERADE to the node IP",
		packets: []pkt{{src: "203.0.113.9:5555", dst: nodeIP + ":30080", proto: tcp, flags: syn}},
		want: []want{{verdict: network.Accept, src: nodeIP + ":5555", dst: backend + ":8080", notes: []string{
			"-j KUBE-MARK-MASQ → jump KUBE-MARK-MASQ",
			"nat KUBE-POSTROUTING #3: -A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully → MASQUERADE 192.168.0.2 random-fully",
			"rewrite (nat KUBE-POSTROUTING #3): tcp 203.0.113.9:5555 > 10.244.2.7:8080 [SYN] mark=0x0 → tcp 192.168.0.2:5555 > 10.244.2.7:8080 [SYN] mark=0x0",
		}}},
	}, {
		name: "ICMP error from the endpoint is RELATED and un-DNATed",
		packets: []pkt{
			{src: client + ":40000", dst: "10.96.0.10:53", proto: network.UDP},
			{at: time.Millisecond, src: backend + ":0", dst: client + ":0", proto: network.ICMP, icmp: network.ICMPDestUnreachable, quoted: quotedToBackend},
		},
		want: []want{
			{verdict: network.Accept, src: client + ":40000", dst: backend + ":53"},
			{verdict: network.Accept, src: "10.96.0.10:0", dst: client + ":0", quoted: "10.96.0.10:53", notes: []string{
				"conntrack: ICMP error RELATED to udp      17 30 src=10.244.1.5 dst=10.96.0.10 sport=40000 dport=53 [UNREPLIED] src=10.244.2.7 dst=10.244.1.5 sport=53 dport=40000 mark=0 use=1",
			}, notNotes: []string{"KUBE-SERVICES"}},
		},
	}, {
		name:    "ICMP error of no known connection is not translated",
		packets: []pkt{{src: backend + ":0", dst: client + ":0", proto: network.ICMP, icmp: network.ICMPDestUnreachable, quoted: quotedToBackend}},
		want: []want{{verdict: network.Accept, src: backend + ":0", dst: client + ":0", notes: []string{
			"conntrack: ICMP error of no known connection",
		}}},
	}, {
		name:    "the trace gives the draw and its odds",
		packets: []pkt{{src: client + ":40000", dst: "10.96.0.40:80", proto: tcp, flags: syn}},
		want: []want{{verdict: network.Accept, src: client + ":40000", notes: []string{
			"statistic random in " + svc(three).SVC + " #2: odds 1/3 (p=0.33333333349), drew ",
		}}},
	}, {
		name:    "a packet the node sends walks OUTPUT and is masqueraded",
		packets: []pkt{{src: nodeIP + ":40000", dst: "10.96.0.20:80", proto: tcp, flags: syn, local: true}},
		want: []want{{verdict: network.Accept, src: nodeIP + ":40000", dst: backend + ":8080", notes: []string{
			"nat OUTPUT #1: -A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES → jump KUBE-SERVICES",
			"MASQUERADE 192.168.0.2 random-fully",
		}}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, e := testNode(t)
			for i, q := range tc.packets {
				if err := e.RunUntil(q.at); err != nil {
					t.Fatal(err)
				}
				p := q.packet(uint64(i + 1))
				rs := send(k, e, p, q.local)
				checkWalk(t, p, rs, tc.want[i])
			}
		})
	}
}

func checkWalk(t *testing.T, in network.Packet, rs []network.FilterResult, w want) {
	t.Helper()
	last := rs[len(rs)-1]
	var notes []string
	for _, r := range rs {
		notes = append(notes, r.Notes...)
	}
	text := strings.Join(notes, "\n")
	if last.Verdict != w.verdict {
		t.Errorf("Filter(%v) verdict = %v, want %v; notes:\n%s", in, last.Verdict, w.verdict, text)
	}
	if got := last.Packet.Src.String(); w.src != "" && got != w.src {
		t.Errorf("Filter(%v) source = %s, want %s", in, got, w.src)
	}
	if got := last.Packet.Dst.String(); w.dst != "" && got != w.dst {
		t.Errorf("Filter(%v) destination = %s, want %s", in, got, w.dst)
	}
	if w.quoted != "" && (last.Packet.Quoted == nil || last.Packet.Quoted.Dst.String() != w.quoted) {
		t.Errorf("Filter(%v) quoted packet = %v, want its destination %s", in, last.Packet.Quoted, w.quoted)
	}
	for _, n := range w.notes {
		if !strings.Contains(text, n) {
			t.Errorf("Filter(%v) notes lack %q; notes:\n%s", in, n, text)
		}
	}
	for _, n := range w.notNotes {
		if strings.Contains(text, n) {
			t.Errorf("Filter(%v) notes contain %q; notes:\n%s", in, n, text)
		}
	}
}

func TestConntrackListAfterHandshake(t *testing.T) {
	k, e := testNode(t)
	send(k, e, pkt{src: client + ":40000", dst: "10.96.0.20:80", proto: network.TCP, flags: network.SYN}.packet(1), false)
	_ = e.RunUntil(time.Millisecond)
	send(k, e, pkt{src: backend + ":8080", dst: client + ":40000", proto: network.TCP, flags: network.SYN | network.ACK}.packet(2), false)
	_ = e.RunUntil(2 * time.Millisecond)
	send(k, e, pkt{src: client + ":40000", dst: "10.96.0.20:80", proto: network.TCP, flags: network.ACK}.packet(3), false)
	b, _ := k.Node(nodeName).CT.AppendList(nil, time.Second)
	want := "tcp      6 86399 ESTABLISHED src=10.244.1.5 dst=10.96.0.20 sport=40000 dport=80 src=10.244.2.7 dst=10.244.1.5 sport=8080 dport=40000 [ASSURED] mark=0 use=1\n"
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("conntrack -L mismatch (-want +got):\n%s", diff)
	}
}

func TestUnknownNodeAccepts(t *testing.T) {
	k, e := testNode(t)
	p := pkt{src: client + ":1", dst: "10.96.0.30:80", proto: network.TCP, flags: network.SYN}.packet(1)
	r := k.Filter(e, "node-9", network.Prerouting, p)
	if r.Verdict != network.Accept || r.Packet != p || len(r.Notes) != 0 {
		t.Errorf("Filter(node-9, %v) = %+v, want the packet accepted untouched", p, r)
	}
}
