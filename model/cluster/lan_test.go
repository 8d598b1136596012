package cluster

import (
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
)

// TestLayer2Ping pings a node from the learner's machine over the
// switched LAN: the first echo waits for ARP; a stopped node's address
// never resolves, and the cache gives up after mcast_solicit tries one
// retrans_time apart.
func TestLayer2Ping(t *testing.T) {
	for _, tc := range []struct {
		name     string
		stop     bool
		replies  int
		wantKind []string // record kinds that must appear, in order
	}{
		{"node up", false, 2, []string{"arp.request", "arp.cache", "arp.reply", "arp.cache"}},
		{"node stopped", true, 0, []string{"l2.link", "arp.request", "arp.request", "arp.request", "arp.failed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Layer2 = DefaultLayer2()
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if tc.stop {
				if err := c.StopNode("node-1"); err != nil {
					t.Fatal(err)
				}
			}
			var got network.PingResult
			c.Network.Ping(c.Workstation, network.PingOptions{Target: c.Network.Host("node-1").IP.String(), Count: 2, Interval: time.Second, Wait: 5 * time.Second}, func(r network.PingResult) { got = r })
			if err := c.Engine.RunUntil(c.Engine.Now() + 10*time.Second); err != nil {
				t.Fatal(err)
			}
			if len(got.Replies) != tc.replies {
				t.Errorf("%d replies, want %d", len(got.Replies), tc.replies)
			}
			var kinds []string
			for _, r := range c.Engine.Trace().Records()[c.StartIndex:] {
				if strings.HasPrefix(r.Kind, "arp.") || r.Kind == "l2.link" {
					kinds = append(kinds, r.Kind)
				}
			}
			if !isSubsequence(tc.wantKind, kinds) {
				t.Errorf("layer-2 records %v, want %v among them in order", kinds, tc.wantKind)
			}
			port := c.LAN.Switch().Status(1) // node-1's port
			if want := map[bool]l2.PortState{false: l2.PortConnected, true: l2.PortNotConnect}[tc.stop]; port.State != want {
				t.Errorf("node-1's port is %s, want %s", port.State, want)
			}
		})
	}
}

func isSubsequence(want, got []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}
