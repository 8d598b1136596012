package netfilter

import (
	"encoding/binary"
	"math"
	"net/netip"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// crule is a rule compiled for the walk: its matches split as the kernel
// evaluates them and its jump resolved. It holds what a packet's walk reads
// in 48 bytes: the usual header matches inline (one -p, one -s and one -d,
// as address and mask when IPv4, a leading --dport), a lone statistic match,
// the target kind and jump, and an IPv4 DNAT destination. Everything else is
// in the rule's ccold, which the walk reads only for the rules that need it.
// At 10,000 Services a packet's walk touches a few rules among some 80,000:
// the smaller they are, the fewer cache lines (and pages) it misses.
type crule struct {
	hflags    uint8 // hasSrc, hasDst, ...
	cflags    uint8 // ruleV6, addr6, hasHdr, statOnly, toInline
	proto     Protocol
	kind      kubeproxy.TargetKind
	dport     uint16 // if hasDport: the first module is --dport
	nmods     uint16 // its module matches, from mods in the table's matches
	jump      int32  // chain index of a jump target, -1 otherwise
	threshold uint32 // a statistic match's
	// The inline -s and -d of an IPv4 rule, as address and mask.
	src, srcMask, dst, dstMask uint32
	mods                       int32
	statN                      int32 // statOnly: the statistic match's N
	to                         [4]byte
	toPort                     uint16
	pure                       bool // no match has a side effect (statistic, recent)
}

// ccold is the rest of a compiled rule.
type ccold struct {
	src, dst netip.Prefix // the inline -s and -d, read as such when addr6
	// hdr are the other IP header matches (-i, a second -s, -d or -p),
	// which the kernel checks first too.
	hdr []kubeproxy.Match
	tg  kubeproxy.Target
	r   *kubeproxy.Rule
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

// crule.cflags bits.
const (
	ruleV6   uint8 = 1 << iota // the rule is in ip6tables
	addr6                      // the inline -s/-d are not both IPv4: use ccold's
	hasHdr                     // ccold.hdr is not empty
	statOnly                   // the only module is a statistic match (statN)
	toInline                   // a DNAT to an IPv4 address: to, toPort
)

// compileRule compiles one rule, appending its header and module matches to
// the arena (the modules are then at mods, nmods long).
func compileRule(r *kubeproxy.Rule, byName map[string]int32, arena []kubeproxy.Match) (crule, ccold, []kubeproxy.Match) {
	cr := crule{kind: r.Target.Kind, jump: -1, pure: true}
	cc := ccold{tg: r.Target, r: r}
	if r.IPv6 {
		cr.cflags |= ruleV6
	}
	switch to := r.Target.To; {
	case r.Target.Kind == kubeproxy.TargetJump:
		cr.jump = byName[r.Target.Chain]
	case r.Target.Kind == kubeproxy.TargetDNAT && to.Addr().Is4():
		cr.cflags |= toInline
		cr.to, cr.toPort = to.Addr().As4(), to.Port()
	}
	start := len(arena)
	for k := range r.Matches {
		if m := &r.Matches[k]; !cr.inlineHeader(&cc, m) {
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
			cr.statN = m.N
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
	cc.hdr = arena[start:mid:mid]
	if mid > start {
		cr.cflags |= hasHdr
	}
	mods := arena[mid:]
	cr.mods, cr.nmods = int32(mid), uint16(len(mods))
	if len(mods) == 1 && mods[0].Kind == kubeproxy.MatchStatistic {
		cr.cflags |= statOnly
	}
	if len(mods) > math.MaxUint16 {
		panic("netfilter: a rule with more than 65535 matches")
	}
	cr.setAddrs(&cc)
	return cr, cc, arena
}

// inlineHeader holds the first -s, -d and -p of a rule in the rule itself.
func (cr *crule) inlineHeader(cc *ccold, m *kubeproxy.Match) bool {
	switch {
	case m.Kind == kubeproxy.MatchSource && cr.hflags&hasSrc == 0:
		cr.hflags |= hasSrc
		if m.Negate {
			cr.hflags |= negSrc
		}
		cc.src = m.Prefix
	case m.Kind == kubeproxy.MatchDestination && cr.hflags&hasDst == 0:
		cr.hflags |= hasDst
		if m.Negate {
			cr.hflags |= negDst
		}
		cc.dst = m.Prefix
	case m.Kind == kubeproxy.MatchProtocol && cr.hflags&hasProto == 0:
		cr.hflags |= hasProto
		cr.proto = ProtocolOf(m.Protocol)
	default:
		return false
	}
	return true
}

// setAddrs holds the inline -s and -d as address and mask if they are IPv4
// prefixes, and sets addr6 otherwise.
func (cr *crule) setAddrs(cc *ccold) {
	ok := true
	if cr.hflags&hasSrc != 0 {
		cr.src, cr.srcMask, ok = prefix4(cc.src)
	}
	if ok && cr.hflags&hasDst != 0 {
		cr.dst, cr.dstMask, ok = prefix4(cc.dst)
	}
	if !ok {
		cr.cflags |= addr6
	}
}

// prefix4 returns an IPv4 prefix as its masked address and mask.
func prefix4(p netip.Prefix) (addr, mask uint32, ok bool) {
	if !p.IsValid() || !p.Addr().Is4() {
		return 0, 0, false
	}
	a := p.Addr().As4()
	mask = ^uint32(0) << (32 - p.Bits())
	return binary.BigEndian.Uint32(a[:]) & mask, mask, true
}

// in4 is netip.Prefix.Contains for a prefix held as address and mask.
func in4(a netip.Addr, addr, mask uint32) bool {
	if !a.Is4() {
		return false
	}
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])&mask == addr
}
