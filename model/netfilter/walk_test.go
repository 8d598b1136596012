package netfilter

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/kubeproxy"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden: %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// formatPath prints a path the way the TUI's packet view lists it.
func formatPath(p Path) string {
	var b strings.Builder
	fmt.Fprintf(&b, "in:  %v\n", p.Before)
	for _, h := range p.Hooks {
		fmt.Fprintf(&b, "%s: %s (%d rules)\n", h.Hook, h.Verdict, h.Rules)
		for _, s := range h.Steps {
			if s.Rule == 0 {
				fmt.Fprintf(&b, "  %s %s end => %s\n", s.Table, s.Chain, s.Verdict)
				continue
			}
			fmt.Fprintf(&b, "  %s %s #%d %s => %s\n", s.Table, s.Chain, s.Rule, s.Text, s.Verdict)
		}
		for _, d := range h.Draws {
			fmt.Fprintf(&b, "  draw %s #%d: %d < %d? %v, odds %s\n", d.Chain, d.Rule, d.Value, d.Threshold, d.Matched, d.Odds())
		}
		for _, r := range h.Recent {
			fmt.Fprintf(&b, "  recent %s %s %v matched=%v\n", r.List, r.Op, r.Addr, r.Matched)
		}
		for _, r := range h.Rewrites {
			fmt.Fprintf(&b, "  rewrite %s %s #%d: %v => %v\n", r.Table, r.Chain, r.Rule, r.Before, r.After)
		}
	}
	fmt.Fprintf(&b, "out: %v %s dnat=%v masquerade=%v rules=%d\n", p.After, p.Verdict, p.DNAT, p.Masquerade, p.Rules)
	return b.String()
}

func TestTraverseTrace(t *testing.T) {
	rs := overallCluster().ruleset(t)
	tests := []struct {
		name string
		p    Packet
	}{
		{"pod-to-clusterip-two-endpoints", Packet{Src: addr("10.0.0.2"), Dst: addr("172.30.0.44"), Proto: ProtoTCP, SrcPort: 40000, DstPort: 80, Flags: FlagSYN, CT: CTNew, In: "eth0"}},
		{"external-to-lb-affinity", Packet{Src: addr(testExternalClient), Dst: addr("5.6.7.8"), Proto: ProtoTCP, SrcPort: 40000, DstPort: 80, Flags: FlagSYN, CT: CTNew, In: "eth0"}},
		{"pod-to-no-endpoints", Packet{Src: addr("10.0.0.2"), Dst: addr("172.30.0.46"), Proto: ProtoTCP, SrcPort: 40000, DstPort: 80, Flags: FlagSYN, CT: CTNew, In: "eth0"}},
		{"localhost-to-nodeport", Packet{Src: addr("127.0.0.1"), Dst: addr("127.0.0.1"), Proto: ProtoTCP, SrcPort: 40000, DstPort: 3003, Flags: FlagSYN, CT: CTNew}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := New(NewNodeAddrs(testNodeAddrs...))
			if err := ev.Load(rs); err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			env := Env{Now: time.Hour, Rand: rand.New(rand.NewPCG(1, 2)), Trace: true, MasqueradeAddr: addr(testNodeIP)}
			path, err := ev.Traverse(tc.p, env)
			if err != nil {
				t.Fatalf("Traverse() error = %v", err)
			}
			checkGolden(t, tc.name+".golden", formatPath(path))
		})
	}
}

