package dns

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	mdns "github.com/miekg/dns"
)

// fastPathIndex is testIndex plus the Services the fast path must refuse
// or treat with care.
func fastPathIndex() *Index {
	x := testIndex()
	x.AddNamespace(t0, "Upper")
	x.UpsertService(t0, Service{Namespace: "testns", Name: "dup-ip", ClusterIPs: ips("10.0.1.1", "10.0.1.1")})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "two-v4", ClusterIPs: ips("10.0.1.2", "10.0.1.3")})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "aba", ClusterIPs: ips("10.0.1.4", "fd00::4", "10.0.1.4")})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "mapped", ClusterIPs: ips("::ffff:10.0.1.5")})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "zoned", ClusterIPs: ips("fe80::1%eth0")})
	x.UpsertService(t0, Service{Namespace: "Upper", Name: "MixedCase", ClusterIPs: ips("10.0.1.6")})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "dot.ted", ClusterIPs: ips("10.0.1.7")})
	x.UpsertService(t0, Service{Namespace: "dot", Name: "ted.testns", ClusterIPs: ips("10.0.1.8")})
	x.UpsertService(t0, Service{Namespace: "gone", Name: "orphan", ClusterIPs: ips("10.0.1.9")})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "deleted", ClusterIPs: ips("10.0.1.10")})
	x.DeleteService(t0, "testns", "deleted")
	x.UpsertService(t0, Service{Namespace: "testns", Name: "retyped", ClusterIPs: ips("10.0.1.11")})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "retyped", Headless: true})
	x.UpsertService(t0, Service{Namespace: "testns", Name: "hdls-dup", Headless: true})
	for _, sl := range []string{"b", "a"} {
		x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "testns", Name: "hdls-dup-" + sl, ServiceName: "hdls-dup",
			Endpoints: []Endpoint{{Addresses: ips("172.1.0.1", "fd01::1")}, {Addresses: ips("172.1.0.2")},
				{Addresses: ips("172.1.0.3"), Conditions: Conditions{Ready: CondFalse}}, {Addresses: ips("172.1.0.9", "172.1.0.1")}}})
	}
	x.UpsertService(t0, Service{Namespace: "testns", Name: "hdls-v6only", Headless: true})
	x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "testns", Name: "hdls-v6only-x", ServiceName: "hdls-v6only",
		Endpoints: []Endpoint{{Addresses: ips("fd01::2")}}})
	x.AddNamespace(t0, "dropped")
	x.UpsertService(t0, Service{Namespace: "dropped", Name: "svc", ClusterIPs: ips("10.0.1.12")})
	x.DeleteNamespace(t0, "dropped")
	return x
}

// TestFastPathAnswersAsGeneralPath sends A and AAAA queries for every kind
// of name to the same server with and without the fast path: the replies
// must be the same, byte for byte, under every configuration that changes
// the rules the fast path copies.
func TestFastPathAnswersAsGeneralPath(t *testing.T) {
	names := []string{
		"svc1.testns.svc.cluster.local.", "SVC1.TestNS.svc.Cluster.Local.", "svc1.testns.svc.cluster.local",
		"numbers-api.default.svc.cluster.local.", "svc1.default.svc.cluster.local.", "svc1.nons.svc.cluster.local.",
		"dual.testns.svc.cluster.local.", "noports.testns.svc.cluster.local.", "hdls1.testns.svc.cluster.local.",
		"empty-headless.testns.svc.cluster.local.", "external.testns.svc.cluster.local.", "ext-ip.testns.svc.cluster.local.",
		"external-to-service.testns.svc.cluster.local.", "dup-ip.testns.svc.cluster.local.", "two-v4.testns.svc.cluster.local.",
		"aba.testns.svc.cluster.local.", "mapped.testns.svc.cluster.local.", "zoned.testns.svc.cluster.local.",
		"mixedcase.upper.svc.cluster.local.", "MixedCase.Upper.svc.cluster.local.", "dot.ted.testns.svc.cluster.local.",
		"ted.testns.svc.cluster.local.", "dot\\.ted.testns.svc.cluster.local.", "orphan.gone.svc.cluster.local.",
		"deleted.testns.svc.cluster.local.", "retyped.testns.svc.cluster.local.", "svc.dropped.svc.cluster.local.",
		"kube-dns.kube-system.svc.cluster.local.", "hdls-dup.testns.svc.cluster.local.",
		"hdls-v6only.testns.svc.cluster.local.", ".testns.svc.cluster.local.", "svc1..svc.cluster.local.",
		"svc1.testns.svc.svc.cluster.local.", "x.svc1.testns.svc.cluster.local.", "svc1.testns.pod.cluster.local.",
		"svc1.testns.svc.in-addr.arpa.", "ns.dns.cluster.local.", "svc1.testns.svc.example.com.",
		"_http._tcp.svc1.testns.svc.cluster.local.", "svc1.testns.svc.", "testns.svc.cluster.local.",
	}
	configs := []struct {
		name string
		edit func(*Config)
	}{
		{"kubeadm", func(*Config) {}},
		{"namespaces", func(c *Config) { c.Kubernetes.Namespaces = []string{"testns", "Upper"} }},
		{"ignore empty_service", func(c *Config) { c.Kubernetes.IgnoreEmptyService = true }},
		{"svc zone", func(c *Config) { c.Kubernetes.Zones = []string{"svc.cluster.local.", "cluster.local."} }},
	}
	for _, c := range configs {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			kc := *cfg.Kubernetes
			cfg.Kubernetes = &kc
			c.edit(&cfg)
			fast := NewServer(cfg, fastPathIndex(), testUpstream(t), Options{LocalIPs: ips("10.244.0.5")})
			slow := NewServer(cfg, fastPathIndex(), testUpstream(t), Options{LocalIPs: ips("10.244.0.5")})
			slow.kube.slowOnly = true
			for _, name := range names {
				for _, qt := range []uint16{mdns.TypeA, mdns.TypeAAAA} {
					got := fast.Exchange(t0, query(name, qt)).String()
					want := slow.Exchange(t0, query(name, qt)).String()
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s %s: fast path differs (-general +fast):\n%s", name, mdns.TypeToString[qt], diff)
					}
				}
			}
		})
	}
}

// FuzzFastPath: for any name, A and AAAA get the same reply with and
// without the fast path.
func FuzzFastPath(f *testing.F) {
	for _, s := range []string{"svc1.testns.svc.cluster.local.", "hdls-dup.testns.svc.cluster.local.",
		"MixedCase.Upper.svc.cluster.local.", "dot\\.ted.testns.svc.cluster.local.", "ns.dns.cluster.local."} {
		f.Add(s, true)
	}
	fast := NewServer(DefaultConfig(), fastPathIndex(), testUpstream(f), Options{LocalIPs: ips("10.244.0.5")})
	slow := NewServer(DefaultConfig(), fastPathIndex(), testUpstream(f), Options{LocalIPs: ips("10.244.0.5")})
	slow.kube.slowOnly = true
	f.Fuzz(func(t *testing.T, name string, v4 bool) {
		if _, ok := mdns.IsDomainName(name); !ok {
			return
		}
		qt := mdns.TypeAAAA
		if v4 {
			qt = mdns.TypeA
		}
		q := query(mdns.Fqdn(name), qt)
		if _, err := q.Pack(); err != nil {
			return
		}
		got, want := fast.Exchange(t0, q).String(), slow.Exchange(t0, q).String()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q: fast path differs (-general +fast):\n%s", name, diff)
		}
	})
}
