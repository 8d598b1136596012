package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/model/kubectl"
	"github.com/svcsim/svcsim/scenarios"
)

// commandSettle is how long the cluster runs on after a command of the
// command line finished, so that what it started shows in the branch.
const commandSettle = 5 * time.Second

// branch is a what-if branch: the scenario replayed to a record of the
// walkthrough, then the commands typed at the command line run from
// there, one after the other. The scenario's own steps do not run on in
// a branch.
type branch struct {
	from  int   // the record of the walkthrough it branches from
	stop  int64 // events dispatched up to it (scenarios.Report.EventsAt)
	fromN int   // the event number shown for it
	cmds  []branchCmd
}

// branchCmd is one command run in a branch and the records it spans.
type branchCmd struct {
	line string
	res  kubectl.Result
	err  string
	// first is the command's scenario.command record, out its output's
	// (or first when it printed nothing), last the branch's last record
	// once the cluster settled after it.
	first, out, last int
}

// branchMsg carries a finished branch run back to the walkthrough.
type branchMsg struct {
	rep *scenarios.Report
	b   *branch
}

// runBranch replays the scenario to the branch point and runs its
// commands, off the UI's event loop. Each command of a branch is run
// again from a fresh replay, so a branch is always one deterministic
// run and nothing is shared with the views while it runs.
func runBranch(sc *scenarios.Scenario, opts scenarios.Options, b *branch) tea.Cmd {
	return func() tea.Msg {
		opts.StopAfter = max(1, b.stop)
		rep := scenarios.Run(sc, opts)
		if rep.Cluster == nil {
			last := &b.cmds[len(b.cmds)-1]
			last.err = "the replay did not start: " + rep.Error
			return branchMsg{rep: nil, b: b}
		}
		e := rep.Cluster.Engine
		for i := range b.cmds {
			c := &b.cmds[i]
			c.first = e.Trace().Len()
			res, err := scenarios.RunCommand(rep, c.line, scenarios.CommandOptions{Settle: commandSettle})
			c.res, c.err = res, ""
			if err != nil {
				c.err = err.Error()
			}
			c.last = e.Trace().Len() - 1
			c.out = c.first
			for i := c.first; i <= c.last; i++ {
				if e.Trace().At(i).Kind == kindOutput {
					c.out = i
					break
				}
			}
		}
		return branchMsg{rep: rep, b: b}
	}
}

// startCommand runs the command line's text: from the current record,
// or at the end of the branch the walkthrough is in.
func (w *walk) startCommand(line string) tea.Cmd {
	line = strings.TrimSpace(line)
	if line == "" || w.running {
		return nil
	}
	var b *branch
	if cur := w.at.branch; cur != nil {
		b = &branch{from: cur.from, stop: cur.stop, fromN: cur.fromN, cmds: append([]branchCmd(nil), cur.cmds...)}
	} else {
		at := w.at
		b = &branch{from: at.pos, stop: at.rep.EventsAt(at.pos), fromN: at.num(at.pos)}
	}
	b.cmds = append(b.cmds, branchCmd{line: line})
	w.running, w.cmdErr = true, ""
	w.playing = false
	return runBranch(w.main.sc, w.opts, b)
}

// branched opens (or extends) the what-if branch a command made, at the
// command's output, in the Output view.
func (w *walk) branched(msg branchMsg) {
	w.running = false
	last := msg.b.cmds[len(msg.b.cmds)-1]
	if msg.rep == nil {
		w.cmdErr = last.err
		w.moved()
		return
	}
	w.at = newBranchPosition(w.main.sc, msg.rep, msg.b)
	w.setFilter(w.query)
	w.seek(last.out)
	w.show(paneOutput)
	w.SetSize(w.w, w.h)
}

// leaveBranch goes back to the walkthrough, where the branch started.
func (w *walk) leaveBranch() {
	w.at = w.main
	w.setFilter(w.query)
	w.moved()
}

func (w *walk) commandKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.keys.Done):
		w.focus = focusTimeline
		line := w.cmd.Value()
		w.cmd.SetValue("")
		w.SetSize(w.w, w.h)
		cmd := w.startCommand(line)
		w.moved()
		return cmd
	case key.Matches(msg, w.keys.Clear):
		w.focus = focusTimeline
		w.cmd.SetValue("")
		w.SetSize(w.w, w.h)
		w.moved()
		return nil
	}
	w.cmd.Update(msg)
	return nil
}

// commandLine is the line under the narration while typing a command or
// while one runs.
func (w *walk) commandLine() string {
	switch {
	case w.focus == focusCommand:
		where := fmt.Sprintf("  runs at event #%d in a what-if branch", w.at.num(w.at.pos))
		if w.at.branch != nil {
			where = "  runs at the end of this branch"
		}
		return fit(w.cmd.View(true)+w.st.Dim.Render(where), w.w)
	case w.running:
		return fit(w.st.Dim.Render("… replaying the scenario to this event and running the command"), w.w)
	case w.cmdErr != "":
		return w.st.Fail.Render(fit("✗ "+w.cmdErr, w.w))
	}
	return ""
}
