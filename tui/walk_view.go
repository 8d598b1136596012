package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
)

// View renders the walkthrough in its w×h box.
func (w *walk) View() string {
	parts := []string{w.header(), w.narration()}
	parts = append(parts, w.extraLines()...)
	if w.wide {
		parts = append(parts, rule("Timeline", w.timelnW)+" "+w.tabs(w.paneW))
		pane := w.panes[w.active].View()
		tl := w.tl.View(w.at, w.matches, w.query != "")
		sep := strings.TrimRight(strings.Repeat("│\n", w.bodyH), "\n")
		parts = append(parts, lipgloss.JoinHorizontal(lipgloss.Top, tl, sep, pane))
	} else {
		parts = append(parts, rule("Timeline", w.w))
		parts = append(parts, w.tl.View(w.at, w.matches, w.query != ""))
		parts = append(parts, w.tabs(w.w))
		parts = append(parts, w.panes[w.active].View())
	}
	return strings.Join(parts, "\n")
}

// header is the status line: scenario, step, time, event and play state.
func (w *walk) header() string {
	at := w.at
	step := "intro"
	if s := at.step(); s >= 0 {
		step = fmt.Sprintf("step %d/%d", s+1, len(at.sc.Steps))
	}
	title := " " + at.sc.Metadata.Title
	if at.branch != nil {
		step = "branch"
		title = fmt.Sprintf(" ⎇ WHAT-IF branch from event #%d", at.branch.fromN)
	}
	brk := ""
	if w.breakKind != "" {
		brk = " · break " + w.breakKind
	}
	status := fmt.Sprintf(" %s · t=%s · event %d/%d%s · %s ", step, at.rel(at.rec().At),
		at.num(at.pos), at.num(at.last()), brk, w.speedText())
	room := w.w - lipgloss.Width(status)
	return w.st.Header.Render(fit(clip(title, max(0, room)), max(0, room)) + clip(status, w.w))
}

// narration shows the current step's name and narration (the intro
// before the first step), always on screen, cut to its box.
func (w *walk) narration() string {
	at := w.at
	s := at.step()
	title, text := "Introduction", at.sc.Metadata.Intro
	if spec := at.stepSpec(s); spec != nil {
		title, text = fmt.Sprintf("Step %d: %s", s+1, spec.Name), spec.Narration
	}
	if b := at.branch; b != nil {
		title = "⎇ What-if branch (not part of the scenario)"
		through := ""
		if len(b.cmds) > 0 && b.cmds[0].first-1 > b.from {
			through = fmt.Sprintf(" (through #%d, the rest of the same engine event)", at.num(b.cmds[0].first-1))
		}
		text = fmt.Sprintf("The scenario was replayed to event #%d%s and stopped there; from then on only your commands run "+
			"(%d so far) while the cluster goes on. The views show this branch. : runs another command at its end; esc goes back to event #%d.",
			b.fromN, through, len(b.cmds), b.fromN)
	}
	if text == "" {
		text = at.sc.Metadata.Description
	}
	lines := []string{w.st.Step.Render(clip(title, w.w))}
	body := wrap(text, w.w)
	if room := w.narrH - 1; len(body) > room {
		body = body[:room]
		body[room-1] = clip(body[room-1]+" …", w.w)
		if lipgloss.Width(body[room-1]) >= w.w {
			body[room-1] = clip(body[room-1], w.w-1) + "…"
		}
	}
	lines = append(lines, body...)
	return box(lines, w.w, w.narrH)
}

// tabs names the views, the active one in reverse video and brackets;
// where they do not fit, with one space between them instead of two.
func (w *walk) tabs(width int) string {
	full := w.tabLine(" ")
	if lipgloss.Width(full) <= width {
		return fit(full, width)
	}
	return fit(w.tabLine(""), width)
}

func (w *walk) tabLine(pad string) string {
	var b strings.Builder
	for i, p := range w.panes {
		label := fmt.Sprintf("%d %s", i+1, p.Title())
		if pad == "" && i > 0 {
			b.WriteString(" ")
		}
		if i == w.active {
			b.WriteString(w.st.TabActive.Render("[" + label + "]"))
		} else {
			b.WriteString(w.st.Tab.Render(pad + label + pad))
		}
	}
	return b.String()
}

func (w *walk) filterLine() string {
	n := fmt.Sprintf("  %d match", len(w.matches))
	if len(w.matches) != 1 {
		n += "es"
	}
	if w.query == "" {
		n = "  type to filter; enter keeps it, esc clears it"
	}
	return fit(w.filter.View(w.focus == focusFilter)+w.st.Dim.Render(n), w.w)
}
