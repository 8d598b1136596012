package dns

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	mdns "github.com/miekg/dns"
)

// testCase is CoreDNS's test.Case: the question, the rcode and the sections
// as zone-file lines.
type testCase struct {
	qname  string
	qtype  uint16
	rcode  int
	flags  string // header flags as dig prints them; "" skips the check
	answer []string
	ns     []string
	extra  []string
}

const soaLine = "cluster.local.\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1704067200 7200 1800 86400 30"

var soa = []string{soaLine}

func a(name, addr string) string    { return name + "\t30\tIN\tA\t" + addr }
func aaaa(name, addr string) string { return name + "\t30\tIN\tAAAA\t" + addr }

var kubeadmCases = []testCase{
	// ClusterIP Services
	{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeA, flags: "qr aa rd",
		answer: []string{a("svc1.testns.svc.cluster.local.", "10.0.0.1")}},
	{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeAAAA, flags: "qr aa rd", ns: soa},
	{qname: "broken-api.default.svc.cluster.local.", qtype: mdns.TypeA,
		answer: []string{a("broken-api.default.svc.cluster.local.", "10.96.77.7")}},
	{qname: "numbrs-api.default.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, flags: "qr aa rd", ns: soa},
	{qname: "numbers-api.default.default.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "numbers-api.nons.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "numbers-api.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "example.com.default.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "a.b.c.svc1.testns.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "SVC1.TestNS.svc.Cluster.Local.", qtype: mdns.TypeA,
		answer: []string{"SVC1.TestNS.svc.Cluster.Local.\t30\tIN\tA\t10.0.0.1"}},
	{qname: "dual.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{a("dual.testns.svc.cluster.local.", "10.0.0.9")}},
	{qname: "dual.testns.svc.cluster.local.", qtype: mdns.TypeAAAA, answer: []string{aaaa("dual.testns.svc.cluster.local.", "fd00::9")}},
	{qname: "noports.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{a("noports.testns.svc.cluster.local.", "10.0.0.10")}},
	{qname: "noports.testns.svc.cluster.local.", qtype: mdns.TypeSRV, ns: soa},
	// Types a Service lacks: NODATA; on a missing name: NXDOMAIN.
	{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeTXT, ns: soa},
	{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeMX, ns: soa},
	{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeHINFO, ns: soa},
	{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeSOA, ns: soa},
	{qname: "nope.testns.svc.cluster.local.", qtype: mdns.TypeSOA, ns: soa},
	{qname: "nope.testns.svc.cluster.local.", qtype: mdns.TypeHINFO, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeAXFR, rcode: mdns.RcodeRefused, flags: "qr rd"},
	// SRV
	{qname: "_http._tcp.svc1.testns.svc.cluster.local.", qtype: mdns.TypeSRV,
		answer: []string{"_http._tcp.svc1.testns.svc.cluster.local.\t30\tIN\tSRV\t0 100 80 svc1.testns.svc.cluster.local."},
		extra:  []string{a("svc1.testns.svc.cluster.local.", "10.0.0.1")}},
	{qname: "_HTTP._TCP.svc1.testns.svc.cluster.local.", qtype: mdns.TypeSRV,
		answer: []string{"_HTTP._TCP.svc1.testns.svc.cluster.local.\t30\tIN\tSRV\t0 100 80 svc1.testns.svc.cluster.local."},
		extra:  []string{a("svc1.testns.svc.cluster.local.", "10.0.0.1")}},
	{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeSRV,
		answer: []string{
			"svc1.testns.svc.cluster.local.\t30\tIN\tSRV\t0 50 80 svc1.testns.svc.cluster.local.",
			"svc1.testns.svc.cluster.local.\t30\tIN\tSRV\t0 50 443 svc1.testns.svc.cluster.local.",
		},
		extra: []string{a("svc1.testns.svc.cluster.local.", "10.0.0.1")}},
	{qname: "_http._udp.svc1.testns.svc.cluster.local.", qtype: mdns.TypeSRV, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "_nope._tcp.svc1.testns.svc.cluster.local.", qtype: mdns.TypeSRV, rcode: mdns.RcodeNameError, ns: soa},
	// Headless: ready endpoints only, per-endpoint names.
	{qname: "hdls1.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{
		a("hdls1.testns.svc.cluster.local.", "172.0.0.2"),
		a("hdls1.testns.svc.cluster.local.", "172.0.0.3"),
		a("hdls1.testns.svc.cluster.local.", "172.0.0.4"),
	}},
	{qname: "hdls1.testns.svc.cluster.local.", qtype: mdns.TypeAAAA, answer: []string{aaaa("hdls1.testns.svc.cluster.local.", "5678:abcd::1")}},
	{qname: "dup-name.hdls1.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{
		a("dup-name.hdls1.testns.svc.cluster.local.", "172.0.0.3"),
		a("dup-name.hdls1.testns.svc.cluster.local.", "172.0.0.4"),
	}},
	{qname: "172-0-0-2.hdls1.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{a("172-0-0-2.hdls1.testns.svc.cluster.local.", "172.0.0.2")}},
	{qname: "172-0-0-5.hdls1.testns.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "5678-abcd--1.hdls1.testns.svc.cluster.local.", qtype: mdns.TypeAAAA, answer: []string{aaaa("5678-abcd--1.hdls1.testns.svc.cluster.local.", "5678:abcd::1")}},
	{qname: "172-0-0-1.svc1.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{a("172-0-0-1.svc1.testns.svc.cluster.local.", "172.0.0.1")}},
	{qname: "_http._tcp.hdls1.testns.svc.cluster.local.", qtype: mdns.TypeSRV,
		answer: []string{
			"_http._tcp.hdls1.testns.svc.cluster.local.\t30\tIN\tSRV\t0 25 80 172-0-0-2.hdls1.testns.svc.cluster.local.",
			"_http._tcp.hdls1.testns.svc.cluster.local.\t30\tIN\tSRV\t0 25 80 dup-name.hdls1.testns.svc.cluster.local.",
			"_http._tcp.hdls1.testns.svc.cluster.local.\t30\tIN\tSRV\t0 25 80 5678-abcd--1.hdls1.testns.svc.cluster.local.",
		},
		extra: []string{
			a("172-0-0-2.hdls1.testns.svc.cluster.local.", "172.0.0.2"),
			a("dup-name.hdls1.testns.svc.cluster.local.", "172.0.0.3"),
			a("dup-name.hdls1.testns.svc.cluster.local.", "172.0.0.4"),
			aaaa("5678-abcd--1.hdls1.testns.svc.cluster.local.", "5678:abcd::1"),
		}},
	{qname: "empty-headless.testns.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "empty-headless.testns.svc.cluster.local.", qtype: mdns.TypeTXT, rcode: mdns.RcodeNameError, ns: soa},
	// ExternalName (through cache 30: every TTL capped to the minimum, 30)
	{qname: "external.testns.svc.cluster.local.", qtype: mdns.TypeA, flags: "qr aa rd", answer: []string{
		"external.testns.svc.cluster.local.\t30\tIN\tCNAME\text.interwebs.test.",
		"ext.interwebs.test.\t30\tIN\tA\t1.2.3.4",
	}},
	{qname: "external.testns.svc.cluster.local.", qtype: mdns.TypeAAAA,
		answer: []string{"external.testns.svc.cluster.local.\t30\tIN\tCNAME\text.interwebs.test."}},
	{qname: "external.testns.svc.cluster.local.", qtype: mdns.TypeCNAME,
		answer: []string{"external.testns.svc.cluster.local.\t30\tIN\tCNAME\text.interwebs.test."}},
	{qname: "external.testns.svc.cluster.local.", qtype: mdns.TypeSRV, ns: soa},
	{qname: "x.external.testns.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "external-to-service.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{
		"external-to-service.testns.svc.cluster.local.\t30\tIN\tCNAME\tsvc1.testns.svc.cluster.local.",
		a("svc1.testns.svc.cluster.local.", "10.0.0.1"),
	}},
	{qname: "ext-ip.testns.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "loop-a.testns.svc.cluster.local.", qtype: mdns.TypeA, ns: soa},
	{qname: "self.testns.svc.cluster.local.", qtype: mdns.TypeA, ns: soa},
	// PTR
	{qname: "1.0.0.10.in-addr.arpa.", qtype: mdns.TypePTR,
		answer: []string{"1.0.0.10.in-addr.arpa.\t30\tIN\tPTR\tsvc1.testns.svc.cluster.local."}},
	{qname: "3.0.0.172.in-addr.arpa.", qtype: mdns.TypePTR, answer: []string{
		"3.0.0.172.in-addr.arpa.\t30\tIN\tPTR\tdup-name.hdls1.testns.svc.cluster.local.",
		"3.0.0.172.in-addr.arpa.\t30\tIN\tPTR\t172-0-0-3.svc1.testns.svc.cluster.local.",
	}},
	{qname: "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.7.6.5.ip6.arpa.", qtype: mdns.TypePTR, answer: []string{
		"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.7.6.5.ip6.arpa.\t30\tIN\tPTR\t5678-abcd--1.hdls1.testns.svc.cluster.local.",
	}},
	// Unknown IP: fallthrough in-addr.arpa, so forward answers (upstream's flags).
	{qname: "9.9.9.10.in-addr.arpa.", qtype: mdns.TypePTR, rcode: mdns.RcodeNameError, flags: "qr rd ra",
		ns: []string{".\t30\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2024010100 1800 900 604800 86400"}},
	// Pods (pods insecure)
	{qname: "1-2-3-4.testns.pod.cluster.local.", qtype: mdns.TypeA, answer: []string{a("1-2-3-4.testns.pod.cluster.local.", "1.2.3.4")}},
	{qname: "1-2-3-4.nons.pod.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "not-an-ip.testns.pod.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
	{qname: "testns.pod.cluster.local.", qtype: mdns.TypeA, ns: soa},
	// Zone-level names
	{qname: "dns-version.cluster.local.", qtype: mdns.TypeTXT,
		answer: []string{"dns-version.cluster.local.\t30\tIN\tTXT\t\"1.1.0\""}},
	{qname: "cluster.local.", qtype: mdns.TypeSOA, answer: soa},
	{qname: "cluster.local.", qtype: mdns.TypeNS,
		answer: []string{"cluster.local.\t30\tIN\tNS\tkube-dns.kube-system.svc.cluster.local."},
		extra:  []string{a("kube-dns.kube-system.svc.cluster.local.", "10.96.0.10")}},
	{qname: "ns.dns.cluster.local.", qtype: mdns.TypeA, answer: []string{a("ns.dns.cluster.local.", "10.96.0.10")}},
	{qname: "cluster.local.", qtype: mdns.TypeA, ns: soa},
	{qname: "svc.cluster.local.", qtype: mdns.TypeA, ns: soa},
	{qname: "testns.svc.cluster.local.", qtype: mdns.TypeA, ns: soa},
	{qname: "cluster.local.", qtype: mdns.TypeTXT, rcode: mdns.RcodeNameError, ns: soa},
	// Out of zone: forward, upstream flags, cache caps TTL at 30.
	{qname: "example.com.", qtype: mdns.TypeA, flags: "qr rd ra", answer: []string{"example.com.\t30\tIN\tA\t93.184.216.34"}},
	{qname: "www.example.net.", qtype: mdns.TypeA, flags: "qr rd ra", answer: []string{
		"www.example.net.\t30\tIN\tCNAME\texample.com.", "example.com.\t30\tIN\tA\t93.184.216.34"}},
	{qname: "numbers-api.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, flags: "qr rd ra",
		ns: []string{".\t30\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2024010100 1800 900 604800 86400"}},
}

func TestServeKubeadm(t *testing.T) {
	srv := testServer(t, DefaultConfig())
	runCases(t, srv, kubeadmCases)
}

// The kubernetes plugin alone (no cache): its own TTLs show.
func TestServePluginOnly(t *testing.T) {
	cfg, err := ParseCorefile(".:53 {\n kubernetes cluster.local in-addr.arpa ip6.arpa {\n  pods verified\n  ttl 30\n }\n forward . /etc/resolv.conf\n}\n")
	if err != nil {
		t.Fatal(err)
	}
	runCases(t, testServer(t, cfg), []testCase{
		{qname: "dns-version.cluster.local.", qtype: mdns.TypeTXT,
			answer: []string{"dns-version.cluster.local.\t28800\tIN\tTXT\t\"1.1.0\""}},
		{qname: "external.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{
			"external.testns.svc.cluster.local.\t30\tIN\tCNAME\text.interwebs.test.",
			"ext.interwebs.test.\t300\tIN\tA\t1.2.3.4",
		}},
		// pods verified: only an existing pod's IP in its namespace.
		{qname: "172-0-0-1.testns.pod.cluster.local.", qtype: mdns.TypeA, answer: []string{a("172-0-0-1.testns.pod.cluster.local.", "172.0.0.1")}},
		{qname: "172-0-0-1.default.pod.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
		{qname: "1-2-3-4.testns.pod.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeNameError, ns: soa},
		// No fallthrough: unknown IP is NXDOMAIN with the reverse zone's SOA.
		{qname: "9.9.9.10.in-addr.arpa.", qtype: mdns.TypePTR, rcode: mdns.RcodeNameError, flags: "qr aa rd",
			ns: []string{"in-addr.arpa.\t30\tIN\tSOA\tns.dns.in-addr.arpa. hostmaster.in-addr.arpa. 1704067200 7200 1800 86400 30"}},
	})
}

func TestServeNotSynced(t *testing.T) {
	srv := testServer(t, DefaultConfig())
	srv.kube.idx.SetSynced(false)
	runCases(t, srv, []testCase{
		// cache rewrites a SERVFAIL's TTLs to its servfail duration, 5s.
		{qname: "numbrs-api.default.svc.cluster.local.", qtype: mdns.TypeA, rcode: mdns.RcodeServerFailure, flags: "qr aa rd",
			ns: []string{"cluster.local.\t5\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1704067200 7200 1800 86400 30"}},
		{qname: "svc1.testns.svc.cluster.local.", qtype: mdns.TypeA, answer: []string{a("svc1.testns.svc.cluster.local.", "10.0.0.1")}},
	})
}

func runCases(t *testing.T, srv *Server, cases []testCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.qname+"/"+mdns.TypeToString[tc.qtype], func(t *testing.T) {
			q := query(tc.qname, tc.qtype)
			q.RecursionDesired = true
			m := srv.Exchange(t0, q)
			if m.Rcode != tc.rcode {
				t.Errorf("rcode = %s, want %s", mdns.RcodeToString[m.Rcode], mdns.RcodeToString[tc.rcode])
			}
			if tc.flags != "" {
				if got := headerFlags(m); got != tc.flags {
					t.Errorf("flags = %q, want %q", got, tc.flags)
				}
			}
			if m.Id != q.Id {
				t.Errorf("id = %d, want %d", m.Id, q.Id)
			}
			for _, s := range []struct {
				name      string
				got, want []string
			}{{"answer", rrStrings(m.Answer), tc.answer}, {"authority", rrStrings(m.Ns), tc.ns}, {"additional", rrStrings(m.Extra), tc.extra}} {
				if d := cmp.Diff(s.want, s.got); d != "" {
					t.Errorf("%s section (-want +got):\n%s", s.name, d)
				}
			}
		})
	}
}
