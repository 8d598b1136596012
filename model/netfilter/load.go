package netfilter

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
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

// crule is a rule compiled for the walk: its matches split as the kernel
// evaluates them, its target copied and its jump resolved. The fields a
// packet's walk reads come first and the usual header matches (one -s, one
// -d, one -p and a leading --dport) are held inline, so that checking a rule
// touches only the rule's own memory.
type crule struct {
	src, dst  netip.Prefix // valid if hasSrc / hasDst
	hflags    uint8        // hasSrc, hasDst, ...
	proto     Protocol     // if hasProto
	dport     uint16       // if hasDport: the first module is --dport
	kind      kubeproxy.TargetKind
	ipv6      bool
	pure      bool  // no match has a side effect (statistic, recent)
	jump      int32 // chain index of a jump target, -1 otherwise
	threshold uint32
	// hdr are the other IP header matches (-i, a second -s, -d or -p), which
	// the kernel checks first too; mods the match modules in order, without
	// the no-op comment and nfacct matches and the inline --dport.
	hdr, mods []kubeproxy.Match
	tg        kubeproxy.Target
	r         *kubeproxy.Rule
}

// crule.hflags bits.
const (
	hasSrc uint8 = 1 << iota
	negSrc
	hasDst
	negDst
	hasProto
	hasDport
)

type cchain struct {
	name    string
	builtin bool
	first   int32 // the index of its first rule in the table's rules
	rules   []crule
	idx     *chainIndex
}

type ctable struct {
	table  kubeproxy.Table
	chains []cchain
	byName map[string]int32
	// hookChain is the built-in chain each hook starts from, or -1.
	hookChain [numHooks]int32
	nrules    int
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
	ct := ctable{table: tr.Table, chains: make([]cchain, len(order)), byName: make(map[string]int32, len(order))}
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
	rules := make([]crule, 0, nrules)
	matches := make([]kubeproxy.Match, 0, nmatches)
	for i, c := range order {
		start := len(rules)
		for j := range c.Rules {
			var cr crule
			cr, matches = compileRule(&c.Rules[j], ct.byName, matches)
			rules = append(rules, cr)
		}
		cc := cchain{name: c.Name, builtin: c.Builtin, first: int32(start), rules: rules[start:len(rules):len(rules)]}
		if index && len(cc.rules) >= indexMinRules {
			cc.idx = buildIndex(cc.rules)
		}
		ct.chains[i] = cc
	}
	return ct, ct.checkLoops()
}

// compileRule compiles one rule, appending its matches to the arena.
func compileRule(r *kubeproxy.Rule, byName map[string]int32, arena []kubeproxy.Match) (crule, []kubeproxy.Match) {
	cr := crule{r: r, tg: r.Target, kind: r.Target.Kind, ipv6: r.IPv6, jump: -1, pure: true}
	if r.Target.Kind == kubeproxy.TargetJump {
		cr.jump = byName[r.Target.Chain]
	}
	start := len(arena)
	for k := range r.Matches {
		if m := &r.Matches[k]; !cr.inlineHeader(m) {
			switch m.Kind {
			case kubeproxy.MatchSource, kubeproxy.MatchDestination, kubeproxy.MatchInInterface, kubeproxy.MatchProtocol:
				arena = append(arena, *m)
			}
		}
	}
	mid := len(arena)
	for k := range r.Matches {
		switch m := &r.Matches[k]; m.Kind {
		case kubeproxy.MatchSource, kubeproxy.MatchDestination, kubeproxy.MatchInInterface, kubeproxy.MatchProtocol,
			kubeproxy.MatchComment, kubeproxy.MatchNfacct:
		case kubeproxy.MatchStatistic:
			cr.pure = false
			cr.threshold = uint32(math.Round(m.KernelProbability() * (1 << 31)))
			arena = append(arena, *m)
		case kubeproxy.MatchRecent:
			cr.pure = false
			arena = append(arena, *m)
		case kubeproxy.MatchDestPort:
			if len(arena) == mid && cr.hflags&hasDport == 0 {
				// The first module: checked with the header, in the same order.
				cr.hflags |= hasDport
				cr.dport = m.Port
				continue
			}
			arena = append(arena, *m)
		default:
			arena = append(arena, *m)
		}
	}
	cr.hdr = arena[start:mid:mid]
	cr.mods = arena[mid:len(arena):len(arena)]
	return cr, arena
}

// inlineHeader holds the first -s, -d and -p of a rule in the rule itself.
func (cr *crule) inlineHeader(m *kubeproxy.Match) bool {
	switch {
	case m.Kind == kubeproxy.MatchSource && cr.hflags&hasSrc == 0:
		cr.hflags |= hasSrc
		if m.Negate {
			cr.hflags |= negSrc
		}
		cr.src = m.Prefix
	case m.Kind == kubeproxy.MatchDestination && cr.hflags&hasDst == 0:
		cr.hflags |= hasDst
		if m.Negate {
			cr.hflags |= negDst
		}
		cr.dst = m.Prefix
	case m.Kind == kubeproxy.MatchProtocol && cr.hflags&hasProto == 0:
		cr.hflags |= hasProto
		cr.proto = ProtocolOf(m.Protocol)
	default:
		return false
	}
	return true
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
		for _, r := range ct.chains[c].rules {
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
