package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDigGolden: svcsim dig prints what dig prints in a pod for the
// objects in the files.
func TestDigGolden(t *testing.T) {
	in := filepath.Join("testdata", "dig", "numbers.yaml")
	up := "raw.githubusercontent.com. 300 IN A 185.199.108.133"
	tests := []struct {
		name string
		args []string
		exit int
	}{
		{"clusterip", []string{"numbers-api.default.svc.cluster.local"}, 0},
		{"short_search", []string{"+short", "+search", "numbers-api"}, 0},
		{"short_search_prod", []string{"-n", "prod", "numbers-api", "+search", "+short"}, 0},
		{"nxdomain", []string{"numbrs-api.default.svc.cluster.local"}, 0},
		{"externalname", []string{"--upstream", up, "numbers-web.default.svc.cluster.local"}, 0},
		{"reverse", []string{"-x", "10.96.45.12", "+short"}, 0},
		{"srv", []string{"_http._tcp.numbers-api.default.svc.cluster.local", "SRV", "+short"}, 0},
		{"kube_dns", []string{"@10.96.0.10", "kube-dns.kube-system.svc.cluster.local", "+short"}, 0},
		{"other_server", []string{"@10.96.0.99", "numbers-api.default.svc.cluster.local", "+short"}, 9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			golden := filepath.Join("testdata", "dig", tc.name+".golden")
			var out, errOut bytes.Buffer
			args := append([]string{"dig", "-f", in}, tc.args...)
			if code := run(args, &out, &errOut); code != tc.exit {
				t.Fatalf("run(%q) = %d, want %d; stderr %q\n%s", args, code, tc.exit, errOut.String(), out.String())
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
				t.Errorf("svcsim dig mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDigErrors(t *testing.T) {
	tests := []struct {
		name, want string
		args       []string
	}{
		{"no input", "no input", []string{"dig", "numbers-api"}},
		{"missing file", "no such file", []string{"dig", "-f", "missing.yaml", "x"}},
		{"bad upstream", "upstream", []string{"dig", "-f", filepath.Join("testdata", "dig", "numbers.yaml"), "--upstream", "nonsense", "x"}},
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
