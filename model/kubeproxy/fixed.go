package kubeproxy

import "net/netip"

func mustPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }

const nodePortsLastComment = "kubernetes service nodeports; NOTE: this must be the last rule in this chain"

// jumpChain is one entry of kube-proxy's iptablesJumpChains (§3.1).
type jumpChain struct {
	table         Table
	from, to      string
	ctNew         bool
	comment       string
	fromKubeletFW bool
}

// iptablesJumpChains in kube-proxy's list order. Each is prepended with
// iptables -I on a full sync, so the kernel holds them in reverse order.
var iptablesJumpChains = []jumpChain{
	{TableFilter, "INPUT", chainExternalServices, true, "kubernetes externally-visible service portals", false},
	{TableFilter, "FORWARD", chainExternalServices, true, "kubernetes externally-visible service portals", false},
	{TableFilter, "INPUT", chainNodePorts, false, "kubernetes health check service ports", false},
	{TableFilter, "FORWARD", chainServices, true, "kubernetes service portals", false},
	{TableFilter, "OUTPUT", chainServices, true, "kubernetes service portals", false},
	{TableFilter, "FORWARD", chainForward, false, "kubernetes forwarding rules", false},
	{TableFilter, "INPUT", chainProxyFirewall, true, "kubernetes load balancer firewall", false},
	{TableFilter, "OUTPUT", chainProxyFirewall, true, "kubernetes load balancer firewall", false},
	{TableFilter, "FORWARD", chainProxyFirewall, true, "kubernetes load balancer firewall", false},
	{TableNAT, "OUTPUT", chainServices, false, "kubernetes service portals", false},
	{TableNAT, "PREROUTING", chainServices, false, "kubernetes service portals", false},
	{TableNAT, "POSTROUTING", chainPostrouting, false, "kubernetes postrouting rules", false},
	{TableFilter, "INPUT", chainFirewall, false, "", true},
	{TableFilter, "OUTPUT", chainFirewall, false, "", true},
}

// builtinChains lists each table's built-in chains in kernel order.
var builtinChains = [2][]string{
	TableFilter: {"INPUT", "FORWARD", "OUTPUT"},
	TableNAT:    {"PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"},
}

// jumpRule returns the rule kube-proxy ensures for a jump chain entry.
func (j jumpChain) rule() Rule {
	var ms []Match
	if j.ctNew {
		ms = append(ms, mCT(CTNew, false))
	}
	if j.comment != "" {
		ms = append(ms, mComment(j.comment))
	}
	return Rule{Table: j.table, Chain: j.from, Matches: ms, Target: jump(j.to)}
}

// fixedRules are the rules of kube-proxy's own fixed chains (§3.3).
type fixedRules struct {
	filterFirewall []Rule // KUBE-FIREWALL (IPv4 with localhostNodePorts)
	filterForward  []Rule // KUBE-FORWARD, written after all services
	natHead        []Rule // KUBE-POSTROUTING, KUBE-MARK-MASQ
	natTail        []Rule // the "must be the last rule" KUBE-SERVICES rule(s)
}

func (p *Proxier) buildFixedRules() fixedRules {
	var fr fixedRules
	mark := p.cfg.masqueradeMark()
	v6 := p.ipv6
	if p.localhostNodePorts && !v6 {
		fr.filterFirewall = []Rule{{Table: TableFilter, Chain: chainFirewall, Target: targetDrop, Matches: []Match{
			mComment("block incoming localnet connections"),
			mDstPrefix(localhostPrefix, false),
			{Kind: MatchSource, Negate: true, Prefix: localhostPrefix},
			mCT(CTRelated|CTEstablished|CTDNAT, true),
		}}}
	}
	if !p.opts.ConntrackTCPBeLiberal {
		ms := []Match{mCT(CTInvalid, false)}
		if p.opts.NfacctCounters {
			ms = append(ms, Match{Kind: MatchNfacct, Text: nfacctInvalidDropped})
		}
		fr.filterForward = append(fr.filterForward, Rule{Table: TableFilter, Chain: chainForward, Matches: ms, Target: targetDrop})
	}
	fr.filterForward = append(fr.filterForward,
		Rule{Table: TableFilter, Chain: chainForward, Target: targetAccept, Matches: []Match{
			mComment("kubernetes forwarding rules"), {Kind: MatchMark, Mark: mark, Mask: mark}}},
		Rule{Table: TableFilter, Chain: chainForward, Target: targetAccept, Matches: []Match{
			mComment("kubernetes forwarding conntrack rule"), mCT(CTRelated|CTEstablished, false)}},
	)
	fr.natHead = []Rule{
		{Table: TableNAT, Chain: chainPostrouting, Target: Target{Kind: TargetReturn},
			Matches: []Match{{Kind: MatchMark, Negate: true, Mark: mark, Mask: mark}}},
		{Table: TableNAT, Chain: chainPostrouting, Target: Target{Kind: TargetMarkXor, Mark: mark}},
		{Table: TableNAT, Chain: chainPostrouting, Target: Target{Kind: TargetMasquerade, RandomFully: p.opts.RandomFully},
			Matches: []Match{mComment("kubernetes service traffic requiring SNAT")}},
		{Table: TableNAT, Chain: chainMarkMasq, Target: Target{Kind: TargetMarkOr, Mark: mark}},
	}
	fr.natTail = p.nodePortDispatchRules()
	for _, rs := range [][]Rule{fr.filterFirewall, fr.filterForward, fr.natHead, fr.natTail} {
		for i := range rs {
			rs[i].IPv6 = v6
		}
	}
	return fr
}

// nodePortDispatchRules is the last rule(s) of nat KUBE-SERVICES (§3.3).
func (p *Proxier) nodePortDispatchRules() []Rule {
	if len(p.cfg.NodePortAddresses) == 0 {
		ms := []Match{mComment(nodePortsLastComment), mAddrTypeLocal(false)}
		if p.ipv6 {
			ms = append(ms, mDstPrefix(mustPrefix("::1/128"), true))
		} else if !p.localhostNodePorts {
			ms = append(ms, mDstPrefix(localhostPrefix, true))
		}
		return []Rule{{Table: TableNAT, Chain: chainServices, Matches: ms, Target: jump(chainNodePorts)}}
	}
	var rules []Rule
	for _, ip := range p.nodePortIPs {
		if ip.IsLoopback() && (p.ipv6 || !p.localhostNodePorts) {
			continue
		}
		rules = append(rules, Rule{Table: TableNAT, Chain: chainServices, Target: jump(chainNodePorts),
			Matches: []Match{mComment(nodePortsLastComment), mDst(ip)}})
	}
	return rules
}
