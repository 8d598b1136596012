package tui

import (
	"sort"
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// Record kinds the walkthrough navigates by.
const (
	kindStep   = "scenario.step"
	kindExpect = "scenario.expect"
	kindOutput = "scenario.output"
	kindIntro  = "scenario.intro"
)

// isPacket reports whether a record is about a packet or a connection.
func isPacket(kind string) bool {
	return strings.HasPrefix(kind, "packet.") || strings.HasPrefix(kind, "tcp.")
}

// index lists, in trace order, the records of the kinds the walkthrough
// jumps between. It is built once per walkthrough (one pass over the
// trace) so that every jump is a binary search.
type index struct {
	steps   []int // scenario.step records: steps[i] starts step i
	packets []int
	expects []int
	outputs []int // scenario.output records
	dns     []int // dns.* and coredns.answer records
}

func buildIndex(recs []sim.Record, start int) index {
	var ix index
	for i := start; i < len(recs); i++ {
		k := recs[i].Kind
		switch {
		case k == kindStep:
			ix.steps = append(ix.steps, i)
		case k == kindExpect:
			ix.expects = append(ix.expects, i)
		case k == kindOutput:
			ix.outputs = append(ix.outputs, i)
		case isPacket(k):
			ix.packets = append(ix.packets, i)
		case isDNS(k):
			ix.dns = append(ix.dns, i)
		}
	}
	return ix
}

// sortSearch returns the position in list of the first element >= x.
func sortSearch(list []int, x int) int { return sort.SearchInts(list, x) }

// after returns the first element of list greater than pos, or -1.
func after(list []int, pos int) int {
	i := sort.SearchInts(list, pos+1)
	if i == len(list) {
		return -1
	}
	return list[i]
}

// before returns the last element of list less than pos, or -1.
func before(list []int, pos int) int {
	i := sort.SearchInts(list, pos)
	if i == 0 {
		return -1
	}
	return list[i-1]
}

// atOrBefore returns the position in list of the last element <= pos,
// or -1.
func atOrBefore(list []int, pos int) int {
	return sort.SearchInts(list, pos+1) - 1
}
