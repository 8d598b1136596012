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
	sp := NewSpammer()
	var out []Round
	var tick time.Duration
	ticking := false
	for i := 0; i < len(trig) || ticking; {
		if ticking && (i == len(trig) || tick < trig[i].At) {
			ips, more := sp.Tick(tick)
			for _, ip := range ips {
				out = append(out, Round{tick, ip})
			}
			tick, ticking = tick+GARPInterval, more
			continue
		}
		t := trig[i]
		i++
		send, start := sp.Trigger(t.At, t.IP)
		if start {
			tick, ticking = t.At+GARPInterval, true
		}
		if send {
			out = append(out, Round{t.At, t.IP})
		}
	}
	return out
}

// Spammer is one speaker's spam loop (announcer.go spamLoop): the IPs
// whose window is open, each until 5 s after its latest trigger. The
// caller runs the ticker; GARPRounds replays it offline, the Speakers
// live.
type Spammer struct {
	until map[netip.Addr]time.Duration
}

// NewSpammer returns a loop with nothing pending.
func NewSpammer() *Spammer { return &Spammer{until: map[netip.Addr]time.Duration{}} }

// Trigger is SetBalancer pushing ip at now. send: ip was not in its
// window and goes out at once; start: nothing was pending, so the ticker
// starts, its first tick GARPInterval from now.
func (s *Spammer) Trigger(now time.Duration, ip netip.Addr) (send, start bool) {
	start = len(s.until) == 0
	_, in := s.until[ip]
	s.until[ip] = now + GARPWindow
	return !in, start
}

// Tick is the ticker firing at now: it drops the IPs whose window ended
// (strictly before now) and returns the others in address order; more is
// false when none is left and the ticker stops.
func (s *Spammer) Tick(now time.Duration) (send []netip.Addr, more bool) {
	for ip := range s.until {
		if now > s.until[ip] {
			delete(s.until, ip)
			continue
		}
		send = append(send, ip)
	}
	slices.SortFunc(send, netip.Addr.Compare)
	return send, len(s.until) > 0
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
