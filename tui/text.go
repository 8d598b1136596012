package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// width is the cells s takes on screen; printable ASCII without escapes
// (most of what the views print) is counted without parsing.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// fit truncates s to width cells (with "…") and pads it with spaces to
// exactly width.
func fit(s string, cells int) string {
	if cells <= 0 {
		return ""
	}
	w := width(s)
	if w > cells {
		s = ansi.Truncate(s, cells, "…")
		w = width(s)
	}
	if pad := cells - w; pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// clip truncates s to width cells without padding.
func clip(s string, cells int) string {
	if cells <= 0 {
		return ""
	}
	if width(s) > cells {
		return ansi.Truncate(s, cells, "…")
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
		w := ansi.Hardwrap(wordwrapSpaces(line, width), width, true)
		out = append(out, strings.Split(w, "\n")...)
	}
	return out
}

// wordwrapSpaces breaks a line at spaces only: ansi.Wordwrap also breaks
// after hyphens, which cuts iptables options such as --comment in two.
func wordwrapSpaces(line string, width int) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Split(line, " ") {
		w := ansi.StringWidth(word)
		if i > 0 {
			if col+1+w > width && col > 0 {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += w
	}
	return b.String()
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
func table(rows [][]string, cells int) []string {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows[0])
	widths := make([]int, n)
	for _, r := range rows {
		for i := 0; i < n-1 && i < len(r); i++ {
			widths[i] = max(widths[i], width(r[i]))
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
		out = append(out, clip(strings.TrimRight(b.String(), " "), cells))
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
