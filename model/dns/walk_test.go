package dns

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	mdns "github.com/miekg/dns"
)

// walkLines renders a walk as "NAME TYPE -> RCODE" lines.
func walkLines(w Walk) []string {
	var out []string
	for _, s := range w.Steps {
		q := s.Query.Question[0]
		r := "timeout"
		if s.Reply != nil {
			r = mdns.RcodeToString[s.Reply.Rcode]
			if s.Reply.Rcode == mdns.RcodeSuccess && len(s.Reply.Answer) == 0 {
				r = "NODATA"
			}
		}
		out = append(out, fmt.Sprintf("%s %s -> %s", q.Name, mdns.TypeToString[q.Qtype], r))
	}
	return out
}

// The query sequences of behaviours.md §1.8, from a pod in default.
func TestWalkSearchGlibc(t *testing.T) {
	srv := testServer(t, DefaultConfig())
	rc := KubeletResolvConf("default", "cluster.local", ips("10.96.0.10"), nil)
	aaaa := []uint16{mdns.TypeA, mdns.TypeAAAA}
	for _, tc := range []struct {
		name  string
		libc  Libc
		want  []string
		addrs []string
	}{
		{"numbers-api", Glibc, []string{
			"numbers-api.default.svc.cluster.local. A -> NOERROR",
			"numbers-api.default.svc.cluster.local. AAAA -> NODATA",
		}, []string{"10.96.45.12"}},
		{"numbers-api.default", Glibc, []string{
			"numbers-api.default.default.svc.cluster.local. A -> NXDOMAIN",
			"numbers-api.default.default.svc.cluster.local. AAAA -> NXDOMAIN",
			"numbers-api.default.svc.cluster.local. A -> NOERROR",
			"numbers-api.default.svc.cluster.local. AAAA -> NODATA",
		}, []string{"10.96.45.12"}},
		{"numbers-api.default.svc.cluster.local", Glibc, []string{
			"numbers-api.default.svc.cluster.local.default.svc.cluster.local. A -> NXDOMAIN",
			"numbers-api.default.svc.cluster.local.default.svc.cluster.local. AAAA -> NXDOMAIN",
			"numbers-api.default.svc.cluster.local.svc.cluster.local. A -> NXDOMAIN",
			"numbers-api.default.svc.cluster.local.svc.cluster.local. AAAA -> NXDOMAIN",
			"numbers-api.default.svc.cluster.local.cluster.local. A -> NXDOMAIN",
			"numbers-api.default.svc.cluster.local.cluster.local. AAAA -> NXDOMAIN",
			"numbers-api.default.svc.cluster.local. A -> NOERROR",
			"numbers-api.default.svc.cluster.local. AAAA -> NODATA",
		}, []string{"10.96.45.12"}},
		{"numbers-api.default.svc.cluster.local.", Glibc, []string{
			"numbers-api.default.svc.cluster.local. A -> NOERROR",
			"numbers-api.default.svc.cluster.local. AAAA -> NODATA",
		}, []string{"10.96.45.12"}},
		{"example.com", Glibc, []string{
			"example.com.default.svc.cluster.local. A -> NXDOMAIN",
			"example.com.default.svc.cluster.local. AAAA -> NXDOMAIN",
			"example.com.svc.cluster.local. A -> NXDOMAIN",
			"example.com.svc.cluster.local. AAAA -> NXDOMAIN",
			"example.com.cluster.local. A -> NXDOMAIN",
			"example.com.cluster.local. AAAA -> NXDOMAIN",
			"example.com. A -> NOERROR",
			"example.com. AAAA -> NOERROR",
		}, []string{"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"}},
		{"missing-svc", Glibc, []string{
			"missing-svc.default.svc.cluster.local. A -> NXDOMAIN",
			"missing-svc.default.svc.cluster.local. AAAA -> NXDOMAIN",
			"missing-svc.svc.cluster.local. A -> NXDOMAIN",
			"missing-svc.svc.cluster.local. AAAA -> NXDOMAIN",
			"missing-svc.cluster.local. A -> NXDOMAIN",
			"missing-svc.cluster.local. AAAA -> NXDOMAIN",
			"missing-svc. A -> NXDOMAIN",
			"missing-svc. AAAA -> NXDOMAIN",
		}, nil},
		// musl stops at NODATA: an AAAA-only lookup of a v4 Service ends at
		// the first candidate; glibc walks on.
		{"noports.testns", Musl, []string{
			"noports.testns.default.svc.cluster.local. A -> NXDOMAIN",
			"noports.testns.default.svc.cluster.local. AAAA -> NXDOMAIN",
			"noports.testns.svc.cluster.local. A -> NOERROR",
			"noports.testns.svc.cluster.local. AAAA -> NODATA",
		}, []string{"10.0.0.10"}},
		{"a.b.c.d.e.f", Musl, []string{"a.b.c.d.e.f. A -> NXDOMAIN", "a.b.c.d.e.f. AAAA -> NXDOMAIN"}, nil},
	} {
		t.Run(fmt.Sprintf("%v/%s", tc.libc, tc.name), func(t *testing.T) {
			w := WalkSearch(rc, tc.name, aaaa, srv.Exchanger(t0), WalkOptions{Libc: tc.libc, FirstID: 1})
			if d := cmp.Diff(tc.want, walkLines(w)); d != "" {
				t.Errorf("WalkSearch(%q) queries (-want +got):\n%s", tc.name, d)
			}
			var got []string
			for _, a := range w.Addrs {
				got = append(got, a.String())
			}
			if d := cmp.Diff(tc.addrs, got); d != "" {
				t.Errorf("WalkSearch(%q) addrs (-want +got):\n%s", tc.name, d)
			}
		})
	}
}

