package sim

import "time"

// ComponentID names a registered component. The zero ComponentID is not
// valid: Register hands out IDs from 1.
type ComponentID int32

// EventID identifies a scheduled event; Cancel takes it. The zero EventID is
// never handed out.
type EventID uint64

// Event is one scheduled happening. The engine owns the Event until it
// calls Handle; from then the handler owns the Payload. A payload is never
// shared between two scheduled events unless it is immutable.
type Event struct {
	// At is the virtual time at which the event fires.
	At time.Duration
	// ID orders events that fire at the same time: lower IDs first
	// (insertion order).
	ID EventID
	// To is the component that handles the event.
	To ComponentID
	// Payload is what the receiving component needs; the engine never
	// looks inside.
	Payload any
}

// Component is one part of the simulated world: a kube-proxy, a kubelet,
// a switch. The engine calls Handle for each event addressed to it, in
// virtual-time order. Handle may read and write the engine's Store, draw
// from its random streams, schedule events and emit trace records, and
// must do nothing else with the outside world: no goroutines, no wall
// clock, no files.
type Component interface {
	// Name is the component's name as the trace shows it, e.g.
	// "kube-proxy/node-1". It must be unique within an engine.
	Name() string
	// Handle reacts to one event. Panicking is a programmer error.
	Handle(e *Engine, ev Event)
}

// HandlerFunc adapts a function to a Component with a fixed name.
type HandlerFunc struct {
	N string
	F func(e *Engine, ev Event)
}

// Name returns the component's name.
func (h HandlerFunc) Name() string { return h.N }

// Handle calls F.
func (h HandlerFunc) Handle(e *Engine, ev Event) { h.F(e, ev) }
