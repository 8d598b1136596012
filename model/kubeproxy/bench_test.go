package kubeproxy

import (
	"net/netip"
	"strconv"
	"testing"
)

// benchProxier mirrors the upstream generator used in kubeproxy-bench.md:
// Service namespace/svc<i>, ClusterIP 10.0.0.1+i, port 80+i, M remote ready
// endpoints 172.16.0.1… on port 8080, cluster CIDR 10.0.0.0/8.
func benchProxier(b *testing.B, services, epsPerSvc int) (*Proxier, []ServicePortName) {
	b.Helper()
	cfg := DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	p, err := NewProxier(cfg, Node{Name: "test-node", IP: netip.MustParseAddr("192.168.0.2")}, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	names := make([]ServicePortName, services)
	base := netip.MustParseAddr("10.0.0.1")
	for i := range services {
		names[i] = ServicePortName{Namespace: "namespace", Name: "svc" + strconv.Itoa(i), Protocol: ProtocolTCP}
		p.SetService(ServicePort{Name: names[i], ClusterIP: addrAdd(base, i), Port: uint16(80 + i)})
		p.SetEndpoints(names[i], benchEndpoints(epsPerSvc, 0))
	}
	return p, names
}

func benchEndpoints(n, shift int) []Endpoint {
	eps := make([]Endpoint, n)
	base := netip.MustParseAddr("172.16.0.1")
	for j := range n {
		eps[j] = Endpoint{IP: addrAdd(base, j+shift), Port: 8080, Ready: true, Serving: true}
	}
	return eps
}

func addrAdd(a netip.Addr, n int) netip.Addr {
	for range n {
		a = a.Next()
	}
	return a
}

// BenchmarkFullSync10kServices regenerates every service's rules (data and
// payload text) and assembles the full payload: a full sync at 10,000
// Services × 10 endpoints (320,005 nat rules).
func BenchmarkFullSync10kServices(b *testing.B) {
	p, _ := benchProxier(b, 10000, 10)
	// Two syncs first: the proxier alternates between two payload buffers.
	p.Sync()
	p.ForceFullSync()
	p.Sync()
	b.ReportAllocs()
	b.ResetTimer()
	var res SyncResult
	for b.Loop() {
		for _, e := range p.order {
			e.dirty = true
		}
		p.ForceFullSync()
		res = p.Sync()
	}
	b.ReportMetric(float64(res.RulesGenerated), "rules/op")
	b.ReportMetric(float64(res.NATRules), "natRules")
	b.ReportMetric(float64(len(res.Payload)), "payloadBytes")
}

// BenchmarkOneEndpointChange10kServices changes one endpoint of one Service
// and syncs: only that service's fragment is rebuilt; the partial payload
// still carries every service's KUBE-SERVICES rules.
func BenchmarkOneEndpointChange10kServices(b *testing.B) {
	p, names := benchProxier(b, 10000, 10)
	// Two syncs first: the proxier alternates between two payload buffers.
	p.Sync()
	p.ForceFullSync()
	p.Sync()
	b.ReportAllocs()
	b.ResetTimer()
	var res SyncResult
	i := 0
	for b.Loop() {
		i++
		p.SetEndpoints(names[5000], benchEndpoints(10, i%2))
		res = p.Sync()
	}
	b.ReportMetric(float64(res.RulesGenerated), "rules/op")
	b.ReportMetric(float64(res.NATRules), "natRules")
	b.ReportMetric(float64(len(res.Payload)), "payloadBytes")
}
