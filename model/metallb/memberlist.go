package metallb

import (
	"math"
	"time"
)

// Memberlist is the part of hashicorp/memberlist's Config that decides how
// fast MetalLB's speakers notice a dead node (DefaultLANConfig).
type Memberlist struct {
	ProbeInterval           time.Duration // 1 s
	ProbeTimeout            time.Duration // 500 ms
	SuspicionMult           int           // 4
	SuspicionMaxTimeoutMult int           // 6
}

// DefaultMemberlist is DefaultLANConfig's failure-detection settings.
func DefaultMemberlist() Memberlist {
	return Memberlist{ProbeInterval: time.Second, ProbeTimeout: 500 * time.Millisecond, SuspicionMult: 4, SuspicionMaxTimeoutMult: 6}
}

// SuspicionMin is memberlist's suspicionTimeout: SuspicionMult ×
// max(1, log10(max(1, n))) × ProbeInterval for a cluster of n members
// (4 s up to 10 nodes).
func (m Memberlist) SuspicionMin(n int) time.Duration {
	scale := math.Max(1, math.Log10(math.Max(1, float64(n))))
	return time.Duration(m.SuspicionMult) * time.Duration(scale*1000) * m.ProbeInterval / 1000
}

// SuspicionMax is SuspicionMaxTimeoutMult × SuspicionMin.
func (m Memberlist) SuspicionMax(n int) time.Duration {
	return time.Duration(m.SuspicionMaxTimeoutMult) * m.SuspicionMin(n)
}

// Confirmations is k, the independent suspicions that bring the timeout
// down to its minimum (suspectNode: SuspicionMult-2, or 0 when fewer than
// k other members can confirm).
func (m Memberlist) Confirmations(n int) int {
	k := m.SuspicionMult - 2
	if n-2 < k {
		return 0
	}
	return k
}

// SuspicionTimeout is the total time a member stays suspect before it is
// declared dead, given c confirmations received (suspicion.go
// remainingSuspicionTime with elapsed 0): max − log(c+1)/log(k+1) ×
// (max−min), floored to the millisecond, never below min; min when k is 0.
func (m Memberlist) SuspicionTimeout(n, c int) time.Duration {
	lo, hi, k := m.SuspicionMin(n), m.SuspicionMax(n), m.Confirmations(n)
	if k < 1 {
		return lo
	}
	if c > k {
		c = k
	}
	frac := math.Log(float64(c)+1) / math.Log(float64(k)+1)
	raw := hi.Seconds() - frac*(hi.Seconds()-lo.Seconds())
	t := time.Duration(math.Floor(1000*raw)) * time.Millisecond
	return max(t, lo)
}
