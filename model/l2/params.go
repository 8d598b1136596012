package l2

import "time"

// Defaults of a Cisco Catalyst access switch, each with its source
// (reference: /work/shared/reference/behaviours.md §6).
const (
	// DefaultMACAging is `mac address-table aging-time` (Cisco default
	// 300 s; Linux bridge ageing_time 30000 cs is the same).
	DefaultMACAging = 300 * time.Second
	// DefaultStormInterval is the interval over which storm control
	// measures ingress traffic: 1 s on Catalyst (H3C polls every 10 s,
	// D-Link every 5 s: make it a scenario parameter for those).
	DefaultStormInterval = time.Second
	// DefaultDAIRate is `ip arp inspection limit rate`: 15 ARP packets per
	// second on an untrusted port.
	DefaultDAIRate = 15
	// DefaultDAIBurst is the DAI `burst interval`: 1 s.
	DefaultDAIBurst = time.Second
	// DefaultRecoveryInterval is `errdisable recovery interval` (300 s,
	// settable 30..86400). Recovery itself is off by default for every
	// cause.
	DefaultRecoveryInterval = 300 * time.Second
	// DefaultBandwidth is the port speed against which a percentage
	// storm-control level is measured: 1 Gb/s.
	DefaultBandwidth = 1_000_000_000
	// DefaultForwardLatency is one crossing of the switch plus the cable,
	// store-and-forward of a small frame (inferred: a few µs on a
	// Catalyst access switch).
	DefaultForwardLatency = 5 * time.Microsecond
)

// Params are the switch-wide settings; every one is a scenario parameter.
type Params struct {
	MACAging         time.Duration // mac address-table aging-time
	StormInterval    time.Duration // storm-control measurement interval
	DAIRate          int           // ip arp inspection limit rate <pps>
	DAIBurst         time.Duration // ip arp inspection limit ... burst interval <s>
	RecoveryInterval time.Duration // errdisable recovery interval
	// RecoverStorm and RecoverDAI are `errdisable recovery cause
	// storm-control` and `... cause arp-inspection`: off by default.
	RecoverStorm, RecoverDAI bool
	// RecoveryJitter is the fraction by which the recovery timer may run
	// late, drawn from the switch's random stream. Cisco documents up to
	// 15 %; 0 (the default here) makes the timer exact, which is easier
	// to teach.
	RecoveryJitter float64
	ForwardLatency time.Duration
}

// DefaultParams returns the Catalyst defaults above.
func DefaultParams() Params {
	return Params{
		MACAging:         DefaultMACAging,
		StormInterval:    DefaultStormInterval,
		DAIRate:          DefaultDAIRate,
		DAIBurst:         DefaultDAIBurst,
		RecoveryInterval: DefaultRecoveryInterval,
		ForwardLatency:   DefaultForwardLatency,
	}
}

// StormUnit says how a storm-control level is expressed.
type StormUnit int

const (
	// StormPercent is `level <pct>`: a share of the port's bandwidth,
	// Level in hundredths of a percent (Cisco accepts 0.00–100.00).
	StormPercent StormUnit = iota
	// StormPPS is `level pps <pps>`: packets per second.
	StormPPS
)

// StormAction is `storm-control action`.
type StormAction int

const (
	// StormFilter drops the excess for the rest of the interval (the
	// default when no action is configured; no trap is sent).
	StormFilter StormAction = iota
	// StormShutdown err-disables the port.
	StormShutdown
)

// StormControl is a port's `storm-control broadcast` configuration. The
// zero value is storm control off.
type StormControl struct {
	Enabled bool
	Unit    StormUnit
	// Rising is the level at which the port blocks broadcast (pps, or
	// hundredths of a percent); Falling the level below which it resumes
	// (0: same as Rising).
	Rising, Falling int64
	Action          StormAction
	// Bandwidth is the port speed in bit/s for a percent level (0: 1 Gb/s).
	Bandwidth int64
}

// limit returns the rising or falling threshold for one interval, in
// frames (pps) or bit times (percent).
func (s StormControl) limit(level int64, interval time.Duration) int64 {
	if s.Unit == StormPPS {
		return level * int64(interval) / int64(time.Second)
	}
	bw := s.Bandwidth
	if bw == 0 {
		bw = DefaultBandwidth
	}
	return bw / 10000 * level * int64(interval) / int64(time.Second)
}

// PortConfig is the configuration of one switch port.
type PortConfig struct {
	// Name is the interface name as the switch logs it ("Gi1/0/5").
	Name  string
	Storm StormControl
	// DAI is `ip arp inspection` on the port's VLAN; Trusted is `ip arp
	// inspection trust` (no rate limit).
	DAI, Trusted bool
}
