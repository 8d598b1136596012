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

// isFrame reports whether a record is about an Ethernet frame, the
// switch or ARP (layer 2): what the packet view shows as a frame.
func isFrame(kind string) bool {
	return strings.HasPrefix(kind, "arp.") || strings.HasPrefix(kind, "l2.") || kind == kindGARP
}

// isFrameStop reports whether packet navigation stops at a frame record:
// ARP as the hosts see it, gratuitous ARP, and what the switch did
// beyond plain forwarding (drops, storms, err-disable, links). Forwarded
// and flooded copies, and MAC learning, are shown when stepped on but not
// stopped at: an IP packet's frames would double every packet stop.
func isFrameStop(kind string) bool {
	switch kind {
	case "l2.forward", "l2.flood", "l2.mac.learn", "l2.mac.move", "l2.mac.age":
		return false
	}
	return isFrame(kind)
}

// kindGARP is MetalLB's gratuitous ARP round.
const kindGARP = "metallb.garp"

// index lists, in trace order, the records of the kinds the walkthrough
// jumps between. It is built once per walkthrough (one pass over the
// trace) so that every jump is a binary search.
type index struct {
	steps   []int // scenario.step records: steps[i] starts step i
	packets []int
	expects []int
	outputs []int // scenario.output records
	dns     []int // dns.* and coredns.answer records
	// frames are the layer-2 records (isFrame); stops are the packet
	// records and the frame records packet navigation stops at.
	frames []int
	stops  []int
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
			ix.stops = append(ix.stops, i)
		case isFrame(k):
			ix.frames = append(ix.frames, i)
			if isFrameStop(k) {
				ix.stops = append(ix.stops, i)
			}
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
