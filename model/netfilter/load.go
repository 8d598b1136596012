package netfilter

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// indexMinRules is the chain length from which a chain gets a lookup index.
const indexMinRules = 8

// maxDepth bounds nested jumps; the kernel's own stack is as deep as the
// chain graph, which Load proves is acyclic.
const maxDepth = 64

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

// crule is a rule with its jump resolved and its statistic threshold computed.
type crule struct {
	r         *kubeproxy.Rule
	jump      int32 // chain index of a jump target, -1 otherwise
	threshold uint32
	pure      bool // no match has a side effect (statistic, recent)
}

type cchain struct {
	name    string
	builtin bool
	rules   []crule
	idx     *chainIndex
}

type ctable struct {
	table  kubeproxy.Table
	chains []cchain
	byName map[string]int32
}

// compile resolves a table's jumps and checks that they form no loop.
func compile(tr *kubeproxy.TableRules, index bool) (ctable, error) {
	ct := ctable{table: tr.Table, chains: make([]cchain, len(tr.Chains)), byName: make(map[string]int32, len(tr.Chains))}
	for i, c := range tr.Chains {
		ct.byName[c.Name] = int32(i)
	}
	for i, c := range tr.Chains {
		cc := cchain{name: c.Name, builtin: c.Builtin, rules: make([]crule, len(c.Rules))}
		for j := range c.Rules {
			r := &c.Rules[j]
			cr := crule{r: r, jump: -1, pure: true}
			if r.Target.Kind == kubeproxy.TargetJump {
				t, ok := ct.byName[r.Target.Chain]
				if !ok {
					return ct, fmt.Errorf("netfilter: %s: chain %s rule %d: jump to %s: %w", tr.Table, c.Name, j+1, r.Target.Chain, ErrNoChain)
				}
				cr.jump = t
			}
			for k := range r.Matches {
				switch m := &r.Matches[k]; m.Kind {
				case kubeproxy.MatchStatistic:
					cr.pure = false
					cr.threshold = uint32(math.Round(m.KernelProbability() * (1 << 31)))
				case kubeproxy.MatchRecent:
					cr.pure = false
				}
			}
			cc.rules[j] = cr
		}
		if index && len(cc.rules) >= indexMinRules {
			cc.idx = buildIndex(cc.rules)
		}
		ct.chains[i] = cc
	}
	return ct, ct.checkLoops()
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
