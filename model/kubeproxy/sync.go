package kubeproxy

import "slices"

// SyncResult describes one sync.
type SyncResult struct {
	// Full: every chain was written (first sync, forced, or a global change).
	Full bool
	// Payload is the iptables-restore input (FormPayload). It is owned by the
	// proxier and valid until the next Sync.
	Payload []byte
	// RulesGenerated counts the rules built in this sync: the rebuilt service
	// fragments plus the fixed rules.
	RulesGenerated int
	// ServicesRegenerated counts the service ports whose rules were rebuilt.
	ServicesRegenerated int
	// NATRules and FilterRules count the rules kube-proxy owns after the sync
	// (its metrics sync_proxy_rules_iptables_total{table=...}).
	NATRules, FilterRules int
	// Changed lists the service ports whose chains this sync wrote because
	// they changed (a full sync writes every chain but lists only these),
	// in svcsim's service order. It is owned by the proxier and valid until
	// the next Sync.
	Changed []ServicePortName
	// Deleted lists the chains this sync flushed and deleted, sorted. It is
	// owned by the proxier and valid until the next Sync.
	Deleted []string
	// ConntrackCleanup: the endpoints of a UDP service port changed since
	// the last sync (an EndpointSlice change; a Service change alone does
	// not count), so kube-proxy runs its UDP conntrack cleanup once the
	// restore succeeded.
	ConntrackCleanup bool
}

// Sync generates the rules for the current state, as syncProxyRules does,
// rebuilding only the fragments of changed service ports.
func (p *Proxier) Sync() SyncResult {
	var res SyncResult
	large := p.totalEps > largeClusterEndpointsThreshold
	if large != p.gen.largeCluster {
		// Comments of every endpoint rule change: rebuild and rewrite everything.
		p.gen.largeCluster = large
		p.needFullSync = true
		for _, e := range p.ports {
			e.dirty = e.sp != nil
		}
	}
	if p.orderDirty {
		p.order = p.order[:0]
		for _, e := range p.ports {
			if e.sp != nil {
				p.order = append(p.order, e)
			}
		}
		slices.SortFunc(p.order, func(a, b *portEntry) int {
			if a.name.less(b.name) {
				return -1
			}
			return 1
		})
		p.orderDirty = false
	}
	res.Full = p.needFullSync
	p.changedScratch = p.changedScratch[:0]
	p.beginPayload()
	for _, e := range p.order {
		built := e.dirty
		if built {
			p.rebuild(e)
			res.RulesGenerated += e.frag.ruleCount()
			res.ServicesRegenerated++
		}
		e.written = res.Full || e.changed
		p.writeService(e, built)
		if e.changed {
			p.changedScratch = append(p.changedScratch, e.name)
		}
		e.changed = false
		res.FilterRules += len(e.frag.filter)
		res.NATRules += len(e.frag.natFront) + len(e.frag.natChain)
	}
	fixedFilter := len(p.fixed.filterFirewall) + len(p.fixed.filterForward)
	fixedNAT := len(p.fixed.natHead) + len(p.fixed.natTail)
	res.RulesGenerated += fixedFilter + fixedNAT
	res.FilterRules += fixedFilter
	res.NATRules += fixedNAT

	p.lastStale = p.lastStale[:0]
	for c := range p.pendingStale {
		p.lastStale = append(p.lastStale, c)
	}
	clear(p.pendingStale)
	slices.Sort(p.lastStale)

	p.lastFull = res.Full
	p.needFullSync = false
	p.changes = 0
	res.ConntrackCleanup, p.conntrackCleanup = p.conntrackCleanup, false
	res.Changed, res.Deleted = p.changedScratch, p.lastStale
	p.synced = true
	res.Payload = p.finishPayload()
	return res
}

// rebuild regenerates one fragment and records the chains it no longer has.
func (p *Proxier) rebuild(e *portEntry) {
	p.oldChains = append(p.oldChains[:0], e.frag.chains...)
	p.gen.buildFragment(&e.frag, e.sp, e.eps, &p.cat)
	e.dirty = false
	if len(p.pendingStale) > 0 {
		for _, c := range e.frag.chains {
			delete(p.pendingStale, c)
		}
	}
	if slices.Equal(p.oldChains, e.frag.chains) {
		return
	}
	for _, c := range p.oldChains {
		if !slices.Contains(e.frag.chains, c) {
			p.pendingStale[c] = struct{}{}
		}
	}
}
