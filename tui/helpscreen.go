package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// helpGroup is one titled list of keys on the help screen.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// helpScreen lists every enabled key of the screen, generated from the
// key maps, in as many columns as the width allows.
func (m *Model) helpScreen() string {
	h := m.h - 1
	var blocks [][]string
	for _, g := range m.keyGroups() {
		var lines []string
		for _, b := range g.keys {
			if !b.Enabled() {
				continue
			}
			lines = append(lines, fit(b.Help().Key, 12)+" "+b.Help().Desc)
		}
		if len(lines) == 0 {
			continue
		}
		blocks = append(blocks, append([]string{m.st.Section.Render(g.title)}, lines...))
	}
	cols := max(1, m.w/40)
	colW := max(20, min(50, (m.w-2*(cols-1))/cols))
	var columns [][]string
	cur := []string{}
	avail := h - 2
	for _, b := range blocks {
		if len(cur) > 0 && len(cur)+len(b)+1 > avail && len(columns) < cols-1 {
			columns = append(columns, cur)
			cur = []string{}
		}
		if len(cur) > 0 {
			cur = append(cur, "")
		}
		cur = append(cur, b...)
	}
	columns = append(columns, cur)
	rendered := make([]string, 0, 2*len(columns))
	for i, c := range columns {
		if i > 0 {
			rendered = append(rendered, "  ")
		}
		rendered = append(rendered, box(c, colW, avail))
	}
	title := m.st.Title.Render("Keys") + m.st.Dim.Render("  (keys that cannot act right now are not listed)")
	body := lipgloss.JoinHorizontal(lipgloss.Top, rendered...)
	return box(append([]string{title, ""}, strings.Split(body, "\n")...), m.w, h)
}
