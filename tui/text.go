package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// fit truncates s to width cells (with "…") and pads it with spaces to
// exactly width.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	if pad := width - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// clip truncates s to width cells without padding.
func clip(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		return ansi.Truncate(s, width, "…")
	}
	return s
}

// wrap breaks plain text into lines of at most width cells, keeping its
// own line breaks.
func wrap(s string, width int) []string {
	if width <= 0 {
		return nil
	}
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	var out []string
	for _, line := range strings.Split(s, "\n") {
		w := ansi.Wordwrap(line, width, "")
		w = ansi.Hardwrap(w, width, true)
		out = append(out, strings.Split(w, "\n")...)
	}
	return out
}

// box turns lines into a block of exactly h lines of width w: extra
// lines are cut, short ones padded.
func box(lines []string, w, h int) string {
	if h <= 0 {
		return ""
	}
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(fit(line, w))
	}
	return b.String()
}

// table lays rows out in columns separated by two spaces; the last
// column takes what is left of width.
func table(rows [][]string, width int) []string {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows[0])
	widths := make([]int, n)
	for _, r := range rows {
		for i := 0; i < n-1 && i < len(r); i++ {
			widths[i] = max(widths[i], lipgloss.Width(r[i]))
		}
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		var b strings.Builder
		for i, cell := range r {
			if i == n-1 {
				b.WriteString(cell)
				break
			}
			b.WriteString(fit(cell, widths[i]))
			b.WriteString("  ")
		}
		out = append(out, clip(strings.TrimRight(b.String(), " "), width))
	}
	return out
}

// rule is a horizontal line with a title.
func rule(title string, width int) string {
	if title == "" {
		return strings.Repeat("─", width)
	}
	head := "── " + title + " "
	return clip(head+strings.Repeat("─", max(0, width-ansi.StringWidth(head))), width)
}
