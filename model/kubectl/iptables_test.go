package kubectl

import (
	"strings"
	"testing"
)

// TestNodeIPTablesList checks `docker exec NODE iptables ... -L` on a
// freshly booted cluster (the kubernetes and kube-dns Services).
func TestNodeIPTablesList(t *testing.T) {
	h := newHarness(t, memFiles{})
	tests := []struct {
		name     string
		argv     string
		prefix   string   // the output starts with this
		contains []string // and contains these
		stderr   string
		exit     int
	}{
		{name: "a nat chain, numeric", argv: "iptables -t nat -L KUBE-SERVICES -n",
			prefix:   "Chain KUBE-SERVICES (2 references)\ntarget     prot opt source               destination         \n",
			contains: []string{"  6    --  0.0.0.0/0            10.96.0.1            /* default/kubernetes:https cluster IP */ tcp dpt:443\n"}},
		{name: "bundled flags", argv: "iptables -nL KUBE-SERVICES -t nat",
			prefix: "Chain KUBE-SERVICES (2 references)\n"},
		{name: "filter table with line numbers", argv: "iptables -L -n --line-numbers",
			prefix: "Chain INPUT (policy ACCEPT)\nnum  target     prot opt source               destination         \n"},
		{name: "names without -n", argv: "iptables -t nat -L KUBE-SERVICES",
			contains: []string{"  tcp  --  anywhere             10.96.0.1            /* default/kubernetes:https cluster IP */ tcp dpt:https\n"}},
		{name: "no such chain", argv: "iptables -t nat -L KUBE-NOPE -n",
			stderr: "iptables: No chain/target/match by that name.\n", exit: 1},
		{name: "no command", argv: "iptables -n",
			stderr: "iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n", exit: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var res Result
			h.k.NodeExec("node-1", strings.Fields(tc.argv), func(r Result) { res = r })
			if res.Exit != tc.exit || res.Stderr != tc.stderr {
				t.Fatalf("docker exec node-1 %s = exit %d, stderr %q; want exit %d, stderr %q", tc.argv, res.Exit, res.Stderr, tc.exit, tc.stderr)
			}
			if !strings.HasPrefix(res.Stdout, tc.prefix) {
				t.Errorf("docker exec node-1 %s output does not start with %q:\n%s", tc.argv, tc.prefix, res.Stdout)
			}
			for _, s := range tc.contains {
				if !strings.Contains(res.Stdout, s) {
					t.Errorf("docker exec node-1 %s output lacks %q:\n%s", tc.argv, s, res.Stdout)
				}
			}
		})
	}
}
