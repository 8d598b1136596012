package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/network"
)

// rulesPane shows a node's iptables tables as iptables-save prints them
// at the current record (kube-proxy keeps them under "iptables/<node>"),
// with the rules the last packet matched on that node marked "▶ match N"
// in the order the kernel walked them, and the number of rules it
// examined. The node is the packet's, unless one is picked.
type rulesPane struct {
	st   *styles
	at   *position
	keys rulesKeys
	w, h int

	pick   string // the node picked; "" follows the packet
	node   string // the node shown
	tables map[string]*ruleTable
	tab    *ruleTable
	pkt    int // the packet record whose walk is marked, -1 for none
	walk   packetWalk
	hasNF  bool
	hits   map[int]ruleHit
	first  int // the line of the first hit, -1 for none
	rows   []rulesRow
	off    int

	find     lineInput
	finding  bool
	query    string
	found    []int // lines matching query
	foundCur int   // the line of the current find match, -1 for none
}

// rulesRow is one screen row: a line of the table, a continuation of a
// matched rule (part > 0), or the verdict under it (part < 0).
type rulesRow struct {
	line int
	part int
}

// rulesHead is how many rows the header takes above the table.
const rulesHead = 2

func newRulesPane(st *styles) *rulesPane {
	return &rulesPane{st: st, keys: newRulesKeys(), tables: map[string]*ruleTable{}, pkt: -1,
		first: -1, foundCur: -1, find: lineInput{prompt: "find: "}}
}

func (p *rulesPane) Title() string { return "Rules" }
func (p *rulesPane) typing() bool  { return p.finding }

func (p *rulesPane) ShortHelp() []key.Binding {
	k := p.keys
	if p.finding {
		return []key.Binding{k.FindDone, k.FindClear}
	}
	return []key.Binding{k.Node, k.Find, k.Hit}
}

func (p *rulesPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Node, k.PrevNode, k.Hit, k.Find, k.FindNext, k.FindPrev, k.FindDone, k.FindClear, k.Down, k.Up}}
}

func (p *rulesPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.layout()
}

func (p *rulesPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case moveMsg:
		p.at = msg.at
		p.rebuild()
	case tea.KeyPressMsg:
		if p.finding {
			p.findKey(msg)
			return nil
		}
		p.key(msg)
	}
	return nil
}

// rebuild reads the tables and the packet at the position.
func (p *rulesPane) rebuild() {
	if p.at == nil {
		return
	}
	pkt, d := p.packet()
	p.node = p.pick
	if p.node == "" && d != nil {
		p.node = d.Node
	}
	nodes := p.nodes()
	if p.node == "" && len(nodes) > 0 {
		p.node = nodes[0]
	}
	tab := p.table(p.node)
	moved := tab != p.tab || pkt != p.pkt
	p.tab, p.pkt = tab, pkt
	p.walk, p.hasNF = packetWalk{}, false
	if d != nil && d.Node == p.node {
		p.walk, p.hasNF = walkOf(d)
	}
	p.hits, p.first = nil, -1
	if tab != nil {
		p.hits = tab.hits(p.walk)
		p.first = decisive(p.hits)
	}
	if moved {
		p.setFind(p.query)
	}
	p.layout()
	if moved && p.first >= 0 {
		p.scrollToLine(p.first)
	}
}

// packet returns the last packet record at or before the position that
// went through netfilter (or, if none did lately, the last packet
// record), with its hop.
func (p *rulesPane) packet() (int, *network.HopDetail) {
	last := p.at.lastPacket()
	if last < 0 {
		return -1, nil
	}
	j := atOrBefore(p.at.ix.packets, p.at.pos)
	for n := 0; j >= 0 && n < maxHops; j, n = j-1, n+1 {
		i := p.at.ix.packets[j]
		if d, ok := p.at.recs[i].Detail.(*network.HopDetail); ok {
			if _, nf := walkOf(d); nf && (p.pick == "" || d.Node == p.pick) {
				return i, d
			}
		}
	}
	d, _ := p.at.recs[last].Detail.(*network.HopDetail)
	return last, d
}

