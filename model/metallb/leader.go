package metallb

import (
	"bytes"
	"crypto/sha256"
	"net/netip"
	"slices"
)

// SortL2Candidates orders the nodes that may announce ip exactly as
// speaker/layer2_controller.go sortL2Candidates does: highest preference
// score first (preferredNodeSelectors; nil scores: none), then
// sha256(node + "#" + ip) ascending. Every speaker computes the same
// order, so the election needs no messages.
func SortL2Candidates(nodes []string, ip netip.Addr, scores map[string]int64) {
	s := ip.String()
	type cand struct {
		node  string
		score int64
		sum   [32]byte
	}
	cs := make([]cand, len(nodes))
	for i, n := range nodes {
		cs[i] = cand{n, scores[n], sha256.Sum256([]byte(n + "#" + s))}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return bytes.Compare(a.sum[:], b.sum[:])
	})
	for i, c := range cs {
		nodes[i] = c.node
	}
}

// L2Leader returns the node that announces ip among the candidates
// (nodes with an active speaker that the L2Advertisement selects; for
// externalTrafficPolicy Local, only nodes with a ready endpoint). ok is
// false when there is none: the IP is not announced.
func L2Leader(candidates []string, ip netip.Addr) (leader string, ok bool) {
	if len(candidates) == 0 {
		return "", false
	}
	c := slices.Clone(candidates)
	SortL2Candidates(c, ip, nil)
	return c[0], true
}
