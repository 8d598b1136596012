package l2

import (
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// garpBurst injects n gratuitous ARP frames at port in at time at (the
// shape of MetalLB's per-round burst: k IPs → 2k frames at once).
func (r *rig) garpBurst(t *testing.T, at time.Duration, in, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		vip := netip.AddrFrom4([4]byte{192, 168, 1, byte(200 + i/2)})
		op := ARPRequest
		if i%2 == 1 {
			op = ARPReply
		}
		r.e.ScheduleAt(at, r.sw.ID(), &Ingress{Port: in, Frame: NewARP(ARP{Op: op, SenderMAC: hostMAC(in), SenderIP: vip, TargetMAC: Broadcast, TargetIP: vip})})
	}
	if err := r.e.RunUntil(at); err != nil {
		t.Fatal(err)
	}
}

func TestStormControlFiftyServices(t *testing.T) {
	// 50 Services led by one node: 100 broadcast ARP frames at t=0 on its
	// port (reference §6.3). A pps threshold trips, 1 % of 1 Gb/s does not.
	tests := []struct {
		name  string
		storm StormControl
		want  PortStatus
		rx    Counters
	}{
		{
			name:  "pps 20 shutdown trips",
			storm: StormControl{Enabled: true, Unit: StormPPS, Rising: 20, Action: StormShutdown},
			want:  PortStatus{Name: "Gi1/0/1", State: PortErrDisabled, Cause: CauseStorm},
			rx:    Counters{RxFrames: 21, RxBroadcast: 21, DisabledDrops: 79},
		},
		{
			name:  "pps 20 filter drops the excess",
			storm: StormControl{Enabled: true, Unit: StormPPS, Rising: 20},
			want:  PortStatus{Name: "Gi1/0/1", Filtering: true},
			rx:    Counters{RxFrames: 100, RxBroadcast: 100, StormDrops: 80},
		},
		{
			name:  "1 percent does not trip (67,200 bit times of 10,000,000)",
			storm: StormControl{Enabled: true, Unit: StormPercent, Rising: 100, Action: StormShutdown},
			want:  PortStatus{Name: "Gi1/0/1"},
			rx:    Counters{RxFrames: 100, RxBroadcast: 100},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, 3, DefaultParams(), func(int) PortConfig { return PortConfig{Storm: tc.storm} })
			r.garpBurst(t, 0, 0, 100)
			if diff := cmp.Diff(tc.want, r.sw.Status(0)); diff != "" {
				t.Errorf("port status (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.rx, r.sw.Counters(0)); diff != "" {
				t.Errorf("port counters (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStormControlFilterResumes(t *testing.T) {
	r := newRig(t, 2, DefaultParams(), func(int) PortConfig {
		return PortConfig{Storm: StormControl{Enabled: true, Unit: StormPPS, Rising: 20}}
	})
	r.garpBurst(t, 0, 0, 30)             // trips; 30 offered ≥ 20: keeps filtering in interval 1
	r.garpBurst(t, time.Second, 0, 10)   // 10 offered, all filtered
	r.garpBurst(t, 2*time.Second, 0, 10) // previous interval 10 < 20: resumes
	got := []any{r.sw.Counters(0).StormDrops, r.sw.Status(0).Filtering}
	if diff := cmp.Diff([]any{uint64(10 + 10), false}, got); diff != "" {
		t.Errorf("storm drops, filtering (-want +got):\n%s", diff)
	}
}

func TestDAIRateLimit(t *testing.T) {
	tests := []struct {
		name    string
		trusted bool
		bursts  []int // ARP frames in consecutive seconds
		want    PortState
	}{
		{"15 per second passes", false, []int{15, 15, 15}, PortConnected},
		{"16 in one second err-disables", false, []int{15, 16}, PortErrDisabled},
		{"trusted port is unlimited", true, []int{100}, PortConnected},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, 2, DefaultParams(), func(int) PortConfig { return PortConfig{DAI: true, Trusted: tc.trusted} })
			for s, n := range tc.bursts {
				r.garpBurst(t, time.Duration(s)*time.Second, 0, n)
			}
			if got := r.sw.Status(0); got.State != tc.want || (tc.want == PortErrDisabled && got.Cause != CauseDAI) {
				t.Errorf("Status(0) = %+v, want state %v", got, tc.want)
			}
		})
	}
}

func TestErrdisableRecovery(t *testing.T) {
	dai := func(int) PortConfig { return PortConfig{DAI: true} }
	tests := []struct {
		name    string
		recover bool
		at      time.Duration
		want    PortState
	}{
		{"recovery off: still down much later", false, time.Hour, PortErrDisabled},
		{"1ns before the interval: down", true, DefaultRecoveryInterval - 1, PortErrDisabled},
		{"at the interval: recovered", true, DefaultRecoveryInterval, PortConnected},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := DefaultParams()
			p.RecoverDAI = tc.recover
			r := newRig(t, 2, p, dai)
			r.garpBurst(t, 0, 0, 16)
			if err := r.e.RunUntil(tc.at); err != nil {
				t.Fatal(err)
			}
			if got := r.sw.Status(0).State; got != tc.want {
				t.Errorf("Status(0).State at %v = %v, want %v", tc.at, got, tc.want)
			}
		})
	}
}

func TestErrDisableTrace(t *testing.T) {
	r := newRig(t, 2, DefaultParams(), func(int) PortConfig { return PortConfig{DAI: true} })
	r.garpBurst(t, 0, 0, 16)
	var got []string
	for _, rec := range r.e.Trace().Records() {
		if rec.Kind == "l2.dai" || rec.Kind == "l2.errdisable" {
			got = append(got, rec.Summary)
		}
	}
	want := []string{
		"%SW_DAI-4-PACKET_RATE_EXCEEDED: 16 packets received in 1000 milliseconds on Gi1/0/1.",
		"%PM-4-ERR_DISABLE: arp-inspection error detected on Gi1/0/1, putting Gi1/0/1 in err-disable state",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("trace (-want +got):\n%s", diff)
	}
}
