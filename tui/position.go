package tui

import (
	"time"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// position is where a walkthrough stands in its trace: the record, and
// the recorded state as it was right after it. Views read it; only the
// walkthrough moves it.
type position struct {
	sc   *scenarios.Scenario
	rep  *scenarios.Report
	recs []sim.Record
	// start is the index of the scenario's first record (the boot comes
	// before); startTime is the simulated time it happened.
	start     int
	startTime time.Duration
	// base is the record numbered 0 on screen: the scenario's start, in
	// a branch too.
	base int
	ix   index

	pos  int
	view *sim.View

	// branch is set for a what-if branch (the command line): the
	// position starts at the record it branches from.
	branch *branch

	// l2ix is the layer-2 index, built when first asked for (l2).
	l2ix *l2Index
}

// moveMsg tells the views that the position changed.
type moveMsg struct{ at *position }

func newPosition(sc *scenarios.Scenario, rep *scenarios.Report) *position {
	c := rep.Cluster
	recs := c.Engine.Trace().Records()
	p := &position{sc: sc, rep: rep, recs: recs, start: c.StartIndex, startTime: c.StartTime}
	if p.start >= len(recs) {
		p.start = len(recs) - 1
	}
	p.base = p.start
	p.ix = buildIndex(recs, p.start)
	p.view = sim.NewView(c.Engine.Trace(), nil)
	p.seek(p.start)
	return p
}

// newBranchPosition is the position in a what-if branch's run, from the
// record the branch started at.
func newBranchPosition(sc *scenarios.Scenario, rep *scenarios.Report, b *branch) *position {
	c := rep.Cluster
	recs := c.Engine.Trace().Records()
	p := &position{sc: sc, rep: rep, recs: recs, start: min(b.from, len(recs)-1), startTime: c.StartTime, base: c.StartIndex, branch: b}
	p.ix = buildIndex(recs, p.start)
	p.view = sim.NewView(c.Engine.Trace(), nil)
	p.seek(p.start)
	return p
}

// seek moves to record n, clamped to the scenario's records; the view
// replays or undoes the changes in between, so the state is exact.
func (p *position) seek(n int) {
	if n < p.start {
		n = p.start
	}
	if n > p.last() {
		n = p.last()
	}
	p.pos = n
	p.view.Seek(n)
}

// num is the number a record has on screen: events count from the
// scenario's start.
func (p *position) num(i int) int { return i - p.base }

func (p *position) last() int { return len(p.recs) - 1 }

// rec returns the current record.
func (p *position) rec() *sim.Record { return &p.recs[p.pos] }

// rel returns a time relative to the scenario's start, as the trace
// prints it.
func (p *position) rel(t time.Duration) string { return sim.FormatTime(t - p.startTime) }

// step returns the index of the current scenario step, -1 before the
// first.
func (p *position) step() int { return atOrBefore(p.ix.steps, p.pos) }

// stepReport returns the report of step i, or nil.
func (p *position) stepReport(i int) *scenarios.StepReport {
	if i < 0 || i >= len(p.rep.Steps) {
		return nil
	}
	return &p.rep.Steps[i]
}

// stepSpec returns the scenario's step i, or nil.
func (p *position) stepSpec(i int) *scenarios.Step {
	if i < 0 || i >= len(p.sc.Steps) {
		return nil
	}
	return &p.sc.Steps[i]
}

// lastPacket returns the index of the last packet record at or before
// the position, or -1.
func (p *position) lastPacket() int {
	j := atOrBefore(p.ix.packets, p.pos)
	if j < 0 {
		return -1
	}
	return p.ix.packets[j]
}

// l2 returns the run's layer-2 index, building it on first use: a
// scenario without layer 2 never pays for it.
func (p *position) l2() *l2Index {
	if p.l2ix == nil {
		p.l2ix = buildL2Index(p.recs, p.startTime, limitOf(p.sc))
	}
	return p.l2ix
}

// lastShown returns the record the packet view shows: the current one
// when it is a frame record, else the last packet record or frame stop
// at or before the position; -1 for none.
func (p *position) lastShown() int {
	if isFrame(p.rec().Kind) {
		return p.pos
	}
	j := atOrBefore(p.ix.stops, p.pos)
	if j < 0 {
		return -1
	}
	return p.ix.stops[j]
}
