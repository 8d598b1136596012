package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/scenarios"
)

// outputPane shows the current step's command, its output once the
// walkthrough has reached it, and the step's expectations as they pass
// or fail.
type outputPane struct {
	scroller
	st   *styles
	at   *position
	step int // the step shown; the scroll resets when it changes
}

func newOutputPane(st *styles) *outputPane {
	return &outputPane{scroller: newScroller(), st: st, step: -2}
}

func (p *outputPane) Title() string             { return "Output" }
func (p *outputPane) ShortHelp() []key.Binding  { return p.scrollBindings() }
func (p *outputPane) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
func (p *outputPane) SetSize(w, h int)          { p.scroller.SetSize(w, h); p.rebuild() }
func (p *outputPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case moveMsg:
		p.at = msg.at
		if s := p.at.step(); s != p.step {
			p.step, p.off = s, 0
		}
		p.rebuild()
	case tea.KeyPressMsg:
		p.scroll(msg)
	}
	return nil
}

func (p *outputPane) rebuild() {
	if p.at == nil || p.w <= 0 {
		return
	}
	if p.at.branch != nil {
		p.setLines(p.branchLines())
		return
	}
	i := p.at.step()
	sr, spec := p.at.stepReport(i), p.at.stepSpec(i)
	if sr == nil || spec == nil {
		p.setLines(wrap("No command yet: the scenario's first step has not started. ] or n goes to it.", p.w))
		return
	}
	var lines []string
	switch {
	case sr.Command != "":
		lines = append(lines, p.st.Step.Render(clip("$ "+sr.Command, p.w)))
	case spec.Sleep != nil:
		lines = append(lines, p.st.Dim.Render(clip("(this step lets "+spec.Sleep.String()+" of simulated time pass)", p.w)))
	default:
		lines = append(lines, p.st.Dim.Render("(this step runs no command; it checks expectations)"))
	}
	if spec.Apply != "" {
		for _, l := range strings.Split(strings.TrimRight(spec.Apply, "\n"), "\n") {
			lines = append(lines, p.st.Dim.Render(clip("  "+l, p.w)))
		}
	}
	if sr.Command != "" {
		lines = append(lines, p.output(sr)...)
	}
	lines = append(lines, p.checks(i)...)
	p.setLines(lines)
}

// output returns the command's output once the walkthrough has reached
// the record where it appeared.
func (p *outputPane) output(sr *scenarios.StepReport) []string {
	o := after(p.at.ix.outputs, sr.FirstRecord-1)
	if o < 0 || o > sr.LastRecord {
		o = sr.LastRecord // no output record: the output is known when the step ends
	}
	if p.at.pos < o {
		return []string{p.st.Dim.Render("(the command is running; step on to see its output)")}
	}
	out := wrap(sr.Output, p.w)
	if len(out) == 0 {
		out = []string{p.st.Dim.Render("(no output)")}
	}
	if sr.Exit != 0 {
		out = append(out, p.st.Dim.Render(fmt.Sprintf("(exit status %d)", sr.Exit)))
	}
	return out
}

// checks lists the step's expectation results recorded so far: the
// scenario.expect records between the step's start and the next step.
func (p *outputPane) checks(i int) []string {
	end := len(p.at.recs)
	if i+1 < len(p.at.ix.steps) {
		end = p.at.ix.steps[i+1]
	}
	end = min(end, p.at.pos+1)
	var lines []string
	for k := atOrBefore(p.at.ix.expects, p.at.ix.steps[i]) + 1; k < len(p.at.ix.expects) && p.at.ix.expects[k] < end; k++ {
		c, ok := p.at.recs[p.at.ix.expects[k]].Detail.(scenarios.Check)
		if !ok {
			continue
		}
		if len(lines) == 0 {
			lines = append(lines, "", p.st.Section.Render("Expectations"))
		}
		lines = append(lines, checkLines(c, p.st, p.w)...)
	}
	return lines
}

// branchLines shows the commands of a what-if branch run so far, each
// with its output once the walkthrough has reached it.
func (p *outputPane) branchLines() []string {
	b := p.at.branch
	lines := []string{p.st.Dim.Render(clip(fmt.Sprintf("⎇ what-if branch from event #%d: not part of the scenario", b.fromN), p.w))}
	for _, c := range b.cmds {
		lines = append(lines, p.st.Step.Render(clip("$ "+c.line, p.w)))
		switch {
		case p.at.pos < c.first:
			lines = append(lines, p.st.Dim.Render("(not run yet at this event)"))
			continue
		case c.err != "":
			lines = append(lines, p.st.Fail.Render(clip("✗ "+c.err, p.w)))
			continue
		case p.at.pos < c.out:
			lines = append(lines, p.st.Dim.Render("(the command is running; step on to see its output)"))
			continue
		}
		out := wrap(c.res.Output(), p.w)
		if len(out) == 0 {
			out = []string{p.st.Dim.Render("(no output)")}
		}
		lines = append(lines, out...)
		if c.res.Exit != 0 {
			lines = append(lines, p.st.Dim.Render(fmt.Sprintf("(exit status %d)", c.res.Exit)))
		}
	}
	return lines
}
