package l2

import (
	"fmt"
	"strconv"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// Ingress is the payload of a frame arriving at a switch port from the
// host on it. The switch owns the frame from then on.
type Ingress struct {
	Port  int
	Frame Frame
}

// Egress is the payload delivered to a port's peer: a frame leaving the
// switch towards it (the peer knows which port it is attached to). The
// copies of a flooded frame share one Egress: it is immutable, and a peer
// that wants to change the frame copies it first.
type Egress struct {
	Switch string
	Frame  Frame
}

// recoverPort is the payload of an errdisable recovery timer.
type recoverPort struct{ port int }

// macEntry is one MAC address-table entry.
type macEntry struct {
	port int32
	last time.Duration // when a frame from the MAC was last seen
}

// FrameDetail is the trace detail of a switch record.
type FrameDetail struct {
	Port  string // ingress port
	Frame Frame
	Out   []string // egress ports (forward, flood)
}

// Switch is a layer-2 switch component. Create it with NewSwitch,
// register it, then call SetID.
type Switch struct {
	name    string
	id      sim.ComponentID
	params  Params
	ports   []port
	macs    map[MAC]macEntry
	tracing bool
	outBuf  []int
	out     *Egress // the payload of the frame being sent, shared by its copies
}

// NewSwitch returns a switch with the given ports.
func NewSwitch(name string, p Params, ports []PortConfig) *Switch {
	s := &Switch{name: name, params: p, macs: map[MAC]macEntry{}, tracing: true}
	s.ports = make([]port, len(ports))
	for i, c := range ports {
		if c.Name == "" {
			c.Name = "Gi1/0/" + strconv.Itoa(i+1)
		}
		s.ports[i] = port{cfg: c, status: PortStatus{Name: c.Name}, stormIdx: -1, daiIdx: -1}
	}
	return s
}

// Name returns the component's name.
func (s *Switch) Name() string { return s.name }

// SetID tells the switch its component ID.
func (s *Switch) SetID(id sim.ComponentID) { s.id = id }

// ID returns the switch's component ID.
func (s *Switch) ID() sim.ComponentID { return s.id }

// SetTracing turns the switch's per-frame trace records off (benchmarks)
// or on (the default). State changes are recorded either way.
func (s *Switch) SetTracing(on bool) { s.tracing = on }

// Attach connects a host component to port i: frames leaving on i are
// scheduled to it as Egress events.
func (s *Switch) Attach(i int, peer sim.ComponentID) { s.ports[i].peer = int32(peer) }

// Ports returns the number of ports.
func (s *Switch) Ports() int { return len(s.ports) }

// Status returns port i's state.
func (s *Switch) Status(i int) PortStatus { return s.ports[i].status }

// Counters returns port i's counters.
func (s *Switch) Counters(i int) Counters { return s.ports[i].count }

// Lookup returns the port the MAC table holds for m at time now, with
// aging applied (an entry last refreshed at t is there at t+aging and gone
// at t+aging+1ns).
func (s *Switch) Lookup(now time.Duration, m MAC) (int, bool) {
	en, ok := s.macs[m]
	if !ok || now-en.last > s.params.MACAging {
		return 0, false
	}
	return int(en.port), true
}

// Handle processes a frame's ingress or a recovery timer.
func (s *Switch) Handle(e *sim.Engine, ev sim.Event) {
	switch p := ev.Payload.(type) {
	case *Ingress:
		s.ingress(e, p.Port, &p.Frame)
	case Ingress:
		s.ingress(e, p.Port, &p.Frame)
	case recoverPort:
		s.recover(e, p.port)
	default:
		panic(fmt.Sprintf("l2: switch %s got %T", s.name, ev.Payload))
	}
}

// ingress is one frame entering port in: admission (port state, storm
// control, DAI), learning, then forwarding or flooding.
func (s *Switch) ingress(e *sim.Engine, in int, f *Frame) {
	pt := &s.ports[in]
	if pt.status.State != PortConnected {
		pt.count.DisabledDrops++
		s.drop(e, in, f, "port "+pt.status.State.String())
		return
	}
	pt.count.RxFrames++
	bcast := f.Dst.IsBroadcast()
	if bcast {
		pt.count.RxBroadcast++
	}
	now := e.Now()
	if bcast && pt.cfg.Storm.Enabled && !s.admitStorm(e, in, f, now) {
		return
	}
	if f.Type == EtherTypeARP && pt.cfg.DAI && !pt.cfg.Trusted && !s.admitDAI(e, in, f, now) {
		return
	}
	s.learn(e, in, f.Src, now)
	if !f.Dst.IsMulticast() {
		if out, ok := s.lookupAged(e, f.Dst, now); ok {
			s.forward(e, in, out, f)
			return
		}
	}
	s.flood(e, in, f)
}

// learn records that src is behind port in.
func (s *Switch) learn(e *sim.Engine, in int, src MAC, now time.Duration) {
	if src.IsMulticast() {
		return
	}
	en, ok := s.macs[src]
	if ok && int(en.port) == in && now-en.last <= s.params.MACAging {
		en.last = now
		s.macs[src] = en
		return
	}
	s.macs[src] = macEntry{port: int32(in), last: now}
	e.Set(s.macKey(src), s.ports[in].cfg.Name)
	if !s.tracing {
		return
	}
	switch {
	case ok && int(en.port) != in:
		e.Emit("l2.mac.move", fmt.Sprintf("%s: %s moved from %s to %s", s.name, src, s.ports[en.port].cfg.Name, s.ports[in].cfg.Name), nil)
	default:
		e.Emit("l2.mac.learn", fmt.Sprintf("%s: learned %s on %s", s.name, src, s.ports[in].cfg.Name), nil)
	}
}

// lookupAged finds dst's port, removing the entry if it has aged out.
func (s *Switch) lookupAged(e *sim.Engine, dst MAC, now time.Duration) (int, bool) {
	en, ok := s.macs[dst]
	if !ok {
		return 0, false
	}
	if now-en.last > s.params.MACAging {
		delete(s.macs, dst)
		e.Delete(s.macKey(dst))
		if s.tracing {
			e.Emit("l2.mac.age", fmt.Sprintf("%s: %s on %s aged out (last seen %s, aging %s)", s.name, dst, s.ports[en.port].cfg.Name, sim.FormatTime(en.last), s.params.MACAging), nil)
		}
		return 0, false
	}
	return int(en.port), true
}

func (s *Switch) macKey(m MAC) string { return "switch/" + s.name + "/mac/" + m.String() }

// forward sends a known-unicast frame out one port.
func (s *Switch) forward(e *sim.Engine, in, out int, f *Frame) {
	if out == in {
		s.drop(e, in, f, "destination on the ingress port (filtered)")
		return
	}
	if st := s.ports[out].status.State; st != PortConnected {
		s.ports[out].count.DisabledDrops++
		s.drop(e, in, f, "egress port "+s.ports[out].cfg.Name+" "+st.String())
		return
	}
	s.out = nil
	s.transmit(e, out, f)
	s.out = nil
	if s.tracing {
		e.Emit("l2.forward", fmt.Sprintf("%s: %s → %s", s.name, f, s.ports[out].cfg.Name),
			FrameDetail{Port: s.ports[in].cfg.Name, Frame: *f, Out: []string{s.ports[out].cfg.Name}})
	}
}

// flood sends a broadcast, multicast or unknown-unicast frame out every
// other connected port.
func (s *Switch) flood(e *sim.Engine, in int, f *Frame) {
	s.outBuf = s.outBuf[:0]
	s.out = nil
	for i := range s.ports {
		if i == in || s.ports[i].status.State != PortConnected {
			continue
		}
		s.transmit(e, i, f)
		s.outBuf = append(s.outBuf, i)
	}
	s.out = nil
	if !s.tracing {
		return
	}
	why := "unknown unicast"
	if f.Dst.IsBroadcast() {
		why = "broadcast"
	} else if f.Dst.IsMulticast() {
		why = "multicast"
	}
	out := make([]string, len(s.outBuf))
	for j, i := range s.outBuf {
		out[j] = s.ports[i].cfg.Name
	}
	e.Emit("l2.flood", fmt.Sprintf("%s: %s flooded (%s) from %s to %d ports", s.name, f, why, s.ports[in].cfg.Name, len(out)),
		FrameDetail{Port: s.ports[in].cfg.Name, Frame: *f, Out: out})
}

// transmit counts a frame out of port i and delivers it to the peer.
func (s *Switch) transmit(e *sim.Engine, i int, f *Frame) {
	pt := &s.ports[i]
	pt.count.TxFrames++
	if f.Dst.IsBroadcast() {
		pt.count.TxBroadcast++
	}
	if pt.peer == 0 {
		return
	}
	if s.out == nil {
		s.out = &Egress{Switch: s.name, Frame: *f}
	}
	e.Schedule(s.params.ForwardLatency, sim.ComponentID(pt.peer), s.out)
}

// drop records a frame the switch did not forward.
func (s *Switch) drop(e *sim.Engine, in int, f *Frame, why string) {
	if s.tracing {
		e.Emit("l2.drop", fmt.Sprintf("%s: %s dropped on %s: %s", s.name, f, s.ports[in].cfg.Name, why),
			FrameDetail{Port: s.ports[in].cfg.Name, Frame: *f})
	}
}
