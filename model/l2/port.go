package l2

import "time"

// PortState is a port's link state as `show interfaces status` names it.
type PortState int

const (
	// PortConnected is up and forwarding.
	PortConnected PortState = iota
	// PortErrDisabled is shut down by the switch for an error cause; the
	// link to the host is down until recovery or a manual shut/no shut.
	PortErrDisabled
	// PortNotConnect has no link: the host on it is off or unplugged.
	PortNotConnect
)

func (s PortState) String() string {
	switch s {
	case PortErrDisabled:
		return "err-disabled"
	case PortNotConnect:
		return "notconnect"
	}
	return "connected"
}

// Cause is an errdisable cause as `show errdisable recovery` names it.
type Cause string

// The causes the model produces.
const (
	CauseStorm Cause = "storm-control"
	CauseDAI   Cause = "arp-inspection"
)

// Counters are a port's frame counters (`show interfaces counters`).
type Counters struct {
	RxFrames, TxFrames       uint64
	RxBroadcast, TxBroadcast uint64
	// StormDrops are broadcast frames dropped by storm control's filter;
	// DisabledDrops frames that met the port err-disabled.
	StormDrops, DisabledDrops uint64
}

// PortStatus is the recorded state of a port: what the store holds under
// "switch/<name>/port/<index>" and what a view shows.
type PortStatus struct {
	Name  string
	State PortState
	Cause Cause // set while err-disabled
	Since time.Duration
	// Filtering is true while storm control blocks broadcast on the port.
	Filtering bool
}

// port is the switch's live state of one port.
type port struct {
	cfg    PortConfig
	peer   int32 // sim.ComponentID of the attached host; 0 for none
	status PortStatus
	count  Counters

	// storm control: the current interval and what it has seen
	stormIdx     int64
	stormOffered int64 // frames (pps) or bit times (percent) offered this interval
	// dai: the current burst interval and the ARP frames seen in it
	daiIdx   int64
	daiCount int64
	recovery uint64 // sim.EventID of the pending recovery timer, 0 for none
}