// nodes lists the nodes whose tables kube-proxy has written.
func (p *rulesPane) nodes() []string {
	keys := p.at.view.Keys("iptables/")
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = strings.TrimPrefix(k, "iptables/")
	}
	return out
}

// table returns a node's parsed tables at the position; a text parsed
// before is not parsed again.
func (p *rulesPane) table(node string) *ruleTable {
	v, ok := p.at.view.Get(kubeproxy.IPTablesKey(node))
	src, _ := v.(string)
	if !ok || src == "" {
		return nil
	}
	if t := p.tables[node]; t != nil && t.src == src {
		return t
	}
	t := parseRules(src)
	p.tables[node] = t
	return t
}

// layout lays the table out in rows: one per line, a matched rule
// wrapped in full with its verdict under it.
func (p *rulesPane) layout() {
	p.rows = p.rows[:0]
	if p.tab == nil || p.w <= 0 {
		return
	}
	for i := range p.tab.lines {
		h, hit := p.hits[i]
		if !hit {
			p.rows = append(p.rows, rulesRow{line: i})
			continue
		}
		n := len(wrap(p.hitPrefix(h)+p.tab.lines[i].text, p.w))
		for part := 0; part < max(1, n); part++ {
			p.rows = append(p.rows, rulesRow{line: i, part: part})
		}
		p.rows = append(p.rows, rulesRow{line: i, part: -1})
	}
	p.clamp()
}

// hitPrefix marks a matched rule "▶ match N", and a chain the walk ran
// to the end of (its policy or an implicit return) "↩ end N".
func (p *rulesPane) hitPrefix(h ruleHit) string {
	if h.end {
		return fmt.Sprintf("↩ end %d  ", h.order)
	}
	return fmt.Sprintf("▶ match %d  ", h.order)
}

// decisive returns the line of the rule that decided the packet's fate
// (the first DNAT, REJECT, DROP or MASQUERADE in walk order), else of
// the first rule matched; -1 when nothing matched.
func decisive(hits map[int]ruleHit) int {
	best, first := -1, -1
	for j, h := range hits {
		if h.end {
			continue
		}
		if first < 0 || h.order < hits[first].order {
			first = j
		}
		if terminal(h.verdict) && (best < 0 || h.order < hits[best].order) {
			best = j
		}
	}
	if best >= 0 {
		return best
	}
	return first
}

func terminal(verdict string) bool {
	for _, v := range []string{"DNAT", "REJECT", "DROP", "MASQUERADE", "SNAT"} {
		if strings.HasPrefix(verdict, v) {
			return true
		}
	}
	return false
}

// bodyH is the number of table rows on screen.
func (p *rulesPane) bodyH() int {
	h := p.h - rulesHead
	if p.finding || p.query != "" {
		h--
	}
	return max(1, h)
}

func (p *rulesPane) clamp() {
	p.off = max(0, min(p.off, len(p.rows)-p.bodyH()))
	p.keys.Down.SetEnabled(p.off+p.bodyH() < len(p.rows))
	p.keys.Up.SetEnabled(p.off > 0)
	p.keys.Hit.SetEnabled(len(p.hits) > 0)
	p.keys.FindNext.SetEnabled(len(p.found) > 0)
	p.keys.FindPrev.SetEnabled(len(p.found) > 0)
	p.keys.FindDone.SetEnabled(p.finding)
	p.keys.FindClear.SetEnabled(p.finding || p.query != "")
}

// scrollToLine puts a line near the top, with two lines of context.
func (p *rulesPane) scrollToLine(line int) {
	for r, row := range p.rows {
		if row.line == line {
			p.off = max(0, r-2)
			break
		}
	}
	p.clamp()
}
