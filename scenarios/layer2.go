package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/model/l2"
)

// Layer2 puts a switched Ethernet segment with ARP under the nodes' LAN
// (`layer2: {}` for the defaults: a Catalyst access switch with storm
// control and DAI off, Linux hosts). The words are the switch's own
// configuration commands.
type Layer2 struct {
	// MACAgingTime is `mac address-table aging-time` (300s).
	MACAgingTime *Duration `yaml:"macAgingTime,omitempty"`
	// StormControl is `storm-control broadcast level ...` and
	// `storm-control action ...` on every host port.
	StormControl *StormControl `yaml:"stormControl,omitempty"`
	// ARPInspection is Dynamic ARP Inspection on the hosts' VLAN with
	// `ip arp inspection limit rate` on every host port.
	ARPInspection *ARPInspection `yaml:"arpInspection,omitempty"`
	// ErrdisableRecovery is `errdisable recovery cause ...` and
	// `errdisable recovery interval` (off by default).
	ErrdisableRecovery *ErrdisableRecovery `yaml:"errdisableRecovery,omitempty"`
	// ARPAccept is the hosts' net.ipv4.conf.all.arp_accept (0).
	ARPAccept int `yaml:"arpAccept,omitempty"`
}

// StormControl configures broadcast storm control.
type StormControl struct {
	// BroadcastLevel is "pps 20" (packets per second) or "1.00" (percent
	// of the port's bandwidth), optionally with a falling level after it
	// ("pps 20 10").
	BroadcastLevel string `yaml:"broadcastLevel"`
	// Action is "filter" (the default: drop the excess; no action
	// configured), "trap" (the same, plus an SNMP trap) or "shutdown"
	// (err-disable the port).
	Action string `yaml:"action,omitempty"`
	// Interval is how often the switch measures (1s on Catalyst).
	Interval *Duration `yaml:"interval,omitempty"`
}

// ARPInspection configures Dynamic ARP Inspection's rate limit.
type ARPInspection struct {
	Rate          int       `yaml:"rate,omitempty"`          // 15 pps
	BurstInterval *Duration `yaml:"burstInterval,omitempty"` // 1s
}

// ErrdisableRecovery turns automatic recovery on for causes.
type ErrdisableRecovery struct {
	Causes   []string  `yaml:"causes"` // storm-control, arp-inspection
	Interval *Duration `yaml:"interval,omitempty"`
}

// layer2Config turns the scenario's words into the cluster's settings.
func layer2Config(in *Layer2) (*cluster.Layer2Config, error) {
	cfg := cluster.DefaultLayer2()
	if in.MACAgingTime != nil {
		cfg.Switch.MACAging = in.MACAgingTime.Duration
	}
	cfg.Neigh.ArpAccept = in.ARPAccept
	if in.ARPAccept < 0 || in.ARPAccept > 2 {
		return nil, fmt.Errorf("arpAccept: got %d, want 0, 1 or 2", in.ARPAccept)
	}
	if sc := in.StormControl; sc != nil {
		storm, err := parseStormLevel(sc.BroadcastLevel)
		if err != nil {
			return nil, fmt.Errorf("stormControl.broadcastLevel: %w", err)
		}
		switch sc.Action {
		case "", "filter", "trap": // trap filters too, and sends an SNMP trap
		case "shutdown":
			storm.Action = l2.StormShutdown
		default:
			return nil, fmt.Errorf("stormControl.action: got %q, want filter, trap or shutdown", sc.Action)
		}
		if sc.Interval != nil {
			if sc.Interval.Duration <= 0 {
				return nil, fmt.Errorf("stormControl.interval: must be positive")
			}
			cfg.Switch.StormInterval = sc.Interval.Duration
		}
		cfg.Port.Storm = storm
	}
	if dai := in.ARPInspection; dai != nil {
		cfg.Port.DAI = true
		if dai.Rate < 0 {
			return nil, fmt.Errorf("arpInspection.rate: must not be negative")
		}
		if dai.Rate > 0 {
			cfg.Switch.DAIRate = dai.Rate
		}
		if dai.BurstInterval != nil {
			if d := dai.BurstInterval.Duration; d < time.Second || d > 15*time.Second {
				return nil, fmt.Errorf("arpInspection.burstInterval: got %s, want 1s to 15s", d)
			}
			cfg.Switch.DAIBurst = dai.BurstInterval.Duration
		}
	}
	if r := in.ErrdisableRecovery; r != nil {
		for i, c := range r.Causes {
			switch c {
			case string(l2.CauseStorm):
				cfg.Switch.RecoverStorm = true
			case string(l2.CauseDAI):
				cfg.Switch.RecoverDAI = true
			default:
				return nil, fmt.Errorf("errdisableRecovery.causes[%d]: got %q, want storm-control or arp-inspection", i, c)
			}
		}
		if r.Interval != nil {
			if d := r.Interval.Duration; d < 30*time.Second || d > 86400*time.Second {
				return nil, fmt.Errorf("errdisableRecovery.interval: got %s, want 30s to 86400s", d)
			}
			cfg.Switch.RecoveryInterval = r.Interval.Duration
		}
	}
	return cfg, nil
}

// parseStormLevel reads `storm-control broadcast level`'s arguments:
// "pps <rising> [<falling>]" or "<pct> [<pct-low>]" with up to two
// decimals.
func parseStormLevel(s string) (l2.StormControl, error) {
	f := strings.Fields(s)
	sc := l2.StormControl{Enabled: true}
	if len(f) > 0 && f[0] == "pps" {
		sc.Unit = l2.StormPPS
		f = f[1:]
	}
	if len(f) == 0 || len(f) > 2 {
		return sc, fmt.Errorf("got %q, want \"pps <rising> [<falling>]\" or \"<percent> [<percent-low>]\"", s)
	}
	var vals [2]int64
	for i, w := range f {
		v, err := parseLevel(w, sc.Unit)
		if err != nil {
			return sc, fmt.Errorf("got %q: %w", s, err)
		}
		vals[i] = v
	}
	sc.Rising, sc.Falling = vals[0], vals[1]
	if sc.Falling > sc.Rising {
		return sc, fmt.Errorf("got %q: the falling level must not exceed the rising one", s)
	}
	return sc, nil
}

func parseLevel(w string, u l2.StormUnit) (int64, error) {
	if u == l2.StormPPS {
		v, err := strconv.ParseInt(w, 10, 64)
		if err != nil || v < 0 {
			return 0, fmt.Errorf("%q is not a packet rate", w)
		}
		return v, nil
	}
	v, err := strconv.ParseFloat(w, 64)
	if err != nil || v < 0 || v > 100 {
		return 0, fmt.Errorf("%q is not a percentage from 0.00 to 100.00", w)
	}
	return int64(v*100 + 0.5), nil
}
