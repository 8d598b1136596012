package l2

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"time"
)

// NUD is a neighbour entry's state (include/net/neighbour.h NUD_*).
type NUD int

// The states of a Linux neighbour entry, as `ip neigh` prints them.
const (
	NUDNone NUD = iota
	NUDIncomplete
	NUDReachable
	NUDStale
	NUDDelay
	NUDProbe
	NUDFailed
)

func (s NUD) String() string {
	return [...]string{"NONE", "INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED"}[s]
}

// Linux's neighbour defaults for ARP (arp(7), /proc/sys/net/ipv4/neigh/default).
const (
	LinuxBaseReachableTime = 30 * time.Second // base_reachable_time_ms; an entry is REACHABLE for a random ½..1½ of it
	LinuxGCStaleTime       = 60 * time.Second // gc_stale_time
	LinuxDelayFirstProbe   = 5 * time.Second  // delay_first_probe_time
	LinuxRetransTime       = time.Second      // retrans_time_ms
	LinuxLocktime          = time.Second      // locktime
	LinuxUcastSolicit      = 3                // ucast_solicit
	LinuxMcastSolicit      = 3                // mcast_solicit
	LinuxGCThresh1         = 128              // gc_thresh1: below it the periodic GC keeps everything
)

// NeighParams are a host's neighbour-table settings.
type NeighParams struct {
	BaseReachableTime, GCStaleTime, DelayFirstProbe, RetransTime, Locktime time.Duration
	UcastSolicit, McastSolicit, GCThresh1                                  int
	// ArpAccept is net.ipv4.conf.*.arp_accept: 0 (default) never creates
	// an entry from an unsolicited ARP; 1 creates one from a gratuitous
	// request or any reply.
	ArpAccept int
}

// LinuxNeighParams returns the kernel defaults.
func LinuxNeighParams() NeighParams {
	return NeighParams{
		BaseReachableTime: LinuxBaseReachableTime, GCStaleTime: LinuxGCStaleTime,
		DelayFirstProbe: LinuxDelayFirstProbe, RetransTime: LinuxRetransTime, Locktime: LinuxLocktime,
		UcastSolicit: LinuxUcastSolicit, McastSolicit: LinuxMcastSolicit, GCThresh1: LinuxGCThresh1,
	}
}

// ReachableTime draws the table's reachable_time as the kernel's
// neigh_rand_reach_time does: uniform in [base/2, 3·base/2).
func ReachableTime(base time.Duration, r *rand.Rand) time.Duration {
	return base/2 + time.Duration(r.Int64N(int64(base)))
}

// NeighEntry is one entry as `ip neigh show` would list it.
type NeighEntry struct {
	IP        netip.Addr
	MAC       MAC
	State     NUD
	Updated   time.Duration // last change of address or state
	Confirmed time.Duration // last proof of reachability
	Used      time.Duration // last use to send
	probes    int
	deadline  time.Duration // DELAY, PROBE, INCOMPLETE timer
}

// Solicit is an ARP request the cache wants sent: broadcast while
// resolving, unicast to the cached MAC while probing.
type Solicit struct {
	IP      netip.Addr
	Unicast bool
	To      MAC
}

// Neigh is a host's ARP cache. It is a state machine driven by the
// caller's clock: Resolve when sending, Receive for each ARP packet,
// Advance when NextDeadline comes.
type Neigh struct {
	p         NeighParams
	reachable time.Duration
	entries   map[netip.Addr]*NeighEntry
}

// NewNeigh returns an empty cache whose REACHABLE entries last reachable
// (see ReachableTime).
func NewNeigh(p NeighParams, reachable time.Duration) *Neigh {
	return &Neigh{p: p, reachable: reachable, entries: map[netip.Addr]*NeighEntry{}}
}

// Entry returns the entry for ip, with REACHABLE aged to STALE at now.
func (n *Neigh) Entry(now time.Duration, ip netip.Addr) (NeighEntry, bool) {
	en, ok := n.entries[ip]
	if !ok {
		return NeighEntry{}, false
	}
	n.ageReachable(now, en)
	return *en, true
}

// Entries returns every entry sorted by IP.
func (n *Neigh) Entries(now time.Duration) []NeighEntry {
	out := make([]NeighEntry, 0, len(n.entries))
	for _, en := range n.entries {
		n.ageReachable(now, en)
		out = append(out, *en)
	}
	slices.SortFunc(out, func(a, b NeighEntry) int { return a.IP.Compare(b.IP) })
	return out
}

