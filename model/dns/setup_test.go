package dns

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	mdns "github.com/miekg/dns"
)

func TestParseKubeadmCorefile(t *testing.T) {
	got := DefaultConfig()
	want := Config{
		Zones: []string{"."},
		Port:  53,
		Kubernetes: &KubernetesConfig{
			Zones: []string{"cluster.local.", "in-addr.arpa.", "ip6.arpa."}, TTL: 30, Pods: PodsInsecure,
			Fallthrough: []string{"in-addr.arpa.", "ip6.arpa."},
		},
		Cache: &CacheConfig{SuccessTTL: 30 * time.Second, DenialTTL: 30 * time.Second, MinSuccessTTL: 5 * time.Second,
			MinDenialTTL: 5 * time.Second, DisableSuccess: []string{"cluster.local."}, DisableDenial: []string{"cluster.local."}},
		Forward:     &ForwardConfig{From: ".", To: []string{"/etc/resolv.conf"}},
		Loadbalance: true,
		Ignored:     []string{"errors", "health", "ready", "prometheus", "loop", "reload"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ParseCorefile(kubeadm) (-want +got):\n%s", d)
	}
}

func TestParseCorefileErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unknown directive", ".:53 {\n    errors\n    hosts /etc/hosts\n}\n",
			"Corefile:3 - Error during parsing: Unknown directive 'hosts'"},
		{"unknown property", ".:53 {\n kubernetes cluster.local {\n  pods insecure\n  frobnicate\n }\n}\n",
			"plugin/kubernetes: Corefile:4 - Error during parsing: unknown property 'frobnicate'"},
		{"bad pods", ".:53 {\n kubernetes cluster.local {\n  pods sometimes\n }\n}\n",
			"plugin/kubernetes: Corefile:3 - Error during parsing: wrong value for pods: sometimes,  must be one of: disabled, verified, insecure"},
		{"ttl range", ".:53 {\n kubernetes cluster.local {\n  ttl 3601\n }\n}\n",
			"plugin/kubernetes: Corefile:3 - Error during parsing: ttl must be in range [0, 3600]: 3601"},
		{"unclosed", ".:53 {\n errors\n", "Corefile:2 - Error during parsing: Unexpected EOF"},
		{"two blocks", ".:53 {\n errors\n}\nconsul.local:53 {\n forward . 10.0.0.1\n}\n",
			"Corefile:4 - Error during parsing: server block \"consul.local:53\": only one server block is modelled"},
		{"duplicate", ".:53 {\n cache 30\n cache 10\n}\n", "plugin/cache: Corefile:3 - Error during parsing: plugin 'cache' is configured more than once"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCorefile(tc.text)
			if err == nil {
				t.Fatalf("ParseCorefile() = nil error, want %q", tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("ParseCorefile() error = %q, want %q", err, tc.want)
			}
		})
	}
}

// Older kubeadm (bare `cache 30`) caches cluster answers: the TTL counts
// down, and a deleted Service keeps resolving until it expires.
func TestCacheServesStaleClusterAnswers(t *testing.T) {
	cfg, err := ParseCorefile(".:53 {\n kubernetes cluster.local {\n  ttl 30\n }\n cache 30\n}\n")
	if err != nil {
		t.Fatal(err)
	}
	idx := testIndex()
	srv := NewServer(cfg, idx, nil, Options{})
	q := query("svc1.testns.svc.cluster.local.", mdns.TypeA)
	if got := rrStrings(srv.Exchange(t0, q).Answer); len(got) != 1 {
		t.Fatalf("first answer = %v", got)
	}
	idx.DeleteService(t0.Add(time.Second), "testns", "svc1")
	for _, tc := range []struct {
		at   time.Duration
		want []string
	}{
		{10 * time.Second, []string{"svc1.testns.svc.cluster.local.\t20\tIN\tA\t10.0.0.1"}},
		{29*time.Second + 999*time.Millisecond, []string{"svc1.testns.svc.cluster.local.\t1\tIN\tA\t10.0.0.1"}},
		{30 * time.Second, nil},
	} {
		m, trace := srv.ExchangeTrace(t0.Add(tc.at), q)
		if d := cmp.Diff(tc.want, rrStrings(m.Answer)); d != "" {
			t.Errorf("at %v (-want +got):\n%s\ntrace %v", tc.at, d, trace)
		}
	}
}

func TestIndexUpdates(t *testing.T) {
	idx := testIndex()
	srv := NewServer(DefaultConfig(), idx, nil, Options{})
	ask := func(name string) []string { return rrStrings(srv.Exchange(t0, query(name, mdns.TypeA)).Answer) }
	// Pod replaced: a new endpoint replaces the old in the headless answer.
	idx.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "testns", Name: "hdls1-v4", ServiceName: "hdls1",
		Endpoints: []Endpoint{{Addresses: ips("172.0.0.7")}}})
	if d := cmp.Diff([]string{a("hdls1.testns.svc.cluster.local.", "172.0.0.7")}, ask("hdls1.testns.svc.cluster.local.")); d != "" {
		t.Errorf("after slice update (-want +got):\n%s", d)
	}
	idx.DeleteEndpointSlice(t0, "testns", "hdls1-v4")
	idx.DeleteEndpointSlice(t0, "testns", "hdls1-v6")
	if m := srv.Exchange(t0, query("hdls1.testns.svc.cluster.local.", mdns.TypeA)); m.Rcode != mdns.RcodeNameError {
		t.Errorf("headless with no slices: rcode %s, want NXDOMAIN", mdns.RcodeToString[m.Rcode])
	}
	if got := rrStrings(srv.Exchange(t0, query("7.0.0.172.in-addr.arpa.", mdns.TypePTR)).Answer); len(got) != 0 {
		t.Errorf("PTR for a deleted endpoint = %v", got)
	}
	idx.UpsertService(t0, Service{Namespace: "testns", Name: "svc1", ClusterIPs: ips("10.0.0.2")})
	if d := cmp.Diff([]string{"2.0.0.10.in-addr.arpa.\t30\tIN\tPTR\tsvc1.testns.svc.cluster.local."},
		rrStrings(srv.Exchange(t0, query("2.0.0.10.in-addr.arpa.", mdns.TypePTR)).Answer)); d != "" {
		t.Errorf("PTR after ClusterIP change (-want +got):\n%s", d)
	}
}
