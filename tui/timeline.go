package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/svcsim/svcsim/scenarios"
)

// timeline renders the records of the scenario up to the position, the
// story so far, newest at the bottom. Only the rows on screen are
// formatted, so a trace of a million records costs no more than one of a
// hundred.
type timeline struct {
	st   *styles
	w, h int
	// compWidth is the width of the component column.
	compWidth int
}

func (t *timeline) SetSize(w, h int) {
	t.w, t.h = w, h
	t.compWidth = 14
	if w >= 100 {
		t.compWidth = 22
	}
}

// rows picks the records to show: the last h up to the position, or,
// with a filter, the last h matches up to it plus the position itself.
func (t *timeline) rows(at *position, matches []int, filtered bool) []int {
	if t.h <= 0 {
		return nil
	}
	if !filtered {
		first := max(at.start, at.pos-t.h+1)
		out := make([]int, 0, at.pos-first+1)
		for i := first; i <= at.pos; i++ {
			out = append(out, i)
		}
		return out
	}
	j := atOrBefore(matches, at.pos)
	room := t.h
	hasPos := j >= 0 && matches[j] == at.pos
	if !hasPos {
		room-- // the position is shown even when it does not match
	}
	out := make([]int, 0, t.h)
	for k := max(0, j-room+1); k <= j; k++ {
		out = append(out, matches[k])
	}
	if !hasPos {
		out = append(out, at.pos)
		sort.Ints(out)
	}
	return out
}

func (t *timeline) View(at *position, matches []int, filtered bool) string {
	idx := t.rows(at, matches, filtered)
	lines := make([]string, 0, t.h)
	for _, i := range idx {
		lines = append(lines, t.row(at, i))
	}
	if filtered && len(idx) == 1 && (len(matches) == 0 || matches[0] > at.pos) {
		lines = append([]string{t.st.Dim.Render(clip("  no earlier event matches the filter", t.w))}, lines...)
	}
	// Bottom-align: the newest record sits just above the tabs.
	for len(lines) < t.h {
		lines = append([]string{""}, lines...)
	}
	return box(lines, t.w, t.h)
}

// row formats one record: marker, time from the start, component, and
// the summary (an expectation as ✓ PASS or ✗ FAIL, never by colour
// alone).
func (t *timeline) row(at *position, i int) string {
	r := &at.recs[i]
	marker := "  "
	if i == at.pos {
		marker = "▶ "
	}
	comp := r.Component
	summary := r.Summary
	style := t.st.Narration
	switch {
	case r.Kind == kindExpect:
		if c, ok := r.Detail.(scenarios.Check); ok {
			summary = checkMark(c, t.st) + " " + c.What
		}
	case r.Kind == kindStep:
		style = t.st.Step
		summary = "── " + summary
	case isPacket(r.Kind):
		style = t.st.Packet
	}
	head := fmt.Sprintf("%s%8s %s ", marker, at.rel(r.At), fit(comp, t.compWidth))
	rest := max(1, t.w-len([]rune(head)))
	line := head + style.Render(clip(summary, rest))
	if i == at.pos {
		return t.st.Selected.Render(fit(stripStyle(line), t.w))
	}
	return line
}

// stripStyle drops styling so the selected row can be drawn in reverse
// video as one piece.
func stripStyle(s string) string { return strings.TrimRight(ansi.Strip(s), " ") }
