package kernel

import (
	"net/netip"
	"testing"

	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// benchKernel is node-1 with n ClusterIP services (172.30.x.y:80) of two
// endpoints each, both on node-2.
func benchKernel(b *testing.B, n int) (*Kernel, *sim.Engine, []netip.Addr) {
	cfg := kubeproxy.DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	p, err := kubeproxy.NewProxier(cfg, kubeproxy.Node{Name: nodeName, IP: addr(nodeIP), Addresses: []netip.Addr{addr("127.0.0.1"), addr(nodeIP)}}, kubeproxy.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	vips := make([]netip.Addr, n)
	for i := range n {
		name := kubeproxy.ServicePortName{Namespace: "ns", Name: "svc" + netip.AddrFrom4([4]byte{0, 0, byte(i >> 8), byte(i)}).String(), Port: "http", Protocol: kubeproxy.ProtocolTCP}
		vips[i] = netip.AddrFrom4([4]byte{172, 30, byte(i >> 8), byte(i)})
		p.SetService(kubeproxy.ServicePort{Name: name, ClusterIP: vips[i], Port: 80})
		p.SetEndpoints(name, []kubeproxy.Endpoint{
			{IP: netip.AddrFrom4([4]byte{10, 180, byte(i >> 8), byte(i)}), Port: 8080, NodeName: "node-2", Ready: true, Serving: true},
			{IP: netip.AddrFrom4([4]byte{10, 181, byte(i >> 8), byte(i)}), Port: 8080, NodeName: "node-2", Ready: true, Serving: true},
		})
	}
	p.Sync()
	k := New()
	k.AddNode(nodeName, addr(nodeIP), netip.MustParsePrefix("10.244.1.0/24"))
	if err := k.Restore(nodeName, p.Ruleset()); err != nil {
		b.Fatal(err)
	}
	return k, sim.New(1), vips
}

// BenchmarkFirstPacket10kServices: pod → ClusterIP SYNs of new connections
// through the whole node (conntrack miss, nat walk with the trace notes,
// filter FORWARD, POSTROUTING, conntrack confirm); every packet is a new
// flow (a fresh source address and port), so the table grows by one entry
// per packet.
func BenchmarkFirstPacket10kServices(b *testing.B) {
	k, e, vips := benchKernel(b, 10000)
	b.ReportAllocs()
	var id uint64
	for b.Loop() {
		id++
		src := netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 244, 1, byte(id>>16) | 2}), uint16(id))
		p := network.Packet{ID: id, Src: src, Dst: netip.AddrPortFrom(vips[int(id)%len(vips)], 80), Proto: network.TCP, Flags: network.SYN, TTL: 64}
		if r := k.Filter(e, nodeName, network.Prerouting, p); r.Verdict != network.Accept || r.Packet.Dst.Port() != 8080 {
			b.Fatalf("Filter(%v) = %v %v, want DNAT to :8080", p, r.Verdict, r.Packet)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

// BenchmarkEstablished10kServices: ACKs of 1024 established connections:
// a conntrack hit, the binding applied, nat not walked.
func BenchmarkEstablished10kServices(b *testing.B) {
	k, e, vips := benchKernel(b, 10000)
	const flows = 1024
	acks := make([]network.Packet, flows)
	var id uint64
	for i := range flows {
		src := netip.AddrPortFrom(addr("10.244.1.5"), uint16(20000+i))
		dst := netip.AddrPortFrom(vips[i*7%len(vips)], 80)
		id++
		r := k.Filter(e, nodeName, network.Prerouting, network.Packet{ID: id, Src: src, Dst: dst, Proto: network.TCP, Flags: network.SYN})
		id++
		k.Filter(e, nodeName, network.Prerouting, network.Packet{ID: id, Src: r.Packet.Dst, Dst: src, Proto: network.TCP, Flags: network.SYN | network.ACK})
		acks[i] = network.Packet{Src: src, Dst: dst, Proto: network.TCP, Flags: network.ACK}
	}
	b.ReportAllocs()
	for b.Loop() {
		id++
		p := acks[id%flows]
		p.ID = id
		if r := k.Filter(e, nodeName, network.Prerouting, p); r.Verdict != network.Accept || r.Packet.Dst.Port() != 8080 {
			b.Fatalf("Filter(%v) = %v %v, want the binding to :8080", p, r.Verdict, r.Packet)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}
