package sim

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// DefaultEventBudget is the number of events Run dispatches before it gives
// up with ErrEventBudget. It bounds runaway traffic (a packet loop, a
// controller fighting another) so that a bad scenario ends with an error
// instead of a hang.
const DefaultEventBudget = 5_000_000

// ErrEventBudget is returned by Run and RunUntil when the engine has
// dispatched its event budget and events are still queued. It is wrapped
// in a *BudgetError that says how far the run got.
var ErrEventBudget = errors.New("event budget exhausted")

// BudgetError reports a run stopped by its event budget.
type BudgetError struct {
	Budget int64         // the budget that was exhausted
	At     time.Duration // virtual time of the last dispatched event
	Last   string        // the component that handled the last event
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("event budget of %d events exhausted at t=%s (last event handled by %s): the simulation did not settle; raise the event budget if this is expected",
		e.Budget, FormatTime(e.At), e.Last)
}

// Unwrap lets errors.Is match ErrEventBudget.
func (e *BudgetError) Unwrap() error { return ErrEventBudget }

// Engine is the discrete-event engine. Its zero value is not usable: call
// New. An Engine is not safe for concurrent use; tests that want
// parallelism create one engine each.
type Engine struct {
	now        time.Duration
	nextID     EventID
	queue      eventQueue
	cancelled  map[EventID]struct{}
	components []Component
	compNames  []string // each component's Name, read once at Register
	names      map[string]ComponentID

	seed    uint64
	streams map[string]*rand.Rand

	budget     int64
	dispatched int64
	current    ComponentID

	store   map[string]*Slot
	trace   Trace
	record  bool
	pending []Change
	changes []Change // the block keepChanges fills
	emitted int      // index of the first record emitted by the current dispatch, or -1

	dispatchingID EventID
}

// New returns an engine at virtual time zero whose random streams derive
// from seed. Tracing and state recording are on.
func New(seed uint64) *Engine {
	return &Engine{
		names:   map[string]ComponentID{},
		seed:    seed,
		streams: map[string]*rand.Rand{},
		budget:  DefaultEventBudget,
		store:   map[string]*Slot{},
		record:  true,
		emitted: -1,
	}
}

// SetEventBudget sets how many events Run may dispatch in all; n <= 0
// restores DefaultEventBudget.
func (e *Engine) SetEventBudget(n int64) {
	if n <= 0 {
		n = DefaultEventBudget
	}
	e.budget = n
}

// EventBudget returns the current event budget.
func (e *Engine) EventBudget() int64 { return e.budget }

// SetRecording turns the trace and the recording of state changes on or
// off. Benchmarks of raw throughput turn it off; everything a user sees
// runs with it on.
func (e *Engine) SetRecording(on bool) { e.record = on }

// Register adds a component and returns its ID. Names must be unique.
func (e *Engine) Register(c Component) ComponentID {
	name := c.Name()
	if _, dup := e.names[name]; dup {
		panic("sim: component registered twice: " + name)
	}
	e.components = append(e.components, c)
	e.compNames = append(e.compNames, name)
	id := ComponentID(len(e.components))
	e.names[name] = id
	return id
}

// Lookup returns the ID of the component with the given name.
func (e *Engine) Lookup(name string) (ComponentID, bool) {
	id, ok := e.names[name]
	return id, ok
}

// ComponentName returns the name of a registered component, as it gave
// it when it was registered.
func (e *Engine) ComponentName(id ComponentID) string {
	if id <= 0 || int(id) > len(e.components) {
		return "setup"
	}
	return e.compNames[id-1]
}

// Now returns the current virtual time.
func (e *Engine) Now() time.Duration { return e.now }

// Dispatched returns how many events have been handled so far.
func (e *Engine) Dispatched() int64 { return e.dispatched }

// Pending returns how many events are queued (cancelled ones included
// until they are reached).
func (e *Engine) Pending() int { return e.queue.Len() }

