package l2

import (
	"net/netip"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// countSink counts the frames delivered to it.
type countSink struct {
	name string
	n    int
}

func (k *countSink) Name() string                  { return k.name }
func (k *countSink) Handle(*sim.Engine, sim.Event) { k.n++ }

// BenchmarkSwitch50Ports forwards frames through a 50-port switch with a
// host on every port: 9 of 10 frames are known unicast, 1 of 10 an ARP
// broadcast flooded to the 49 other ports. Every ingress and every egress
// copy is an engine event; recording and tracing are off. frames/s counts
// frames entering the switch; copies/s the frames delivered to hosts.
func BenchmarkSwitch50Ports(b *testing.B) {
	e := sim.New(1)
	e.SetRecording(false)
	e.SetEventBudget(1 << 62)
	sw := NewSwitch("sw1", DefaultParams(), make([]PortConfig, 50))
	sw.SetID(e.Register(sw))
	sw.SetTracing(false)
	sinks := make([]*countSink, 50)
	for i := range sinks {
		sinks[i] = &countSink{name: "h" + string(rune('A'+i%26)) + string(rune('a'+i/26))}
		sw.Attach(i, e.Register(sinks[i]))
	}
	frames := make([]*Ingress, 50)
	for i := range frames { // each host speaks once: the table is warm
		e.Schedule(0, sw.ID(), &Ingress{Port: i, Frame: unicast(i, (i+1)%50)})
		frames[i] = &Ingress{Port: i, Frame: unicast(i, (i+7)%50)}
	}
	vip := netip.MustParseAddr("192.168.1.240")
	garp := &Ingress{Port: 3, Frame: NewARP(ARP{Op: ARPRequest, SenderMAC: hostMAC(3), SenderIP: vip, TargetMAC: Broadcast, TargetIP: vip})}
	if err := e.Run(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in := frames[i%50]
		if i%10 == 9 {
			in = garp
		}
		e.Schedule(0, sw.ID(), in)
		for e.Step() {
		}
	}
	b.StopTimer()
	copies := 0
	for _, k := range sinks {
		copies += k.n
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
	b.ReportMetric(float64(copies)/b.Elapsed().Seconds(), "copies/s")
}
