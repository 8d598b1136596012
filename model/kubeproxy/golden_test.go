package kubeproxy

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	ip     = netip.MustParseAddr
	prefix = netip.MustParsePrefix
)

func tcpPort(ns, name, port string) ServicePortName {
	return ServicePortName{Namespace: ns, Name: name, Port: port, Protocol: ProtocolTCP}
}

func readyEP(addr string, port uint16, node string) Endpoint {
	return Endpoint{IP: ip(addr), Port: port, NodeName: node, Ready: true, Serving: true}
}

// overallProxier builds the input of upstream TestOverallIPTablesRules
// (testdata/01-overall.yaml).
func overallProxier(t *testing.T, opts Options) *Proxier {
	t.Helper()
	cfg := DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{prefix("10.0.0.0/8")}
	node := Node{Name: "test-node", IP: ip("192.168.0.2"), Addresses: []netip.Addr{
		ip("127.0.0.1"), ip("::1"), ip("192.168.0.2"), ip("192.168.1.2"), ip("192.168.99.11"), ip("2001:db8::1"), ip("2001:db8:1::2"),
	}}
	p, err := NewProxier(cfg, node, opts)
	if err != nil {
		t.Fatalf("NewProxier() error = %v", err)
	}
	for _, sp := range overallServices() {
		p.SetService(sp)
	}
	p.SetEndpoints(tcpPort("ns1", "svc1", "p80"), []Endpoint{readyEP("10.180.0.1", 80, "")})
	p.SetEndpoints(tcpPort("ns2", "svc2", "p80"), []Endpoint{readyEP("10.180.0.2", 80, "")})
	p.SetEndpoints(tcpPort("ns3", "svc3", "p80"), []Endpoint{readyEP("10.180.0.3", 80, "")})
	p.SetEndpoints(tcpPort("ns4", "svc4", "p80"), []Endpoint{readyEP("10.180.0.4", 80, ""), readyEP("10.180.0.5", 80, "test-node")})
	p.SetEndpoints(tcpPort("ns5", "svc5", "p80"), []Endpoint{readyEP("10.180.0.3", 80, "")})
	return p
}

func overallServices() []ServicePort {
	return []ServicePort{
		{Name: tcpPort("ns1", "svc1", "p80"), ClusterIP: ip("172.30.0.41"), Port: 80},
		{Name: tcpPort("ns2", "svc2", "p80"), Type: ServiceTypeLoadBalancer, ClusterIP: ip("172.30.0.42"), Port: 80, NodePort: 3001,
			ExternalIPs: []netip.Addr{ip("192.168.99.22")}, LoadBalancerIPs: []netip.Addr{ip("1.2.3.4")},
			ExternalTrafficPolicy: TrafficPolicyLocal, HealthCheckNodePort: 30000},
		{Name: tcpPort("ns3", "svc3", "p80"), Type: ServiceTypeNodePort, ClusterIP: ip("172.30.0.43"), Port: 80, NodePort: 3003},
		{Name: tcpPort("ns4", "svc4", "p80"), Type: ServiceTypeNodePort, ClusterIP: ip("172.30.0.44"), Port: 80,
			ExternalIPs: []netip.Addr{ip("192.168.99.33")}},
		{Name: tcpPort("ns5", "svc5", "p80"), Type: ServiceTypeLoadBalancer, ClusterIP: ip("172.30.0.45"), Port: 80, NodePort: 3002,
			LoadBalancerIPs: []netip.Addr{ip("5.6.7.8")}, LoadBalancerSourceRanges: []netip.Prefix{prefix("203.0.113.0/25")},
			HealthCheckNodePort: 30000, SessionAffinityClientIP: true, StickyMaxAgeSeconds: 10800},
		{Name: tcpPort("ns6", "svc6", "p80"), ClusterIP: ip("172.30.0.46"), Port: 80},
	}
}

func readGolden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("reading golden: %v", err)
	}
	return string(b)
}

// The upstream test fake has no --random-fully; the kernel run had it.
var upstreamTestOptions = Options{RandomFully: false, NfacctCounters: true}

func TestGoldenOverall(t *testing.T) {
	t.Run("test canonical form", func(t *testing.T) {
		p := overallProxier(t, upstreamTestOptions)
		p.Sync()
		got, err := CanonicalPayload(p.AppendPayload(nil, FormTest))
		if err != nil {
			t.Fatalf("CanonicalPayload() error = %v", err)
		}
		want := readGolden(t, "01-overall.expected.txt")
		if diff := cmp.Diff(want, string(got)); diff != "" {
			t.Errorf("canonical payload mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("kernel iptables-save form", func(t *testing.T) {
		p := overallProxier(t, DefaultOptions())
		p.Sync()
		got := p.Ruleset().AppendSave(nil, SaveOptions{})
		want := readGolden(t, "01-overall.kernel-iptables-save.txt")
		if diff := cmp.Diff(want, string(got)); diff != "" {
			t.Errorf("iptables-save mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("restore payload form", func(t *testing.T) {
		// The recorded payload came through the upstream harness (mark "0x4000")
		// with --random-fully, and visited the services in Go map order. Its
		// nat and filter sections are compared per service, after putting the
		// recorded services in svcsim's order.
		p := overallProxier(t, DefaultOptions())
		p.Sync()
		got := string(p.AppendPayload(nil, FormTest))
		want := reorderExamplePayload(readGolden(t, "01-overall.restore-payload.example.txt"))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("payload mismatch (-want +got):\n%s", diff)
		}
	})
}

// reorderExamplePayload moves the recorded example's svc6 filter rule (visited
// first there) after svc5's rules, i.e. into svcsim's sorted visiting order.
func reorderExamplePayload(s string) string {
	lines := strings.SplitAfter(s, "\n")
	var out, svc6 []string
	for _, l := range lines {
		if strings.Contains(l, "ns6/svc6") {
			svc6 = append(svc6, l)
			continue
		}
		if strings.HasPrefix(l, "-A KUBE-FORWARD") && svc6 != nil {
			out = append(out, svc6...)
			svc6 = nil
		}
		out = append(out, l)
	}
	return strings.Join(out, "")
}
