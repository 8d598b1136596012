package network

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestTTLRunsOut: a packet whose TTL runs out while being forwarded is
// dropped with a record that says it looped, instead of going on.
func TestTTLRunsOut(t *testing.T) {
	e := sim.New(1)
	n := New(e, DefaultParams())
	n.SetID(e.Register(n))
	a := n.AddHost("node-1", netip.MustParseAddr("192.168.49.3"), netip.MustParsePrefix("10.244.1.0/24"))
	b := n.AddHost("node-2", netip.MustParseAddr("192.168.49.4"), netip.MustParsePrefix("10.244.2.0/24"))
	src := n.AddPod(a, netip.MustParseAddr("10.244.1.2"), "default/a")
	n.AddPod(b, netip.MustParseAddr("10.244.2.2"), "default/b")
	n.send(src, Packet{Src: netip.MustParseAddrPort("10.244.1.2:40000"), Dst: netip.MustParseAddrPort("10.244.2.2:80"), Proto: TCP, Flags: SYN, TTL: 1})
	if err := e.Run(); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, r := range e.Trace().Records() {
		kinds = append(kinds, r.Kind)
		if r.Kind == "packet.loop" && !strings.Contains(r.Summary, "going round in a loop") {
			t.Errorf("loop record = %q", r.Summary)
		}
	}
	got := strings.Join(kinds, " ")
	if !strings.Contains(got, "packet.loop") || strings.Contains(got, "packet.routed") {
		t.Errorf("records = %s; want the packet dropped at node-1 with packet.loop and not routed on", got)
	}
}