// ageReachable turns a REACHABLE entry unconfirmed for longer than
// reachable_time into STALE (neigh_timer_handler).
func (n *Neigh) ageReachable(now time.Duration, en *NeighEntry) {
	if en.State == NUDReachable && now-en.Confirmed > n.reachable {
		en.State, en.Updated = NUDStale, en.Confirmed+n.reachable
	}
}

// Resolve is the host sending to ip: it returns the MAC to use (ok false
// while unresolved) and a solicitation to send, if any.
func (n *Neigh) Resolve(now time.Duration, ip netip.Addr) (MAC, bool, *Solicit) {
	en, ok := n.entries[ip]
	if !ok || en.State == NUDFailed {
		en = &NeighEntry{IP: ip, State: NUDIncomplete, Updated: now, probes: 1, deadline: now + n.p.RetransTime}
		n.entries[ip] = en
		return MAC{}, false, &Solicit{IP: ip}
	}
	en.Used = now
	n.ageReachable(now, en)
	switch en.State {
	case NUDIncomplete:
		return MAC{}, false, nil
	case NUDStale:
		en.State, en.Updated, en.deadline = NUDDelay, now, now+n.p.DelayFirstProbe
	}
	return en.MAC, true, nil
}

// Confirm is an upper layer proving ip reachable (a TCP ACK): the entry
// becomes REACHABLE.
func (n *Neigh) Confirm(now time.Duration, ip netip.Addr) {
	if en, ok := n.entries[ip]; ok && en.State != NUDIncomplete && en.State != NUDFailed {
		en.State, en.Confirmed, en.Updated = NUDReachable, now, now
	}
}

// NextDeadline returns the earliest pending timer (DELAY, PROBE,
// INCOMPLETE), if any.
func (n *Neigh) NextDeadline() (time.Duration, bool) {
	var best time.Duration
	found := false
	for _, en := range n.entries {
		switch en.State {
		case NUDDelay, NUDProbe, NUDIncomplete:
			if !found || en.deadline < best {
				best, found = en.deadline, true
			}
		}
	}
	return best, found
}

// Advance fires the timers due at or before now, in IP order, and
// returns the solicitations to send.
func (n *Neigh) Advance(now time.Duration) []Solicit {
	var out []Solicit
	for _, ip := range n.sortedIPs() {
		en := n.entries[ip]
		if (en.State == NUDDelay || en.State == NUDProbe || en.State == NUDIncomplete) && en.deadline <= now {
			out = n.fire(en, out)
		}
	}
	n.gc(now)
	return out
}

func (n *Neigh) fire(en *NeighEntry, out []Solicit) []Solicit {
	switch en.State {
	case NUDDelay: // no confirmation within delay_first_probe_time
		en.State, en.Updated, en.probes = NUDProbe, en.deadline, 1
		out = append(out, Solicit{IP: en.IP, Unicast: true, To: en.MAC})
	case NUDProbe:
		if en.probes >= n.p.UcastSolicit {
			en.State, en.Updated = NUDFailed, en.deadline
			return out
		}
		en.probes++
		out = append(out, Solicit{IP: en.IP, Unicast: true, To: en.MAC})
	case NUDIncomplete:
		if en.probes >= n.p.McastSolicit {
			en.State, en.Updated = NUDFailed, en.deadline
			return out
		}
		en.probes++
		out = append(out, Solicit{IP: en.IP})
	}
	en.deadline += n.p.RetransTime
	return out
}

// gc is neigh_periodic_work: only above gc_thresh1 entries, it removes
// FAILED entries and those unused for gc_stale_time.
func (n *Neigh) gc(now time.Duration) {
	if len(n.entries) <= n.p.GCThresh1 {
		return
	}
	for ip, en := range n.entries {
		if en.State == NUDFailed || (en.State == NUDStale && now-en.Used > n.p.GCStaleTime) {
			delete(n.entries, ip)
		}
	}
}

func (n *Neigh) sortedIPs() []netip.Addr {
	ips := make([]netip.Addr, 0, len(n.entries))
	for ip := range n.entries {
		ips = append(ips, ip)
	}
	slices.SortFunc(ips, netip.Addr.Compare)
	return ips
}
