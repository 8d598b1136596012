package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/model/network"
)

func (p *rulesPane) key(msg tea.KeyPressMsg) {
	k := &p.keys
	switch {
	case key.Matches(msg, k.Node):
		p.cycleNode(1)
	case key.Matches(msg, k.PrevNode):
		p.cycleNode(-1)
	case key.Matches(msg, k.Hit):
		p.nextHit()
	case key.Matches(msg, k.Find):
		p.finding = true
		p.find.SetValue(p.query)
		p.clamp()
	case key.Matches(msg, k.FindNext):
		p.nextFound(1)
	case key.Matches(msg, k.FindPrev):
		p.nextFound(-1)
	case key.Matches(msg, k.FindClear):
		p.setFind("")
	case key.Matches(msg, k.Down):
		p.off += max(1, p.bodyH()-1)
		p.clamp()
	case key.Matches(msg, k.Up):
		p.off -= max(1, p.bodyH()-1)
		p.clamp()
	}
}

// cycleNode moves the pick through "the packet's node" and every node.
func (p *rulesPane) cycleNode(step int) {
	choices := append([]string{""}, p.nodes()...)
	i := 0
	for j, c := range choices {
		if c == p.pick {
			i = j
		}
	}
	p.pick = choices[(i+step+len(choices))%len(choices)]
	p.rebuild()
}

// nextHit scrolls to the next matched rule in the order the kernel
// walked them, from the one at the top, wrapping around.
func (p *rulesPane) nextHit() {
	lines := make([]int, 0, len(p.hits))
	for j := range p.hits {
		lines = append(lines, j)
	}
	if len(lines) == 0 {
		return
	}
	sort.Slice(lines, func(a, b int) bool { return p.hits[lines[a]].order < p.hits[lines[b]].order })
	top := -1
	if p.off+2 < len(p.rows) {
		top = p.rows[p.off+2].line
	}
	next := lines[0]
	for k, l := range lines {
		if l == top && k+1 < len(lines) {
			next = lines[k+1]
		}
	}
	p.scrollToLine(next)
}

func (p *rulesPane) findKey(msg tea.KeyPressMsg) {
	switch {
	case key.Matches(msg, p.keys.FindDone):
		p.finding = false
		p.clamp()
		return
	case key.Matches(msg, p.keys.FindClear):
		p.finding = false
		p.setFind("")
		return
	}
	p.find.Update(msg)
	p.setFind(p.find.Value())
	if len(p.found) > 0 {
		p.foundCur = -1
		p.nextFound(1)
	}
}

// setFind looks for q (case insensitive) in the table's lines.
func (p *rulesPane) setFind(q string) {
	p.query, p.found, p.foundCur = q, p.found[:0], -1
	if p.tab != nil && q != "" {
		lq := strings.ToLower(q)
		for i, l := range p.tab.lines {
			if strings.Contains(strings.ToLower(l.text), lq) {
				p.found = append(p.found, i)
			}
		}
	}
	p.clamp()
}

// nextFound moves to the next (step 1) or previous (-1) find match.
func (p *rulesPane) nextFound(step int) {
	if len(p.found) == 0 {
		return
	}
	var n int
	if step > 0 {
		n = after(p.found, p.foundCur)
		if n < 0 {
			n = p.found[0]
		}
	} else {
		n = before(p.found, p.foundCur)
		if n < 0 {
			n = p.found[len(p.found)-1]
		}
	}
	p.foundCur = n
	p.scrollToLine(n)
}

// View draws the header and only the rows on screen, so a table of
// 10,000 rules costs no more than one of ten.
func (p *rulesPane) View() string {
	if p.at == nil || p.w <= 0 || p.h <= 0 {
		return box(nil, p.w, p.h)
	}
	lines := p.header()
	if p.tab == nil {
		lines = append(lines, wrap("kube-proxy has not written this node's tables yet at this event.", p.w)...)
		return box(lines, p.w, p.h)
	}
	end := min(len(p.rows), p.off+p.bodyH())
	for _, r := range p.rows[p.off:end] {
		lines = append(lines, p.row(r))
	}
	return box(lines, p.w, p.h)
}

func (p *rulesPane) header() []string {
	who := "the packet's node"
	if p.pick != "" {
		who = "picked"
	}
	n := 0
	if p.tab != nil {
		n = p.tab.rules
	}
	head := fmt.Sprintf("node %s (%s) · %d rules · iptables-save at event #%d", p.node, who, n, p.at.num(p.at.pos))
	lines := []string{p.st.Section.Render(clip(head, p.w))}
	var sum string
	switch {
	case p.pkt < 0:
		sum = "no packet yet: } or p jumps to the next one"
	case !p.hasHop():
		sum = fmt.Sprintf("#%d is a %s record: the packet has crossed no node's netfilter yet", p.at.num(p.pkt), p.at.recs[p.pkt].Kind)
	case !p.hasNF:
		sum = fmt.Sprintf("packet #%d crossed no netfilter hook on %s", p.at.num(p.pkt), p.node)
	default:
		sum = fmt.Sprintf("packet #%d: %d rules matched (▶), %d examined by the kernel", p.at.num(p.pkt), len(p.hits), p.walk.examined)
		if len(p.walk.steps) > len(p.hits) {
			sum += fmt.Sprintf("; %d steps not in these tables", len(p.walk.steps)-len(p.hits))
		}
	}
	lines = append(lines, clip(sum, p.w))
	if p.finding || p.query != "" {
		n := "  " + plural(len(p.found), "line")
		lines = append(lines, fit(p.find.View(p.finding)+p.st.Dim.Render(n), p.w))
	}
	return lines
}

// row formats one screen row.
func (p *rulesPane) row(r rulesRow) string {
	l := &p.tab.lines[r.line]
	h, hit := p.hits[r.line]
	switch {
	case hit && r.part < 0:
		return p.st.Changed.Render(clip(fmt.Sprintf("    → %s (%s)", h.verdict, h.hook), p.w))
	case hit:
		parts := wrap(p.hitPrefix(h)+l.text, p.w)
		if r.part < len(parts) {
			return p.st.Changed.Render(parts[r.part])
		}
		return ""
	}
	text := "  " + l.text
	if r.line == p.foundCur {
		return p.st.Selected.Render(fit("» "+l.text, p.w))
	}
	if strings.HasPrefix(l.text, "*") || strings.HasPrefix(l.text, "COMMIT") {
		return p.st.Section.Render(clip(text, p.w))
	}
	return clip(text, p.w)
}

// claims takes esc while a find is in force, so it clears the find
// rather than leaving the walkthrough.
func (p *rulesPane) claims(msg tea.KeyPressMsg) bool {
	return p.query != "" && key.Matches(msg, p.keys.FindClear)
}

// hasHop reports whether the packet record shown is a hop on a node.
func (p *rulesPane) hasHop() bool {
	_, ok := p.at.recs[p.pkt].Detail.(*network.HopDetail)
	return ok
}
