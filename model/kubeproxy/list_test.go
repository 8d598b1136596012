package kubeproxy

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestAppendListGolden lists upstream case 01's tables as iptables -L 1.8.9
// (nf_tables) prints them.
func TestAppendListGolden(t *testing.T) {
	p := overallProxier(t, DefaultOptions())
	p.Sync()
	rs := p.Ruleset()
	svc4 := ServicePortChains(tcpPort("ns4", "svc4", "p80")).SVC
	tests := []struct {
		golden string
		table  Table
		chain  string
		opts   ListOptions
	}{
		{"list-nat-services-n", TableNAT, "KUBE-SERVICES", ListOptions{Numeric: true}},
		{"list-nat-svc4-n", TableNAT, svc4, ListOptions{Numeric: true}},
		{"list-nat-postrouting-n-line-numbers", TableNAT, "KUBE-POSTROUTING", ListOptions{Numeric: true, LineNumbers: true}},
		{"list-nat-n", TableNAT, "", ListOptions{Numeric: true}},
		{"list-filter-n", TableFilter, "", ListOptions{Numeric: true}},
		{"list-filter-nv", TableFilter, "", ListOptions{Numeric: true, Verbose: true}},
		{"list-nat-services", TableNAT, "KUBE-SERVICES", ListOptions{}},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			got, err := rs.AppendList(nil, tc.table, tc.chain, tc.opts)
			if err != nil {
				t.Fatalf("AppendList(%v, %q, %+v) error = %v", tc.table, tc.chain, tc.opts, err)
			}
			path := filepath.Join("testdata", tc.golden+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("AppendList(%v, %q, %+v) mismatch (-want +got):\n%s", tc.table, tc.chain, tc.opts, diff)
			}
		})
	}
}

func TestAppendListNoChain(t *testing.T) {
	p := overallProxier(t, DefaultOptions())
	p.Sync()
	if _, err := p.Ruleset().AppendList(nil, TableNAT, "KUBE-NOPE", ListOptions{}); !errors.Is(err, ErrNoChain) {
		t.Errorf("AppendList(nat, KUBE-NOPE) error = %v, want ErrNoChain", err)
	}
}
