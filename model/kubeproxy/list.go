package kubeproxy

import (
	"errors"
	"strconv"
)

// This file prints the tables as `iptables -L` 1.8.9 lists them
// (iptables/xshared.c print_header, print_rule_details, print_fragment,
// print_ifaces, print_ipv4_addresses; each extension's print function),
// from what the kernel holds: the same view as FormKernel.

// ListOptions are iptables -L's formatting flags.
type ListOptions struct {
	Numeric     bool // -n: addresses, ports and protocols as numbers
	Verbose     bool // -v: counters and interfaces
	LineNumbers bool // --line-numbers
	Exact       bool // -x: exact counters (no K/M/G)
}

// ErrNoChain is returned by AppendList for a chain the table does not have;
// iptables prints "iptables: No chain/target/match by that name.".
var ErrNoChain = errors.New("No chain/target/match by that name")

// AppendList appends `iptables -t TABLE -L [CHAIN]` output: every chain of
// the table (built-in chains in hook order, then user chains by name, a
// blank line between chains) or only the named one. svcsim keeps no
// counters: they print as 0.
func (rs *Ruleset) AppendList(b []byte, t Table, chain string, o ListOptions) ([]byte, error) {
	tr := rs.Table(t)
	if chain != "" {
		c := tr.Chain(chain)
		if c == nil {
			return b, ErrNoChain
		}
		return tr.appendListChain(b, c, o), nil
	}
	for i, c := range tr.Chains {
		if i > 0 {
			b = append(b, '\n')
		}
		b = tr.appendListChain(b, c, o)
	}
	return b, nil
}

func (tr *TableRules) references(name string) int {
	n := 0
	for _, c := range tr.Chains {
		for i := range c.Rules {
			if t := c.Rules[i].Target; t.Kind == TargetJump && t.Chain == name {
				n++
			}
		}
	}
	return n
}

func (tr *TableRules) appendListChain(b []byte, c *Chain, o ListOptions) []byte {
	b = append(b, "Chain "...)
	b = append(b, c.Name...)
	if c.Builtin {
		b = append(b, " (policy ACCEPT"...)
		if o.Verbose {
			b = append(b, " 0 packets, 0 bytes"...)
		}
		b = append(b, ")\n"...)
	} else {
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(tr.references(c.Name)), 10)
		b = append(b, " references)\n"...)
	}
	b = appendListHeader(b, o)
	for i := range c.Rules {
		b = c.Rules[i].appendList(b, i+1, o)
	}
	return b
}

// padRight appends s left-aligned in a field of width w (printf "%-ws").
func padRight(b []byte, s string, w int) []byte {
	b = append(b, s...)
	for i := len(s); i < w; i++ {
		b = append(b, ' ')
	}
	return b
}

// padLeft appends s right-aligned in a field of width w (printf "%ws").
func padLeft(b []byte, s string, w int) []byte {
	for i := len(s); i < w; i++ {
		b = append(b, ' ')
	}
	return append(b, s...)
}

func appendListHeader(b []byte, o ListOptions) []byte {
	if o.LineNumbers {
		b = padRight(b, "num", 4)
		b = append(b, ' ')
	}
	if o.Verbose {
		if o.Exact {
			b = append(padLeft(b, "pkts", 8), ' ')
			b = append(padLeft(b, "bytes", 10), ' ')
		} else {
			b = append(padLeft(b, "pkts", 5), ' ')
			b = append(padLeft(b, "bytes", 5), ' ')
		}
	}
	b = append(padRight(b, "target", 9), ' ')
	b = append(b, " prot opt"...)
	if o.Verbose {
		b = append(padRight(append(b, ' '), "in", 6), ' ')
		b = append(padRight(b, "out", 6), ' ')
	}
	b = append(padRight(append(b, ' '), "source", 19), ' ')
	b = append(padRight(append(b, ' '), "destination", 19), ' ')
	return append(b, '\n')
}

func (r *Rule) appendList(b []byte, num int, o ListOptions) []byte {
	if o.LineNumbers {
		b = append(padRight(b, strconv.Itoa(num), 4), ' ')
	}
	if o.Verbose {
		w := 5
		if o.Exact {
			w = 8
		}
		b = append(padLeft(b, "0", w), ' ')
		if o.Exact {
			w = 8 // xtables_print_num prints bytes with the packets' width
		}
		b = append(padLeft(b, "0", w), ' ')
	}
	b = append(padRight(b, r.Target.listName(), 9), ' ', ' ')
	var proto Protocol
	for i := range r.Matches {
		if r.Matches[i].Kind == MatchProtocol {
			proto = r.Matches[i].Protocol
		}
	}
	b = append(padRight(b, protoListName(proto, o.Numeric), 4), ' ')
	b = append(b, "-- "...) // no fragment flag
	var src, dst *Match
	var in *Match
	for i := range r.Matches {
		switch m := &r.Matches[i]; m.Kind {
		case MatchSource:
			src = m
		case MatchDestination:
			dst = m
		case MatchInInterface:
			in = m
		}
	}
	if o.Verbose {
		anyIface := "any"
		if o.Numeric {
			anyIface = "*"
		}
		name := anyIface
		if in != nil {
			name = in.Text
			if in.Negate {
				name = "!" + name
			}
		}
		b = append(padRight(append(b, ' '), name, 6), ' ')
		b = append(padRight(b, anyIface, 6), ' ')
	}
	b = appendListAddr(b, src, r.IPv6, o.Numeric)
	b = appendListAddr(b, dst, r.IPv6, o.Numeric)
	for i := range r.Matches {
		b = r.Matches[i].appendListModule(b, o.Numeric)
	}
	b = r.Target.appendList(b)
	return append(b, '\n')
}

