package tui

import (
	"strings"

	"github.com/svcsim/svcsim/model/netfilter"
	"github.com/svcsim/svcsim/model/network"
)

// ruleLine is one line of iptables-save text and where it sits: its
// table, and for a rule ("-A CHAIN ...") its chain and its number in the
// chain, as iptables -L --line-numbers counts them.
type ruleLine struct {
	text  string
	table string
	chain string // "-A" lines and ":CHAIN" declarations
	rule  int    // 1-based for "-A" lines, 0 otherwise
}

// ruleKey names a rule as the kernel's walk does; rule 0 is the chain's
// end (its declaration line carries the policy).
type ruleKey struct {
	table, chain string
	rule         int
}

// ruleTable is one node's iptables-save text cut into lines.
type ruleTable struct {
	src   string
	lines []ruleLine
	at    map[ruleKey]int // rule → line index
	rules int             // "-A" lines
}

// parseRules reads iptables-save text.
func parseRules(src string) *ruleTable {
	t := &ruleTable{src: src, at: map[ruleKey]int{}}
	t.lines = make([]ruleLine, 0, strings.Count(src, "\n")+1)
	table := ""
	count := map[string]int{}
	for len(src) > 0 {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		l := ruleLine{text: line, table: table}
		switch {
		case strings.HasPrefix(line, "*"):
			table = line[1:]
			l.table = table
			clear(count)
		case strings.HasPrefix(line, ":"):
			l.chain = firstWord(line[1:])
			t.at[ruleKey{table, l.chain, 0}] = len(t.lines)
		case strings.HasPrefix(line, "-A "):
			l.chain = firstWord(line[3:])
			count[l.chain]++
			l.rule = count[l.chain]
			t.rules++
			t.at[ruleKey{table, l.chain, l.rule}] = len(t.lines)
		}
		t.lines = append(t.lines, l)
	}
	return t
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// ruleHit is one rule the packet matched (or a chain it ran to the end
// of), in the order the kernel walked them.
type ruleHit struct {
	order   int // 1-based
	hook    string
	verdict string
	end     bool // the walk ran to the end of the chain
}

// packetWalk is what the kernel recorded of one packet record's hooks:
// each step and the rules examined.
type packetWalk struct {
	steps    []netfilter.Step
	hooks    []string // the hook of each step
	examined int
}

// walkOf gathers the kernel's per-hook records of a packet record; ok is
// false when no hook recorded a walk (a packet leaving a pod's veth, a
// delivery).
func walkOf(d *network.HopDetail) (w packetWalk, ok bool) {
	for _, h := range d.Hooks {
		r, isNF := h.Detail.(*netfilter.Result)
		if !isNF || r == nil {
			continue
		}
		ok = true
		w.examined += r.Rules
		for _, s := range r.Steps {
			w.steps = append(w.steps, s)
			w.hooks = append(w.hooks, r.Hook.String())
		}
	}
	return w, ok
}

// hits maps the walk's steps to the table's lines.
func (t *ruleTable) hits(w packetWalk) map[int]ruleHit {
	out := make(map[int]ruleHit, len(w.steps))
	for i, s := range w.steps {
		j, ok := t.at[ruleKey{s.Table.String(), s.Chain, s.Rule}]
		if !ok {
			continue
		}
		if _, seen := out[j]; !seen {
			out[j] = ruleHit{order: i + 1, hook: w.hooks[i], verdict: s.Verdict, end: s.Rule == 0}
		}
	}
	return out
}
