package dns

import (
	"net/netip"
	"testing"
	"time"

	mdns "github.com/miekg/dns"
)

// t0 is the virtual time of the test cluster's last change: SOA serial
// 1704067200.
var t0 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func ip(s string) netip.Addr { return netip.MustParseAddr(s) }

func ips(s ...string) []netip.Addr {
	out := make([]netip.Addr, len(s))
	for i, v := range s {
		out[i] = ip(v)
	}
	return out
}

// testIndex is a cluster shaped like CoreDNS's handler_test.go fixtures plus
// the kiamol numbers-api Services of the reference.
func testIndex() *Index {
	x := NewIndex()
	for _, ns := range []string{"default", "testns", "kube-system"} {
		x.AddNamespace(t0, ns)
	}
	http := []ServicePort{{Name: "http", Port: 80, Protocol: "TCP"}}
	x.UpsertService(t0, Service{Namespace: "default", Name: "numbers-api", ClusterIPs: ips("10.96.45.12"), Ports: http})
	x.UpsertService(t0, Service{Namespace: "default", Name: "broken-api", ClusterIPs: ips("10.96.77.7"), Ports: http})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "svc1", ClusterIPs: ips("10.0.0.1"),
		Ports: []ServicePort{{Name: "http", Port: 80, Protocol: "TCP"}, {Name: "https", Port: 443, Protocol: "TCP"}}})
	x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "testns", Name: "svc1-abcde", ServiceName: "svc1",
		Ports: []EndpointPort{{Name: "http", Port: 8080, Protocol: "TCP"}},
		Endpoints: []Endpoint{
			{Addresses: ips("172.0.0.1"), TargetRef: PodRef{"testns", "svc1-pod-1"}},
			{Addresses: ips("172.0.0.3"), Conditions: Conditions{Ready: CondTrue}},
			{Addresses: ips("172.0.0.9"), Conditions: Conditions{Ready: CondFalse, Serving: CondTrue, Terminating: CondTrue}},
		}})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "hdls1", Headless: true, Ports: http})
	x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "testns", Name: "hdls1-v4", ServiceName: "hdls1",
		Ports: []EndpointPort{{Name: "http", Port: 80, Protocol: "TCP"}},
		Endpoints: []Endpoint{
			{Addresses: ips("172.0.0.2")},
			{Addresses: ips("172.0.0.3"), Hostname: "dup-name"},
			{Addresses: ips("172.0.0.4"), Hostname: "dup-name"},
			{Addresses: ips("172.0.0.5"), Conditions: Conditions{Ready: CondFalse}},
		}})
	x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "testns", Name: "hdls1-v6", ServiceName: "hdls1",
		Ports:     []EndpointPort{{Name: "http", Port: 80, Protocol: "TCP"}},
		Endpoints: []Endpoint{{Addresses: ips("5678:abcd::1")}}})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "empty-headless", Headless: true, Ports: http})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "external", Type: ExternalName, ExternalName: "ext.interwebs.test"})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "external-to-service", Type: ExternalName, ExternalName: "svc1.testns.svc.cluster.local"})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "ext-ip", Type: ExternalName, ExternalName: "1.2.3.4"})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "loop-a", Type: ExternalName, ExternalName: "loop-b.testns.svc.cluster.local"})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "loop-b", Type: ExternalName, ExternalName: "loop-a.testns.svc.cluster.local"})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "self", Type: ExternalName, ExternalName: "self.testns.svc.cluster.local"})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "dual", ClusterIPs: ips("10.0.0.9", "fd00::9"), Ports: http})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "noports", ClusterIPs: ips("10.0.0.10")})
	x.UpsertService(t0, Service{Namespace: "kube-system", Name: "kube-dns", ClusterIPs: ips("10.96.0.10"),
		Ports: []ServicePort{{Name: "dns", Port: 53, Protocol: "UDP"}, {Name: "dns-tcp", Port: 53, Protocol: "TCP"}, {Name: "metrics", Port: 9153, Protocol: "TCP"}}})
	x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "kube-system", Name: "kube-dns-x1", ServiceName: "kube-dns",
		Ports:     []EndpointPort{{Name: "dns", Port: 53, Protocol: "UDP"}},
		Endpoints: []Endpoint{{Addresses: ips("10.244.0.5"), TargetRef: PodRef{"kube-system", "coredns-7db6d8ff4d-abcde"}}}})
	x.UpsertPod(t0, Pod{Namespace: "testns", Name: "svc1-pod-1", IPs: ips("172.0.0.1")})
	return x
}

func testUpstream(t testing.TB) *Upstream {
	t.Helper()
	u, err := NewUpstream(
		"ext.interwebs.test. 300 IN A 1.2.3.4",
		"example.com. 300 IN A 93.184.216.34",
		"example.com. 300 IN AAAA 2606:2800:220:1:248:1893:25c8:1946",
		"raw.githubusercontent.com. 3600 IN A 185.199.108.133",
		"raw.githubusercontent.com. 3600 IN A 185.199.111.133",
		"www.example.net. 600 IN CNAME example.com.",
	)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// testServer is kubeadm's CoreDNS over testIndex, its pod IP 10.244.0.5.
func testServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	return NewServer(cfg, testIndex(), testUpstream(t), Options{LocalIPs: ips("10.244.0.5")})
}

func query(name string, qtype uint16) *mdns.Msg {
	q := new(mdns.Msg)
	q.SetQuestion(name, qtype)
	q.Id = 4242
	return q
}

func rrStrings(rrs []mdns.RR) []string {
	var out []string
	for _, rr := range rrs {
		if rr.Header().Rrtype == mdns.TypeOPT {
			continue
		}
		out = append(out, rr.String())
	}
	return out
}
