package dns

import (
	"fmt"
	"net/netip"
	"runtime"
	"testing"

	mdns "github.com/miekg/dns"
)

// bigIndex builds 10,000 Services in 100 namespaces, each with one
// EndpointSlice of 10 ready endpoints (100,000 endpoints, each its own pod
// address in 10.244.0.0/14); every tenth Service is headless.
func bigIndex() *Index {
	x := NewIndex()
	for n := range 100 {
		x.AddNamespace(t0, fmt.Sprintf("ns%d", n))
	}
	for i := range 10000 {
		ns, name := fmt.Sprintf("ns%d", i%100), fmt.Sprintf("svc%d", i)
		s := Service{Namespace: ns, Name: name, Ports: []ServicePort{{Name: "http", Port: 80, Protocol: "TCP"}}}
		if i%10 == 0 {
			s.Headless = true
		} else {
			s.ClusterIPs = []netip.Addr{netip.AddrFrom4([4]byte{10, 96, byte(i >> 8), byte(i)})}
		}
		x.UpsertService(t0, s)
		sl := EndpointSlice{Namespace: ns, Name: name + "-abcde", ServiceName: name,
			Ports: []EndpointPort{{Name: "http", Port: 8080, Protocol: "TCP"}}}
		for e := range 10 {
			id := i*10 + e
			sl.Endpoints = append(sl.Endpoints, Endpoint{
				Addresses: []netip.Addr{netip.AddrFrom4([4]byte{10, byte(244 + id>>16), byte(id >> 8), byte(id)})},
				NodeName:  fmt.Sprintf("node%d", id%500), TargetRef: PodRef{ns, fmt.Sprintf("%s-pod-%d", name, e)}})
		}
		x.UpsertEndpointSlice(t0, sl)
	}
	return x
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkQuery10kServices answers A queries for ClusterIP and headless
// Services through kubeadm's CoreDNS (cache, kubernetes), no packet path.
func BenchmarkQuery10kServices(b *testing.B) {
	before := heapInUse()
	idx := bigIndex()
	after := heapInUse()
	srv := NewServer(DefaultConfig(), idx, nil, Options{})
	qs := make([]*mdns.Msg, 1024)
	for i := range qs {
		n := (i * 7919) % 10000
		qs[i] = query(fmt.Sprintf("svc%d.ns%d.svc.cluster.local.", n, n%100), mdns.TypeA)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := srv.Exchange(t0, qs[i&1023])
		if len(m.Answer) == 0 {
			b.Fatalf("no answer for %s", qs[i&1023].Question[0].Name)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
	b.ReportMetric(float64(after-before)/10000, "index-B/service")
	runtime.KeepAlive(idx)
}

// BenchmarkEndpointSliceUpdate replaces one Service's slice in the 10k index.
func BenchmarkEndpointSliceUpdate(b *testing.B) {
	idx := bigIndex()
	sl := EndpointSlice{Namespace: "ns1", Name: "svc1-abcde", ServiceName: "svc1",
		Ports: []EndpointPort{{Name: "http", Port: 8080, Protocol: "TCP"}}}
	for e := range 10 {
		sl.Endpoints = append(sl.Endpoints, Endpoint{Addresses: []netip.Addr{netip.AddrFrom4([4]byte{10, 248, 0, byte(e)})}})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		idx.UpsertEndpointSlice(t0, sl)
	}
}
