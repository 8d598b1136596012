package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/scenarios"
)

// focus says which part of the walkthrough gets the keys.
type focus int

const (
	focusTimeline focus = iota // stepping keys, then the view's own keys
	focusFilter                // typing the timeline filter
	focusCommand               // typing a command (:)
	focusBreak                 // typing a breakpoint's kind (b)
)

// The views, in tab order.
const (
	paneCluster = iota
	panePacket
	paneRules
	paneDNS
	paneEvent
	paneOutput
	paneSwitch
)

// typer is a view that can take the keyboard (the rules view's find).
type typer interface{ typing() bool }

// claimer is a view that uses a key the walkthrough would otherwise pass
// up (esc clearing the view's own search).
type claimer interface {
	claims(msg tea.KeyPressMsg) bool
}

// speeds are the play rates, in events per second of wall time.
var speeds = []int{1, 2, 4, 8, 16, 32}

const defaultSpeed = 2 // 4 events/s

// playTickMsg advances a playing walkthrough by one event. gen tells
// ticks of an earlier play apart, so pausing and playing again never
// doubles the rate.
type playTickMsg struct{ gen int }

// walk is the walkthrough of one scenario run.
type walk struct {
	st   *styles
	at   *position // where the views are: main, or a what-if branch
	main *position // the walkthrough of the scenario's run
	opts scenarios.Options
	keys walkKeys

	focus  focus
	filter lineInput
	// query is the filter in force; matches the records it selects.
	query   string
	matches []int

	// cmd is the command line; running is set while a command's branch
	// is being run, cmdErr when it could not be.
	cmd     lineInput
	running bool
	cmdErr  string
	// brk is the breakpoint input; breakKind the kind prefix in force.
	brk       lineInput
	breakKind string

	panes  []pane
	active int
	tl     timeline

	playing bool
	speed   int
	gen     int

	w, h     int
	narrH    int
	wide     bool
	bodyH    int
	timelnW  int
	paneW    int
	showHelp bool
}

func newWalk(st *styles, sc *scenarios.Scenario, rep *scenarios.Report, opts scenarios.Options) *walk {
	w := &walk{st: st, keys: newWalkKeys(), speed: defaultSpeed, tl: timeline{st: st}, opts: opts}
	w.at = newPosition(sc, rep)
	w.main = w.at
	w.filter = lineInput{prompt: "/"}
	w.cmd = lineInput{prompt: ":"}
	w.brk = lineInput{prompt: "break at kind: "}
	w.panes = []pane{newClusterPane(st), newPacketPane(st), newRulesPane(st), newDNSPane(st), newDetailPane(st), newOutputPane(st), newSwitchPane(st)}
	w.moved()
	return w
}

// moved tells every view the new position and updates which keys can
// act from it.
func (w *walk) moved() {
	// Only the view on screen follows at once; another catches up when
	// it is switched to (show), so a step costs one view's rebuild.
	w.panes[w.active].Update(moveMsg{at: w.at})
	at := w.at
	w.keys.Next.SetEnabled(w.next() >= 0)
	w.keys.Prev.SetEnabled(w.prev() >= 0)
	w.keys.Start.SetEnabled(at.pos > at.start)
	w.keys.End.SetEnabled(at.pos < at.last())
	w.keys.NextStep.SetEnabled(after(at.ix.steps, at.pos) >= 0)
	w.keys.PrevStep.SetEnabled(before(at.ix.steps, at.pos) >= 0)
	w.keys.NextPacket.SetEnabled(after(at.ix.stops, at.pos) >= 0)
	w.keys.PrevPacket.SetEnabled(before(at.ix.stops, at.pos) >= 0)
	w.keys.NextExpect.SetEnabled(after(at.ix.expects, at.pos) >= 0)
	w.keys.Play.SetEnabled(at.pos < at.last() || w.playing)
	typing := w.focus != focusTimeline
	w.keys.Clear.SetEnabled(typing || w.query != "")
	w.keys.Done.SetEnabled(typing)
	w.keys.Command.SetEnabled(!w.running)
	w.keys.Continue.SetEnabled(w.breakKind != "" && w.nextBreak() >= 0)
	w.keys.Leave.SetEnabled(at.branch != nil && w.query == "")
	w.keys.Faster.SetEnabled(w.speed < len(speeds)-1)
	w.keys.Slower.SetEnabled(w.speed > 0)
}

// show switches to view i, bringing it to the position.
func (w *walk) show(i int) {
	w.active = i
	w.panes[i].Update(moveMsg{at: w.at})
}

// next returns the record one step forward: the next one, or the next
// match when the timeline is filtered; -1 at the end.
func (w *walk) next() int {
	if w.query != "" {
		return after(w.matches, w.at.pos)
	}
	if w.at.pos >= w.at.last() {
		return -1
	}
	return w.at.pos + 1
}

func (w *walk) prev() int {
	if w.query != "" {
		return before(w.matches, w.at.pos)
	}
	if w.at.pos <= w.at.start {
		return -1
	}
	return w.at.pos - 1
}

func (w *walk) seek(n int) {
	if n < 0 {
		return
	}
	w.at.seek(n)
	w.moved()
}

// SetSize lays the walkthrough out: a header line, the narration, then
// the timeline and the active view, one above the other at 80 columns
// and side by side from 120.
func (w *walk) SetSize(width, height int) {
	w.w, w.h = width, height
	w.wide = width >= 120 && height >= 30
	w.narrH = 3
	if height >= 30 {
		w.narrH = 5
	}
	filterH := len(w.extraLines())
	w.bodyH = max(2, height-1-w.narrH-1-filterH) // header, narration, rule
	if w.wide {
		w.timelnW = width * 9 / 20
		w.paneW = width - w.timelnW - 1
		w.tl.SetSize(w.timelnW, w.bodyH)
		for _, p := range w.panes {
			p.SetSize(w.paneW, w.bodyH)
		}
		return
	}
	tlH := max(3, (w.bodyH-1)*2/5)
	w.timelnW, w.paneW = width, width
	w.tl.SetSize(width, tlH)
	for _, p := range w.panes {
		p.SetSize(width, max(1, w.bodyH-1-tlH))
	}
}

func (w *walk) play() tea.Cmd {
	gen := w.gen
	return tea.Tick(time.Second/time.Duration(speeds[w.speed]), func(time.Time) tea.Msg { return playTickMsg{gen: gen} })
}

func (w *walk) speedText() string {
	state := "⏸ paused"
	if w.playing {
		state = "▶ playing"
	}
	return fmt.Sprintf("%s %d/s", state, speeds[w.speed])
}
