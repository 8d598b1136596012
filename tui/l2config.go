package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/scenarios"
)

// l2Limit is the per-port rate the switch polices, as the Switch view
// plots it: which frames count (broadcast for storm control, ARP for
// Dynamic ARP Inspection), the measuring interval, and the most frames
// an interval may carry before the switch acts (0: no limit).
type l2Limit struct {
	arp      bool          // count ARP frames (DAI), else broadcast
	interval time.Duration // storm-control interval or DAI burst interval
	max      float64       // frames per interval; 0 for none
	// words describe the limit for the legend ("storm-control broadcast
	// level pps 5, action shutdown").
	words string
}

// minFrameBits is a minimum-size frame on the wire with preamble and
// gap: a percent level is shown as the rate of such frames it allows.
const minFrameBits = (l2.MinFrameLen + l2.FCSLen + l2.PreambleIFG) * 8

// limitOf reads the scenario's cluster.layer2: storm control when set,
// else DAI's rate limit, else broadcast with no limit. The scenarios
// package's own parser is private, so the level words are read here the
// same way ("pps <rising> [<falling>]" or "<pct> [<pct-low>]"); a level
// it cannot read is shown as words with no line drawn.
func limitOf(sc *scenarios.Scenario) l2Limit {
	lim := l2Limit{interval: l2.DefaultStormInterval}
	if sc == nil || sc.Cluster.Layer2 == nil {
		return lim
	}
	cfg := sc.Cluster.Layer2
	if s := cfg.StormControl; s != nil {
		if s.Interval != nil && s.Interval.Duration > 0 {
			lim.interval = s.Interval.Duration
		}
		action := s.Action
		if action == "" {
			action = "filter"
		}
		lim.words = fmt.Sprintf("storm-control broadcast level %s, action %s", s.BroadcastLevel, action)
		if pps, ok := stormPPS(s.BroadcastLevel); ok {
			lim.max = pps * lim.interval.Seconds()
		}
		return lim
	}
	if d := cfg.ARPInspection; d != nil {
		lim.arp = true
		rate := d.Rate
		if rate == 0 {
			rate = l2.DefaultDAIRate
		}
		lim.interval = l2.DefaultDAIBurst
		if d.BurstInterval != nil && d.BurstInterval.Duration > 0 {
			lim.interval = d.BurstInterval.Duration
		}
		lim.max = float64(rate) * lim.interval.Seconds()
		lim.words = fmt.Sprintf("ip arp inspection limit rate %d burst interval %d", rate, int(lim.interval.Seconds()))
	}
	return lim
}

// stormPPS reads a storm-control broadcast level as frames per second:
// "pps 20" is 20, a percent level the minimum-size frames it lets
// through on a 1 Gb/s port ("1.00" is 14880).
func stormPPS(level string) (float64, bool) {
	f := strings.Fields(level)
	pps := len(f) > 0 && f[0] == "pps"
	if pps {
		f = f[1:]
	}
	if len(f) == 0 || len(f) > 2 {
		return 0, false
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil || v < 0 {
		return 0, false
	}
	if pps {
		return v, true
	}
	if v > 100 {
		return 0, false
	}
	return float64(l2.DefaultBandwidth) * v / 100 / minFrameBits, true
}
