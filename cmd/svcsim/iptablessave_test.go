package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestIPTablesSaveGolden: the objects of reference case 01-overall, as
// YAML, give exactly what iptables-save printed on a real kernel after
// the same sync (reference/kubeproxy-golden/01-overall.kernel-iptables-save.txt).
func TestIPTablesSaveGolden(t *testing.T) {
	for _, name := range []string{"01-overall"} {
		t.Run(name, func(t *testing.T) {
			in := filepath.Join("testdata", "iptables-save", name+".yaml")
			golden := filepath.Join("testdata", "iptables-save", name+".golden")
			var out, errOut bytes.Buffer
			if code := run([]string{"iptables-save", "-f", in, "--node", "test-node"}, &out, &errOut); code != exitOK {
				t.Fatalf("run(iptables-save) = %d, want %d; stderr %q", code, exitOK, errOut.String())
			}
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), out.String()); diff != "" {
				t.Errorf("iptables-save mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIPTablesSaveErrors(t *testing.T) {
	in := filepath.Join("testdata", "iptables-save", "01-overall.yaml")
	tests := []struct {
		name, want string
		args       []string
	}{
		{"no input", "no input", []string{"iptables-save"}},
		{"unknown node", `no Node "nope"`, []string{"iptables-save", "-f", in, "--node", "nope"}},
		{"missing file", "no such file", []string{"iptables-save", "-f", "missing.yaml", "--node", "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tc.args, &out, &errOut)
			if code != exitBadInput || !strings.Contains(errOut.String(), tc.want) {
				t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tc.args, code, errOut.String(), exitBadInput, tc.want)
			}
		})
	}
}
