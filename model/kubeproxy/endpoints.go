package kubeproxy

import (
	"net/netip"
	"slices"
	"strings"
)

// epInfo is an endpoint with the strings kube-proxy derives from it, computed
// once when the endpoint is set (pkg/proxy endpointInfo caches its chain name).
type epInfo struct {
	Endpoint
	addrPort netip.AddrPort
	key      string // "IP:port" ("[v6]:port"), the sort key and hash suffix
	chain    string // KUBE-SEP-…
	comment  string // "<spn> -> IP:port"
	local    bool
	// sepMasq are the matches of its KUBE-SEP chain's first rule
	// (-m comment --comment <spn> -s IP), which all its rules share.
	sepMasq [2]Match
}

// newEndpointInfos builds the sorted endpoint list of a service port, reusing
// the derived strings of endpoints that were already known.
func newEndpointInfos(spn string, proto Protocol, nodeName string, eps []Endpoint, old []epInfo) []epInfo {
	out := make([]epInfo, 0, len(eps))
	for _, ep := range eps {
		ap := netip.AddrPortFrom(ep.IP.Unmap(), ep.Port)
		e := epInfo{Endpoint: ep, addrPort: ap, local: ep.NodeName != "" && ep.NodeName == nodeName}
		e.IP = ap.Addr()
		if i := findEndpoint(old, ap); i >= 0 {
			e.key, e.chain, e.comment = old[i].key, old[i].chain, old[i].comment
		} else {
			e.key = ap.String()
			e.chain = endpointChainName(spn, proto, ap)
			e.comment = spn + " -> " + e.key
		}
		e.sepMasq = [2]Match{mComment(spn), mSrc(e.IP)}
		out = append(out, e)
	}
	// kube-proxy sorts endpoints by the string "IP:port", byte-wise.
	slices.SortStableFunc(out, func(a, b epInfo) int { return strings.Compare(a.key, b.key) })
	// A later duplicate IP:port replaces an earlier one unless it is terminating.
	return dedupEndpoints(out)
}

func findEndpoint(eps []epInfo, ap netip.AddrPort) int {
	for i := range eps {
		if eps[i].addrPort == ap {
			return i
		}
	}
	return -1
}

func dedupEndpoints(eps []epInfo) []epInfo {
	out := eps[:0]
	for i := range eps {
		if n := len(out); n > 0 && out[n-1].key == eps[i].key {
			if !eps[i].Terminating {
				out[n-1] = eps[i]
			}
			continue
		}
		out = append(out, eps[i])
	}
	return out
}

// categorized is the result of pkg/proxy/topology.go CategorizeEndpoints.
type categorized struct {
	cluster, local []*epInfo
	reachable      []*epInfo // union of cluster and local, in endpoint order
	hasAny         bool
}

// categorize picks the cluster and local endpoints of a service port.
// Topology hints are not modelled: every ready endpoint is a cluster endpoint.
func categorize(c *categorized, sp *servicePort, eps []epInfo) {
	c.cluster, c.local, c.reachable, c.hasAny = c.cluster[:0], c.local[:0], c.reachable[:0], false
	if sp.usesClusterEndpoints() {
		for i := range eps {
			if eps[i].Ready {
				c.cluster = append(c.cluster, &eps[i])
			}
		}
		if len(c.cluster) == 0 { // fall back to serving-and-terminating endpoints
			for i := range eps {
				if eps[i].Serving && eps[i].Terminating {
					c.cluster = append(c.cluster, &eps[i])
				}
			}
		}
	}
	if !sp.usesLocalEndpoints() {
		c.reachable = append(c.reachable, c.cluster...)
		c.hasAny = len(c.cluster) > 0
		return
	}
	for i := range eps {
		if eps[i].local && eps[i].Ready {
			c.local = append(c.local, &eps[i])
		}
	}
	if len(c.local) == 0 {
		for i := range eps {
			if eps[i].local && eps[i].Serving && eps[i].Terminating {
				c.local = append(c.local, &eps[i])
			}
		}
	}
	if !sp.usesClusterEndpoints() {
		c.reachable = append(c.reachable, c.local...)
	} else {
		c.reachable = mergeEndpoints(c.reachable, c.cluster, c.local)
	}
	c.hasAny = len(c.cluster) > 0
	for i := 0; i < len(eps) && !c.hasAny; i++ {
		c.hasAny = eps[i].Ready || eps[i].Serving && eps[i].Terminating
	}
}

// mergeEndpoints appends the union of two lists that are both in endpoint
// (key) order. kube-proxy builds this union through a map, so its order is
// random there; svcsim keeps endpoint order.
func mergeEndpoints(dst, a, b []*epInfo) []*epInfo {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b):
			dst = append(dst, a[i])
			i++
		case i == len(a):
			dst = append(dst, b[j])
			j++
		case a[i] == b[j]:
			dst = append(dst, a[i])
			i, j = i+1, j+1
		case a[i].key < b[j].key:
			dst = append(dst, a[i])
			i++
		default:
			dst = append(dst, b[j])
			j++
		}
	}
	return dst
}
