package kubeproxy

import (
	"net/netip"
	"strconv"
)

// Form selects how rules are printed.
type Form uint8

// Output forms.
const (
	// FormPayload is the text kube-proxy hands to iptables-restore. The mark is
	// printed "%#08x" (0x00004000).
	FormPayload Form = iota
	// FormTest is the payload text as upstream's tests write it: the test
	// harness hard-codes the mark string "0x4000".
	FormTest
	// FormKernel is what iptables-save prints once the rules are in the kernel.
	FormKernel
)

func appendMark(b []byte, v uint32, f Form) []byte {
	b = append(b, "0x"...)
	if f == FormPayload {
		var d [8]byte
		for i := len(strconv.AppendUint(d[:0], uint64(v), 16)); i < 8; i++ {
			b = append(b, '0')
		}
	}
	return strconv.AppendUint(b, uint64(v), 16)
}

func appendNeg(b []byte, neg bool) []byte {
	if neg {
		return append(b, " !"...)
	}
	return b
}

// appendPrefix prints an address match. In the kernel form every address gets
// its length; in kube-proxy's text a bare address stays bare.
func appendPrefix(b []byte, p netip.Prefix, bare bool, f Form) []byte {
	if bare && f != FormKernel {
		return appendAddr(b, p.Addr())
	}
	return p.AppendTo(b)
}

// appendComment writes a comment. kube-proxy quotes multi-word comments;
// iptables-save quotes any comment with a character outside [A-Za-z0-9_-].
func appendComment(b []byte, s string, f Form) []byte {
	quote := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if f == FormKernel {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
				quote = true
				break
			}
		} else if c == ' ' {
			quote = true
			break
		}
	}
	if !quote {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendCTStates(b []byte, s CTState) []byte {
	first := true
	for i, name := range ctStateNames {
		if s&(1<<i) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, name...)
	}
	return b
}

// AppendTo appends the rule as one line (with its "\n") in the given form.
func (r *Rule) AppendTo(b []byte, f Form) []byte {
	if f == FormKernel {
		return r.appendKernel(b)
	}
	b = append(b, "-A "...)
	b = append(b, r.Chain...)
	for i := range r.Matches {
		// The matches of most rules, without a call each.
		switch m := &r.Matches[i]; {
		case m.Kind == MatchStatistic && m.N > 0 && m.N < probCacheSize:
			b = append(b, " -m statistic --mode random --probability "...)
			b = append(b, probText[m.N][:]...)
		case m.Kind == MatchSource && m.Bare && !m.Negate:
			b = append(b, " -s "...)
			b = appendAddr(b, m.Prefix.Addr())
		default:
			b = m.appendPayload(b, f)
		}
	}
	if r.Target.Kind == TargetJump {
		b = append(b, " -j "...)
		b = append(b, r.Target.Chain...)
	} else {
		b = r.Target.appendTo(b, f, r.IPv6)
	}
	return append(b, '\n')
}

// String returns the rule in kube-proxy's payload form, without the newline.
func (r *Rule) String() string {
	b := r.AppendTo(nil, FormPayload)
	return string(b[:len(b)-1])
}

// protoText is the protocol match in kube-proxy's words.
var protoText = [...]string{ProtocolTCP: " -m tcp -p tcp", ProtocolUDP: " -m udp -p udp", ProtocolSCTP: " -m sctp -p sctp"}

func (m *Match) appendPayload(b []byte, f Form) []byte {
	switch m.Kind {
	case MatchSource:
		b = append(appendNeg(b, m.Negate), " -s "...)
		return appendPrefix(b, m.Prefix, m.Bare, f)
	case MatchDestination:
		b = append(appendNeg(b, m.Negate), " -d "...)
		return appendPrefix(b, m.Prefix, m.Bare, f)
	case MatchInInterface:
		b = append(appendNeg(b, m.Negate), " -i "...)
		return append(b, m.Text...)
	case MatchProtocol:
		if int(m.Protocol) < len(protoText) {
			return append(b, protoText[m.Protocol]...)
		}
		p := m.Protocol.String()
		b = append(b, " -m "...)
		b = append(b, p...)
		b = append(b, " -p "...)
		return append(b, p...)
	}
	return m.appendModule(b, f, false)
}