func TestWalkMuslNodataStops(t *testing.T) {
	srv := testServer(t, DefaultConfig())
	rc := KubeletResolvConf("testns", "cluster.local", ips("10.96.0.10"), nil)
	for _, tc := range []struct {
		libc Libc
		n    int
	}{{Musl, 1}, {Glibc, 4}} {
		w := WalkSearch(rc, "svc1", []uint16{mdns.TypeAAAA}, srv.Exchanger(t0), WalkOptions{Libc: tc.libc})
		if len(w.Steps) != tc.n {
			t.Errorf("WalkSearch(svc1 AAAA, %v) sent %d queries, want %d: %v", tc.libc, len(w.Steps), tc.n, walkLines(w))
		}
	}
}

func TestWalkTimeout(t *testing.T) {
	rc := KubeletResolvConf("default", "cluster.local", ips("10.96.0.10"), nil)
	w := WalkSearch(rc, "numbers-api", []uint16{mdns.TypeA}, func(*mdns.Msg) *mdns.Msg { return nil }, WalkOptions{})
	if len(w.Steps) != 1 || w.Rcode != -1 || len(w.Addrs) != 0 {
		t.Errorf("WalkSearch with no replies = %d steps, rcode %d, addrs %v; want 1, -1, none", len(w.Steps), w.Rcode, w.Addrs)
	}
}

func TestKubeletResolvConfLimits(t *testing.T) {
	var node []string
	for i := range 40 {
		node = append(node, fmt.Sprintf("d%d.example", i))
	}
	rc := KubeletResolvConf("default", "cluster.local", ips("10.96.0.10", "10.96.0.11", "10.96.0.12", "10.96.0.13"), node)
	if len(rc.Search) != MaxSearchDomains || len(rc.Nameservers) != MaxNameservers {
		t.Errorf("KubeletResolvConf: %d search domains, %d nameservers; want %d, %d", len(rc.Search), len(rc.Nameservers), MaxSearchDomains, MaxNameservers)
	}
	if rc.Nameservers[0] != netip.MustParseAddr("10.96.0.10") {
		t.Errorf("first nameserver = %v", rc.Nameservers[0])
	}
}
