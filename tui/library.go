package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/scenarios"
)

// library is the list of scenarios to open: title, one-line
// description, level and tags of each.
type library struct {
	st    *styles
	items []*scenarios.Scenario
	sel   int
	keys  libraryKeys
	w, h  int
}

func newLibrary(st *styles, items []*scenarios.Scenario) *library {
	l := &library{st: st, items: items, keys: newLibraryKeys()}
	l.enable()
	return l
}

func (l *library) enable() {
	l.keys.Up.SetEnabled(l.sel > 0)
	l.keys.Down.SetEnabled(l.sel < len(l.items)-1)
	l.keys.Open.SetEnabled(len(l.items) > 0)
}

func (l *library) SetSize(w, h int) { l.w, l.h = w, h }

// Update moves the selection; it returns the scenario to open on enter.
func (l *library) Update(msg tea.KeyPressMsg) (open *scenarios.Scenario, handled bool) {
	switch {
	case key.Matches(msg, l.keys.Up):
		l.sel--
	case key.Matches(msg, l.keys.Down):
		l.sel++
	case key.Matches(msg, l.keys.Open):
		return l.items[l.sel], true
	default:
		return nil, false
	}
	l.enable()
	return nil, true
}

func (l *library) ShortHelp() []key.Binding {
	return []key.Binding{l.keys.Down, l.keys.Up, l.keys.Open}
}

func (l *library) FullHelp() [][]key.Binding { return [][]key.Binding{l.ShortHelp()} }

// itemHeight is how many lines an item takes: title, description,
// level and tags, and a blank line.
const itemHeight = 4

func (l *library) View() string {
	lines := []string{l.st.Title.Render(clip("svcsim · scenario library", l.w)),
		l.st.Dim.Render(clip("Kubernetes Service networking, step by step. Pick a scenario:", l.w)), ""}
	room := max(1, (l.h-len(lines))/itemHeight)
	first := max(0, min(l.sel-room/2, len(l.items)-room))
	if len(l.items) == 0 {
		lines = append(lines, "No scenarios.")
	}
	for i := first; i < len(l.items) && i < first+room; i++ {
		lines = append(lines, l.item(i)...)
	}
	return box(lines, l.w, l.h)
}

func (l *library) item(i int) []string {
	m := l.items[i].Metadata
	marker := "  "
	if i == l.sel {
		marker = "▶ "
	}
	title := marker + m.Title
	if i == l.sel {
		title = l.st.Selected.Render(fit(title, l.w))
	} else {
		title = l.st.Step.Render(clip(title, l.w))
	}
	level := m.Level
	if level == "" {
		level = "any level"
	}
	meta := level
	if len(m.Tags) > 0 {
		meta += " · " + strings.Join(m.Tags, ", ")
	}
	desc := m.Description
	if desc == "" {
		desc = m.Name
	}
	return []string{title, clip("  "+firstLine(desc), l.w), l.st.Dim.Render(clip("  "+meta+" · "+m.Name, l.w)), ""}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
