package netfilter

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

var (
	addr   = netip.MustParseAddr
	prefix = netip.MustParsePrefix
)

// Conventions of upstream's NewFakeProxier: pods 10.0.0.0/8, node
// 192.168.0.2 (and 192.168.1.2, 192.168.99.11), external client 203.0.113.2.
const (
	testNodeIP                = "192.168.0.2"
	testExternalClient        = "203.0.113.2"
	testExternalClientBlocked = "203.0.113.130"
)

var testNodeAddrs = []netip.Addr{addr("127.0.0.1"), addr(testNodeIP), addr("192.168.1.2"), addr("192.168.99.11")}

// cluster is the input of one proxier.
type cluster struct {
	services []kubeproxy.ServicePort
	eps      map[kubeproxy.ServicePortName][]kubeproxy.Endpoint
	opts     kubeproxy.Options
}

func tcpPort(ns, name, port string) kubeproxy.ServicePortName {
	return kubeproxy.ServicePortName{Namespace: ns, Name: name, Port: port, Protocol: kubeproxy.ProtocolTCP}
}

func ep(ip string, port uint16, node string) kubeproxy.Endpoint {
	return kubeproxy.Endpoint{IP: addr(ip), Port: port, NodeName: node, Ready: true, Serving: true}
}

// ruleset syncs a proxier for the cluster and returns the kernel's view.
func (c cluster) ruleset(t testing.TB) *kubeproxy.Ruleset {
	t.Helper()
	cfg := kubeproxy.DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{prefix("10.0.0.0/8")}
	node := kubeproxy.Node{Name: "test-node", IP: addr(testNodeIP), Addresses: testNodeAddrs}
	p, err := kubeproxy.NewProxier(cfg, node, c.opts)
	if err != nil {
		t.Fatalf("NewProxier() error = %v", err)
	}
	for _, sp := range c.services {
		p.SetService(sp)
	}
	names := make([]kubeproxy.ServicePortName, 0, len(c.eps))
	for n := range c.eps {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b kubeproxy.ServicePortName) int { return strings.Compare(a.String(), b.String()) })
	for _, n := range names {
		p.SetEndpoints(n, c.eps[n])
	}
	p.Sync()
	return p.Ruleset()
}

// overallCluster is the input of upstream TestOverallIPTablesRules
// (kubeproxy testdata/01-overall.yaml).
func overallCluster() cluster {
	return cluster{
		opts: kubeproxy.DefaultOptions(),
		services: []kubeproxy.ServicePort{
			{Name: tcpPort("ns1", "svc1", "p80"), ClusterIP: addr("172.30.0.41"), Port: 80},
			{Name: tcpPort("ns2", "svc2", "p80"), Type: kubeproxy.ServiceTypeLoadBalancer, ClusterIP: addr("172.30.0.42"), Port: 80, NodePort: 3001,
				ExternalIPs: []netip.Addr{addr("192.168.99.22")}, LoadBalancerIPs: []netip.Addr{addr("1.2.3.4")},
				ExternalTrafficPolicy: kubeproxy.TrafficPolicyLocal, HealthCheckNodePort: 30000},
			{Name: tcpPort("ns3", "svc3", "p80"), Type: kubeproxy.ServiceTypeNodePort, ClusterIP: addr("172.30.0.43"), Port: 80, NodePort: 3003},
			{Name: tcpPort("ns4", "svc4", "p80"), Type: kubeproxy.ServiceTypeNodePort, ClusterIP: addr("172.30.0.44"), Port: 80,
				ExternalIPs: []netip.Addr{addr("192.168.99.33")}},
			{Name: tcpPort("ns5", "svc5", "p80"), Type: kubeproxy.ServiceTypeLoadBalancer, ClusterIP: addr("172.30.0.45"), Port: 80, NodePort: 3002,
				LoadBalancerIPs: []netip.Addr{addr("5.6.7.8")}, LoadBalancerSourceRanges: []netip.Prefix{prefix("203.0.113.0/25")},
				HealthCheckNodePort: 30000, SessionAffinityClientIP: true, StickyMaxAgeSeconds: 10800},
			{Name: tcpPort("ns6", "svc6", "p80"), ClusterIP: addr("172.30.0.46"), Port: 80},
		},
		eps: map[kubeproxy.ServicePortName][]kubeproxy.Endpoint{
			tcpPort("ns1", "svc1", "p80"): {ep("10.180.0.1", 80, "")},
			tcpPort("ns2", "svc2", "p80"): {ep("10.180.0.2", 80, "")},
			tcpPort("ns3", "svc3", "p80"): {ep("10.180.0.3", 80, "")},
			tcpPort("ns4", "svc4", "p80"): {ep("10.180.0.4", 80, ""), ep("10.180.0.5", 80, "test-node")},
			tcpPort("ns5", "svc5", "p80"): {ep("10.180.0.3", 80, "")},
		},
	}
}

// scriptSource makes the statistic draws follow a script: true draws 0
// (the rule matches), false or past the end draws the maximum (it does not).
type scriptSource struct {
	script []bool
	n      int
}

func (s *scriptSource) Uint64() uint64 {
	i := s.n
	s.n++
	if i < len(s.script) && s.script[i] {
		return 0
	}
	return ^uint64(0)
}

// possiblePaths runs the packet once for every sequence of statistic
// outcomes, each on a fresh evaluator (so xt_recent state does not leak
// between branches), and returns all paths.
func possiblePaths(t testing.TB, rs *kubeproxy.Ruleset, local AddrType, p Packet, env Env) []Path {
	t.Helper()
	var out []Path
	queue := [][]bool{nil}
	for len(queue) > 0 {
		script := queue[0]
		queue = queue[1:]
		ev := New(local)
		if err := ev.Load(rs); err != nil {
			t.Fatalf("Load() error = %v", err)
		}
		src := &scriptSource{script: script}
		env.Rand = rand.New(src)
		path, err := ev.Traverse(p, env)
		if err != nil {
			t.Fatalf("Traverse(%v) error = %v", p, err)
		}
		out = append(out, path)
		for i := len(script); i < src.n; i++ {
			next := append(slices.Clone(script), make([]bool, i-len(script))...)
			queue = append(queue, append(next, true))
		}
	}
	return out
}
