package netfilter

import (
	"errors"
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// indexMinRules is the chain length from which a chain gets a lookup index.
const indexMinRules = 8

// maxDepth bounds nested jumps; the kernel's own stack is as deep as the
// chain graph, which Load proves is acyclic.
const maxDepth = 24

// ErrNoChain is returned (wrapped) by Load when a rule jumps to a chain the
// table does not have; iptables-restore refuses such a ruleset too.
var ErrNoChain = errors.New("no such chain")

// LoopError is returned by Load when jumps form a loop; iptables-restore
// refuses such a ruleset with ELOOP ("Too many levels of links").
type LoopError struct {
	Table kubeproxy.Table
	// Loop is the cycle, starting and ending with the same chain.
	Loop []string
}

func (e *LoopError) Error() string {
	return "netfilter: " + e.Table.String() + ": jump loop " + strings.Join(e.Loop, " -> ")
}

// cchain is a chain: its rules are the table's rules [first, first+n). It
// is 32 bytes, so that the chains one packet walks (a service's KUBE-SVC
// and its KUBE-SEPs, numbered in a row) share a cache line or two.
type cchain struct {
	name     string
	idx      *chainIndex
	first, n int32
}

type ctable struct {
	table  kubeproxy.Table
	chains []cchain
	// The rules of every chain, and their cold parts, in chain order.
	rules   []crule
	cold    []ccold
	builtin []bool // by chain
	byName  map[string]int32
	// hookChain is the built-in chain each hook starts from, or -1.
	hookChain [numHooks]int32
	nrules    int
	// matches holds the rules' module matches (crule.mods).
	matches []kubeproxy.Match
	// texts are the rules' trace texts, made when a traced walk first
	// needs them (nil until then), by rule index in the table.
	texts []traceText
}

// compile resolves a table's jumps and checks that they form no loop.
// Chains are numbered, and their rules and matches laid out in memory, in
// depth-first jump order from the built-in chains, so that the chains one
// packet walks (a service's KUBE-SVC and its KUBE-SEPs) sit together.
func compile(tr *kubeproxy.TableRules, index bool) (ctable, error) {
	order, err := jumpOrder(tr)
	if err != nil {
		return ctable{}, err
	}
	ct := ctable{table: tr.Table, chains: make([]cchain, len(order)), builtin: make([]bool, len(order)),
		byName: make(map[string]int32, len(order))}
	nrules, nmatches := 0, 0
	for i, c := range order {
		ct.byName[c.Name] = int32(i)
		nrules += len(c.Rules)
		for j := range c.Rules {
			nmatches += len(c.Rules[j].Matches)
		}
	}
	for h := range numHooks {
		ct.hookChain[h] = -1
		if i, ok := ct.byName[h.String()]; ok && order[i].Builtin {
			ct.hookChain[h] = i
		}
	}
	ct.nrules = nrules
	rules, cold := make([]crule, 0, nrules), make([]ccold, 0, nrules)
	matches := make([]kubeproxy.Match, 0, nmatches)
	for i, c := range order {
		start := len(rules)
		for j := range c.Rules {
			var cr crule
			var cc ccold
			cr, cc, matches = compileRule(&c.Rules[j], ct.byName, matches)
			rules, cold = append(rules, cr), append(cold, cc)
		}
		end := len(rules)
		cc := cchain{name: c.Name, first: int32(start), n: int32(end - start)}
		if index && end-start >= indexMinRules {
			cc.idx = buildIndex(rules[start:end], cold[start:end])
		}
		ct.chains[i] = cc
		ct.builtin[i] = c.Builtin
	}
	ct.rules, ct.cold, ct.matches = rules, cold, matches
	return ct, ct.checkLoops()
}

// jumpOrder lists the chains depth-first along jumps, built-in chains first;
// it fails on a jump to a missing chain.
func jumpOrder(tr *kubeproxy.TableRules) ([]*kubeproxy.Chain, error) {
	byName := make(map[string]*kubeproxy.Chain, len(tr.Chains))
	for _, c := range tr.Chains {
		byName[c.Name] = c
	}
	seen := make(map[*kubeproxy.Chain]bool, len(tr.Chains))
	order := make([]*kubeproxy.Chain, 0, len(tr.Chains))
	var visit func(c *kubeproxy.Chain) error
	visit = func(c *kubeproxy.Chain) error {
		seen[c] = true
		order = append(order, c)
		for j := range c.Rules {
			r := &c.Rules[j]
			if r.Target.Kind != kubeproxy.TargetJump {
				continue
			}
			t := byName[r.Target.Chain]
			if t == nil {
				return fmt.Errorf("netfilter: %s: chain %s rule %d: jump to %s: %w", tr.Table, c.Name, j+1, r.Target.Chain, ErrNoChain)
			}
			if !seen[t] {
				if err := visit(t); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, builtin := range []bool{true, false} {
		for _, c := range tr.Chains {
			if c.Builtin == builtin && !seen[c] {
				if err := visit(c); err != nil {
					return nil, err
				}
			}
		}
	}
	return order, nil
}

// checkLoops finds a jump cycle by depth-first search.
func (ct *ctable) checkLoops() error {
	const (
		white = iota
		grey
		black
	)
	color := make([]uint8, len(ct.chains))
	var path []int32
	var visit func(c int32) error
	visit = func(c int32) error {
		color[c] = grey
		path = append(path, c)
		for _, r := range ct.chainRules(c) {
			if r.jump < 0 {
				continue
			}
			switch color[r.jump] {
			case grey:
				return ct.loopError(path, r.jump)
			case white:
				if err := visit(r.jump); err != nil {
					return err
				}
			}
		}
		path = path[:len(path)-1]
		color[c] = black
		return nil
	}
	for c := range ct.chains {
		if color[c] == white {
			if err := visit(int32(c)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (ct *ctable) loopError(path []int32, to int32) error {
	start := 0
	for i, c := range path {
		if c == to {
			start = i
		}
	}
	e := &LoopError{Table: ct.table}
	for _, c := range path[start:] {
		e.Loop = append(e.Loop, ct.chains[c].name)
	}
	e.Loop = append(e.Loop, ct.chains[to].name)
	return e
}

// chainRules returns chain c's rules.
func (ct *ctable) chainRules(c int32) []crule {
	ch := &ct.chains[c]
	return ct.rules[ch.first : ch.first+ch.n : ch.first+ch.n]
}
