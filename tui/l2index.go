package tui

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/sim"
)

// Store keys of the layer-2 segment (model/lan names its switch
// "switch").
const (
	keyPort   = "switch/switch/port/"
	keyMAC    = "switch/switch/mac/"
	keyNIC    = "nic/"
	keyNeigh  = "neigh/"
	keyRoute  = "router/route/"
	compSwtch = "switch"
)

// l2Index is what the Switch view needs from a whole run, derived once
// from the switch's records (the counters are not in the store): every
// port's counters at checkpoints, from which the counters at any record
// are a replay of at most checkpointEvery switch records; per port, the
// records of the frames its rate limit counts, and per measuring
// interval how many there were and whether the port was down.
type l2Index struct {
	names  []string // port names in switch order
	byName map[string]int
	lim    l2Limit
	// sw are the switch's records; snaps[j] the counters of every port
	// before sw[j*checkpointEvery].
	sw    []int
	snaps [][]l2.Counters
	rate  [][]int // records of the frames counted against the limit
	// t0 is the start of interval 0 (the scenario's start, rounded down
	// to the interval, as the switch measures); per[port][k] counts
	// interval k's frames over the whole run, down[port][k] says whether
	// the port was not connected at some time in it.
	t0   time.Duration
	per  [][]int32
	down [][]bool
}

// checkpointEvery is how many switch records lie between two
// checkpoints of the counters (a variable for tests, which use small
// ones).
var checkpointEvery = 256

// statusPoint is a port's state from record rec on.
type statusPoint struct {
	rec   int
	state l2.PortState
}

// buildL2Index reads every record of the run (the counters count from
// the switch's start, as the switch's do).
func buildL2Index(recs []sim.Record, start time.Duration, lim l2Limit) *l2Index {
	x := &l2Index{byName: map[string]int{}, lim: lim}
	var status [][]statusPoint
	var cur []l2.Counters
	for i := range recs {
		r := &recs[i]
		for _, ch := range r.Changes {
			if n, ok := portOf(ch.Key); ok {
				st, _ := ch.After.(l2.PortStatus)
				x.port(n, st.Name)
				for len(status) <= n {
					status = append(status, nil)
				}
				status[n] = append(status[n], statusPoint{rec: i, state: st.State})
			}
		}
		if r.Component != compSwtch {
			continue
		}
		for len(cur) < len(x.names) {
			cur = append(cur, l2.Counters{})
		}
		if len(x.sw)%checkpointEvery == 0 {
			x.snaps = append(x.snaps, slices.Clone(cur))
		}
		x.sw = append(x.sw, i)
		if p := x.apply(recs, i, cur); p >= 0 {
			x.rate[p] = append(x.rate[p], i)
		}
	}
	x.intervals(recs, start, status)
	return x
}

