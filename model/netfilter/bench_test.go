package netfilter

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// benchCluster has n ClusterIP services with two endpoints each.
func benchCluster(n int) cluster {
	c := cluster{opts: kubeproxy.DefaultOptions(), eps: map[kubeproxy.ServicePortName][]kubeproxy.Endpoint{}}
	for i := range n {
		name := tcpPort("ns", "svc"+itoa(i), "http")
		c.services = append(c.services, kubeproxy.ServicePort{Name: name, ClusterIP: netip.AddrFrom4([4]byte{172, 30, byte(i >> 8), byte(i)}), Port: 80})
		c.eps[name] = []kubeproxy.Endpoint{
			{IP: netip.AddrFrom4([4]byte{10, 180, byte(i >> 8), byte(i)}), Port: 8080, Ready: true, Serving: true},
			{IP: netip.AddrFrom4([4]byte{10, 181, byte(i >> 8), byte(i)}), Port: 8080, Ready: true, Serving: true},
		}
	}
	return c
}

func itoa(i int) string {
	return string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26))
}

// benchmarkClassify sends pod → ClusterIP first packets through the nat
// PREROUTING walk (the DNAT decision) without a step trace, to distinct of
// the n Services (every n/distinct-th).
func benchmarkClassify(b *testing.B, n, distinct int) {
	c := benchCluster(n)
	rs := c.ruleset(b)
	ev := New(NewNodeAddrs(testNodeAddrs...))
	if err := ev.Load(rs); err != nil {
		b.Fatal(err)
	}
	pkts := make([]Packet, 1024)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range pkts {
		sp := c.services[rng.IntN(distinct)*(n/distinct)]
		pkts[i] = Packet{Src: addr("10.0.0.2"), Dst: sp.ClusterIP, Proto: ProtoTCP, SrcPort: 40000, DstPort: 80, Flags: FlagSYN, CT: CTNew, In: "eth0"}
	}
	env := Env{Rand: rng}
	var r Result
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		err := ev.CheckInto(HookPrerouting, pkts[i&1023], &env, &r)
		if err != nil || r.Verdict.Kind != VerdictDNAT {
			b.Fatalf("CheckPrerouting() = %v, %v", r.Verdict, err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

func BenchmarkClassify100Services(b *testing.B) { benchmarkClassify(b, 100, 100) }
func BenchmarkClassify10kServices(b *testing.B) { benchmarkClassify(b, 10000, 10000) }

// BenchmarkClassify10kServicesTo100 loads 10,000 Services but sends to 100
// of them: it runs as fast as BenchmarkClassify100Services, so what the
// 10,000-Service walk pays for is memory (each packet touches a random
// Service's rules and chains), not work that grows with the Services.
func BenchmarkClassify10kServicesTo100(b *testing.B) { benchmarkClassify(b, 10000, 100) }
