package apiserver

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"net/netip"
)

// ipAllocator hands out Service cluster IPs from the service CIDR the
// way the API server's bitmap allocator does: a user may ask for any free
// address; dynamic allocation picks at random, preferring the upper part
// of the range so that the low band stays free for static IPs.
// (k8s docs "Service ClusterIP allocation": the low band is
// min(max(16, size/16), 256) addresses.)
type ipAllocator struct {
	cidr     netip.Prefix
	base     netip.Addr // first usable address (network address + 1)
	size     int        // usable addresses (network and broadcast excluded)
	reserved int        // size of the static low band
	used     map[netip.Addr]bool
}

func newIPAllocator(cidr netip.Prefix) *ipAllocator {
	bitsFree := cidr.Addr().BitLen() - cidr.Bits()
	size := 1<<min(bitsFree, 30) - 2
	if bitsFree > 30 {
		size = 1<<30 - 2
	}
	return &ipAllocator{
		cidr:     cidr.Masked(),
		base:     cidr.Masked().Addr().Next(),
		size:     size,
		reserved: min(max(16, size/16), 256),
		used:     map[netip.Addr]bool{},
	}
}

// offset returns the address at offset i from the first usable address.
func (a *ipAllocator) offset(i int) netip.Addr {
	n := new(big.Int).SetBytes(a.base.AsSlice())
	n.Add(n, big.NewInt(int64(i)))
	b := n.FillBytes(make([]byte, a.base.BitLen()/8))
	addr, _ := netip.AddrFromSlice(b)
	return addr
}

// allocate reserves ip. It returns the API server's detail text on
// failure.
func (a *ipAllocator) allocate(ip netip.Addr) error {
	last := a.offset(a.size - 1)
	if !a.cidr.Contains(ip) || ip.Less(a.base) || last.Less(ip) {
		return fmt.Errorf("failed to allocate IP %s: the provided IP (%s) is not in the valid range. The range of valid IPs is %s", ip, ip, a.cidr)
	}
	if a.used[ip] {
		return fmt.Errorf("failed to allocate IP %s: provided IP is already allocated", ip)
	}
	a.used[ip] = true
	return nil
}

// allocateNext picks a free address at random from the upper band, then
// from the lower one.
func (a *ipAllocator) allocateNext(r *rand.Rand) (netip.Addr, error) {
	if len(a.used) >= a.size {
		return netip.Addr{}, fmt.Errorf("failed to allocate a serviceIP: range is full")
	}
	for _, band := range [][2]int{{a.reserved, a.size}, {0, a.reserved}} {
		lo, hi := band[0], band[1]
		if hi <= lo {
			continue
		}
		start := lo + r.IntN(hi-lo)
		for i := 0; i < hi-lo; i++ {
			off := lo + (start-lo+i)%(hi-lo)
			ip := a.offset(off)
			if !a.used[ip] {
				a.used[ip] = true
				return ip, nil
			}
		}
	}
	return netip.Addr{}, fmt.Errorf("failed to allocate a serviceIP: range is full")
}

func (a *ipAllocator) release(ip netip.Addr) { delete(a.used, ip) }

// portAllocator hands out NodePorts from the node-port range, unique
// across the cluster; dynamic allocation prefers the upper part of the
// range, leaving min(max(16, size/32), 128) low ports for static use.
type portAllocator struct {
	lo, hi   int
	reserved int
	used     map[int]bool
}

func newPortAllocator(lo, hi int) *portAllocator {
	size := hi - lo + 1
	return &portAllocator{lo: lo, hi: hi, reserved: min(max(16, size/32), 128), used: map[int]bool{}}
}

func (p *portAllocator) allocate(port int) error {
	if port < p.lo || port > p.hi {
		return fmt.Errorf("provided port is not in the valid range. The range of valid ports is %d-%d", p.lo, p.hi)
	}
	if p.used[port] {
		return fmt.Errorf("provided port is already allocated")
	}
	p.used[port] = true
	return nil
}

func (p *portAllocator) allocateNext(r *rand.Rand) (int, error) {
	size := p.hi - p.lo + 1
	if len(p.used) >= size {
		return 0, fmt.Errorf("range is full")
	}
	for _, band := range [][2]int{{p.lo + p.reserved, p.hi + 1}, {p.lo, p.lo + p.reserved}} {
		lo, hi := band[0], band[1]
		if hi <= lo {
			continue
		}
		start := r.IntN(hi - lo)
		for i := 0; i < hi-lo; i++ {
			port := lo + (start+i)%(hi-lo)
			if !p.used[port] {
				p.used[port] = true
				return port, nil
			}
		}
	}
	return 0, fmt.Errorf("range is full")
}

func (p *portAllocator) release(port int) { delete(p.used, port) }
