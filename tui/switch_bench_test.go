package tui

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/lan"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// flooder is a stand-in switch that records one flooded broadcast per
// event, from port i%ports.
type flooder struct{ ports int }

func (f *flooder) Name() string { return compSwtch }

func (f *flooder) Handle(e *sim.Engine, ev sim.Event) {
	i := ev.Payload.(int)
	in := i % f.ports
	src := l2.MAC{0x02, 0x42, 0, 0, 0, byte(in + 1)}
	fr := l2.NewARP(l2.ARP{Op: l2.ARPRequest, SenderMAC: src, SenderIP: netip.AddrFrom4([4]byte{192, 168, 49, byte(in + 2)}), TargetIP: netip.MustParseAddr("192.168.49.200")})
	var out []string
	for p := 0; p < f.ports; p++ {
		if p != in {
			out = append(out, fmt.Sprintf("Gi1/0/%d", p+1))
		}
	}
	e.Emit("l2.flood", "switch: a broadcast flooded", l2.FrameDetail{Port: fmt.Sprintf("Gi1/0/%d", in+1), Frame: fr, Out: out})
}

// stormWalk is a walkthrough over n flooded broadcasts spread over an
// hour on a 5-port switch with storm control at pps 20.
func stormWalk(b *testing.B, n int) *walk {
	const ports = 5
	e := sim.New(1)
	for p := 0; p < ports; p++ {
		name := fmt.Sprintf("Gi1/0/%d", p+1)
		e.Set(fmt.Sprintf("%s%d", keyPort, p), l2.PortStatus{Name: name})
		e.Set(fmt.Sprintf("%shost-%d", keyNIC, p), lan.NICInfo{Host: fmt.Sprintf("host-%d", p), Port: name})
	}
	e.Emit(kindStep, "step 1", nil)
	id := e.Register(&flooder{ports: ports})
	for i := 0; i < n; i++ {
		e.Schedule(time.Duration(i)*time.Hour/time.Duration(n), id, i)
	}
	if err := e.Run(); err != nil {
		b.Fatal(err)
	}
	level := &scenarios.Layer2{StormControl: &scenarios.StormControl{BroadcastLevel: "pps 20"}}
	sc := &scenarios.Scenario{Metadata: scenarios.Meta{Name: "storm", Title: "a storm"}, Cluster: scenarios.Cluster{Layer2: level}}
	rep := &scenarios.Report{Cluster: &cluster.Cluster{Engine: e}}
	st := newStyles(false)
	w := newWalk(&st, sc, rep, scenarios.Options{})
	w.SetSize(120, 40)
	w.show(paneSwitch)
	return w
}

// BenchmarkSwitchStep steps back and forth in the middle of 1,000,000
// flooded broadcasts and draws the switch view; the index is built once,
// on the first frame (reported separately).
func BenchmarkSwitchStep(b *testing.B) {
	const n = 1_000_000
	b.Run("build", func(b *testing.B) {
		w := stormWalk(b, n)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			w.at.l2ix = nil
			w.at.l2()
		}
	})
	b.Run("step", func(b *testing.B) {
		w := stormWalk(b, n)
		mid := w.at.last() / 2
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			w.seek(mid + i%2)
			_ = w.View()
		}
	})
}
