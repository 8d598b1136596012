// Package gcpolicy sets the garbage collector the way svcsim runs best.
//
// A simulation keeps everything it did: the trace holds every record and
// every version of every object, so the heap only grows and most of what
// a collection scans survives it. Collecting when the heap has doubled
// (GOGC=100, Go's default) then means scanning the whole trace again and
// again for little garbage; collecting when it has tripled (GOGC=200)
// halves that work. The peak stays about the same: the trace, not the
// garbage, is the bulk of the heap. On the scale benchmark (1,000 nodes,
// 100,000 pods) this cut the wall time by a tenth at the same peak RSS.
package gcpolicy

import (
	"os"
	"runtime/debug"
)

// Percent is the GOGC svcsim runs with unless the environment sets one.
const Percent = 200

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