// portOf reads a port key's index.
func portOf(key string) (int, bool) {
	s, ok := strings.CutPrefix(key, keyPort)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// port makes room for port n and names it.
func (x *l2Index) port(n int, name string) {
	for len(x.names) <= n {
		x.names = append(x.names, "")
		x.rate = append(x.rate, nil)
	}
	if name != "" && x.names[n] == "" {
		x.names[n] = name
		x.byName[name] = n
	}
}

// apply counts one switch record into c (by port) as the switch counts
// (model/l2 ingress, forward, flood, drop, admitStorm, admitDAI). It
// returns the port whose rate limit counts the frame, or -1.
func (x *l2Index) apply(recs []sim.Record, i int, c []l2.Counters) int {
	r := &recs[i]
	fd, ok := frameDetail(r.Detail)
	switch {
	case ok && (r.Kind == "l2.forward" || r.Kind == "l2.flood"):
		for _, out := range fd.Out {
			if o := x.at(out, c); o != nil {
				o.TxFrames++
				if fd.Frame.Dst.IsBroadcast() {
					o.TxBroadcast++
				}
			}
		}
		return x.rx(fd.Port, &fd.Frame, c)
	case ok && r.Kind == "l2.drop":
		why := r.Summary
		if _, after, found := strings.Cut(r.Summary, " dropped on "+fd.Port+": "); found {
			why = after
		}
		switch {
		case strings.HasPrefix(why, "port "): // met the port down: not received
			if in := x.at(fd.Port, c); in != nil {
				in.DisabledDrops++
			}
			return -1
		case why == "storm-control filter":
			if in := x.at(fd.Port, c); in != nil {
				in.StormDrops++
			}
		case strings.HasPrefix(why, "egress port "):
			out, _, _ := strings.Cut(strings.TrimPrefix(why, "egress port "), " ")
			if o := x.at(out, c); o != nil {
				o.DisabledDrops++
			}
		}
		return x.rx(fd.Port, &fd.Frame, c)
	case r.Kind == "l2.storm": // the broadcast that shut the port: received, no drop record
		if name, ok := between(r.Summary, " detected on ", ". "); ok {
			return x.rx(name, &l2.Frame{Dst: l2.Broadcast}, c)
		}
	case r.Kind == "l2.dai": // the ARP frame over the limit
		if j := strings.LastIndex(r.Summary, " on "); j >= 0 {
			return x.rx(strings.TrimSuffix(r.Summary[j+4:], "."), &l2.Frame{Type: l2.EtherTypeARP}, c)
		}
	}
	return -1
}

// at returns a port's counters in c by name, or nil.
func (x *l2Index) at(port string, c []l2.Counters) *l2.Counters {
	n, ok := x.byName[port]
	if !ok || n >= len(c) {
		return nil
	}
	return &c[n]
}

// rx counts a frame received on a port; it returns the port if its
// limit counts the frame, else -1.
func (x *l2Index) rx(port string, f *l2.Frame, c []l2.Counters) int {
	in := x.at(port, c)
	if in == nil {
		return -1
	}
	in.RxFrames++
	if f.Dst.IsBroadcast() {
		in.RxBroadcast++
	}
	if x.lim.arp && f.Type == l2.EtherTypeARP || !x.lim.arp && f.Dst.IsBroadcast() {
		return x.byName[port]
	}
	return -1
}

// countersAt returns every port's counters right after record pos: the
// checkpoint before it and the switch records from there to pos.
func (x *l2Index) countersAt(recs []sim.Record, pos int) []l2.Counters {
	c := make([]l2.Counters, len(x.names))
	m := sort.SearchInts(x.sw, pos+1) // switch records at or before pos
	if m == 0 {
		return c
	}
	j := (m - 1) / checkpointEvery
	copy(c, x.snaps[j])
	for _, i := range x.sw[j*checkpointEvery : m] {
		x.apply(recs, i, c)
	}
	return c
}

// maxIntervals bounds the per-interval arrays of a very long run; past
// it the intervals are counted in wider buckets.
const maxIntervals = 1 << 20

// intervals counts each port's frames per interval and marks the
// intervals in which it was down.
func (x *l2Index) intervals(recs []sim.Record, start time.Duration, status [][]statusPoint) {
	if x.lim.interval <= 0 {
		x.lim.interval = time.Second
	}
	iv := x.lim.interval
	x.t0 = start / iv * iv
	end := start
	if len(recs) > 0 {
		end = max(end, recs[len(recs)-1].At)
	}
	n := int((end-x.t0)/iv) + 1
	for n > maxIntervals {
		iv *= 2
		n = int((end-x.t0)/iv) + 1
	}
	x.lim.interval = iv
	x.per = make([][]int32, len(x.names))
	x.down = make([][]bool, len(x.names))
	for p := range x.names {
		x.per[p] = make([]int32, n)
		x.down[p] = make([]bool, n)
		for _, i := range x.rate[p] {
			if k := x.interval(recs[i].At); k >= 0 && k < n {
				x.per[p][k]++
			}
		}
		if p < len(status) {
			x.markDown(recs, p, status[p], n)
		}
	}
}

// markDown marks the intervals during which port p was not connected.
func (x *l2Index) markDown(recs []sim.Record, p int, pts []statusPoint, n int) {
	for j, sp := range pts {
		if sp.state == l2.PortConnected {
			continue
		}
		from, to := x.interval(recs[sp.rec].At), n-1
		if j+1 < len(pts) {
			to = x.interval(recs[pts[j+1].rec].At)
		}
		for k := max(0, from); k <= min(to, n-1); k++ {
			x.down[p][k] = true
		}
	}
}

// interval returns the index of the interval holding time t (negative
// before the scenario's start).
func (x *l2Index) interval(t time.Duration) int {
	if t < x.t0 {
		return -1
	}
	return int((t - x.t0) / x.lim.interval)
}

// rateAt counts port p's limited frames in interval k up to record pos.
func (x *l2Index) rateAt(recs []sim.Record, p, k, pos int) int {
	rs := x.rate[p]
	from := x.t0 + time.Duration(k)*x.lim.interval
	lo := sort.Search(len(rs), func(j int) bool { return recs[rs[j]].At >= from })
	hi := sort.Search(len(rs), func(j int) bool { return rs[j] > pos })
	return max(0, hi-lo)
}

// frameDetail returns a switch record's frame, stored by value or
// pointer.
func frameDetail(d any) (l2.FrameDetail, bool) {
	switch d := d.(type) {
	case l2.FrameDetail:
		return d, true
	case *l2.FrameDetail:
		if d != nil {
			return *d, true
		}
	}
	return l2.FrameDetail{}, false
}

// between returns the text of s between the first from and the next to.
func between(s, from, to string) (string, bool) {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return "", false
	}
	out, _, ok := strings.Cut(rest, to)
	return out, ok
}
