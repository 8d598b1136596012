package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// openSized opens a library scenario at once (svcsim tui NAME) at a
// fixed size.
func openSized(t *testing.T, name string, w, h int) *Model {
	t.Helper()
	sc := find(t, name)
	m := New(Options{Library: builtins(t), Open: sc, Mono: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(m, m.Init())
	if m.screen != screenWalk {
		t.Fatalf("opening %s: screen %d, message %q", name, m.screen, m.message)
	}
	return m
}

// seekKind moves the walkthrough to the first record of a kind (with a
// summary containing text), as the b breakpoint key does.
func seekKind(t *testing.T, m *Model, kind, text string) {
	t.Helper()
	at := m.walk.at
	for i := at.start; i < len(at.recs); i++ {
		if at.recs[i].Kind == kind && strings.Contains(at.recs[i].Summary, text) {
			m.walk.seek(i)
			return
		}
	}
	t.Fatalf("no %s record saying %q", kind, text)
}

// TestViewGoldens draws the rules and DNS views at the moments they are
// for: a packet rejected by kube-proxy's REJECT rule, a packet DNATed to
// a pod, and the search-list walk of a name that does not resolve and of
// one that does.
func TestViewGoldens(t *testing.T) {
	tests := []struct {
		name, scenario, kind, text string
		view                       string
	}{
		{"rules-reject", "selector-typo", "packet.rejected", "", "3"},
		{"rules-dnat", "simpleservice-iptables", "packet.routed", "32769 > 10.244.2.3:9876 tcp [SYN]", "3"},
		{"packet-conntrack", "simpleservice-iptables", "packet.routed", "32769 > 10.244.2.3:9876 tcp [SYN]", "2"},
		{"dns-failed", "dns-numbers-web", "dns.failed", "", "4"},
		{"dns-resolved", "dns-numbers-web", "dns.resolved", "", "4"},
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, tc := range tests {
			name := fmt.Sprintf("%s-%dx%d", tc.name, size.w, size.h)
			t.Run(name, func(t *testing.T) {
				m := openSized(t, tc.scenario, size.w, size.h)
				seekKind(t, m, tc.kind, tc.text)
				drive(t, m, tc.view)
				got := text(m)
				checkSize(t, got, size.w, size.h)
				golden(t, name, got)
			})
		}
	}
}

func checkSize(t *testing.T, got string, w, h int) {
	t.Helper()
	if n := strings.Count(got, "\n") + 1; n != h {
		t.Errorf("View() has %d lines, want %d", n, h)
	}
	for i, l := range strings.Split(got, "\n") {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide, want <= %d: %q", i+1, lw, w, l)
		}
	}
}
