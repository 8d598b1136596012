package tui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// bigWalk is a walkthrough over a synthetic trace of n records, each
// writing one key, with a step every 1000 records.
func bigWalk(b *testing.B, n int) *walk {
	e := sim.New(1)
	for i := 0; i < n; i++ {
		if i%1000 == 0 {
			e.Emit(kindStep, fmt.Sprintf("step %d", i/1000+1), nil)
			continue
		}
		e.Set(fmt.Sprintf("k/%d", i%5000), i)
		e.Emit("state", fmt.Sprintf("record %d", i), nil)
	}
	sc := &scenarios.Scenario{Metadata: scenarios.Meta{Name: "big", Title: "a big trace"}}
	rep := &scenarios.Report{Cluster: &cluster.Cluster{Engine: e}}
	st := newStyles(true)
	w := newWalk(&st, sc, rep, scenarios.Options{})
	w.SetSize(120, 40)
	return w
}

// BenchmarkStepAndRender steps forward or back one record in the middle
// of a 1,000,000-record trace and renders the frame.
func BenchmarkStepAndRender(b *testing.B) {
	w := bigWalk(b, 1_000_000)
	w.seek(500_000)
	next, prev := press("j"), press("k")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := next
		if i%2 == 1 {
			k = prev
		}
		w.Update(tea.KeyPressMsg(k))
		_ = w.View()
	}
}
