package l2

import (
	"net/netip"
	"time"
)

// ARPOutcome says what an incoming ARP did to the cache, for the trace.
type ARPOutcome string

// Outcomes of Receive.
const (
	ARPCreated    ARPOutcome = "created"
	ARPUpdated    ARPOutcome = "updated"
	ARPConfirmed  ARPOutcome = "confirmed"              // same address, state refreshed
	ARPLocked     ARPOutcome = "ignored (locktime)"     // a different address within locktime
	ARPNotCreated ARPOutcome = "ignored (arp_accept=0)" // unsolicited, no entry to update
)

// Receive applies one incoming ARP packet as Linux's arp_process does.
// local reports whether the target IP is one of the host's addresses;
// unicast whether the frame was addressed to the host's MAC (not
// broadcast). It returns what happened to the sender's entry and
// whether the host must reply (a request for a local address).
//
//   - A request for a local address (not gratuitous) creates or updates
//     the sender's entry as STALE (neigh_event_ns) and is answered.
//   - Otherwise only an existing entry is updated, unless arp_accept
//     allows creating one from a gratuitous ARP or a reply.
//   - An update that changes the address is ignored within locktime of
//     the last update, except for a gratuitous ARP (Linux ≥ 4.12, commit
//     7d472a59c0e5), which always overrides.
//   - A unicast reply makes the entry REACHABLE; anything else STALE; the
//     same address arriving as STALE keeps the entry's state.
func (n *Neigh) Receive(now time.Duration, a ARP, local, unicast bool) (ARPOutcome, bool) {
	garp := a.Gratuitous()
	if a.Op == ARPRequest && local && !garp {
		return n.update(now, a.SenderIP, a.SenderMAC, NUDStale), true
	}
	en, ok := n.entries[a.SenderIP]
	if !ok {
		if n.p.ArpAccept == 0 || !(garp || a.Op == ARPReply) {
			return ARPNotCreated, false
		}
		return n.update(now, a.SenderIP, a.SenderMAC, NUDStale), false
	}
	state := NUDStale
	if a.Op == ARPReply && unicast {
		state = NUDReachable
	}
	override := garp || now > en.Updated+n.p.Locktime || en.State == NUDIncomplete
	if !override && en.MAC != a.SenderMAC {
		return ARPLocked, false
	}
	return n.update(now, a.SenderIP, a.SenderMAC, state), false
}

// update is neigh_update: set the address and state of ip's entry.
func (n *Neigh) update(now time.Duration, ip netip.Addr, mac MAC, state NUD) ARPOutcome {
	en, ok := n.entries[ip]
	if !ok {
		n.entries[ip] = &NeighEntry{IP: ip, MAC: mac, State: state, Updated: now, Confirmed: now}
		return ARPCreated
	}
	n.ageReachable(now, en)
	switch {
	case en.State == NUDIncomplete || en.State == NUDFailed || en.MAC != mac:
		en.MAC, en.State, en.Updated = mac, state, now
		if state == NUDReachable {
			en.Confirmed = now
		}
		return ARPUpdated
	case state == NUDReachable:
		en.State, en.Confirmed, en.Updated = NUDReachable, now, now
	}
	return ARPConfirmed
}
