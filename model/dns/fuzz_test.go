package dns

import (
	"testing"

	mdns "github.com/miekg/dns"
)

func FuzzParseCorefile(f *testing.F) {
	f.Add(KubeadmCorefile)
	f.Add(".:53 {\n kubernetes {\n  fallthrough\n }\n cache\n}\n")
	f.Add("a b {\n{\n}\"")
	f.Add(".:x {\n forward . 1.1.1.1 {\n except a\n }\n}")
	f.Fuzz(func(t *testing.T, text string) {
		cfg, err := ParseCorefile(text)
		if err == nil {
			_ = NewServer(cfg, NewIndex(), nil, Options{})
		}
	})
}

// FuzzQueryName sends arbitrary names and types through kubeadm's CoreDNS
// over the test cluster: it must answer, never panic or hang.
func FuzzQueryName(f *testing.F) {
	for _, s := range []string{"svc1.testns.svc.cluster.local.", "_http._tcp.hdls1.testns.svc.cluster.local.",
		"1-2-3-4.testns.pod.cluster.local.", "3.0.0.172.in-addr.arpa.", "loop-a.testns.svc.cluster.local.",
		"a.b.c.d.e.f.g.svc.cluster.local.", "x\\.y.testns.svc.cluster.local.", "ns.dns.cluster.local.", "."} {
		f.Add(s, uint16(mdns.TypeA))
	}
	srv := testServer(f, DefaultConfig())
	f.Fuzz(func(t *testing.T, name string, qtype uint16) {
		if _, ok := mdns.IsDomainName(name); !ok {
			return
		}
		q := query(mdns.Fqdn(name), qtype)
		if _, err := q.Pack(); err != nil {
			return // a query that cannot be sent never reaches the server
		}
		m := srv.Exchange(t0, q)
		if m == nil || m.Id != q.Id {
			t.Fatalf("Exchange(%q, %d) = %v", name, qtype, m)
		}
		if _, err := m.Pack(); err != nil {
			t.Fatalf("Exchange(%q, %d) reply does not pack: %v", name, qtype, err)
		}
	})
}
