// Package sim is svcsim's discrete-event engine. It knows nothing of
// Kubernetes: it keeps a virtual clock, an event queue ordered by (time,
// insertion order), seeded random streams named per component, a recorded
// key/value state and the trace of everything that happened.
//
// The shape follows ns-3's simulator and JensRantil/steps: components are
// state machines that react to events and schedule new ones; nothing runs
// on a goroutine and nothing reads the wall clock, so the same inputs and
// seed give a byte-identical trace on any machine.
//
// State that a user may want to see at an earlier step (API objects,
// rule tables, conntrack entries, caches) lives in the engine's Store.
// Every write made while an event is dispatched is recorded as a Change
// with the value before and after, so a View can move to any point of
// the trace, forward or back, and show exactly the state first seen there.
package sim
