package tui

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestKeyFlow opens a scenario from the library, steps forward three
// times and back one, and switches view: the position is exact and the
// state after stepping back is the state first seen there.
func TestKeyFlow(t *testing.T) {
	m := newSized(t, 80, 24)
	for i := indexOf(t, "endpoints-follow-pods"); i > 0; i-- {
		drive(t, m, "j")
	}
	drive(t, m, "enter")
	if m.screen != screenWalk || m.walk == nil {
		t.Fatalf("after enter the screen is %d, want the walkthrough", m.screen)
	}
	at := m.walk.at
	start := at.start
	drive(t, m, "n") // to step 1
	first := at.pos
	drive(t, m, "j", "j")
	seen := at.view.Snapshot()
	drive(t, m, "j")
	if got, want := at.pos, first+3; got != want {
		t.Errorf("after n and three j the position is %d, want %d", got, want)
	}
	drive(t, m, "k")
	if got, want := at.pos, first+2; got != want {
		t.Errorf("after k the position is %d, want %d", got, want)
	}
	if diff := cmp.Diff(keys(seen), keys(at.view.Snapshot())); diff != "" {
		t.Errorf("state after stepping back differs from the state first seen (-first +back):\n%s", diff)
	}
	drive(t, m, "tab")
	if got := m.walk.panes[m.walk.active].Title(); got != "Packet" {
		t.Errorf("after tab the view is %q, want Packet", got)
	}
	drive(t, m, "5")
	if got := m.walk.panes[m.walk.active].Title(); got != "Event" {
		t.Errorf("after 5 the view is %q, want Event", got)
	}
	drive(t, m, "g")
	if at.pos != start {
		t.Errorf("after g the position is %d, want the scenario start %d", at.pos, start)
	}
	if m.walk.keys.Prev.Enabled() {
		t.Error("at the start, step back is enabled; want it disabled (and out of the help)")
	}
	drive(t, m, "esc")
	if m.screen != screenLibrary {
		t.Errorf("after esc the screen is %d, want the library", m.screen)
	}
}

// TestFilter narrows the timeline to matching records and steps through
// them.
func TestFilter(t *testing.T) {
	m := newSized(t, 80, 24)
	drive(t, m, "enter", "/")
	for _, r := range "step 2" {
		drive(t, m, string(r))
	}
	drive(t, m, "enter")
	w := m.walk
	if len(w.matches) == 0 {
		t.Fatal("filter \"step 2\" matched nothing")
	}
	drive(t, m, "j")
	if got := w.at.rec().Summary; got != w.at.recs[w.matches[0]].Summary {
		t.Errorf("j with a filter went to %q, want the first match", got)
	}
	drive(t, m, "esc")
	if w.query != "" {
		t.Errorf("esc left the filter %q, want it cleared", w.query)
	}
	if m.screen != screenWalk {
		t.Error("the first esc left the walkthrough; want it to clear the filter only")
	}
}

func keys(m map[string]any) map[string]bool {
	out := map[string]bool{}
	for k, v := range m {
		out[k] = v != nil
	}
	return out
}

// TestCommandFlow is the flow: open a scenario, step forward
// three times and back one, open the rules view, run a command with :
// and see its output in a what-if branch; esc leaves the branch at the
// record it started from.
func TestCommandFlow(t *testing.T) {
	m := newSized(t, 80, 24)
	for i := indexOf(t, "selector-typo"); i > 0; i-- {
		drive(t, m, "j")
	}
	drive(t, m, "enter", "j", "j", "j", "k", "3")
	w := m.walk
	from := w.at.pos
	if got := w.panes[w.active].Title(); got != "Rules" {
		t.Fatalf("after 3 the view is %q, want Rules", got)
	}
	if got := text(m); !strings.Contains(got, "iptables-save at event #") && !strings.Contains(got, "has not written") {
		t.Errorf("the rules view shows neither tables nor their absence:\n%s", got)
	}
	drive(t, m, ":")
	for _, r := range "kubectl get svc numbers-api" {
		drive(t, m, string(r))
	}
	drive(t, m, "enter")
	if w.at.branch == nil {
		t.Fatalf("after : and enter there is no what-if branch; error %q", w.cmdErr)
	}
	got := text(m)
	for _, want := range []string{"WHAT-IF", "$ kubectl get svc numbers-api", "NAME", "numbers-api   ClusterIP"} {
		if !strings.Contains(got, want) {
			t.Errorf("the screen after the command lacks %q:\n%s", want, got)
		}
	}
	if got := w.at.branch.from; got != from {
		t.Errorf("the branch starts at record %d, want the current record %d", got, from)
	}
	drive(t, m, "esc")
	if w.at.branch != nil || w.at.pos != from {
		t.Errorf("after esc: branch %v at %d, want the walkthrough at %d", w.at.branch != nil, w.at.pos, from)
	}
	if m.screen != screenWalk {
		t.Errorf("esc in a branch left the walkthrough; want it to leave the branch only")
	}
}

// TestBreakpointAndFilterSyntax runs to the next packet.rejected record
// with b, and filters the timeline with kind: and comp: terms.
func TestBreakpointAndFilterSyntax(t *testing.T) {
	m := newSized(t, 80, 24)
	for i := indexOf(t, "selector-typo"); i > 0; i-- {
		drive(t, m, "j")
	}
	drive(t, m, "enter", "b")
	for _, r := range "packet.rej" {
		drive(t, m, string(r))
	}
	drive(t, m, "enter")
	w := m.walk
	if got := w.at.rec().Kind; got != "packet.rejected" {
		t.Errorf("b packet.rej enter went to a %q record, want packet.rejected", got)
	}
	tests := []struct {
		filter string
		ok     func(kind, comp string) bool
	}{
		{"kind:kubeproxy.", func(k, c string) bool { return strings.HasPrefix(k, "kubeproxy.") }},
		{"comp:kube-proxy", func(k, c string) bool { return strings.Contains(c, "kube-proxy") }},
		{"kind:packet. comp:network", func(k, c string) bool { return strings.HasPrefix(k, "packet.") && c == "network" }},
	}
	for _, tc := range tests {
		t.Run(tc.filter, func(t *testing.T) {
			w.setFilter(tc.filter)
			if len(w.matches) == 0 {
				t.Fatalf("filter %q matched nothing", tc.filter)
			}
			for _, i := range w.matches {
				r := &w.at.recs[i]
				if !tc.ok(r.Kind, r.Component) {
					t.Errorf("filter %q matched %s %s", tc.filter, r.Component, r.Kind)
				}
			}
		})
	}
}
