package kubeproxy

// Steps 1–5 of §4: the rules in the fixed chains, written on every sync.

// writeClusterIP: step 1.
func (g *genContext) writeClusterIP(f *fragment, ps *portState) {
	sp := ps.sp
	if ps.hasInternal {
		f.addShared(secNATFront, chainServices, jump(ps.internalChain), sp.clusterIP[:4])
		return
	}
	f.add(secFilter, chainServices, ps.internalFilter,
		mComment(ps.internalComment), mProto(sp.Name.Protocol), mDst(sp.ClusterIP), mDPort(sp.Port))
}

// writeExternalIPs: step 2.
func (g *genContext) writeExternalIPs(f *fragment, ps *portState) {
	sp := ps.sp
	for _, ip := range sp.ExternalIPs {
		if ps.cat.hasAny {
			f.add(secNATFront, chainServices, jump(sp.chains.EXT),
				mComment(sp.cExternalIP), mProto(sp.Name.Protocol), mDst(ip), mDPort(sp.Port))
		}
		if !ps.hasExternal {
			f.add(secFilter, chainExternalServices, ps.externalFilter,
				mComment(ps.externalComment), mProto(sp.Name.Protocol), mDst(ip), mDPort(sp.Port))
		}
	}
}

// writeLoadBalancer: step 3.
func (g *genContext) writeLoadBalancer(f *fragment, ps *portState) {
	sp := ps.sp
	for _, ip := range sp.LoadBalancerIPs {
		if ps.cat.hasAny {
			f.add(secNATFront, chainServices, jump(ps.lbTarget),
				mComment(sp.cLBIP), mProto(sp.Name.Protocol), mDst(ip), mDPort(sp.Port))
		}
		if ps.usesF {
			f.add(secFilter, chainProxyFirewall, targetDrop,
				mComment(sp.cFWDrop), mProto(sp.Name.Protocol), mDst(ip), mDPort(sp.Port))
		}
	}
	if ps.hasExternal {
		return
	}
	for _, ip := range sp.LoadBalancerIPs {
		f.add(secFilter, chainExternalServices, ps.externalFilter,
			mComment(ps.externalComment), mProto(sp.Name.Protocol), mDst(ip), mDPort(sp.Port))
	}
}

// localhostPrefix is 127.0.0.0/8, the IPv4 loopback network.
var localhostPrefix = mustPrefix("127.0.0.0/8")

// writeNodePort: step 4. NodePorts are not subject to loadBalancerSourceRanges.
func (g *genContext) writeNodePort(f *fragment, ps *portState) {
	sp := ps.sp
	if sp.NodePort == 0 {
		return
	}
	if ps.cat.hasAny {
		if g.localhostNodePortRule {
			// Only counts localhost NodePort packets; the next rule does the work.
			f.add(secNATFront, chainNodePorts, jump(sp.chains.EXT),
				mComment(sp.spn), mProto(sp.Name.Protocol), mDstPrefix(localhostPrefix, false), mDPort(sp.NodePort),
				Match{Kind: MatchNfacct, Text: nfacctLocalhostNodePorts})
		}
		f.add(secNATFront, chainNodePorts, jump(sp.chains.EXT),
			mComment(sp.spn), mProto(sp.Name.Protocol), mDPort(sp.NodePort))
	}
	if !ps.hasExternal {
		f.add(secFilter, chainExternalServices, ps.externalFilter,
			mComment(ps.externalComment), mAddrTypeLocal(false), mProto(sp.Name.Protocol), mDPort(sp.NodePort))
	}
}

// writeHealthCheck: step 5; always tcp, whatever the endpoints.
func (g *genContext) writeHealthCheck(f *fragment, ps *portState) {
	sp := ps.sp
	if sp.HealthCheckNodePort == 0 {
		return
	}
	f.add(secFilter, chainNodePorts, targetAccept,
		mComment(sp.cHealthCheck), mProto(ProtocolTCP), mDPort(sp.HealthCheckNodePort))
}
