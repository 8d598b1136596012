package kubectl

import (
	"strings"
	"testing"
	"time"
)

// TestTiming checks how long commands take in simulated time: delete
// waits for the pod to go, which for the sleep image (it ignores SIGTERM)
// is the whole 30 s grace period and for numbers-api (it exits on
// SIGTERM) almost nothing; wait returns once the pod is Ready.
func TestTiming(t *testing.T) {
	h := newHarness(t, sourceFiles())
	h.run(t, "kubectl apply -f sleep/sleep2.yaml -f numbers/api.yaml")
	h.sleep(t, 100*time.Millisecond)

	res, d := h.timed(t, "kubectl wait --for=condition=Ready pod -l app=sleep-2")
	if res.Exit != 0 || !strings.HasSuffix(res.Stdout, " condition met\n") {
		t.Fatalf("wait: %q", res.Output())
	}
	t.Logf("wait for Ready: %v", d)
	if d < time.Second || d > 5*time.Second {
		t.Errorf("wait for Ready took %v, want about 2s after creation", d)
	}
	h.sleep(t, 2*time.Second)

	tests := []struct {
		name, line string
		min, max   time.Duration
	}{
		{"sleep pod waits the grace period", "kubectl delete pod -l app=sleep-2", 30 * time.Second, 32 * time.Second},
		{"numbers-api pod goes at once", "kubectl delete pod -l app=numbers-api", 0, 2 * time.Second},
		{"--now is a 1s grace period", "kubectl delete pod -l app=sleep-2 --now", time.Second, 3 * time.Second},
		{"--wait=false returns at once", "kubectl delete pod -l app=sleep-2 --wait=false", 0, 0},
		{"a Deployment goes at once", "kubectl delete deploy sleep-2", 0, time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.sleep(t, 3*time.Second) // the replacement pod starts
			res, d := h.timed(t, tc.line)
			if res.Exit != 0 || !strings.Contains(res.Stdout, "deleted from default namespace") {
				t.Fatalf("%s: %q", tc.line, res.Output())
			}
			t.Logf("%s: %v", tc.line, d)
			if d < tc.min || d > tc.max {
				t.Errorf("%s took %v, want %v..%v", tc.line, d, tc.min, tc.max)
			}
		})
	}
}

// TestWaitForDelete checks that wait --for=delete returns when the pod
// is gone, and prints "condition met" as kubectl does.
func TestWaitForDelete(t *testing.T) {
	h := newHarness(t, sourceFiles())
	h.run(t, "kubectl apply -f sleep/sleep1.yaml")
	h.sleep(t, 3*time.Second)
	name := podName(h, "sleep-1")
	if res := h.run(t, "kubectl delete pod "+name+" --wait=false"); res.Exit != 0 {
		t.Fatal(res.Output())
	}
	res, d := h.timed(t, "kubectl wait --for=delete pod/"+name+" --timeout=60s")
	if want := "pod/" + name + " condition met\n"; res.Stdout != want || res.Exit != 0 {
		t.Errorf("wait --for=delete: %q (exit %d), want %q", res.Output(), res.Exit, want)
	}
	if d < 29*time.Second || d > 31*time.Second {
		t.Errorf("wait --for=delete took %v, want about 30s", d)
	}
	res, d = h.timed(t, "kubectl wait --for=delete pod/"+name+" --timeout=60s")
	if res.Output() != "" || res.Exit != 0 || d != 0 {
		t.Errorf("wait --for=delete of a gone pod: %q exit %d after %v, want nothing at once", res.Output(), res.Exit, d)
	}
}

// TestWaitWeek checks that a negative --timeout waits a week, as kubectl
// does, in a bounded number of engine events.
func TestWaitWeek(t *testing.T) {
	h := newHarness(t, sourceFiles())
	h.run(t, "kubectl apply -f sleep/sleep1.yaml")
	h.sleep(t, 3*time.Second)
	before := h.c.Engine.Dispatched()
	res, d := h.timed(t, "kubectl wait --for=condition=Ready=false pod -l app=sleep-1 --timeout=-1s")
	events := h.c.Engine.Dispatched() - before
	t.Logf("a week-long wait: %d events", events)
	want := "error: timed out waiting for the condition on pods/" + podName(h, "sleep-1") + "\n"
	if res.Output() != want || res.Exit != 1 {
		t.Errorf("got %q exit %d, want %q", res.Output(), res.Exit, want)
	}
	if d != 168*time.Hour {
		t.Errorf("took %v, want 168h", d)
	}
	if events > fuzzMaxEvents {
		t.Errorf("took %d events, want at most %d", events, fuzzMaxEvents)
	}
}
