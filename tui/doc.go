// Package tui is svcsim's terminal UI, built with Bubble Tea v2
// (charm.land/bubbletea/v2 v2.0.10), Lip Gloss v2 (v2.0.6) and Bubbles v2
// (v2.2.1).
//
// It has two screens: the scenario library, and the walkthrough of one
// scenario. A walkthrough runs the scenario headless first
// (scenarios.Run), then browses the recorded trace from the scenario's
// start: it moves a sim.View forward and back over the records, so the
// state it shows at record N is exactly the state the simulation held
// right after record N. The UI reads the simulation; it never changes
// the model and decides nothing about what a packet does.
//
// Layout: the parent computes every size and pushes it down (SetSize);
// keys go to the focused part; the position in the trace goes to every
// view as a moveMsg. Styles live in styles.go, key bindings in keys.go,
// and the help is generated from the bindings, so a disabled binding
// (step back at the start) disappears from it.
package tui
