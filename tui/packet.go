package tui

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/network"
)

// packetPane shows the current packet record (or the last one before
// it): where the packet was, its headers before and after each hook,
// the notes of what rewrote it, and the hops of the same packet so far.
type packetPane struct {
	textPane
}

func newPacketPane(st *styles) *packetPane {
	p := &packetPane{newTextPane(st, "Packet")}
	p.build = p.rebuild
	return p
}

// maxHops bounds how far back the hop list looks for the same packet.
const maxHops = 32

func (p *packetPane) rebuild() {
	if p.at == nil || p.w <= 0 {
		return
	}
	i := p.at.lastShown()
	if i < 0 {
		msg := "No packet yet: packets appear when a step sends traffic (ping, curl). } or p jumps to the next one."
		if len(p.at.ix.stops) == 0 {
			msg = "This scenario sends no packets."
		}
		p.setLines(wrap(msg, p.w))
		return
	}
	rec := &p.at.recs[i]
	var lines []string
	head := fmt.Sprintf("#%d  %s  %s", p.at.num(i), p.at.rel(rec.At), rec.Kind)
	if i != p.at.pos {
		what := "packet"
		if isFrame(rec.Kind) {
			what = "frame"
		}
		head += "  (the last " + what + " before this event)"
	}
	lines = append(lines, p.st.Section.Render(clip(head, p.w)))
	lines = append(lines, wrap(rec.Summary, p.w)...)
	if isFrame(rec.Kind) {
		lines = append(lines, p.frameLines(i)...)
	}
	d, ok := rec.Detail.(*network.HopDetail)
	if ok {
		lines = append(lines, conntrackLines(d, p.st, p.w)...)
		lines = append(lines, hopLines(d, p.st, p.w)...)
		lines = append(lines, p.hops(i, d.Before.ID)...)
	}
	p.setLines(lines)
}

// hops lists the earlier records of the same packet, oldest first, so
// the view reads as the packet's walk.
func (p *packetPane) hops(cur int, id uint64) []string {
	var idx []int
	j := atOrBefore(p.at.ix.packets, cur)
	for n := 0; j >= 0 && n < maxHops; j, n = j-1, n+1 {
		r := &p.at.recs[p.at.ix.packets[j]]
		if d, ok := r.Detail.(*network.HopDetail); ok && d.Before.ID == id {
			idx = append(idx, p.at.ix.packets[j])
		}
	}
	if len(idx) < 2 {
		return nil
	}
	lines := []string{"", p.st.Section.Render("Hops of this packet")}
	for k := len(idx) - 1; k >= 0; k-- {
		r := &p.at.recs[idx[k]]
		d := r.Detail.(*network.HopDetail)
		mark := "  "
		if idx[k] == cur {
			mark = "▶ "
		}
		lines = append(lines, clip(fmt.Sprintf("%s%-8s %-16s %s", mark, d.Node, d.Stage, r.Kind), p.w))
	}
	return lines
}

// hopLines prints a hop: where, the packet before, each hook's verdict
// and rewrite with its notes, and the packet after.
func hopLines(d *network.HopDetail, st *styles, w int) []string {
	var lines []string
	where := "node " + d.Node
	if d.Pod != "" {
		where += ", pod " + d.Pod
	}
	lines = append(lines, clip(where+" ("+d.Stage+")", w))
	lines = append(lines, clip("before  "+d.Before.String(), w))
	cur := d.Before
	for _, h := range d.Hooks {
		name := "hook"
		notes := h.Notes
		if len(notes) > 0 {
			name, notes = notes[0], notes[1:]
		}
		line := fmt.Sprintf("  %s: %s", name, verdict(h.Verdict))
		if h.Packet.Src.IsValid() && h.Packet.String() != cur.String() {
			line += "  → " + h.Packet.String()
			cur = h.Packet
		}
		lines = append(lines, st.Changed.Render(clip(line, w)))
		for _, n := range notes {
			for _, l := range wrap(n, max(1, w-6)) {
				lines = append(lines, "      "+l)
			}
		}
	}
	if d.After.Src.IsValid() {
		cur = d.After
	}
	if cur.String() != d.Before.String() {
		lines = append(lines, clip("after   "+cur.String(), w))
	}
	return lines
}

func verdict(v network.VerdictKind) string {
	switch v {
	case network.Accept:
		return "ACCEPT"
	case network.Drop:
		return "DROP"
	case network.Reject:
		return "REJECT"
	}
	return fmt.Sprintf("verdict %d", v)
}

// conntrackLines shows what conntrack made of the packet, with the entry
// (as conntrack -L prints it) when the kernel confirmed a new one.
func conntrackLines(d *network.HopDetail, st *styles, w int) []string {
	for _, h := range d.Hooks {
		for _, n := range h.Notes {
			text, ok := strings.CutPrefix(n, "conntrack: ")
			if !ok {
				continue
			}
			lines := []string{st.Section.Render("Conntrack")}
			what, entry, confirmed := strings.Cut(text, ", confirmed as ")
			lines = append(lines, wrap(what, w)...)
			if confirmed {
				lines = append(lines, "entry (conntrack -L):")
				for _, l := range wrap(entry, max(1, w-2)) {
					lines = append(lines, "  "+l)
				}
			}
			return append(lines, st.Section.Render("Hooks"))
		}
	}
	return nil
}
