package metallb

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// ErrNoAvailableIPs is returned by Allocate when no auto-assign pool has a
// free address; the text is the allocator's (internal/allocator).
var ErrNoAvailableIPs = errors.New("no available IPs")

// ipRange is one spec.addresses entry as an inclusive range.
type ipRange struct{ from, to netip.Addr }

// pool is an IPAddressPool as the allocator sees it.
type pool struct {
	name       string
	ranges     []ipRange
	autoAssign bool
	avoidBuggy bool
}

// Allocator is the controller's IP allocator: it hands each LoadBalancer
// Service the first free address of the first pool that has one.
type Allocator struct {
	pools []pool                // sorted by name (MetalLB: map order)
	inUse map[netip.Addr]string // address → service key
	bySvc map[string]netip.Addr
}

// NewAllocator parses the pools. An address entry that is neither a CIDR
// nor a range is an error naming the pool and the entry.
func NewAllocator(pools []IPAddressPool) (*Allocator, error) {
	a := &Allocator{inUse: map[netip.Addr]string{}, bySvc: map[string]netip.Addr{}}
	for _, p := range pools {
		pl := pool{name: p.Name, autoAssign: p.Spec.AutoAssign == nil || *p.Spec.AutoAssign, avoidBuggy: p.Spec.AvoidBuggyIPs}
		for _, s := range p.Spec.Addresses {
			r, err := parseRange(s)
			if err != nil {
				return nil, fmt.Errorf("ipaddresspool %s: spec.addresses: %w", p.Name, err)
			}
			pl.ranges = append(pl.ranges, r)
		}
		a.pools = append(a.pools, pl)
	}
	slices.SortFunc(a.pools, func(x, y pool) int { return strings.Compare(x.name, y.name) })
	return a, nil
}

func parseRange(s string) (ipRange, error) {
	if from, to, ok := strings.Cut(s, "-"); ok {
		f, err1 := netip.ParseAddr(strings.TrimSpace(from))
		t, err2 := netip.ParseAddr(strings.TrimSpace(to))
		if err1 != nil || err2 != nil || t.Less(f) || f.Is4() != t.Is4() {
			return ipRange{}, fmt.Errorf("invalid IP range %q", s)
		}
		return ipRange{f, t}, nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return ipRange{}, fmt.Errorf("invalid CIDR %q", s)
	}
	p = p.Masked()
	return ipRange{p.Addr(), lastAddr(p)}, nil
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// buggy is ipConfusesBuggyFirmwares: IPv4 ending in .0 or .255.
func buggy(ip netip.Addr) bool {
	if !ip.Is4() {
		return false
	}
	b := ip.As4()
	return b[3] == 0 || b[3] == 255
}

// Allocate returns svcKey's address, assigning one if it has none.
func (a *Allocator) Allocate(svcKey string) (netip.Addr, error) {
	if ip, ok := a.bySvc[svcKey]; ok {
		return ip, nil
	}
	for _, p := range a.pools {
		if !p.autoAssign {
			continue
		}
		if ip, ok := a.firstFree(p); ok {
			a.inUse[ip], a.bySvc[svcKey] = svcKey, ip
			return ip, nil
		}
	}
	return netip.Addr{}, ErrNoAvailableIPs
}

func (a *Allocator) firstFree(p pool) (netip.Addr, bool) {
	for _, r := range p.ranges {
		for ip := r.from; ip.IsValid() && !r.to.Less(ip); ip = ip.Next() {
			if p.avoidBuggy && buggy(ip) {
				continue
			}
			if _, used := a.inUse[ip]; !used {
				return ip, true
			}
		}
	}
	return netip.Addr{}, false
}

// Release frees svcKey's address (the Service was deleted or stopped
// being a LoadBalancer).
func (a *Allocator) Release(svcKey string) {
	if ip, ok := a.bySvc[svcKey]; ok {
		delete(a.inUse, ip)
		delete(a.bySvc, svcKey)
	}
}

// Event is a Kubernetes Event the controller records on the Service.
type Event struct {
	Type, Reason, Message string
}

// IPAllocatedEvent is `Normal IPAllocated Assigned IP ["192.168.1.240"]`
// (controller/service.go: Infof(svc, "IPAllocated", "Assigned IP %q", lbIPs)).
func IPAllocatedEvent(ips ...netip.Addr) Event {
	s := make([]string, len(ips))
	for i, ip := range ips {
		s[i] = ip.String()
	}
	return Event{Type: "Normal", Reason: "IPAllocated", Message: fmt.Sprintf("Assigned IP %q", s)}
}

// AllocationFailedEvent is `Warning AllocationFailed Failed to allocate IP
// for "default/web": no available IPs`.
func AllocationFailedEvent(svcKey string, err error) Event {
	return Event{Type: "Warning", Reason: "AllocationFailed", Message: fmt.Sprintf("Failed to allocate IP for %q: %s", svcKey, err)}
}

// Assign records an address svcKey already holds (its Service's
// status, when the controller starts or the pools change), if the
// address is in a pool and free; it reports whether it was kept.
func (a *Allocator) Assign(svcKey string, ip netip.Addr) bool {
	if a.PoolOf(ip) == "" {
		return false
	}
	if owner, used := a.inUse[ip]; used && owner != svcKey {
		return false
	}
	a.inUse[ip], a.bySvc[svcKey] = svcKey, ip
	return true
}

// PoolOf returns the name of the pool ip belongs to ("" for none).
func (a *Allocator) PoolOf(ip netip.Addr) string {
	for _, p := range a.pools {
		for _, r := range p.ranges {
			if !ip.Less(r.from) && !r.to.Less(ip) {
				return p.name
			}
		}
	}
	return ""
}