func TestDrawOdds(t *testing.T) {
	for _, tc := range []struct {
		n    int32
		want string
	}{{2, "1/2 (p=0.50000000000)"}, {3, "1/3 (p=0.33333333349)"}, {5, "1/5 (p=0.20000000019)"}, {100, "1/100 (p=0.00999999978)"}} {
		m := kubeproxy.Match{Kind: kubeproxy.MatchStatistic, N: tc.n}
		d := Draw{N: tc.n, Threshold: uint32(m.KernelProbability() * (1 << 31))}
		if got := d.Odds(); got != tc.want {
			t.Errorf("Draw{N: %d}.Odds() = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// ruleset builds a nat table by hand: chain name → rules.
func handRuleset(chains map[string][]kubeproxy.Rule, order ...string) *kubeproxy.Ruleset {
	rs := &kubeproxy.Ruleset{Filter: kubeproxy.TableRules{Table: kubeproxy.TableFilter}, NAT: kubeproxy.TableRules{Table: kubeproxy.TableNAT}}
	for _, name := range []string{"PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"} {
		rs.NAT.Chains = append(rs.NAT.Chains, &kubeproxy.Chain{Name: name, Builtin: true, Rules: chains[name]})
	}
	for _, name := range order {
		rs.NAT.Chains = append(rs.NAT.Chains, &kubeproxy.Chain{Name: name, Rules: chains[name]})
	}
	return rs
}

func jumpRule(chain, to string) kubeproxy.Rule {
	return kubeproxy.Rule{Table: kubeproxy.TableNAT, Chain: chain, Target: kubeproxy.Target{Kind: kubeproxy.TargetJump, Chain: to}}
}

func TestLoadErrors(t *testing.T) {
	t.Run("jump loop", func(t *testing.T) {
		rs := handRuleset(map[string][]kubeproxy.Rule{
			"PREROUTING": {jumpRule("PREROUTING", "KUBE-A")},
			"KUBE-A":     {jumpRule("KUBE-A", "KUBE-B")},
			"KUBE-B":     {jumpRule("KUBE-B", "KUBE-C")},
			"KUBE-C":     {jumpRule("KUBE-C", "KUBE-A")},
		}, "KUBE-A", "KUBE-B", "KUBE-C")
		err := New(NewNodeAddrs()).Load(rs)
		var le *LoopError
		if !errors.As(err, &le) {
			t.Fatalf("Load() error = %v, want a *LoopError", err)
		}
		if want := "netfilter: nat: jump loop KUBE-A -> KUBE-B -> KUBE-C -> KUBE-A"; err.Error() != want {
			t.Errorf("Load() error = %q, want %q", err, want)
		}
	})
	t.Run("missing chain", func(t *testing.T) {
		rs := handRuleset(map[string][]kubeproxy.Rule{"PREROUTING": {jumpRule("PREROUTING", "KUBE-NOPE")}})
		err := New(NewNodeAddrs()).Load(rs)
		if !errors.Is(err, ErrNoChain) {
			t.Fatalf("Load() error = %v, want ErrNoChain", err)
		}
		if want := "netfilter: nat: chain PREROUTING rule 1: jump to KUBE-NOPE: no such chain"; err.Error() != want {
			t.Errorf("Load() error = %q, want %q", err, want)
		}
	})
}

func TestUserChainReturnsToCaller(t *testing.T) {
	mark := kubeproxy.Rule{Table: kubeproxy.TableNAT, Chain: "KUBE-B", Target: kubeproxy.Target{Kind: kubeproxy.TargetMarkOr, Mark: 0x4000}}
	rs := handRuleset(map[string][]kubeproxy.Rule{
		"PREROUTING": {jumpRule("PREROUTING", "KUBE-A"), jumpRule("PREROUTING", "KUBE-B")},
		"KUBE-A":     {},
		"KUBE-B":     {mark},
	}, "KUBE-A", "KUBE-B")
	ev := New(NewNodeAddrs())
	if err := ev.Load(rs); err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	r, err := ev.CheckPrerouting(Packet{Src: addr("10.0.0.1"), Dst: addr("10.0.0.2"), Proto: ProtoTCP, CT: CTNew, In: "eth0"}, Env{})
	if err != nil {
		t.Fatalf("CheckPrerouting() error = %v", err)
	}
	if r.Verdict.Kind != VerdictAccept || r.After.Mark != 0x4000 || r.Rules != 3 {
		t.Errorf("CheckPrerouting() = %v mark %#x rules %d, want ACCEPT mark 0x4000 rules 3", r.Verdict, r.After.Mark, r.Rules)
	}
}
