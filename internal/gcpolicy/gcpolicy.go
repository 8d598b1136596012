// Package gcpolicy sets the garbage collector the way svcsim runs best.
//
// A simulation keeps everything it did: the trace holds every record and
// every version of every object, so the heap only grows and most of what
// a collection scans survives it. Collecting when the heap has doubled
// (GOGC=100, Go's default) then means scanning the whole trace again and
// again for little garbage; collecting when it has grown fivefold
// (GOGC=400) makes a fraction of that work. The peak grows little: the
// trace, not the garbage, is the bulk of the heap. On the scale benchmark
// (1,000 nodes, 100,000 pods, a loaded 2-core host, runs taken in turns)
// GOGC=400 took 5.0–6.1 s against 6.0–6.8 s at 200 and 6.0–6.5 s at
// 100, with a peak RSS of 1.35 GB against 1.29 GB; 800 or off gained
// nothing more and cost more memory.
package gcpolicy

import (
	"os"
	"runtime/debug"
)

// Percent is the GOGC svcsim runs with unless the environment sets one.
const Percent = 400

// Apply sets the collector's target to Percent, unless GOGC is set in the
// environment: a user who chose a value keeps it. It returns the value in
// force.
func Apply() int {
	if v, ok := os.LookupEnv("GOGC"); ok && v != "" {
		old := debug.SetGCPercent(100) // read the value the runtime parsed
		debug.SetGCPercent(old)
		return old
	}
	debug.SetGCPercent(Percent)
	return Percent
}
