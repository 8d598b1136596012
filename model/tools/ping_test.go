package tools

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/network"
)

func replies(ttl uint8, rtts ...time.Duration) []network.PingReply {
	var rs []network.PingReply
	for i, d := range rtts {
		rs = append(rs, network.PingReply{Seq: i, TTL: ttl, RTT: d})
	}
	return rs
}

func TestPingGolden(t *testing.T) {
	us := time.Microsecond
	for _, tc := range []struct {
		name string
		args string
		res  network.PingResult
	}{
		{"ping_pod", "-c 2 10.244.2.5", network.PingResult{Target: "10.244.2.5", Addr: podIP, Sent: 2, Replies: replies(62, 101*us, 89*us)}},
		{"ping_clusterip", "-c 1 sleep-2", network.PingResult{Target: "sleep-2", Addr: netipMust("10.96.190.233"), Sent: 1}},
		{"ping_bad_address", "-c 1 numbers-ap", network.PingResult{Target: "numbers-ap", ErrText: "bad address 'numbers-ap'"}},
		{"ping_quiet", "-q -c 3 10.244.2.5", network.PingResult{Target: "10.244.2.5", Addr: podIP, Sent: 3, Replies: replies(62, 1234*us, 2*time.Millisecond, 150*us)}},
		{"ping_partial", "-c 4 10.244.2.5", network.PingResult{Target: "10.244.2.5", Addr: podIP, Sent: 4, Replies: replies(63, 80*us)}},
		{"ping_deadline_short", "-w 3 -c 5 10.244.2.5", network.PingResult{Target: "10.244.2.5", Addr: podIP, Sent: 3, Replies: replies(62, 80*us, 90*us, 70*us)}},
		{"ping_deadline_only", "-w 2 10.244.2.5", network.PingResult{Target: "10.244.2.5", Addr: podIP, Sent: 2, Replies: replies(62, 80*us)}},
		{"ping_size", "-s 100 -c 1 10.244.2.5", network.PingResult{Target: "10.244.2.5", Addr: podIP, Sent: 1, Replies: replies(64, 55*us)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := ParsePing(strings.Fields(tc.args))
			if err != nil {
				t.Fatalf("ParsePing(%q) = %v", tc.args, err)
			}
			stdout, stderr, exit := FormatPing(o, tc.res)
			checkGolden(t, tc.name, transcript("ping "+tc.args, stdout, stderr, exit))
		})
	}
}

func TestPingParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, args string }{
		{"ping_usage_noarg", ""},
		{"ping_usage_after_host", "sleep-2 -c 1"},
		{"ping_bad_count", "-c x sleep-2"},
		{"ping_unknown_option", "-z sleep-2"},
		{"ping_missing_argument", "sleep-2 -c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePing(strings.Fields(tc.args))
			if err == nil {
				t.Fatalf("ParsePing(%q) = nil error, want one", tc.args)
			}
			stdout, stderr, exit := Output(err)
			checkGolden(t, tc.name, transcript("ping "+tc.args, stdout, stderr, exit))
		})
	}
}

func TestParsePing(t *testing.T) {
	for _, tc := range []struct {
		args string
		want PingOptions
	}{
		{"-c 2 10.0.0.1", PingOptions{Size: 56, CountFlag: 2, Net: network.PingOptions{Target: "10.0.0.1", Count: 2, Interval: time.Second, Wait: 10 * time.Second}}},
		{"-qc2 -i 0.2 -W 1 x", PingOptions{Size: 56, Quiet: true, CountFlag: 2, Net: network.PingOptions{Target: "x", Count: 2, Interval: 200 * time.Millisecond, Wait: time.Second}}},
		{"-w 3 -i 2 x", PingOptions{Size: 56, Deadline: 3 * time.Second, Net: network.PingOptions{Target: "x", Count: 2, Interval: 2 * time.Second, Wait: 10 * time.Second}}},
		{"x", PingOptions{Size: 56, Unbounded: true, Net: network.PingOptions{Target: "x", Interval: time.Second, Wait: 10 * time.Second}}},
		{"-- x", PingOptions{Size: 56, Unbounded: true, Net: network.PingOptions{Target: "x", Interval: time.Second, Wait: 10 * time.Second}}},
	} {
		t.Run(tc.args, func(t *testing.T) {
			got, err := ParsePing(strings.Fields(tc.args))
			if err != nil {
				t.Fatalf("ParsePing(%q) = %v", tc.args, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParsePing(%q) mismatch (-want +got):\n%s", tc.args, diff)
			}
		})
	}
}
