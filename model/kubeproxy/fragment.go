package kubeproxy

// section says where a generated rule goes in the restore payload.
type section uint8

const (
	secFilter   section = iota // filter rules (steps 1–5)
	secNATFront                // nat KUBE-SERVICES / KUBE-NODEPORTS rules (steps 1–4)
	secNATChain                // nat per-service chains (steps 7–12)
)

type span struct {
	sec        section
	idx        int
	start, end int
}

// fragment holds everything one service port contributes to the rules, as
// data and as payload text. It is rebuilt only when the service port, its
// endpoints or a global setting change; its slices are reused.
type fragment struct {
	filter, natFront, natChain []Rule
	chains                     []string // nat chains declared: X, F, C, L, SEPs
	arena                      []Match
	spans                      []span

	// filterText is the filter rules' payload text, rendered once per rebuild.
	filterText []byte
	// The nat rules' text is in the proxier's current payload buffer, at
	// these offsets from the start of its body: the KUBE-SERVICES and
	// KUBE-NODEPORTS rules at [front, chain), the fragment's own chains at
	// [chain, end). end is -1 when the last payload left its chains out
	// (a partial sync): their text must be rendered again from the rules.
	front, chain, end int
}

func (f *fragment) reset() {
	f.filter, f.natFront, f.natChain = f.filter[:0], f.natFront[:0], f.natChain[:0]
	f.chains, f.arena, f.spans = f.chains[:0], f.arena[:0], f.spans[:0]
}

// ruleCount is the number of rules of the fragment.
func (f *fragment) ruleCount() int { return len(f.filter) + len(f.natFront) + len(f.natChain) }

// add appends a rule. Its matches go into the fragment's arena; Matches is
// set by finish once the arena has stopped growing.
func (f *fragment) add(sec section, chain string, t Target, ms ...Match) {
	start := len(f.arena)
	f.arena = append(f.arena, ms...)
	r := Rule{Chain: chain, Target: t}
	var idx int
	switch sec {
	case secFilter:
		r.Table = TableFilter
		idx = len(f.filter)
		f.filter = append(f.filter, r)
	case secNATFront:
		r.Table = TableNAT
		idx = len(f.natFront)
		f.natFront = append(f.natFront, r)
	default:
		r.Table = TableNAT
		idx = len(f.natChain)
		f.natChain = append(f.natChain, r)
	}
	f.spans = append(f.spans, span{sec: sec, idx: idx, start: start, end: len(f.arena)})
}

func (f *fragment) list(sec section) []Rule {
	switch sec {
	case secFilter:
		return f.filter
	case secNATFront:
		return f.natFront
	}
	return f.natChain
}

// finish points every rule at its matches and renders the filter rules' text.
func (f *fragment) finish(ipv6 bool) {
	for _, s := range f.spans {
		r := &f.list(s.sec)[s.idx]
		r.Matches = f.arena[s.start:s.end:s.end]
		r.IPv6 = ipv6
	}
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
