package kubeproxy

import "net/netip"

// Fixed chain names.
const (
	chainServices         = "KUBE-SERVICES"
	chainExternalServices = "KUBE-EXTERNAL-SERVICES"
	chainForward          = "KUBE-FORWARD"
	chainNodePorts        = "KUBE-NODEPORTS"
	chainProxyFirewall    = "KUBE-PROXY-FIREWALL"
	chainFirewall         = "KUBE-FIREWALL"
	chainPostrouting      = "KUBE-POSTROUTING"
	chainMarkMasq         = "KUBE-MARK-MASQ"
)

// nfacct counter names.
const (
	nfacctLocalhostNodePorts = "localhost_nps_accepted_pkts"
	nfacctInvalidDropped     = "ct_state_invalid_dropped_pkts"
)

// largeClusterEndpointsThreshold: above this many endpoints in total,
// kube-proxy drops the per-endpoint comments.
const largeClusterEndpointsThreshold = 1000

// genContext holds the settings every service port's rules depend on.
// A change in it invalidates every fragment.
type genContext struct {
	ipv6          bool
	masqueradeAll bool
	hasDetector   bool
	ifLocal       Match // e.g. -s 10.0.0.0/8
	ifNotLocal    Match // e.g. ! -s 10.0.0.0/8
	nodeIP        netip.Addr
	// localhostNodePortRule: IPv4, localhostNodePorts on and the nfacct counter exists.
	localhostNodePortRule bool
	largeCluster          bool
}

// Match constructors.
func mComment(s string) Match  { return Match{Kind: MatchComment, Text: s} }
func mProto(p Protocol) Match  { return Match{Kind: MatchProtocol, Protocol: p} }
func mDPort(port uint16) Match { return Match{Kind: MatchDestPort, Port: port} }
func mDst(a netip.Addr) Match {
	return Match{Kind: MatchDestination, Prefix: netip.PrefixFrom(a, a.BitLen()), Bare: true}
}
func mSrc(a netip.Addr) Match {
	return Match{Kind: MatchSource, Prefix: netip.PrefixFrom(a, a.BitLen()), Bare: true}
}
func mSrcPrefix(p netip.Prefix) Match { return Match{Kind: MatchSource, Prefix: p} }
func mDstPrefix(p netip.Prefix, neg bool) Match {
	return Match{Kind: MatchDestination, Prefix: p, Negate: neg}
}
func mAddrTypeLocal(src bool) Match { return Match{Kind: MatchAddrType, SrcType: src} }
func mCT(states CTState, neg bool) Match {
	return Match{Kind: MatchConntrack, States: states, Negate: neg}
}

// statMatches[N] is the statistic match of 1/N, shared by the rules that
// have it.
var statMatches = func() (ms [probCacheSize]Match) {
	for n := range ms {
		ms[n] = Match{Kind: MatchStatistic, N: int32(n)}
	}
	return ms
}()

func jump(chain string) Target { return Target{Kind: TargetJump, Chain: chain} }

var (
	targetReject = Target{Kind: TargetReject}
	targetDrop   = Target{Kind: TargetDrop}
	targetAccept = Target{Kind: TargetAccept}
	targetMasq   = Target{Kind: TargetJump, Chain: chainMarkMasq}
)

// portState is the per-sync decision state of one service port (§4 "derived flags").
type portState struct {
	sp  *servicePort
	cat *categorized

	internalChain, externalPolicyChain, lbTarget string
	hasInternal, hasExternal, usesX, usesF       bool
	usesC, usesL                                 bool
	// filterTarget / filterComment: REJECT "has no endpoints" or DROP "has no local endpoints".
	internalFilter, externalFilter   Target
	internalComment, externalComment string
}

func (g *genContext) decide(ps *portState) {
	sp, c := ps.sp, ps.cat
	ps.usesC = sp.usesClusterEndpoints() && len(c.cluster) > 0
	ps.usesL = sp.usesLocalEndpoints() && len(c.local) > 0
	ps.internalChain, ps.hasInternal = sp.chains.SVC, c.hasAny
	if sp.internalPolicyLocal {
		ps.internalChain, ps.hasInternal = sp.chains.SVL, c.hasAny && len(c.local) > 0
	}
	ps.externalPolicyChain, ps.hasExternal = sp.chains.SVC, c.hasAny
	if sp.externalPolicyLocal {
		ps.externalPolicyChain, ps.hasExternal = sp.chains.SVL, c.hasAny && len(c.local) > 0
	}
	ps.usesX = c.hasAny && sp.externallyAccessible()
	ps.usesF = c.hasAny && len(sp.LoadBalancerIPs) > 0 && len(sp.LoadBalancerSourceRanges) > 0
	ps.lbTarget = sp.chains.EXT
	if ps.usesF {
		ps.lbTarget = sp.chains.FW
	}
	ps.internalFilter, ps.internalComment = targetReject, sp.cNoEndpoints
	ps.externalFilter, ps.externalComment = targetReject, sp.cNoEndpoints
	if c.hasAny {
		ps.internalFilter, ps.internalComment = targetDrop, sp.cNoLocal
		ps.externalFilter, ps.externalComment = targetDrop, sp.cNoLocal
	}
}

// buildFragment generates all rules of one service port (§4) into f.
func (g *genContext) buildFragment(f *fragment, sp *servicePort, eps []epInfo, cat *categorized) {
	categorize(cat, sp, eps)
	ps := portState{sp: sp, cat: cat}
	g.decide(&ps)
	g.writeFragment(f, &ps)
	if f.regrown {
		// The arena has room now: build again so every rule points into it.
		g.writeFragment(f, &ps)
	}
	f.finish()
}

func (g *genContext) writeFragment(f *fragment, ps *portState) {
	sp, cat := ps.sp, ps.cat
	f.reset(g.ipv6)

	g.writeClusterIP(f, ps)
	g.writeExternalIPs(f, ps)
	g.writeLoadBalancer(f, ps)
	g.writeNodePort(f, ps)
	g.writeHealthCheck(f, ps)
	// Everything below lives in the per-service chains (a partial sync leaves
	// them out for unchanged services).
	g.writeInternalMasquerade(f, ps)
	g.writeExternalChain(f, ps)
	g.writeFirewallChain(f, ps)
	if ps.usesC {
		f.chains = append(f.chains, sp.chains.SVC)
	}
	if ps.usesL {
		f.chains = append(f.chains, sp.chains.SVL)
	}
	if ps.usesC {
		g.writeServiceToEndpoints(f, sp, sp.chains.SVC, cat.cluster)
	}
	if ps.usesL {
		g.writeServiceToEndpoints(f, sp, sp.chains.SVL, cat.local)
	}
	g.writeEndpointChains(f, sp, cat.reachable)
}
