package l2

import (
	"fmt"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// admitStorm applies the port's broadcast storm control to one broadcast
// frame and reports whether it may pass.
//
// Catalyst semantics: traffic is measured on ingress per interval
// (1 s); when the interval's broadcast level exceeds the rising threshold
// the port blocks broadcast for the rest of the interval (action filter)
// or is err-disabled (action shutdown). A filtering port resumes at the
// start of an interval once the previous interval's offered level was
// below the falling threshold (the rising one if none is set).
func (s *Switch) admitStorm(e *sim.Engine, in int, f *Frame, now time.Duration) bool {
	pt := &s.ports[in]
	sc := pt.cfg.Storm
	iv := s.params.StormInterval
	idx := int64(now / iv)
	if idx != pt.stormIdx {
		prev := pt.stormOffered
		if idx != pt.stormIdx+1 {
			prev = 0
		}
		pt.stormIdx, pt.stormOffered = idx, 0
		if pt.status.Filtering {
			falling := sc.Falling
			if falling == 0 {
				falling = sc.Rising
			}
			if prev < sc.limit(falling, iv) {
				s.setFiltering(e, in, false, now)
			}
		}
	}
	if sc.Unit == StormPPS {
		pt.stormOffered++
	} else {
		pt.stormOffered += f.WireBits()
	}
	if pt.status.Filtering {
		pt.count.StormDrops++
		s.drop(e, in, f, "storm-control filter")
		return false
	}
	if pt.stormOffered <= sc.limit(sc.Rising, iv) {
		return true
	}
	if sc.Action == StormShutdown {
		if s.tracing {
			e.Emit("l2.storm", fmt.Sprintf("%%STORM_CONTROL-3-SHUTDOWN: A packet storm was detected on %s. The interface has been disabled.", pt.cfg.Name), nil)
		}
		s.errDisable(e, in, CauseStorm)
		return false
	}
	s.setFiltering(e, in, true, now)
	pt.count.StormDrops++
	s.drop(e, in, f, "storm-control filter")
	return false
}

// setFiltering records storm control starting or stopping to block
// broadcast on a port.
func (s *Switch) setFiltering(e *sim.Engine, in int, on bool, now time.Duration) {
	pt := &s.ports[in]
	pt.status.Filtering = on
	e.Set(s.PortKey(in), pt.status)
	if !s.tracing {
		return
	}
	if on {
		e.Emit("l2.storm.filter", fmt.Sprintf("%%STORM_CONTROL-3-FILTERED: A packet storm was detected on %s. A packet filter action has been applied on the interface.", pt.cfg.Name), nil)
		return
	}
	e.Emit("l2.storm.resume", fmt.Sprintf("%s: storm-control: broadcast below the falling threshold on %s, forwarding again", s.name, pt.cfg.Name), nil)
}

// admitDAI applies Dynamic ARP Inspection's rate limit to one ARP frame on
// an untrusted port: more than rate × burst interval ARP frames inside one
// burst interval err-disable the port.
func (s *Switch) admitDAI(e *sim.Engine, in int, f *Frame, now time.Duration) bool {
	pt := &s.ports[in]
	burst := s.params.DAIBurst
	idx := int64(now / burst)
	if idx != pt.daiIdx {
		pt.daiIdx, pt.daiCount = idx, 0
	}
	pt.daiCount++
	if pt.daiCount <= int64(s.params.DAIRate)*int64(burst)/int64(time.Second) {
		return true
	}
	if s.tracing {
		e.Emit("l2.dai", fmt.Sprintf("%%SW_DAI-4-PACKET_RATE_EXCEEDED: %d packets received in %d milliseconds on %s.", pt.daiCount, burst.Milliseconds(), pt.cfg.Name), nil)
	}
	s.errDisable(e, in, CauseDAI)
	return false
}
