package l2

import (
	"fmt"
	"strconv"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// errDisable shuts port in down for cause: the link goes down, the MAC
// entries learned on it are flushed, and a recovery timer starts if
// errdisable recovery is on for the cause.
func (s *Switch) errDisable(e *sim.Engine, in int, cause Cause) {
	pt := &s.ports[in]
	now := e.Now()
	pt.status = PortStatus{Name: pt.cfg.Name, State: PortErrDisabled, Cause: cause, Since: now}
	e.Set(s.PortKey(in), pt.status)
	flushed := s.flushPort(e, in)
	if s.tracing {
		e.Emit("l2.errdisable", fmt.Sprintf("%%PM-4-ERR_DISABLE: %s error detected on %s, putting %s in err-disable state", cause, pt.cfg.Name, pt.cfg.Name),
			ErrDisableDetail{Port: pt.cfg.Name, Cause: cause, Flushed: flushed})
	}
	if !s.recoveryOn(cause) {
		return
	}
	d := s.params.RecoveryInterval
	if j := s.params.RecoveryJitter; j > 0 {
		d += time.Duration(e.Rand("switch/"+s.name).Float64() * j * float64(d))
	}
	pt.recovery = uint64(e.Schedule(d, s.id, recoverPort{port: in}))
}

// ErrDisableDetail is the trace detail of an err-disable record.
type ErrDisableDetail struct {
	Port    string
	Cause   Cause
	Flushed int // MAC entries removed with the link
}

func (s *Switch) recoveryOn(c Cause) bool {
	switch c {
	case CauseStorm:
		return s.params.RecoverStorm
	case CauseDAI:
		return s.params.RecoverDAI
	}
	return false
}

// flushPort removes the MAC entries of port in (link down) and returns
// how many there were.
func (s *Switch) flushPort(e *sim.Engine, in int) int {
	var gone []MAC
	for m, en := range s.macs {
		if int(en.port) == in {
			gone = append(gone, m)
		}
	}
	for _, m := range gone {
		delete(s.macs, m)
		e.Delete(s.macKey(m)) // the store is a map: deletion order does not reach output
	}
	return len(gone)
}

// recover brings an err-disabled port back up (errdisable recovery).
func (s *Switch) recover(e *sim.Engine, in int) {
	pt := &s.ports[in]
	if pt.status.State != PortErrDisabled {
		return
	}
	cause := pt.status.Cause
	pt.recovery = 0
	pt.status = PortStatus{Name: pt.cfg.Name, Since: e.Now()}
	pt.stormIdx, pt.stormOffered, pt.daiIdx, pt.daiCount = -1, 0, -1, 0
	e.Set(s.PortKey(in), pt.status)
	if s.tracing {
		e.Emit("l2.recover", fmt.Sprintf("%%PM-4-ERR_RECOVER: Attempting to recover from %s err-disable state on %s", cause, pt.cfg.Name), nil)
	}
}

// Recover is `shutdown` then `no shutdown` on an err-disabled port, done
// by an operator at the current time.
func (s *Switch) Recover(e *sim.Engine, in int) {
	if id := s.ports[in].recovery; id != 0 {
		e.Cancel(sim.EventID(id))
	}
	s.recover(e, in)
}

// PortKey is where the store holds port i's state (PortStatus).
func (s *Switch) PortKey(i int) string { return "switch/" + s.name + "/port/" + strconv.Itoa(i) }

// LinkDetail is the trace detail of a link change: the port, whether it
// came up, and the MAC entries flushed when it went down.
type LinkDetail struct {
	Port    string
	Up      bool
	Flushed int
}

// SetLink brings port i's link down (the host on it stopped: the port
// shows notconnect and its MAC entries are flushed) or back up. A port
// err-disabled stays so.
func (s *Switch) SetLink(e *sim.Engine, i int, up bool) {
	pt := &s.ports[i]
	switch {
	case !up && pt.status.State == PortConnected:
		pt.status = PortStatus{Name: pt.cfg.Name, State: PortNotConnect, Since: e.Now()}
		e.Set(s.PortKey(i), pt.status)
		flushed := s.flushPort(e, i)
		e.Emit("l2.link", fmt.Sprintf("%%LINK-3-UPDOWN: Interface %s, changed state to down", pt.cfg.Name), LinkDetail{Port: pt.cfg.Name, Flushed: flushed})
	case up && pt.status.State == PortNotConnect:
		pt.status = PortStatus{Name: pt.cfg.Name, Since: e.Now()}
		e.Set(s.PortKey(i), pt.status)
		e.Emit("l2.link", fmt.Sprintf("%%LINK-3-UPDOWN: Interface %s, changed state to up", pt.cfg.Name), LinkDetail{Port: pt.cfg.Name, Up: true})
	}
}

// PortName returns port i's interface name.
func (s *Switch) PortName(i int) string { return s.ports[i].cfg.Name }
