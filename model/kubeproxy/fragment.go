package kubeproxy

// section says where a generated rule goes in the restore payload.
type section uint8

const (
	secFilter   section = iota // filter rules (steps 1–5)
	secNATFront                // nat KUBE-SERVICES / KUBE-NODEPORTS rules (steps 1–4)
	secNATChain                // nat per-service chains (steps 7–12)
)

// fragment holds everything one service port contributes to the rules, as
// data, and where its text is in the last payload. It is rebuilt only when
// the service port, its endpoints or a global setting change; its slices
// are reused.
type fragment struct {
	filter, natFront, natChain []Rule
	chains                     []string // nat chains declared: X, F, C, L, SEPs
	// arena holds the rules' matches. A build that outgrows it sets regrown
	// (the earlier rules point into the old array) and is done again.
	arena   []Match
	regrown bool
	ipv6    bool

	// filterText is the filter rules' payload text, rendered once per rebuild.
	filterText []byte
	// The nat rules' text is in the proxier's current payload buffer, at
	// these offsets from the start of its body: the KUBE-SERVICES and
	// KUBE-NODEPORTS rules at [front, chain), the fragment's own chains at
	// [chain, end). end is -1 when the last payload left its chains out
	// (a partial sync): their text must be rendered again from the rules.
	front, chain, end int
}

func (f *fragment) reset(ipv6 bool) {
	f.filter, f.natFront, f.natChain = f.filter[:0], f.natFront[:0], f.natChain[:0]
	f.chains, f.arena, f.regrown, f.ipv6 = f.chains[:0], f.arena[:0], false, ipv6
}

// ruleCount is the number of rules of the fragment.
func (f *fragment) ruleCount() int { return len(f.filter) + len(f.natFront) + len(f.natChain) }

// add appends a rule, its matches copied into the fragment's arena.
func (f *fragment) add(sec section, chain string, t Target, ms ...Match) {
	start := len(f.arena)
	if start+len(ms) > cap(f.arena) && start > 0 {
		f.regrown = true
	}
	f.arena = append(f.arena, ms...)
	end := len(f.arena)
	switch sec {
	case secFilter:
		f.filter = append(f.filter, Rule{Table: TableFilter, IPv6: f.ipv6, Chain: chain, Matches: f.arena[start:end:end], Target: t})
	case secNATFront:
		f.natFront = append(f.natFront, Rule{Table: TableNAT, IPv6: f.ipv6, Chain: chain, Matches: f.arena[start:end:end], Target: t})
	default:
		f.natChain = append(f.natChain, Rule{Table: TableNAT, IPv6: f.ipv6, Chain: chain, Matches: f.arena[start:end:end], Target: t})
	}
}

// addShared appends a rule whose matches are ms itself: a read-only slice
// that outlives the fragment (a constant, or kept by an endpoint), capped so
// that no append can write into it.
func (f *fragment) addShared(sec section, chain string, t Target, ms []Match) {
	r := Rule{Table: TableNAT, IPv6: f.ipv6, Chain: chain, Matches: ms[:len(ms):len(ms)], Target: t}
	switch sec {
	case secFilter:
		r.Table = TableFilter
		f.filter = append(f.filter, r)
	case secNATFront:
		f.natFront = append(f.natFront, r)
	default:
		f.natChain = append(f.natChain, r)
	}
}

// finish renders the filter rules' text.
func (f *fragment) finish() {
	f.filterText = appendRules(f.filterText[:0], f.filter)
}

func appendRules(b []byte, rules []Rule) []byte {
	for i := range rules {
		b = rules[i].AppendTo(b, FormPayload)
	}
	return b
}

// appendChainLine appends ":NAME - [0:0]".
func appendChainLine(b []byte, name string) []byte {
	b = append(b, ':')
	b = append(b, name...)
	return append(b, " - [0:0]\n"...)
}
