package tui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/l2"
)

// The plot's cells. Under a limit, a count up to the limit is one of
// five rising blocks (the fifth is the limit itself) and a count above
// it a full block, so the line is visible without colour; without a
// limit the eight blocks scale to the largest count.
const (
	levelsUnder = "▁▂▃▄▅"
	levelsAll   = "▁▂▃▄▅▆▇█"
	cellOver    = "█"
	cellDown    = "×" // the port was down and received nothing
	cellNow     = "▲"
)

// plot draws each port's rate over the run's simulated time, one row a
// port, one column an interval (or a few, when the run is longer than
// the width: then the column shows the busiest of them). Intervals after
// the current event are blank; the axis marks the current one.
func (p *switchPane) plot(x *l2Index) []string {
	at := p.at
	head := "Broadcasts each port received" + perWords(x.lim.interval) + " (what storm control measures)"
	if x.lim.arp {
		head = "ARP frames each port received" + perWords(x.lim.interval) + " (what DAI counts)"
	}
	lines := []string{p.st.Section.Render(clip(head, p.w))}
	if len(x.names) == 0 || len(x.per[0]) == 0 {
		return append(lines, p.st.Dim.Render("(no ports)"))
	}
	labelW := 0
	for _, n := range x.names {
		labelW = max(labelW, width(n))
	}
	cols := max(1, p.w-labelW-1)
	n := len(x.per[0])
	k := (n + cols - 1) / cols // intervals a column
	cur := x.interval(at.rec().At)
	vals, maxVal := p.columns(x, k, cur)
	lines = append(lines, wrap(p.legend(x, k, maxVal), p.w)...)
	for port, name := range x.names {
		var b strings.Builder
		b.WriteString(fit(name, labelW) + " ")
		for c, v := range vals[port] {
			b.WriteString(p.cell(v, x.lim.max, maxVal, c))
		}
		lines = append(lines, b.String())
	}
	return append(lines, p.axis(x, labelW, k, (n+k-1)/k, cur/k)...)
}

// colVal is one cell of the plot: the largest count of its intervals,
// and whether the port was down in any of them; set is false after the
// current event.
type colVal struct {
	n    int
	down bool
	set  bool
}

// columns reduces each port's intervals up to the current one to
// columns of k intervals, and returns the largest count.
func (p *switchPane) columns(x *l2Index, k, cur int) ([][]colVal, int) {
	at := p.at
	n := len(x.per[0])
	out := make([][]colVal, len(x.names))
	maxVal := 0
	for port := range x.names {
		out[port] = make([]colVal, (n+k-1)/k)
		st, _ := portStatus(at, port)
		for j := 0; j <= min(cur, n-1); j++ {
			v := int(x.per[port][j])
			down := x.down[port][j]
			if j == cur { // the current interval, counted up to this event
				v = x.rateAt(at.recs, port, j, at.pos)
				down = st.State != l2.PortConnected
			}
			cv := &out[port][j/k]
			cv.n, cv.down, cv.set = max(cv.n, v), cv.down || down, true
			maxVal = max(maxVal, v)
		}
	}
	return out, maxVal
}

// cell draws one column of a port's row.
func (p *switchPane) cell(v colVal, limit float64, maxVal, c int) string {
	switch {
	case !v.set:
		return " "
	case v.n == 0 && v.down:
		return p.st.Dim.Render(cellDown)
	case v.n == 0:
		return " "
	case limit > 0 && float64(v.n) > limit:
		return p.st.Fail.Render(cellOver)
	case limit > 0:
		return level(levelsUnder, float64(v.n)/limit)
	}
	return level(levelsAll, float64(v.n)/float64(max(1, maxVal)))
}

// level picks the block for a fraction in (0, 1].
func level(blocks string, frac float64) string {
	r := []rune(blocks)
	i := int(math.Ceil(frac*float64(len(r)))) - 1
	return string(r[max(0, min(i, len(r)-1))])
}

// legend says what a column and a block mean and where the limit is.
func (p *switchPane) legend(x *l2Index, k, maxVal int) string {
	col := ""
	if k > 1 {
		col = "1 column = " + shortDur(time.Duration(k)*x.lim.interval) + " (the busiest interval); "
	}
	if x.lim.max <= 0 {
		return fmt.Sprintf("%sno limit on this switch; %s = %d, the most so far", col, cellOver, maxVal)
	}
	return fmt.Sprintf("%s%s up to the limit of %s%s, %s above it, %s port down",
		col, levelsUnder, formatLimit(x.lim.max), perInterval(x.lim.interval), cellOver, cellDown)
}

// axis is the time axis under the rows: ticks every ten columns with
// the time since the scenario's start, and the current interval marked.
func (p *switchPane) axis(x *l2Index, labelW, k, ncols, now int) []string {
	at := p.at
	rule := []rune(strings.Repeat("─", ncols))
	labels := []rune(strings.Repeat(" ", ncols+8))
	for c := 0; c < ncols; c += 10 {
		rule[c] = '┴'
		t := x.t0 + time.Duration(c*k)*x.lim.interval - at.startTime
		s := []rune(shortDur(t.Round(100 * time.Millisecond)))
		if c+len(s) <= len(labels) {
			copy(labels[c:], s)
		}
	}
	if now >= 0 && now < ncols {
		rule[now] = []rune(cellNow)[0]
	}
	pad := strings.Repeat(" ", labelW+1)
	return []string{
		clip(pad+string(rule), p.w),
		clip(pad+strings.TrimRight(string(labels), " "), p.w),
		clip(fmt.Sprintf("%s%s now, %s", pad, cellNow, at.rel(at.rec().At)), p.w),
	}
}

// perInterval is "/s" for a 1-second interval, else "/2s".
func perInterval(iv time.Duration) string {
	if iv == time.Second {
		return "/s"
	}
	return "/" + shortDur(iv)
}

// perWords is " per second", or " per 2s".
func perWords(iv time.Duration) string {
	if iv == time.Second {
		return " per second"
	}
	return " per " + shortDur(iv)
}

// shortDur prints whole seconds as "10s" and anything else as Go does.
func shortDur(d time.Duration) string {
	if d%time.Second == 0 {
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return d.String()
}

// formatLimit prints a limit in frames without a needless fraction.
func formatLimit(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
