package netfilter

import (
	"math/rand/v2"
	"net/netip"
	"strconv"
	"time"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// Env is what one walk needs from its caller.
type Env struct {
	// Now is the virtual time, for xt_recent.
	Now time.Duration
	// Rand draws the statistic match's random numbers. It may be nil if no
	// rule with a statistic match is reached (a nil Rand then panics).
	Rand *rand.Rand
	// Trace records a Step for every rule that matched.
	Trace bool
	// MasqueradeAddr is the address MASQUERADE gives the packet: the primary
	// address of its output interface. If invalid the source is left as is.
	MasqueradeAddr netip.Addr
	// Binding, when non-nil, is the NAT binding of the packet's connection,
	// set up by its first packet: the nat table is not walked and the
	// binding is applied where nat would run (conntrack's nf_nat_packet).
	Binding *Binding
}

// Binding is a connection's NAT binding for one direction of traffic:
// the destination to set at the DNAT hooks (PREROUTING, OUTPUT) and the
// source to set at the SNAT hooks (INPUT, POSTROUTING). Zero means unchanged.
type Binding struct {
	Dst, Src netip.AddrPort
}

// VerdictKind is what netfilter decided for a packet.
type VerdictKind uint8

// Verdict kinds. DNAT and MASQUERADE accept the packet after rewriting it.
const (
	VerdictAccept VerdictKind = iota
	VerdictDrop
	VerdictReject
	VerdictDNAT
	VerdictMasquerade
)

var verdictNames = [...]string{"ACCEPT", "DROP", "REJECT", "DNAT", "MASQUERADE"}

// String returns the target name ("ACCEPT", "DROP", ...).
func (k VerdictKind) String() string { return verdictNames[k] }

// Verdict is the outcome of a table or a hook.
type Verdict struct {
	Kind VerdictKind
	// RejectWith is the ICMP error REJECT sends ("icmp-port-unreachable").
	RejectWith string
	// To is the DNAT destination or the MASQUERADE source address.
	To          netip.AddrPort
	RandomFully bool // MASQUERADE --random-fully
}

// Dropped reports whether the packet went no further (DROP or REJECT).
func (v Verdict) Dropped() bool { return v.Kind == VerdictDrop || v.Kind == VerdictReject }

// String returns e.g. "ACCEPT", "REJECT icmp-port-unreachable", "DNAT 10.180.0.1:80".
func (v Verdict) String() string {
	switch v.Kind {
	case VerdictReject:
		return "REJECT " + v.RejectWith
	case VerdictDNAT:
		var buf [64]byte
		return string(v.To.AppendTo(append(buf[:0], "DNAT "...)))
	case VerdictMasquerade:
		if v.RandomFully {
			return "MASQUERADE " + v.To.Addr().String() + " random-fully"
		}
		return "MASQUERADE " + v.To.Addr().String()
	}
	return v.Kind.String()
}

// Step is one rule that matched, or the end of a chain.
type Step struct {
	Table kubeproxy.Table
	Chain string
	// Rule is the rule's 1-based number in its chain (as iptables -L
	// --line-numbers shows it); 0 marks the end of the chain.
	Rule int
	// Text is the rule as iptables-save prints it, without the newline.
	Text string
	// Verdict says what followed: "jump KUBE-SVC-…", "continue", "RETURN",
	// "ACCEPT", "DROP", "REJECT icmp-port-unreachable", "DNAT 10.180.0.1:80",
	// "MASQUERADE …", "return (end of chain)" or "policy ACCEPT".
	Verdict string
}

// Rewrite is one change to the packet by a target or a NAT binding.
type Rewrite struct {
	Table         kubeproxy.Table
	Chain         string // "" when applied from the connection's binding
	Rule          int
	Before, After Packet
}

// Draw is one random number drawn by -m statistic --mode random.
type Draw struct {
	Chain string
	Rule  int
	// Value is get_random_u32() & 0x7fffffff; the rule matches when it is
	// below Threshold = round(p·2³¹).
	Value, Threshold uint32
	// N is kube-proxy's denominator: the rule was written with probability 1/N.
	N       int32
	Matched bool
}

// Odds returns the rule's chance as written and as the kernel applies it,
// e.g. "1/3 (p=0.33333333349)".
func (d Draw) Odds() string {
	var buf [48]byte
	b := strconv.AppendInt(append(buf[:0], "1/"...), int64(d.N), 10)
	b = append(b, " (p="...)
	b = strconv.AppendFloat(b, float64(d.Threshold)/(1<<31), 'f', 11, 64)
	return string(append(b, ')'))
}

// RecentOp is one xt_recent operation.
type RecentOp struct {
	Chain string
	Rule  int
	List  string
	Addr  netip.Addr
	// Op is "--set" or "--rcheck".
	Op      string
	Seconds int32
	Matched bool
	// Reaped is the entry --reap removed, if any; Evicted the entry a full
	// list dropped to make room for Addr.
	Reaped, Evicted netip.Addr
}

// Result is what one hook did to one packet.
type Result struct {
	Hook    Hook
	Verdict Verdict
	// Before and After are the packet entering and leaving the hook.
	Before, After Packet
	Steps         []Step // only with Env.Trace
	Rewrites      []Rewrite
	Draws         []Draw
	Recent        []RecentOp
	// Rules counts the rules the kernel examined, in every table of the hook.
	Rules int
}
