package kubeproxy

import (
	"net/netip"
)

// Table is an iptables table kube-proxy writes.
type Table uint8

// Tables, in the order iptables-save and the payload print them.
const (
	TableFilter Table = iota
	TableNAT
)

// String returns "filter" or "nat".
func (t Table) String() string {
	if t == TableNAT {
		return "nat"
	}
	return "filter"
}

// MatchKind says which iptables match a Match is.
type MatchKind uint8

// Match kinds. The comment of each gives its text in kube-proxy's payload.
const (
	MatchSource      MatchKind = iota + 1 // [!] -s <addr or prefix>
	MatchDestination                      // [!] -d <addr or prefix>
	MatchInInterface                      // [!] -i <name> (a trailing "+" is a prefix match)
	MatchProtocol                         // -m <proto> -p <proto>
	MatchDestPort                         // --dport <port> (an option of the protocol match)
	MatchComment                          // -m comment --comment <text>
	MatchAddrType                         // -m addrtype --src-type|--dst-type LOCAL
	MatchMark                             // -m mark [!] --mark <value>/<mask>
	MatchConntrack                        // -m conntrack [!] --ctstate <states>
	MatchStatistic                        // -m statistic --mode random --probability 1/<N>
	MatchRecent                           // -m recent --name <name> (--set | --rcheck --seconds <s> --reap)
	MatchNfacct                           // -m nfacct --nfacct-name <name>
)

// CTState is a set of conntrack states for -m conntrack --ctstate.
type CTState uint8

// Conntrack states, in the order iptables prints them.
const (
	CTInvalid CTState = 1 << iota
	CTNew
	CTRelated
	CTEstablished
	CTUntracked
	CTSNAT
	CTDNAT
)

var ctStateNames = [...]string{"INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT"}

// Match is one match of a rule. Which fields are used depends on Kind; the
// zero value of the others is ignored. Negate applies to Source, Destination,
// InInterface, Mark and Conntrack.
type Match struct {
	Kind   MatchKind
	Negate bool
	// Bare says kube-proxy writes Prefix without "/len" (a single address);
	// the kernel view always adds it.
	Bare     bool
	Protocol Protocol // Protocol
	SrcType  bool     // AddrType: --src-type LOCAL instead of --dst-type LOCAL
	Set      bool     // Recent: --set; otherwise --rcheck --seconds Seconds --reap
	States   CTState  // Conntrack
	Port     uint16   // DestPort

	Mark, Mask uint32 // Mark
	// N is the statistic match's denominator: the probability is 1/N.
	N       int32
	Seconds int32 // Recent --seconds

	// Prefix is the address of Source and Destination.
	Prefix netip.Prefix

	// Text is the comment (Comment), interface name (InInterface),
	// list name (Recent, the KUBE-SEP chain name) or counter name (Nfacct).
	Text string
}

// Probability returns the statistic match's probability as kube-proxy writes
// it (1/N rounded to 10 decimals, parsed back).
func (m Match) Probability() float64 { return probabilityValue(m.N) }

// KernelProbability returns the probability as the kernel applies it: the
// written value quantised to a 31-bit threshold.
func (m Match) KernelProbability() float64 { return kernelProbabilityValue(m.N) }

// TargetKind says what a rule does when it matches.
type TargetKind uint8

// Target kinds.
const (
	TargetNone       TargetKind = iota // no -j: the rule only counts (KUBE-FW's last rule)
	TargetJump                         // -j <Chain>
	TargetAccept                       // -j ACCEPT
	TargetDrop                         // -j DROP
	TargetReject                       // -j REJECT (icmp-port-unreachable)
	TargetReturn                       // -j RETURN
	TargetDNAT                         // -j DNAT --to-destination <To>
	TargetMarkOr                       // -j MARK --or-mark <Mark>
	TargetMarkXor                      // -j MARK --xor-mark <Mark>
	TargetMasquerade                   // -j MASQUERADE [--random-fully]
)

// Target is a rule's target.
type Target struct {
	Kind        TargetKind
	Chain       string         // Jump
	To          netip.AddrPort // DNAT
	Mark        uint32         // MarkOr, MarkXor
	RandomFully bool           // Masquerade
}

// Rule is one "-A" line: a chain, its matches in kube-proxy's order, a target.
type Rule struct {
	Table   Table
	IPv6    bool // the rule is in the ip6tables tables
	Chain   string
	Matches []Match
	Target  Target
}

// Comment returns the rule's comment, or "" if it has none.
func (r *Rule) Comment() string {
	for i := range r.Matches {
		if r.Matches[i].Kind == MatchComment {
			return r.Matches[i].Text
		}
	}
	return ""
}

// Chain is one chain of a table with its rules in order.
type Chain struct {
	Name string
	// Builtin chains (INPUT, PREROUTING, ...) have policy ACCEPT; a user chain
	// that runs out of rules returns to its caller.
	Builtin bool
	Rules   []Rule
}

// TableRules is one table: its chains in iptables-save order (built-in chains
// in kernel order, then user chains alphabetically).
type TableRules struct {
	Table  Table
	Chains []*Chain
	index  map[string]*Chain
}

// Chain returns the named chain, or nil.
func (t *TableRules) Chain(name string) *Chain { return t.index[name] }

// Ruleset is the complete state kube-proxy has programmed: what the kernel
// holds after the restores (plus the jump rules from the built-in chains).
type Ruleset struct {
	Filter TableRules
	NAT    TableRules
}

// Table returns the rules of one table.
func (r *Ruleset) Table(t Table) *TableRules {
	if t == TableNAT {
		return &r.NAT
	}
	return &r.Filter
}