func appendListAddr(b []byte, m *Match, v6, numeric bool) []byte {
	if m != nil && m.Negate {
		b = append(b, '!')
	} else {
		b = append(b, ' ')
	}
	var s string
	switch {
	case m == nil && !numeric:
		s = "anywhere"
	case m == nil && v6:
		s = "::/0"
	case m == nil:
		s = "0.0.0.0/0"
	case m.Prefix.Bits() == m.Prefix.Addr().BitLen():
		s = m.Prefix.Addr().String() // xtables_ipmask_to_numeric: "we don't want to see /32"
	case m.Prefix.Bits() == 0 && !numeric:
		s = "anywhere"
	default:
		s = m.Prefix.String()
	}
	return append(padRight(b, s, 19), ' ')
}

// protoListName is the prot column: the number with -n (iptables 1.8.9,
// "xshared: Print protocol numbers if --numeric was given"), else the name.
func protoListName(p Protocol, numeric bool) string {
	num := map[Protocol]int{ProtocolTCP: 6, ProtocolUDP: 17, ProtocolSCTP: 132}[p]
	if numeric {
		return strconv.Itoa(num)
	}
	if num == 0 {
		return "all"
	}
	return p.String()
}

// wellKnownPorts is the part of /etc/services a node lists kube-proxy's
// ports with (without -n).
var wellKnownPorts = map[uint16]string{22: "ssh", 53: "domain", 80: "http", 443: "https", 8080: "http-alt"}

func (m *Match) appendListModule(b []byte, numeric bool) []byte {
	switch m.Kind {
	case MatchProtocol:
		b = append(append(b, ' '), m.Protocol.String()...)
	case MatchDestPort:
		b = append(b, " dpt:"...)
		if s, ok := wellKnownPorts[m.Port]; ok && !numeric {
			return append(b, s...)
		}
		b = strconv.AppendUint(b, uint64(m.Port), 10)
	case MatchComment:
		b = append(b, " /* "...)
		b = append(b, m.Text...)
		b = append(b, " */"...)
	case MatchAddrType:
		b = append(b, " ADDRTYPE match "...)
		if m.SrcType {
			b = append(b, "src-type "...)
		} else {
			b = append(b, "dst-type "...)
		}
		if m.Negate {
			b = append(b, '!')
		}
		b = append(b, "LOCAL"...)
	case MatchMark:
		b = append(b, " mark match"...)
		if m.Negate {
			b = append(b, " !"...)
		}
		b = append(b, " 0x"...)
		b = strconv.AppendUint(b, uint64(m.Mark), 16)
		if m.Mask != ^uint32(0) {
			b = append(b, "/0x"...)
			b = strconv.AppendUint(b, uint64(m.Mask), 16)
		}
	case MatchConntrack:
		if m.Negate {
			b = append(b, " !"...)
		}
		b = append(b, " ctstate "...)
		b = appendCTStates(b, m.States)
	case MatchStatistic:
		b = append(b, " statistic mode random probability "...)
		b = appendKernelProbability(b, m.N)
	case MatchRecent:
		if m.Set {
			b = append(b, " recent: SET"...)
		} else {
			b = append(b, " recent: CHECK seconds: "...)
			b = strconv.AppendInt(b, int64(m.Seconds), 10)
			b = append(b, " reap"...)
		}
		b = append(b, " name: "...)
		b = append(b, m.Text...)
		b = append(b, " side: source mask: 255.255.255.255"...)
	case MatchNfacct:
		b = append(b, " nfacct-name  "...)
		b = append(b, m.Text...)
	}
	return b
}

// listName is the target column.
func (t Target) listName() string {
	switch t.Kind {
	case TargetJump:
		return t.Chain
	case TargetAccept:
		return "ACCEPT"
	case TargetDrop:
		return "DROP"
	case TargetReject:
		return "REJECT"
	case TargetReturn:
		return "RETURN"
	case TargetDNAT:
		return "DNAT"
	case TargetMarkOr, TargetMarkXor:
		return "MARK"
	case TargetMasquerade:
		return "MASQUERADE"
	}
	return ""
}

// appendList appends the target's own text (its extension's print).
func (t Target) appendList(b []byte) []byte {
	switch t.Kind {
	case TargetReject:
		b = append(b, " reject-with icmp-port-unreachable"...)
	case TargetDNAT:
		b = append(b, " to:"...)
		if t.To.Addr().Is6() {
			b = append(b, '[')
			b = t.To.Addr().AppendTo(b)
			b = append(b, "]:"...)
		} else {
			b = t.To.Addr().AppendTo(b)
			b = append(b, ':')
		}
		b = strconv.AppendUint(b, uint64(t.To.Port()), 10)
	case TargetMarkOr:
		// --or-mark is stored as --set-xmark m/m: "MARK or".
		b = append(b, " MARK or 0x"...)
		b = strconv.AppendUint(b, uint64(t.Mark), 16)
	case TargetMarkXor:
		// --xor-mark is stored as --set-xmark m/0: "MARK xor".
		b = append(b, " MARK xor 0x"...)
		b = strconv.AppendUint(b, uint64(t.Mark), 16)
	case TargetMasquerade:
		if t.RandomFully {
			b = append(b, " random-fully"...)
		}
	}
	return b
}
