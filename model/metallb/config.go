package metallb

import (
	"slices"

	"github.com/svcsim/svcsim/model/api"
)

// config is what the speakers read of the advertisements.
type config struct {
	l2, bgp                 bool
	l2Pools, bgpPools       []string // the pools named
	l2AllPools, bgpAllPools bool     // an advertisement names none: every pool
	l2Nodes, bgpNodes       []map[string]string
}

// config reads the L2Advertisements and BGPAdvertisements: a pool is
// announced in a mode when an advertisement of that mode selects it (no
// ipAddressPools: all pools); node selectors (matchLabels) restrict the
// nodes.
func (s *Speakers) config() config {
	var c config
	for _, o := range s.api.List("L2Advertisement", "") {
		a := o.(*api.L2Advertisement)
		c.l2 = true
		if len(a.Spec.IPAddressPools) == 0 && len(a.Spec.IPAddressPoolSelectors) == 0 {
			c.l2AllPools = true
		}
		c.l2Pools = append(c.l2Pools, a.Spec.IPAddressPools...)
		for _, sel := range a.Spec.NodeSelectors {
			c.l2Nodes = append(c.l2Nodes, sel.MatchLabels)
		}
	}
	for _, o := range s.api.List("BGPAdvertisement", "") {
		a := o.(*api.BGPAdvertisement)
		c.bgp = true
		if len(a.Spec.IPAddressPools) == 0 && len(a.Spec.IPAddressPoolSelectors) == 0 {
			c.bgpAllPools = true
		}
		c.bgpPools = append(c.bgpPools, a.Spec.IPAddressPools...)
		for _, sel := range a.Spec.NodeSelectors {
			c.bgpNodes = append(c.bgpNodes, sel.MatchLabels)
		}
	}
	return c
}

func (c config) l2Selects(pool string) bool {
	return c.l2 && pool != "" && (c.l2AllPools || slices.Contains(c.l2Pools, pool))
}

func (c config) bgpSelects(pool string) bool {
	return c.bgp && pool != "" && (c.bgpAllPools || slices.Contains(c.bgpPools, pool))
}
