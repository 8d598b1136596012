package netfilter

import (
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var addrComparers = cmp.Options{
	cmp.Comparer(func(a, b netip.Addr) bool { return a == b }),
	cmp.Comparer(func(a, b netip.AddrPort) bool { return a == b }),
}

// TestIndexedWalkMatchesLinear runs the same packets, random draws and
// clock through an indexed and a linear evaluator and requires identical
// paths: verdicts, rewrites, draws, recent operations, steps and rule counts.
func TestIndexedWalkMatchesLinear(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 1))
		c := randomCluster(rng, 5+rng.IntN(60))
		rs := c.ruleset(t)
		local := NewNodeAddrs(testNodeAddrs...)
		indexed, linear := New(local), New(local)
		linear.linear = true
		for _, ev := range []*Evaluator{indexed, linear} {
			if err := ev.Load(rs); err != nil {
				t.Fatalf("seed %d: Load() error = %v", seed, err)
			}
		}
		if indexed.tables[1].chains[indexed.tables[1].byName["KUBE-SERVICES"]].idx == nil {
			t.Fatalf("seed %d: KUBE-SERVICES has no index", seed)
		}
		ri, rl := rand.New(rand.NewPCG(seed, 2)), rand.New(rand.NewPCG(seed, 2))
		for i := range 300 {
			p := randomPacket(rng, c, local)
			now := time.Duration(i) * 7 * time.Second
			env := Env{Now: now, Trace: i%2 == 0, MasqueradeAddr: addr(testNodeIP)}
			env.Rand = ri
			got, err := indexed.Traverse(p, env)
			if err != nil {
				t.Fatalf("indexed Traverse(%v) error = %v", p, err)
			}
			env.Rand = rl
			want, err := linear.Traverse(p, env)
			if err != nil {
				t.Fatalf("linear Traverse(%v) error = %v", p, err)
			}
			if diff := cmp.Diff(want, got, addrComparers); diff != "" {
				t.Fatalf("seed %d packet %d %v: indexed walk differs from linear (-linear +indexed):\n%s", seed, i, p, diff)
			}
		}
	}
}
