package metallb

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/api"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var addrCmp = cmp.Comparer(func(a, b netip.Addr) bool { return a == b })

func newPool(name string, auto *bool, buggy bool, addrs ...string) IPAddressPool {
	return IPAddressPool{ObjectMeta: api.ObjectMeta{Name: name, Namespace: "metallb-system"}, Spec: IPAddressPoolSpec{Addresses: addrs, AutoAssign: auto, AvoidBuggyIPs: buggy}}
}

func TestAllocate(t *testing.T) {
	no := false
	a, err := NewAllocator([]IPAddressPool{
		newPool("b-pool", nil, true, "192.168.1.255-192.168.2.0", "192.168.2.1/32"),
		newPool("a-pool", nil, false, "192.168.1.240/31"),
		newPool("manual", &no, false, "10.0.0.0/24"),
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		svc     string
		want    string
		wantErr error
	}{
		{"default/web", "192.168.1.240", nil},
		{"default/api", "192.168.1.241", nil},
		{"default/web", "192.168.1.240", nil}, // already has one
		{"default/db", "192.168.2.1", nil},    // .255 and .0 skipped (avoidBuggyIPs)
		{"default/extra", "", ErrNoAvailableIPs},
	}
	for _, tc := range tests {
		t.Run(tc.svc, func(t *testing.T) {
			ip, err := a.Allocate(tc.svc)
			if err != tc.wantErr || (err == nil && ip.String() != tc.want) {
				t.Errorf("Allocate(%q) = %v, %v, want %s, %v", tc.svc, ip, err, tc.want, tc.wantErr)
			}
		})
	}
	a.Release("default/api")
	if ip, _ := a.Allocate("default/extra"); ip.String() != "192.168.1.241" {
		t.Errorf("Allocate after Release = %v, want 192.168.1.241", ip)
	}
}

func TestAllocatorEvents(t *testing.T) {
	got := []Event{
		IPAllocatedEvent(netip.MustParseAddr("192.168.1.240")),
		AllocationFailedEvent("default/web", ErrNoAvailableIPs),
	}
	want := []Event{
		{"Normal", "IPAllocated", `Assigned IP ["192.168.1.240"]`},
		{"Warning", "AllocationFailed", `Failed to allocate IP for "default/web": no available IPs`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestL2Leader(t *testing.T) {
	// Expected orders computed independently: sorted(sha256(node+"#"+ip)).
	nodes := []string{"worker1", "worker2", "worker3"}
	tests := []struct {
		ip    string
		nodes []string
		want  string
	}{
		{"192.168.1.240", nodes, "worker2"},
		{"192.168.1.241", nodes, "worker3"},
		{"192.168.1.242", nodes, "worker1"},
		{"192.168.1.240", []string{"worker1", "worker3"}, "worker1"}, // leader lost: next in order
		{"192.168.1.241", []string{"worker3", "worker2"}, "worker3"}, // non-leader lost: no change
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.ip, tc.nodes), func(t *testing.T) {
			if got, _ := L2Leader(tc.nodes, netip.MustParseAddr(tc.ip)); got != tc.want {
				t.Errorf("L2Leader(%v, %s) = %q, want %q", tc.nodes, tc.ip, got, tc.want)
			}
		})
	}
	if _, ok := L2Leader(nil, netip.MustParseAddr("192.168.1.240")); ok {
		t.Error("L2Leader(no candidates) ok = true, want false")
	}
}

func ms(v ...int) []time.Duration {
	out := make([]time.Duration, len(v))
	for i, x := range v {
		out[i] = time.Duration(x) * time.Millisecond
	}
	return out
}

func TestGARPRounds(t *testing.T) {
	a, b := netip.MustParseAddr("192.168.1.240"), netip.MustParseAddr("192.168.1.241")
	tests := []struct {
		name     string
		triggers []Trigger
		want     map[netip.Addr][]time.Duration
	}{
		{"one IP from a fresh start: 5 rounds", []Trigger{{0, a}},
			map[netip.Addr][]time.Duration{a: ms(0, 1100, 2200, 3300, 4400)}},
		{"a second IP joins the running ticker: at once, then 5 ticks (the last exactly at its window end)", []Trigger{{0, a}, {500 * time.Millisecond, b}},
			map[netip.Addr][]time.Duration{a: ms(0, 1100, 2200, 3300, 4400), b: ms(500, 1100, 2200, 3300, 4400, 5500)}},
		{"a re-trigger extends the window, no immediate send", []Trigger{{0, a}, {3 * time.Second, a}},
			map[netip.Addr][]time.Duration{a: ms(0, 1100, 2200, 3300, 4400, 5500, 6600, 7700)}},
		{"joining at 0.6 s: ticks until 5.5 s", []Trigger{{0, a}, {600 * time.Millisecond, b}},
			map[netip.Addr][]time.Duration{a: ms(0, 1100, 2200, 3300, 4400), b: ms(600, 1100, 2200, 3300, 4400, 5500)}},
		{"after the ticker stopped, a fresh start", []Trigger{{0, a}, {10 * time.Second, b}},
			map[netip.Addr][]time.Duration{a: ms(0, 1100, 2200, 3300, 4400), b: ms(10000, 11100, 12200, 13300, 14400)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[netip.Addr][]time.Duration{}
			for _, r := range GARPRounds(tc.triggers) {
				got[r.IP] = append(got[r.IP], r.At)
			}
			if diff := cmp.Diff(tc.want, got, addrCmp); diff != "" {
				t.Errorf("GARPRounds(%v) (-want +got):\n%s", tc.triggers, diff)
			}
		})
	}
}

func TestGARPFrames(t *testing.T) {
	ip := netip.MustParseAddr("192.168.1.240")
	f := GARPFrames(ip, [6]byte{2, 0, 0, 0, 0, 1})
	got := []string{f[0].String(), f[1].String()}
	want := []string{
		"02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ARP, Request who-has 192.168.1.240 tell 192.168.1.240 (gratuitous)",
		"02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ARP, Reply 192.168.1.240 is-at 02:00:00:00:00:01",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GARPFrames (-want +got):\n%s", diff)
	}
}

func TestMemberlistSuspicion(t *testing.T) {
	m := DefaultMemberlist()
	tests := []struct {
		n, confirmations int
		want             time.Duration
	}{
		{3, 0, 4 * time.Second},          // k = 0 with 3 members: min at once
		{5, 0, 24 * time.Second},         // k = 2: starts at max = 6 × 4 s
		{5, 1, 11381 * time.Millisecond}, // 24 − log 2/log 3 × 20 s, floored to the ms,
		{5, 2, 4 * time.Second},
		{100, 2, 8 * time.Second}, // log10(100) = 2
	}
	for _, tc := range tests {
		if got := m.SuspicionTimeout(tc.n, tc.confirmations); got != tc.want {
			t.Errorf("SuspicionTimeout(%d, %d) = %v, want %v", tc.n, tc.confirmations, got, tc.want)
		}
	}
}

func TestECMP(t *testing.T) {
	var nodes []netip.Addr
	for i := 1; i <= 5; i++ {
		nodes = append(nodes, netip.AddrFrom4([4]byte{192, 168, 1, byte(10 + i)}))
	}
	vip := netip.MustParseAddr("192.168.1.240")
	routes := Routes(vip, nodes, 0, 0)
	if len(routes) != 5 || routes[0].Prefix.String() != "192.168.1.240/32" {
		t.Fatalf("Routes = %v, want five 192.168.1.240/32", routes)
	}
	flows := make([]Flow, 10000)
	for i := range flows {
		flows[i] = Flow{Src: netip.AddrFrom4([4]byte{203, 0, 113, byte(i % 250)}), Dst: vip, Proto: 6, SrcPort: uint16(30000 + i), DstPort: 80}
	}
	before, after := NewECMP(nodes), NewECMP(nodes[1:]) // 192.168.1.11 dies
	per := map[netip.Addr]int{}
	moved, movedSurvivors := 0, 0
	for _, f := range flows {
		h1, _ := before.Select(f)
		if again, _ := before.Select(f); again != h1 {
			t.Fatalf("Select(%v) not stable: %v then %v", f, h1, again)
		}
		per[h1]++
		h2, _ := after.Select(f)
		if h2 == nodes[0] {
			t.Fatalf("flow %v still on the dead node", f)
		}
		if h1 != h2 {
			moved++
			if h1 != nodes[0] {
				movedSurvivors++
			}
		}
	}
	for _, n := range nodes {
		if per[n] < 1800 || per[n] > 2200 {
			t.Errorf("flows on %v = %d, want about 2000 of 10000", n, per[n])
		}
	}
	// Hash-threshold from 5 to 4 hops, the first one lost: a flow with
	// hash fraction h stays only if floor(5h) = 1+floor(4h), i.e. in
	// [.2,.25) ∪ [.4,.5) ∪ [.6,.75) ∪ [.8,1): half the flows stay, so 20 %
	// (the dead node's) plus 30 % of survivors' flows move.
	t.Logf("rehash 5→4 next hops: %d of %d flows moved, %d of them from surviving nodes", moved, len(flows), movedSurvivors)
	if movedSurvivors < 2700 || moved < 4700 || moved > 5300 {
		t.Errorf("moved = %d (%d from survivors), want about 5000 (3000 from survivors)", moved, movedSurvivors)
	}
}
