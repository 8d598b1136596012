package metallb

import (
	"net/netip"
	"slices"
	"time"

	"github.com/svcsim/svcsim/model/l2"
)

// The gratuitous ARP timings of internal/layer2/announcer.go spamLoop.
const (
	// GARPInterval is the shared ticker's period: 1100 ms, so that a
	// second frame lands after Linux's 1 s locktime (metallb/metallb#172).
	GARPInterval = 1100 * time.Millisecond
	// GARPWindow is how long after its latest trigger an IP is re-sent.
	GARPWindow = 5 * time.Second
)

// Trigger is a SetBalancer call for an IP on one node: a new assignment,
// a takeover, or a re-sync of a service the node leads.
type Trigger struct {
	At time.Duration
	IP netip.Addr
}

// Round is one gratuitous() call: 2 frames (GARPFrames) on every
// announcing interface.
type Round struct {
	At time.Duration
	IP netip.Addr
}

// GARPRounds replays one speaker's spamLoop over the triggers (in time
// order) and returns its rounds in time order:
//
//   - a trigger for an IP not in the window sends at once; any trigger
//     sets the IP's window end to now+5 s;
//   - the first trigger while no IP is pending starts the ticker: ticks
//     every 1.1 s from then; on a tick an IP whose window has ended
//     (tick strictly after its end) is dropped, every other IP sent; the
//     ticker stops when none is left.
//
// One trigger from a fresh start gives rounds at 0, 1.1, 2.2, 3.3, 4.4 s.
// Where Go's select or map order would decide (a trigger and a tick at the
// same instant; IPs within a tick) the model takes triggers first and IPs
// in address order.
func GARPRounds(triggers []Trigger) []Round {
	trig := slices.Clone(triggers)
	slices.SortStableFunc(trig, func(a, b Trigger) int { return int64cmp(a.At, b.At) })
	until := map[netip.Addr]time.Duration{}
	var out []Round
	var tick time.Duration
	for i := 0; i < len(trig) || len(until) > 0; {
		if len(until) > 0 && (i == len(trig) || tick < trig[i].At) {
			out = spamTick(tick, until, out)
			tick += GARPInterval
			continue
		}
		t := trig[i]
		i++
		if len(until) == 0 {
			tick = t.At + GARPInterval
		}
		if _, ok := until[t.IP]; !ok {
			out = append(out, Round{t.At, t.IP})
		}
		until[t.IP] = t.At + GARPWindow
	}
	return out
}

func spamTick(now time.Duration, until map[netip.Addr]time.Duration, out []Round) []Round {
	ips := make([]netip.Addr, 0, len(until))
	for ip := range until {
		ips = append(ips, ip)
	}
	slices.SortFunc(ips, netip.Addr.Compare)
	for _, ip := range ips {
		if now > until[ip] {
			delete(until, ip)
			continue
		}
		out = append(out, Round{now, ip})
	}
	return out
}

func int64cmp(a, b time.Duration) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// GARPFrames are the two frames of one round on an interface with MAC
// mac (arp.go Gratuitous): an ARP request then an ARP reply, both with
// sender IP = target IP = ip, sender MAC = mac, target MAC and Ethernet
// destination ff:ff:ff:ff:ff:ff.
func GARPFrames(ip netip.Addr, mac l2.MAC) [2]l2.Frame {
	var f [2]l2.Frame
	for i, op := range []l2.ARPOp{l2.ARPRequest, l2.ARPReply} {
		f[i] = l2.NewARP(l2.ARP{Op: op, SenderMAC: mac, SenderIP: ip, TargetMAC: l2.Broadcast, TargetIP: ip})
	}
	return f
}
