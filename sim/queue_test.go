package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestQueueOrderMatchesSort pushes and pops at random, as the engine does
// (never into the past, many ties), and checks every peek and pop against
// a sorted reference. "wide" spreads delays over forty bits; "bursts"
// schedules dozens of events at a few times ahead, so lowest buckets
// are large, split, and hold many events due at once.
func TestQueueOrderMatchesSort(t *testing.T) {
	tests := []struct {
		name  string
		delay func(r *rand.Rand) time.Duration
	}{
		{"wide", func(r *rand.Rand) time.Duration {
			return time.Duration(r.IntN(5)) * time.Duration(1+r.IntN(1<<uint(r.IntN(40))))
		}},
		{"bursts", func(r *rand.Rand) time.Duration {
			return time.Duration(r.IntN(4)) * time.Duration(1+r.IntN(3)) * time.Millisecond
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, 4))
			var q eventQueue
			var ref []Event
			var now time.Duration
			var id EventID
			for step := 0; step < 200_000; step++ {
				if len(ref) == 0 || r.IntN(3) > 0 {
					id++
					ev := Event{At: now + tc.delay(r), ID: id, To: 1}
					q.push(ev)
					// Keep ref sorted: IDs only grow, so the new event goes
					// after every event due at or before its time.
					i, _ := slices.BinarySearchFunc(ref, ev, func(a, b Event) int {
						if a.At <= b.At {
							return -1
						}
						return 1
					})
					ref = slices.Insert(ref, i, ev)
					continue
				}
				want := ref[0]
				ref = ref[1:]
				if at := q.peekAt(); at != want.At {
					t.Fatalf("step %d: peekAt() = %v, want %v", step, at, want.At)
				}
				got := q.pop()
				if got.At != want.At || got.ID != want.ID {
					t.Fatalf("step %d: pop() = (%v, %d), want (%v, %d)", step, got.At, got.ID, want.At, want.ID)
				}
				now = got.At
			}
			if q.Len() != len(ref) {
				t.Errorf("Len() = %d, want %d", q.Len(), len(ref))
			}
		})
	}
}

// TestQueuePeekThenEarlierPush is what RunUntil does: look at the next
// event (later than t), stop, then schedule something at t. The earlier
// event must come out first.
func TestQueuePeekThenEarlierPush(t *testing.T) {
	var q eventQueue
	q.push(Event{At: 100, ID: 1})
	if got := q.pop(); got.ID != 1 {
		t.Fatalf("pop() = %d, want 1", got.ID)
	}
	q.push(Event{At: 5000, ID: 2})
	if got := q.peekAt(); got != 5000 {
		t.Fatalf("peekAt() = %v, want 5000", got)
	}
	q.push(Event{At: 200, ID: 3})
	for _, want := range []EventID{3, 2} {
		if got := q.pop(); got.ID != want {
			t.Fatalf("pop() = event %d, want %d", got.ID, want)
		}
	}
}

func TestRunUntilThenScheduleAtNow(t *testing.T) {
	var log []string
	e := New(1)
	a := e.Register(logger{"a", &log})
	e.Schedule(10*time.Second, a, "late")
	if err := e.RunUntil(time.Second); err != nil {
		t.Fatal(err)
	}
	e.Schedule(0, a, "now")
	if err := e.Run(); err != nil {
		t.Fatal(err)
	}
	want := []string{"1.000s a now", "10.000s a late"}
	if len(log) != 2 || log[0] != want[0] || log[1] != want[1] {
		t.Errorf("log = %q, want %q", log, want)
	}
}
