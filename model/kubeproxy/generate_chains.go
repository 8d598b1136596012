package kubeproxy

// Steps 7–12 of §4 and §5: the per-service-port chains.

// writeInternalMasquerade: step 7, the first rule of the internal chain.
func (g *genContext) writeInternalMasquerade(f *fragment, ps *portState) {
	if !ps.hasInternal {
		return
	}
	sp := ps.sp
	switch {
	case g.masqueradeAll:
		f.addShared(secNATChain, ps.internalChain, targetMasq, sp.clusterIP[:4])
	case g.hasDetector:
		// sp.clusterIP[4] is g.ifNotLocal.
		f.addShared(secNATChain, ps.internalChain, targetMasq, sp.clusterIP[:5])
	}
	// No detector and no masqueradeAll: no masquerade rule at all.
}

// writeExternalChain: step 8, KUBE-EXT.
func (g *genContext) writeExternalChain(f *fragment, ps *portState) {
	if !ps.usesX {
		return
	}
	sp := ps.sp
	x := sp.chains.EXT
	f.chains = append(f.chains, x)
	if !sp.externalPolicyLocal {
		f.add(secNATChain, x, targetMasq, mComment(sp.cExtMasq))
	} else {
		// Pods and the node itself are short-circuited to the cluster chain.
		if g.hasDetector {
			f.add(secNATChain, x, jump(sp.chains.SVC), mComment(sp.cPodTraffic), g.ifLocal)
		}
		f.add(secNATChain, x, targetMasq, mComment(sp.cMasqLocal), mAddrTypeLocal(true))
		f.add(secNATChain, x, jump(sp.chains.SVC), mComment(sp.cRouteLocal), mAddrTypeLocal(true))
	}
	if ps.hasExternal {
		f.add(secNATChain, x, jump(ps.externalPolicyChain))
	}
}

// writeFirewallChain: step 9, KUBE-FW for loadBalancerSourceRanges.
func (g *genContext) writeFirewallChain(f *fragment, ps *portState) {
	if !ps.usesF {
		return
	}
	sp := ps.sp
	fw := sp.chains.FW
	f.chains = append(f.chains, fw)
	allowFromNode := false
	for _, cidr := range sp.LoadBalancerSourceRanges {
		f.add(secNATChain, fw, jump(sp.chains.EXT), mComment(sp.cLBIP), mSrcPrefix(cidr))
		if g.nodeIP.IsValid() && cidr.Contains(g.nodeIP) {
			allowFromNode = true
		}
	}
	if allowFromNode {
		for _, ip := range sp.LoadBalancerIPs {
			f.add(secNATChain, fw, jump(sp.chains.EXT), mComment(sp.cLBIP), mSrc(ip))
		}
	}
	// No target: what is not accepted leaves nat un-DNATed and is dropped in filter.
	f.add(secNATChain, fw, Target{}, mComment(sp.cOtherTraffic))
}

// writeServiceToEndpoints: steps 10–11 (§5), affinity then the probability ladder.
func (g *genContext) writeServiceToEndpoints(f *fragment, sp *servicePort, chain string, eps []*epInfo) {
	if sp.SessionAffinityClientIP {
		for _, ep := range eps {
			recent := Match{Kind: MatchRecent, Text: ep.chain, Seconds: int32(sp.StickyMaxAgeSeconds)}
			if g.largeCluster {
				f.add(secNATChain, chain, jump(ep.chain), recent)
			} else {
				f.add(secNATChain, chain, jump(ep.chain), mComment(ep.comment), recent)
			}
		}
	}
	n := len(eps)
	for i, ep := range eps {
		switch {
		case i < n-1 && g.largeCluster && n-i < probCacheSize:
			f.addShared(secNATChain, chain, jump(ep.chain), statMatches[n-i:n-i+1])
		case i < n-1 && g.largeCluster:
			f.add(secNATChain, chain, jump(ep.chain), Match{Kind: MatchStatistic, N: int32(n - i)})
		case i < n-1:
			f.add(secNATChain, chain, jump(ep.chain), mComment(ep.comment), Match{Kind: MatchStatistic, N: int32(n - i)})
		case g.largeCluster:
			f.add(secNATChain, chain, jump(ep.chain))
		default:
			f.add(secNATChain, chain, jump(ep.chain), mComment(ep.comment))
		}
	}
}

// writeEndpointChains: step 12, one KUBE-SEP chain per reachable endpoint.
// Large clusters leave out the comments.
func (g *genContext) writeEndpointChains(f *fragment, sp *servicePort, eps []*epInfo) {
	for _, ep := range eps {
		f.chains = append(f.chains, ep.chain)
		masq := ep.sepMasq[:] // -m comment --comment <spn> -s IP
		if g.largeCluster {
			masq = masq[1:]
		}
		f.addShared(secNATChain, ep.chain, targetMasq, masq)
		dnat := Target{Kind: TargetDNAT, To: ep.addrPort}
		switch {
		case !sp.SessionAffinityClientIP:
			ms := sp.sepDNAT[:] // -m comment --comment <spn> -m <proto> -p <proto>
			if g.largeCluster {
				ms = ms[1:]
			}
			f.addShared(secNATChain, ep.chain, dnat, ms)
		case g.largeCluster:
			f.add(secNATChain, ep.chain, dnat, Match{Kind: MatchRecent, Text: ep.chain, Set: true}, mProto(sp.Name.Protocol))
		default:
			f.add(secNATChain, ep.chain, dnat, mComment(sp.spn), Match{Kind: MatchRecent, Text: ep.chain, Set: true}, mProto(sp.Name.Protocol))
		}
	}
}
