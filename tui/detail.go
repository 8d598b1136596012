package tui

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/kubectl"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/lan"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/scenarios"
)

// detailPane shows everything recorded about the current event: its
// time, component, kind, summary, typed detail and the store keys it
// changed.
type detailPane struct {
	textPane
}

func newDetailPane(st *styles) *detailPane {
	p := &detailPane{newTextPane(st, "Event")}
	p.resetOnMove = true
	p.build = p.rebuild
	return p
}

func (p *detailPane) rebuild() {
	if p.at == nil || p.w <= 0 {
		return
	}
	r := p.at.rec()
	lines := []string{
		clip(fmt.Sprintf("event      #%d of %d (trace record %d)", p.at.num(r.Index), p.at.num(p.at.last()), r.Index), p.w),
		clip(fmt.Sprintf("time       %s after the start (%s simulated)", p.at.rel(r.At), formatAbs(r.At)), p.w),
		clip("component  "+r.Component, p.w),
		clip("kind       "+r.Kind, p.w),
	}
	for i, l := range wrap(r.Summary, max(1, p.w-11)) {
		label := "           "
		if i == 0 {
			label = "summary    "
		}
		lines = append(lines, label+l)
	}
	if d := detailLines(r.Detail, p.st, p.w); len(d) > 0 {
		lines = append(lines, "", p.st.Section.Render("Detail"))
		lines = append(lines, d...)
	}
	lines = append(lines, "", p.st.Section.Render(fmt.Sprintf("Changes (%d)", len(r.Changes))))
	if len(r.Changes) == 0 {
		lines = append(lines, p.st.Dim.Render("  this event changed no stored state"))
	}
	for _, ch := range r.Changes {
		what := "~ changed"
		switch {
		case ch.Before == nil:
			what = "+ created"
		case ch.After == nil:
			what = "- deleted"
		}
		lines = append(lines, clip(fmt.Sprintf("  %s  %s", what, ch.Key), p.w))
	}
	p.setLines(lines)
}

func formatAbs(d interface{ Seconds() float64 }) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

// detailLines prints a record's typed detail; a new kind of detail gets
// its own case here (or its own pane) without touching the rest.
func detailLines(d any, st *styles, w int) []string {
	switch d := d.(type) {
	case nil:
		return nil
	case *network.HopDetail:
		return hopLines(d, st, w)
	case l2.FrameDetail:
		return frameDetailLines(&d, w)
	case *lan.ARPDetail:
		lines := []string{clip("host       "+d.Host, w), clip("frame      "+frameText(d.Frame), w)}
		if d.Outcome != "" {
			lines = append(lines, clip("ARP cache  "+string(d.Outcome), w))
		}
		return lines
	case l2.ErrDisableDetail:
		return []string{clip("port       "+d.Port, w), clip("cause      "+string(d.Cause), w), clip(fmt.Sprintf("flushed    %d MAC entries", d.Flushed), w)}
	case *scenarios.Step:
		return stepLines(d, w)
	case scenarios.Check:
		return checkLines(d, st, w)
	case kubectl.Result:
		lines := wrap(d.Output(), w)
		return append(lines, fmt.Sprintf("exit status %d", d.Exit))
	case string:
		return wrap(d, w)
	default:
		return wrap(fmt.Sprintf("%T %+v", d, d), w)
	}
}

func frameDetailLines(d *l2.FrameDetail, w int) []string {
	lines := []string{clip("in         "+d.Port, w), clip("frame      "+frameText(d.Frame), w)}
	if len(d.Out) > 0 {
		lines = append(lines, clip("out        "+strings.Join(d.Out, ", "), w))
	}
	return lines
}

func stepLines(s *scenarios.Step, w int) []string {
	lines := []string{clip("name       "+s.Name, w)}
	switch {
	case s.Run != "":
		lines = append(lines, clip("run        "+s.Run, w))
	case s.Apply != "":
		lines = append(lines, "apply")
		for _, l := range strings.Split(strings.TrimRight(s.Apply, "\n"), "\n") {
			lines = append(lines, clip("  "+l, w))
		}
	case s.Sleep != nil:
		lines = append(lines, "sleep      "+s.Sleep.String())
	}
	lines = append(lines, clip(fmt.Sprintf("expect     %d expectation(s)", len(s.Expect)), w))
	return lines
}

// checkMark prints an expectation's outcome with a symbol and a word.
func checkMark(c scenarios.Check, st *styles) string {
	if c.Passed {
		return st.Pass.Render("✓ PASS")
	}
	return st.Fail.Render("✗ FAIL")
}

func checkLines(c scenarios.Check, st *styles, w int) []string {
	lines := wrap(c.What, max(1, w-7))
	if len(lines) == 0 {
		lines = []string{""}
	}
	lines[0] = checkMark(c, st) + " " + lines[0]
	for i := 1; i < len(lines); i++ {
		lines[i] = "       " + lines[i]
	}
	for _, l := range wrap(c.Detail, max(1, w-7)) {
		lines = append(lines, "       "+l)
	}
	return lines
}
