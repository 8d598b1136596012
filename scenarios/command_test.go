package scenarios

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestRunCommand stops a library scenario at a record, runs commands
// there and checks their output and records: the scenario's own steps do
// not run on in the branch.
func TestRunCommand(t *testing.T) {
	s, ok := Find("selector-typo")
	if !ok {
		t.Fatal("library scenario selector-typo not found")
	}
	full := Run(s, Options{})
	if !full.Passed {
		t.Fatalf("the scenario failed: %s", full.Error)
	}
	recs := full.Cluster.Engine.Trace().Records()
	at := -1
	for i, r := range recs {
		if r.Kind == "packet.rejected" {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatal("no packet.rejected record in selector-typo")
	}
	n := full.EventsAt(at)
	tests := []struct {
		name     string
		line     string
		contains string
		exit     int
	}{
		{"kubectl get", "kubectl get svc numbers-api", "numbers-api", 0},
		{"iptables-save on a node", "docker exec node-1 iptables-save | grep numbers-api", "has no endpoints", 0},
		{"unknown command", "frobnicate", "command not found", 127},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Run(s, Options{StopAfter: n})
			e := rep.Cluster.Engine
			if diff := cmp.Diff(recs[at].Summary, e.Trace().At(at).Summary); diff != "" {
				t.Fatalf("Run(StopAfter: EventsAt(%d)) did not reach record %d (-full +replay):\n%s", at, at, diff)
			}
			before := e.Trace().Len()
			res, err := RunCommand(rep, tc.line, CommandOptions{Settle: time.Second})
			if err != nil {
				t.Fatalf("RunCommand(%q) = %v", tc.line, err)
			}
			if !strings.Contains(res.Output(), tc.contains) || res.Exit != tc.exit {
				t.Errorf("RunCommand(%q) = %q exit %d, want it to contain %q, exit %d", tc.line, res.Output(), res.Exit, tc.contains, tc.exit)
			}
			var kinds []string
			for _, r := range e.Trace().Records()[before:] {
				if strings.HasPrefix(r.Kind, "scenario.") {
					kinds = append(kinds, r.Kind)
				}
			}
			if diff := cmp.Diff([]string{"scenario.command", "scenario.output"}, kinds); diff != "" {
				t.Errorf("scenario records after RunCommand(%q) (-want +got):\n%s", tc.line, diff)
			}
			if got := rep.EventsAt(e.Trace().Len() - 1); got != e.Dispatched() {
				t.Errorf("EventsAt(last) = %d, want %d", got, e.Dispatched())
			}
		})
	}
}

func TestRunCommandErrors(t *testing.T) {
	if _, err := RunCommand(&Report{}, "kubectl get pods", CommandOptions{}); !errors.Is(err, ErrNoRun) {
		t.Errorf("RunCommand(empty report) = %v, want ErrNoRun", err)
	}
}
