package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/scenarios"
)

// layer2File is a scenario with a switch under the nodes: ARP for a
// curl to a NodePort, then a scan of the LAN whose ARP broadcasts trip
// storm control (pps 5, action shutdown) on the workstation's port.
const layer2File = "testdata/layer2-storm.yaml"

func loadFile(t *testing.T, file string) *scenarios.Scenario {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load(file, data, filepath.Dir(file))
	if err != nil {
		t.Fatalf("scenarios.Load(%s): %v", file, err)
	}
	return sc
}

// openScenario opens a scenario at once at a fixed size.
func openScenario(t *testing.T, sc *scenarios.Scenario, w, h int) *Model {
	t.Helper()
	m := New(Options{Library: builtins(t), Open: sc, Mono: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(m, m.Init())
	if m.screen != screenWalk {
		t.Fatalf("opening %s: screen %d, message %q", sc.Metadata.Name, m.screen, m.message)
	}
	return m
}

// TestLayer2Goldens draws the packet view on ARP frames and the switch
// view before, during and after the storm, and the switch view of a
// scenario without layer 2.
func TestLayer2Goldens(t *testing.T) {
	tests := []struct {
		name, kind, text string
		keys             []string
	}{
		{"frame-arp-request", "arp.request", "who-has 192.168.49.3", []string{"2"}},
		{"frame-arp-cache", "arp.cache", "node-1: ARP cache created", []string{"2"}},
		{"frame-flood", "l2.flood", "who-has 192.168.49.3", []string{"2"}},
		{"switch-arp", "arp.cache", "workstation: ARP cache updated", []string{"7"}},
		{"switch-storm", "l2.errdisable", "", []string{"7"}},
		{"switch-plot", "l2.drop", "port err-disabled", []string{"7", "pgdown"}},
		{"switch-end", "", "", []string{"7", "G", "o", "o"}},
	}
	sc := loadFile(t, layer2File)
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, tc := range tests {
			name := fmt.Sprintf("%s-%dx%d", tc.name, size.w, size.h)
			t.Run(name, func(t *testing.T) {
				m := openScenario(t, sc, size.w, size.h)
				if tc.kind != "" {
					seekKind(t, m, tc.kind, tc.text)
				}
				drive(t, m, tc.keys...)
				got := text(m)
				checkSize(t, got, size.w, size.h)
				golden(t, name, got)
			})
		}
		t.Run(fmt.Sprintf("switch-none-%dx%d", size.w, size.h), func(t *testing.T) {
			m := openSized(t, "selector-typo", size.w, size.h)
			drive(t, m, "7")
			got := text(m)
			checkSize(t, got, size.w, size.h)
			if !strings.Contains(got, "No layer 2 in this scenario: set cluster.layer2") {
				t.Errorf("the switch view of a scenario without layer 2 does not say so:\n%s", got)
			}
		})
	}
}

// TestPortCounters checks the counters derived from the records against
// the switch's own at the end of the run.
func TestPortCounters(t *testing.T) {
	sc := loadFile(t, layer2File)
	rep := scenarios.Run(sc, scenarios.Options{})
	if rep.Cluster == nil || rep.Cluster.LAN == nil {
		t.Fatalf("%s ran without a LAN: %s", layer2File, rep.Error)
	}
	recs := rep.Cluster.Engine.Trace().Records()
	defer func(n int) { checkpointEvery = n }(checkpointEvery)
	checkpointEvery = 3
	x := buildL2Index(recs, rep.Cluster.StartTime, limitOf(sc))
	sw := rep.Cluster.LAN.Switch()
	if got, want := len(x.names), sw.Ports(); got != want {
		t.Fatalf("index has %d ports, want %d", got, want)
	}
	counts := x.countersAt(recs, len(recs)-1)
	for i := range x.names {
		got, want := counts[i], sw.Counters(i)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("port %s counters from the records differ from the switch's (-switch +records):\n%s", x.names[i], diff)
		}
	}
	// Every record: the checkpoints and replay give what one pass gives.
	cur := make([]l2.Counters, len(x.names))
	for i := range recs {
		if recs[i].Component == compSwtch {
			x.apply(recs, i, cur)
		}
		if diff := cmp.Diff(cur, x.countersAt(recs, i)); diff != "" {
			t.Fatalf("countersAt(%d) differs from one pass over the records (-pass +countersAt):\n%s", i, diff)
		}
	}
}

// TestLimitOf reads storm-control and DAI levels as the plot's limit.
func TestLimitOf(t *testing.T) {
	tests := []struct {
		name string
		l2   *scenarios.Layer2
		want float64
		arp  bool
	}{
		{"none", nil, 0, false},
		{"defaults", &scenarios.Layer2{}, 0, false},
		{"pps", &scenarios.Layer2{StormControl: &scenarios.StormControl{BroadcastLevel: "pps 20 10"}}, 20, false},
		{"percent", &scenarios.Layer2{StormControl: &scenarios.StormControl{BroadcastLevel: "1.00"}}, 1e9 / 100 / 672, false},
		{"bad level", &scenarios.Layer2{StormControl: &scenarios.StormControl{BroadcastLevel: "pps x"}}, 0, false},
		{"dai default rate", &scenarios.Layer2{ARPInspection: &scenarios.ARPInspection{}}, l2.DefaultDAIRate, true},
		{"dai rate", &scenarios.Layer2{ARPInspection: &scenarios.ARPInspection{Rate: 30}}, 30, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := &scenarios.Scenario{Cluster: scenarios.Cluster{Layer2: tc.l2}}
			got := limitOf(sc)
			if got.max != tc.want || got.arp != tc.arp {
				t.Errorf("limitOf(%+v) = max %v arp %v, want max %v arp %v", tc.l2, got.max, got.arp, tc.want, tc.arp)
			}
		})
	}
}
