package tui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/scenarios"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// press turns key names into key presses as a terminal sends them.
func press(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// drive sends keys to the model and runs the commands they return, as
// the program would, except ticks (play) which would wait.
func drive(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(press(k))
		run(m, cmd)
	}
}

func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case openedMsg, branchMsg:
		m.Update(msg)
	}
}

// builtins is a fixed part of the library, so that adding a scenario to
// the library does not change the golden screens.
func builtins(t *testing.T) []*scenarios.Scenario {
	t.Helper()
	var out []*scenarios.Scenario
	for _, name := range []string{"alpaca-labels", "endpoints-follow-pods", "readiness-endpoints", "selector-typo", "sleep-pod-ip"} {
		out = append(out, find(t, name))
	}
	return out
}

func find(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	s, ok := scenarios.Find(name)
	if !ok {
		t.Fatalf("library scenario %s not found", name)
	}
	return s
}

// newSized returns a model of the library at a fixed size.
func newSized(t *testing.T, w, h int) *Model {
	m := New(Options{Library: builtins(t), Mono: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// screen is the text of the model's view, without styling.
func text(m *Model) string { return ansi.Strip(m.View().Content) }

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("View() of %s differs from %s (-want +got):\n%s", name, path, diff)
	}
}

// indexOf finds a built-in scenario's place in the library.
func indexOf(t *testing.T, name string) int {
	for i, s := range builtins(t) {
		if s.Metadata.Name == name {
			return i
		}
	}
	t.Fatalf("no built-in scenario %q", name)
	return -1
}

func TestGoldenScreens(t *testing.T) {
	open := func(t *testing.T, m *Model) {
		for i := indexOf(t, "endpoints-follow-pods"); i > 0; i-- {
			drive(t, m, "j")
		}
		drive(t, m, "enter")
	}
	tests := []struct {
		name string
		keys func(t *testing.T, m *Model)
	}{
		{"library", func(t *testing.T, m *Model) {}},
		{"walk-step4", func(t *testing.T, m *Model) { open(t, m); drive(t, m, "n", "n", "n", "n", "j", "j", "j", "j", "6") }},
		{"cluster", func(t *testing.T, m *Model) {
			open(t, m)
			drive(t, m, "n", "n", "n", "n", "j", "j", "j", "j", "j", "j", "j", "j", "1")
		}},
		{"help", func(t *testing.T, m *Model) { open(t, m); drive(t, m, "n", "?") }},
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, tc := range tests {
			name := fmt.Sprintf("%s-%dx%d", tc.name, size.w, size.h)
			t.Run(name, func(t *testing.T) {
				m := newSized(t, size.w, size.h)
				tc.keys(t, m)
				got := text(m)
				if n := strings.Count(got, "\n") + 1; n != size.h {
					t.Errorf("View() has %d lines, want %d", n, size.h)
				}
				for i, l := range strings.Split(got, "\n") {
					if w := ansi.StringWidth(l); w > size.w {
						t.Errorf("line %d is %d cells wide, want <= %d: %q", i+1, w, size.w, l)
					}
				}
				golden(t, name, got)
			})
		}
	}
}
