package kubeproxy

import (
	"net/netip"
	"strings"
	"testing"
)

// fixedChainRule reports whether a payload rule line belongs to kube-proxy's
// fixed rules rather than to a service.
func fixedChainRule(line string) bool {
	for _, c := range []string{chainForward, chainFirewall, chainPostrouting, chainMarkMasq} {
		if strings.HasPrefix(line, "-A "+c+" ") {
			return true
		}
	}
	return strings.Contains(line, nodePortsLastComment)
}

// serviceRuleLines returns the payload's service rules as "<table> <rule>".
func serviceRuleLines(payload []byte) []string {
	var out []string
	table := ""
	for _, l := range strings.Split(string(payload), "\n") {
		switch {
		case strings.HasPrefix(l, "*"):
			table = l[1:]
		case strings.HasPrefix(l, "-A ") && !fixedChainRule(l), strings.HasPrefix(l, "-X "):
			out = append(out, table+" "+l)
		}
	}
	return out
}

type testCluster struct {
	cfg      func(*Config)
	opts     *Options
	node     *Node
	services []ServicePort
	eps      map[ServicePortName][]Endpoint
}

func (tc testCluster) proxier(t *testing.T) *Proxier {
	t.Helper()
	cfg := DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{prefix("10.0.0.0/8")}
	if tc.cfg != nil {
		tc.cfg(&cfg)
	}
	opts := upstreamTestOptions
	if tc.opts != nil {
		opts = *tc.opts
	}
	node := Node{Name: "test-node", IP: ip("192.168.0.2"), Addresses: []netip.Addr{ip("127.0.0.1"), ip("192.168.0.2"), ip("192.168.1.2")}}
	if tc.node != nil {
		node = *tc.node
	}
	p, err := NewProxier(cfg, node, opts)
	if err != nil {
		t.Fatalf("NewProxier() error = %v", err)
	}
	for _, sp := range tc.services {
		p.SetService(sp)
	}
	for n, eps := range tc.eps {
		p.SetEndpoints(n, eps)
	}
	return p
}