// appendModule prints the "-m" part of a match, the same in every form except
// for the options iptables-save normalises.
func (m *Match) appendModule(b []byte, f Form, v6 bool) []byte {
	switch m.Kind {
	case MatchProtocol:
		b = append(b, " -m "...)
		return append(b, m.Protocol.String()...)
	case MatchDestPort:
		b = append(b, " --dport "...)
		return strconv.AppendUint(b, uint64(m.Port), 10)
	case MatchComment:
		b = append(b, " -m comment --comment "...)
		return appendComment(b, m.Text, f)
	case MatchAddrType:
		if m.SrcType {
			return append(b, " -m addrtype --src-type LOCAL"...)
		}
		return append(b, " -m addrtype --dst-type LOCAL"...)
	case MatchMark:
		b = append(b, " -m mark"...)
		b = append(appendNeg(b, m.Negate), " --mark "...)
		b = appendMark(b, m.Mark, f)
		b = append(b, '/')
		return appendMark(b, m.Mask, f)
	case MatchConntrack:
		b = append(b, " -m conntrack"...)
		b = append(appendNeg(b, m.Negate), " --ctstate "...)
		return appendCTStates(b, m.States)
	case MatchStatistic:
		b = append(b, " -m statistic --mode random --probability "...)
		if f == FormKernel {
			return appendKernelProbability(b, m.N)
		}
		return appendProbability(b, m.N)
	case MatchRecent:
		return m.appendRecent(b, f, v6)
	case MatchNfacct:
		if f == FormKernel {
			b = append(b, " -m nfacct --nfacct-name  "...)
		} else {
			b = append(b, " -m nfacct --nfacct-name "...)
		}
		return append(b, m.Text...)
	}
	panic("kubeproxy: unknown match kind " + strconv.Itoa(int(m.Kind)))
}

func (m *Match) appendRecent(b []byte, f Form, v6 bool) []byte {
	if f != FormKernel {
		b = append(b, " -m recent --name "...)
		b = append(b, m.Text...)
		if m.Set {
			return append(b, " --set"...)
		}
		b = append(b, " --rcheck --seconds "...)
		b = strconv.AppendInt(b, int64(m.Seconds), 10)
		return append(b, " --reap"...)
	}
	if m.Set {
		b = append(b, " -m recent --set"...)
	} else {
		b = append(b, " -m recent --rcheck --seconds "...)
		b = strconv.AppendInt(b, int64(m.Seconds), 10)
		b = append(b, " --reap"...)
	}
	b = append(b, " --name "...)
	b = append(b, m.Text...)
	if v6 {
		b = append(b, " --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"...)
	} else {
		b = append(b, " --mask 255.255.255.255"...)
	}
	return append(b, " --rsource"...)
}

func (t *Target) appendTo(b []byte, f Form, v6 bool) []byte {
	switch t.Kind {
	case TargetNone:
		return b
	case TargetJump:
		b = append(b, " -j "...)
		return append(b, t.Chain...)
	case TargetAccept:
		return append(b, " -j ACCEPT"...)
	case TargetDrop:
		return append(b, " -j DROP"...)
	case TargetReturn:
		return append(b, " -j RETURN"...)
	case TargetReject:
		if f != FormKernel {
			return append(b, " -j REJECT"...)
		}
		if v6 {
			return append(b, " -j REJECT --reject-with icmp6-port-unreachable"...)
		}
		return append(b, " -j REJECT --reject-with icmp-port-unreachable"...)
	case TargetDNAT:
		b = append(b, " -j DNAT --to-destination "...)
		return appendAddrPort(b, t.To)
	case TargetMarkOr, TargetMarkXor:
		if f == FormKernel {
			b = append(b, " -j MARK --set-xmark "...)
			b = appendMark(b, t.Mark, f)
			if t.Kind == TargetMarkOr {
				b = append(b, '/')
				return appendMark(b, t.Mark, f)
			}
			return append(b, "/0x0"...)
		}
		if t.Kind == TargetMarkOr {
			b = append(b, " -j MARK --or-mark "...)
		} else {
			b = append(b, " -j MARK --xor-mark "...)
		}
		return appendMark(b, t.Mark, f)
	case TargetMasquerade:
		if t.RandomFully {
			return append(b, " -j MASQUERADE --random-fully"...)
		}
		return append(b, " -j MASQUERADE"...)
	}
	panic("kubeproxy: unknown target kind " + strconv.Itoa(int(t.Kind)))
}

// appendKernel prints the rule as iptables-save does: address, interface and
// protocol matches first ([!] -s, [!] -d, [!] -i, -p), then the modules in
// the order written, then the target.
func (r *Rule) appendKernel(b []byte) []byte {
	b = append(b, "-A "...)
	b = append(b, r.Chain...)
	for _, k := range [...]MatchKind{MatchSource, MatchDestination, MatchInInterface} {
		for i := range r.Matches {
			if r.Matches[i].Kind == k {
				b = r.Matches[i].appendPayload(b, FormKernel)
			}
		}
	}
	for i := range r.Matches {
		if m := &r.Matches[i]; m.Kind == MatchProtocol {
			b = append(b, " -p "...)
			b = append(b, m.Protocol.String()...)
		}
	}
	for i := range r.Matches {
		switch m := &r.Matches[i]; m.Kind {
		case MatchSource, MatchDestination, MatchInInterface:
		default:
			b = m.appendModule(b, FormKernel, r.IPv6)
		}
	}
	b = r.Target.appendTo(b, FormKernel, r.IPv6)
	return append(b, '\n')
}
