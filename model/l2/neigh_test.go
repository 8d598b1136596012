package l2

import (
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNeighTransitions(t *testing.T) {
	ip := netip.MustParseAddr("192.168.1.240")
	macA, macB := MustParseMAC("02:00:00:00:00:0a"), MustParseMAC("02:00:00:00:00:0b")
	reply := func(m MAC) ARP {
		return ARP{Op: ARPReply, SenderMAC: m, SenderIP: ip, TargetIP: netip.MustParseAddr("192.168.1.10")}
	}
	garp := func(m MAC) ARP {
		return ARP{Op: ARPRequest, SenderMAC: m, SenderIP: ip, TargetMAC: Broadcast, TargetIP: ip}
	}
	reach := 30 * time.Second

	type step struct {
		at      time.Duration
		do      func(n *Neigh) any
		want    any
		state   NUD
		wantMAC MAC
	}
	steps := []struct {
		name string
		step
	}{
		{"gratuitous ARP creates nothing (arp_accept=0)", step{0, func(n *Neigh) any { o, _ := n.Receive(0, garp(macA), false, false); return o }, ARPNotCreated, NUDNone, MAC{}}},
		{"resolve: INCOMPLETE + broadcast solicit", step{time.Second, func(n *Neigh) any { _, _, s := n.Resolve(time.Second, ip); return *s }, Solicit{IP: ip}, NUDIncomplete, MAC{}}},
		{"unicast reply: REACHABLE", step{time.Second + time.Millisecond, func(n *Neigh) any {
			o, _ := n.Receive(time.Second+time.Millisecond, reply(macA), false, true)
			return o
		}, ARPUpdated, NUDReachable, macA}},
		{"reply from another MAC within locktime: ignored", step{time.Second + 2*time.Millisecond, func(n *Neigh) any {
			o, _ := n.Receive(time.Second+2*time.Millisecond, reply(macB), false, true)
			return o
		}, ARPLocked, NUDReachable, macA}},
		{"gratuitous ARP overrides despite locktime: STALE", step{time.Second + 3*time.Millisecond, func(n *Neigh) any {
			o, _ := n.Receive(time.Second+3*time.Millisecond, garp(macB), false, false)
			return o
		}, ARPUpdated, NUDStale, macB}},
		{"use of STALE: DELAY", step{2 * time.Second, func(n *Neigh) any { m, ok, _ := n.Resolve(2*time.Second, ip); return []any{m, ok} }, []any{macB, true}, NUDDelay, macB}},
		{"delay_first_probe later: PROBE + unicast solicit", step{7 * time.Second, func(n *Neigh) any { return n.Advance(7 * time.Second) }, []Solicit{{IP: ip, Unicast: true, To: macB}}, NUDProbe, macB}},
		{"ucast_solicit unanswered: FAILED", step{10 * time.Second, func(n *Neigh) any {
			n.Advance(8 * time.Second)
			n.Advance(9 * time.Second)
			return n.Advance(10 * time.Second)
		}, []Solicit(nil), NUDFailed, macB}},
	}
	n := NewNeigh(LinuxNeighParams(), reach)
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if diff := cmp.Diff(s.want, s.do(n), cmp.Comparer(func(a, b netip.Addr) bool { return a == b })); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			en, _ := n.Entry(s.at, ip)
			if en.State != s.state || en.MAC != s.wantMAC {
				t.Errorf("entry = %v %v, want %v %v", en.State, en.MAC, s.state, s.wantMAC)
			}
		})
	}
}

func TestNeighReachableAging(t *testing.T) {
	ip := netip.MustParseAddr("10.0.0.2")
	n := NewNeigh(LinuxNeighParams(), 30*time.Second)
	n.Resolve(0, ip)
	n.Receive(0, ARP{Op: ARPReply, SenderMAC: hostMAC(2), SenderIP: ip, TargetIP: netip.MustParseAddr("10.0.0.1")}, false, true)
	for _, tc := range []struct {
		at   time.Duration
		want NUD
	}{{30 * time.Second, NUDReachable}, {30*time.Second + 1, NUDStale}} {
		if en, _ := n.Entry(tc.at, ip); en.State != tc.want {
			t.Errorf("Entry(%v).State = %v, want %v", tc.at, en.State, tc.want)
		}
	}
}

func TestNeighArpAccept(t *testing.T) {
	ip := netip.MustParseAddr("192.168.1.240")
	p := LinuxNeighParams()
	p.ArpAccept = 1
	n := NewNeigh(p, 30*time.Second)
	if got, _ := n.Receive(0, ARP{Op: ARPRequest, SenderMAC: hostMAC(1), SenderIP: ip, TargetMAC: Broadcast, TargetIP: ip}, false, false); got != ARPCreated {
		t.Errorf("Receive(garp) with arp_accept=1 = %q, want %q", got, ARPCreated)
	}
}