// Schedule queues payload for component to after the given delay from now
// and returns the event's ID. A negative delay is a programmer error.
func (e *Engine) Schedule(after time.Duration, to ComponentID, payload any) EventID {
	if after < 0 {
		panic(fmt.Sprintf("sim: negative delay %v", after))
	}
	return e.ScheduleAt(e.now+after, to, payload)
}

// ScheduleAt queues payload for component to at virtual time at, which
// must not be in the past.
func (e *Engine) ScheduleAt(at time.Duration, to ComponentID, payload any) EventID {
	if at < e.now {
		panic(fmt.Sprintf("sim: event scheduled in the past (%v < %v)", at, e.now))
	}
	if to <= 0 || int(to) > len(e.components) {
		panic(fmt.Sprintf("sim: event for unknown component %d", to))
	}
	e.nextID++
	e.queue.push(Event{At: at, ID: e.nextID, To: to, Payload: payload})
	return e.nextID
}

// Cancel stops a scheduled event from firing. Cancelling an event that
// already fired, or twice, does nothing. Cancellation is lazy: the event
// stays queued and is skipped when reached.
func (e *Engine) Cancel(id EventID) {
	if e.cancelled == nil {
		e.cancelled = map[EventID]struct{}{}
	}
	e.cancelled[id] = struct{}{}
}

// NextAt returns the time of the next queued event.
func (e *Engine) NextAt() (time.Duration, bool) {
	if e.queue.Len() == 0 {
		return 0, false
	}
	return e.queue.peekAt(), true
}

// Step dispatches the next event. It reports false when the queue is
// empty.
func (e *Engine) Step() bool {
	for e.queue.Len() > 0 {
		ev := e.queue.pop()
		if e.cancelled != nil {
			if _, skip := e.cancelled[ev.ID]; skip {
				delete(e.cancelled, ev.ID)
				continue
			}
		}
		e.dispatch(ev)
		return true
	}
	return false
}

func (e *Engine) dispatch(ev Event) {
	e.now = ev.At
	e.dispatched++
	e.current = ev.To
	e.dispatchingID = ev.ID
	e.emitted = -1
	e.components[ev.To-1].Handle(e, ev)
	if len(e.pending) > 0 {
		e.flushPending()
	}
	e.current = 0
}

// Run dispatches events until the queue is empty or the budget is spent.
func (e *Engine) Run() error {
	for e.queue.Len() > 0 {
		if e.dispatched >= e.budget {
			return e.budgetError()
		}
		e.Step()
	}
	return nil
}

// RunUntil dispatches every event due at or before t, then sets the clock
// to t. It stops early with a *BudgetError when the budget is spent.
func (e *Engine) RunUntil(t time.Duration) error {
	for e.queue.Len() > 0 && e.queue.peekAt() <= t {
		if e.dispatched >= e.budget {
			return e.budgetError()
		}
		e.Step()
	}
	if t > e.now {
		e.now = t
	}
	return nil
}

func (e *Engine) budgetError() error {
	return &BudgetError{Budget: e.budget, At: e.now, Last: e.lastComponent()}
}

func (e *Engine) lastComponent() string {
	if n := e.trace.Len(); n > 0 {
		return e.trace.At(n - 1).Component
	}
	return "no component"
}

// Rand returns the random stream with the given name, creating it on first
// use. Each stream is seeded from the engine's seed and the stream's name,
// so adding a component does not change the draws of another.
func (e *Engine) Rand(stream string) *rand.Rand {
	if r, ok := e.streams[stream]; ok {
		return r
	}
	h := fnv.New64a()
	h.Write([]byte(stream))
	r := rand.New(rand.NewPCG(e.seed, h.Sum64()))
	e.streams[stream] = r
	return r
}

// Seed returns the seed the engine was created with.
func (e *Engine) Seed() uint64 { return e.seed }

// FormatTime prints a virtual time the way the trace shows it: seconds with
// millisecond precision, e.g. "12.345s".
func FormatTime(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%d.%03ds", ms/1000, ms%1000)
}
