package scenarios

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/sim"
)

// TestStepBackMatchesReplay proves exact step-back on a real run: for
// random points N of a library scenario, the view of the full run's trace
// moved (back and forth) to N equals the live state of a second run of
// the same scenario and seed stopped right at N.
func TestStepBackMatchesReplay(t *testing.T) {
	s, ok := Find("endpoints-follow-pods")
	if !ok {
		t.Fatal("library scenario endpoints-follow-pods not found")
	}
	full := Run(s, Options{})
	if !full.Passed {
		t.Fatalf("the scenario failed: %s", full.Error)
	}
	e := full.Cluster.Engine
	tr := e.Trace()
	view := sim.NewView(tr, nil)
	view.Seek(tr.Len() - 1)
	if diff := cmp.Diff(e.Snapshot(), view.Snapshot()); diff != "" {
		t.Fatalf("the view at the end differs from the live store (-live +view):\n%s", diff)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 8; n++ {
		want := r.Int64N(e.Dispatched()-1) + 1
		replay := Run(s, Options{StopAfter: want})
		re := replay.Cluster.Engine
		at := re.Trace().Len() - 1
		view.Seek(at)
		if diff := cmp.Diff(re.Snapshot(), view.Snapshot()); diff != "" {
			t.Fatalf("after %d events (record %d): the stepped-back view differs from the replay (-replay +view):\n%s", want, at, diff)
		}
		view.Seek(tr.Len() - 1) // and forward again
	}
}
