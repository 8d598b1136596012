package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/sim"
)

// filterTerm is one word of a timeline filter: kind:PREFIX matches the
// start of a record's kind, comp:TEXT a part of its component, and any
// other word a part of its time, component, kind or summary. A record
// matches a filter when it matches every term.
type filterTerm struct {
	field string // "kind", "comp" or "" for text
	text  string // lower case
}

func parseFilter(q string) []filterTerm {
	var out []filterTerm
	for _, w := range strings.Fields(strings.ToLower(q)) {
		t := filterTerm{text: w}
		for _, f := range []string{"kind", "comp"} {
			if v, ok := strings.CutPrefix(w, f+":"); ok {
				t = filterTerm{field: f, text: v}
			}
		}
		out = append(out, t)
	}
	return out
}

func (t filterTerm) match(r *sim.Record, rel string) bool {
	switch t.field {
	case "kind":
		return strings.HasPrefix(r.Kind, t.text)
	case "comp":
		return strings.Contains(strings.ToLower(r.Component), t.text)
	}
	return strings.Contains(strings.ToLower(r.Summary), t.text) || strings.Contains(r.Kind, t.text) ||
		strings.Contains(strings.ToLower(r.Component), t.text) || strings.Contains(rel, t.text)
}

// setFilter applies a filter to the timeline (see filterTerm).
func (w *walk) setFilter(q string) {
	w.query = q
	w.matches = w.matches[:0]
	terms := parseFilter(q)
	if len(terms) == 0 {
		w.matches = nil
		w.moved()
		return
	}
	for i := w.at.start; i < len(w.at.recs); i++ {
		r := &w.at.recs[i]
		rel := w.at.rel(r.At)
		ok := true
		for _, t := range terms {
			if ok = t.match(r, rel); !ok {
				break
			}
		}
		if ok {
			w.matches = append(w.matches, i)
		}
	}
	w.moved()
}

// nextBreak returns the next record whose kind starts with the
// breakpoint's kind, or -1.
func (w *walk) nextBreak() int {
	if w.breakKind == "" {
		return -1
	}
	for i := w.at.pos + 1; i < len(w.at.recs); i++ {
		if strings.HasPrefix(w.at.recs[i].Kind, w.breakKind) {
			return i
		}
	}
	return -1
}

// atBreak reports whether the current record is a breakpoint's.
func (w *walk) atBreak() bool {
	return w.breakKind != "" && strings.HasPrefix(w.at.rec().Kind, w.breakKind)
}

func (w *walk) breakKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.keys.Done):
		w.focus = focusTimeline
		w.breakKind = strings.TrimSpace(w.brk.Value())
		w.SetSize(w.w, w.h)
		w.moved()
		w.seek(w.nextBreak())
		return nil
	case key.Matches(msg, w.keys.Clear):
		w.focus = focusTimeline
		w.breakKind = ""
		w.brk.SetValue("")
		w.SetSize(w.w, w.h)
		w.moved()
		return nil
	}
	w.brk.Update(msg)
	return nil
}

// extraLines are the lines between the narration and the timeline: the
// input being typed, the filter or breakpoint in force, the command's
// state.
func (w *walk) extraLines() []string {
	var out []string
	switch w.focus {
	case focusFilter:
		out = append(out, w.filterLine())
	case focusBreak:
		out = append(out, fit(w.brk.View(true)+w.st.Dim.Render("  e.g. packet.rejected, dns.; enter runs to it"), w.w))
	case focusCommand:
		out = append(out, w.commandLine())
	default:
		if w.query != "" {
			out = append(out, w.filterLine())
		}
		if l := w.commandLine(); l != "" {
			out = append(out, l)
		}
	}
	return out
}
