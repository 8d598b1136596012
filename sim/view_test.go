package sim

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// churner writes, overwrites and deletes random keys, emits records at
// random points (sometimes leaving changes after its last Emit) and
// schedules more work, so that a long run exercises every path through
// the recording.
type churner struct {
	name  string
	id    ComponentID
	snaps map[int]map[string]any
}

func (c *churner) Name() string { return c.name }

func (c *churner) Handle(e *Engine, ev Event) {
	r := e.Rand(c.name)
	writes := r.IntN(4)
	for i := 0; i < writes; i++ {
		key := fmt.Sprintf("k/%02d", r.IntN(40))
		switch r.IntN(3) {
		case 0:
			e.Delete(key)
		default:
			e.Set(key, r.IntN(1000))
		}
		if r.IntN(2) == 0 {
			e.Emit("churn", fmt.Sprintf("%s wrote %s", c.name, key), nil)
			c.snaps[e.Trace().Len()-1] = e.Snapshot()
		}
	}
	e.Schedule(time.Duration(r.IntN(1000))*time.Millisecond, c.id, nil)
}

func TestViewStepsBackExactlyOverLongRandomRun(t *testing.T) {
	e := New(2024)
	snaps := map[int]map[string]any{}
	for i := 0; i < 5; i++ {
		c := &churner{name: fmt.Sprintf("churner-%d", i), snaps: snaps}
		c.id = e.Register(c)
		e.Schedule(0, c.id, nil)
		e.Schedule(0, c.id, nil)
	}
	for steps := 0; steps < 50_000 && e.Step(); steps++ {
		// The last record of a dispatch also carries the changes made
		// after its Emit: its state is the state at the end of the event.
		if n := e.Trace().Len(); n > 0 {
			if _, ok := snaps[n-1]; ok {
				snaps[n-1] = e.Snapshot()
			}
		}
	}
	tr := e.Trace()
	if tr.Len() < 10_000 {
		t.Fatalf("run produced only %d records; the test needs a long run", tr.Len())
	}
	v := NewView(tr, nil)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		n := r.IntN(tr.Len())
		want, ok := snaps[n]
		if !ok {
			continue // a record emitted with no snapshot (flush record)
		}
		v.Seek(n)
		if diff := cmp.Diff(want, v.Snapshot()); diff != "" {
			t.Fatalf("view at record %d differs from the state first seen there (-want +got):\n%s", n, diff)
		}
	}
	// And the end of the trace equals the live store.
	v.Seek(tr.Len() - 1)
	if diff := cmp.Diff(e.Snapshot(), v.Snapshot()); diff != "" {
		t.Errorf("view at the end differs from the live store (-live +view):\n%s", diff)
	}
	v.Seek(-1)
	if v.Len() != 0 {
		t.Errorf("view before the first record holds %d keys, want 0", v.Len())
	}
}

func TestViewKeysByGroup(t *testing.T) {
	e := New(1)
	for _, k := range []string{"api/Pod/default/b", "api/Pod/default/a", "api/Pod/kube-system/c", "api/Service/default/a", "iptables/node-1", "x"} {
		e.Set(k, 1)
	}
	e.Emit("setup", "objects", nil)
	e.Delete("api/Pod/default/b")
	e.Emit("setup", "delete one", nil)
	v := NewView(e.Trace(), nil)
	v.Seek(1)
	tests := map[string][]string{
		"api/Pod/":         {"api/Pod/default/a", "api/Pod/kube-system/c"},
		"api/Pod/default/": {"api/Pod/default/a"},
		"api/":             {"api/Pod/default/a", "api/Pod/kube-system/c", "api/Service/default/a"},
		"iptables/":        {"iptables/node-1"},
		"":                 {"api/Pod/default/a", "api/Pod/kube-system/c", "api/Service/default/a", "iptables/node-1", "x"},
	}
	for prefix, want := range tests {
		if diff := cmp.Diff(want, v.Keys(prefix)); diff != "" {
			t.Errorf("Keys(%q) (-want +got):\n%s", prefix, diff)
		}
	}
	v.Seek(0)
	if diff := cmp.Diff([]string{"api/Pod/default/a", "api/Pod/default/b"}, v.Keys("api/Pod/default/")); diff != "" {
		t.Errorf("after stepping back, Keys (-want +got):\n%s", diff)
	}
}
