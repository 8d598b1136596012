package sim

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type logger struct {
	name string
	log  *[]string
}

func (l logger) Name() string { return l.name }
func (l logger) Handle(e *Engine, ev Event) {
	*l.log = append(*l.log, fmt.Sprintf("%s %s %v", FormatTime(e.Now()), l.name, ev.Payload))
}

func TestOrderByTimeThenInsertion(t *testing.T) {
	var log []string
	e := New(1)
	a := e.Register(logger{"a", &log})
	b := e.Register(logger{"b", &log})
	e.Schedule(2*time.Second, a, "late")
	e.Schedule(time.Second, b, "first-at-1s")
	e.Schedule(time.Second, a, "second-at-1s")
	e.Schedule(0, b, "now")
	if err := e.Run(); err != nil {
		t.Fatalf("Run() = %v, want nil", err)
	}
	want := []string{
		"0.000s b now",
		"1.000s b first-at-1s",
		"1.000s a second-at-1s",
		"2.000s a late",
	}
	if diff := cmp.Diff(want, log); diff != "" {
		t.Errorf("dispatch order (-want +got):\n%s", diff)
	}
}

func TestCancel(t *testing.T) {
	var log []string
	e := New(1)
	a := e.Register(logger{"a", &log})
	e.Schedule(time.Second, a, "kept")
	id := e.Schedule(time.Second, a, "cancelled")
	e.Cancel(id)
	e.Cancel(id)
	if err := e.Run(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"1.000s a kept"}, log); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
}

func TestRunUntilStopsAtTAndIncludesT(t *testing.T) {
	var log []string
	e := New(1)
	a := e.Register(logger{"a", &log})
	e.Schedule(time.Second, a, "at-T")
	e.Schedule(time.Second+1, a, "at-T+1ns")
	if err := e.RunUntil(time.Second); err != nil {
		t.Fatal(err)
	}
	if got, want := len(log), 1; got != want {
		t.Fatalf("after RunUntil(1s): %d events dispatched, want %d (%v)", got, want, log)
	}
	if got, want := e.Now(), time.Second; got != want {
		t.Errorf("Now() = %v, want %v", got, want)
	}
	if err := e.RunUntil(time.Second + 1); err != nil {
		t.Fatal(err)
	}
	if got, want := len(log), 2; got != want {
		t.Errorf("after RunUntil(1s+1ns): %d events, want %d", got, want)
	}
}

// pingPong schedules itself forever: the budget must stop it.
type pingPong struct{}

func (pingPong) Name() string { return "ping-pong" }
func (p pingPong) Handle(e *Engine, ev Event) {
	id, _ := e.Lookup("ping-pong")
	e.Emit("ping", "ping", nil)
	e.Schedule(time.Millisecond, id, nil)
}

func TestEventBudget(t *testing.T) {
	e := New(1)
	e.SetEventBudget(100)
	id := e.Register(pingPong{})
	e.Schedule(0, id, nil)
	err := e.Run()
	var be *BudgetError
	if !errors.As(err, &be) || !errors.Is(err, ErrEventBudget) {
		t.Fatalf("Run() = %v, want a *BudgetError", err)
	}
	want := "event budget of 100 events exhausted at t=0.099s (last event handled by ping-pong): the simulation did not settle; raise the event budget if this is expected"
	if got := err.Error(); got != want {
		t.Errorf("Run() error = %q, want %q", got, want)
	}
}

func TestRandStreamsIndependentAndSeeded(t *testing.T) {
	draw := func(seed uint64, touchOther bool) uint64 {
		e := New(seed)
		if touchOther {
			e.Rand("other").Uint64()
		}
		return e.Rand("kube-proxy/node-1").Uint64()
	}
	if draw(7, false) != draw(7, true) {
		t.Error("drawing from another stream changed this stream's values")
	}
	if draw(7, false) == draw(8, false) {
		t.Error("different seeds gave the same first draw")
	}
}

func TestRecordsAndChanges(t *testing.T) {
	e := New(1)
	id := e.Register(HandlerFunc{N: "writer", F: func(e *Engine, ev Event) {
		e.Set("k", ev.Payload)
		e.Emit("write", fmt.Sprintf("wrote %v", ev.Payload), nil)
		e.Set("other", 1) // no Emit after: joins the record above
	}})
	e.Set("setup-key", "x")
	e.Emit("setup", "initial state", nil)
	e.Schedule(time.Second, id, "v1")
	if err := e.Run(); err != nil {
		t.Fatal(err)
	}
	tr := e.Trace()
	if tr.Len() != 2 {
		t.Fatalf("trace has %d records, want 2", tr.Len())
	}
	r := tr.At(1)
	if r.Component != "writer" || r.Summary != "wrote v1" || r.At != time.Second || r.Event == 0 {
		t.Errorf("record = %+v", r)
	}
	want := []Change{{Key: "k", After: "v1"}, {Key: "other", After: 1}}
	if diff := cmp.Diff(want, r.Changes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if c := tr.At(0).Component; c != "setup" {
		t.Errorf("setup record component = %q, want setup", c)
	}
}

func ExampleEngine() {
	e := New(42)
	var log []string
	clock := e.Register(HandlerFunc{N: "clock", F: func(e *Engine, ev Event) {
		log = append(log, FormatTime(e.Now())+" "+ev.Payload.(string))
	}})
	e.Schedule(1500*time.Millisecond, clock, "tock")
	e.Schedule(500*time.Millisecond, clock, "tick")
	_ = e.Run()
	for _, l := range log {
		fmt.Println(l)
	}
	// Output:
	// 0.500s tick
	// 1.500s tock
}
