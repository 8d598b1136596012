package l2

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/sim"
)

// sink is a host on a port: it records what reaches it.
type sink struct {
	name string
	got  []Egress
}

func (k *sink) Name() string { return k.name }
func (k *sink) Handle(e *sim.Engine, ev sim.Event) {
	k.got = append(k.got, *ev.Payload.(*Egress))
}

// rig is a switch with n ports, each with a sink.
type rig struct {
	e     *sim.Engine
	sw    *Switch
	sinks []*sink
}

func newRig(t testing.TB, n int, p Params, cfg func(i int) PortConfig) *rig {
	t.Helper()
	e := sim.New(1)
	ports := make([]PortConfig, n)
	for i := range ports {
		if cfg != nil {
			ports[i] = cfg(i)
		}
	}
	r := &rig{e: e, sw: NewSwitch("sw1", p, ports)}
	r.sw.SetID(e.Register(r.sw))
	for i := 0; i < n; i++ {
		k := &sink{name: fmt.Sprintf("host%d", i)}
		r.sinks = append(r.sinks, k)
		r.sw.Attach(i, e.Register(k))
	}
	return r
}

// send injects a frame at port in at time at and runs the engine to it.
func (r *rig) send(t testing.TB, at time.Duration, in int, f Frame) {
	t.Helper()
	r.e.ScheduleAt(at, r.sw.ID(), &Ingress{Port: in, Frame: f})
	if err := r.e.RunUntil(at + time.Millisecond); err != nil {
		t.Fatal(err)
	}
}

// receivers returns the ports whose hosts got frames, and clears them.
func (r *rig) receivers() []int {
	var out []int
	for i, k := range r.sinks {
		if len(k.got) > 0 {
			out = append(out, i)
			k.got = nil
		}
	}
	return out
}

func hostMAC(i int) MAC { return MAC{0x02, 0, 0, 0, 0, byte(i + 1)} }

func unicast(from, to int) Frame {
	return Frame{Src: hostMAC(from), Dst: hostMAC(to), Type: EtherTypeIPv4}
}

func TestSwitchLearningFloodingAging(t *testing.T) {
	learnedAt := time.Second // host1 speaks (port 1) at t=1s
	tests := []struct {
		name string
		at   time.Duration // when host0 sends to host1
		want []int         // ports that receive it
	}{
		{"unknown unicast floods", learnedAt / 2, []int{1, 2, 3}},
		{"known unicast forwards", 2 * time.Second, []int{1}},
		{"at the aging time the entry is there", learnedAt + DefaultMACAging, []int{1}},
		{"1ns after the aging time it is gone: flood", learnedAt + DefaultMACAging + 1, []int{1, 2, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, 4, DefaultParams(), nil)
			if tc.at > learnedAt {
				r.send(t, learnedAt, 1, unicast(1, 3))
				r.receivers()
			}
			r.send(t, tc.at, 0, unicast(0, 1))
			if diff := cmp.Diff(tc.want, r.receivers()); diff != "" {
				t.Errorf("ports reached by a frame to host1 at %v (-want +got):\n%s", tc.at, diff)
			}
		})
	}
}

func TestSwitchLookupAging(t *testing.T) {
	r := newRig(t, 2, DefaultParams(), nil)
	r.send(t, 0, 1, unicast(1, 0))
	for _, tc := range []struct {
		at   time.Duration
		want bool
	}{{DefaultMACAging, true}, {DefaultMACAging + 1, false}} {
		if _, got := r.sw.Lookup(tc.at, hostMAC(1)); got != tc.want {
			t.Errorf("Lookup(%v, host1) = %v, want %v", tc.at, got, tc.want)
		}
	}
}

func TestSwitchBroadcastCounters(t *testing.T) {
	r := newRig(t, 3, DefaultParams(), nil)
	vip := netip.MustParseAddr("192.168.1.240")
	r.send(t, 0, 0, NewARP(ARP{Op: ARPRequest, SenderMAC: hostMAC(0), SenderIP: vip, TargetMAC: Broadcast, TargetIP: vip}))
	got := []Counters{r.sw.Counters(0), r.sw.Counters(1), r.sw.Counters(2)}
	want := []Counters{{RxFrames: 1, RxBroadcast: 1}, {TxFrames: 1, TxBroadcast: 1}, {TxFrames: 1, TxBroadcast: 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counters after one broadcast (-want +got):\n%s", diff)
	}
}
