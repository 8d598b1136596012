package tui

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/netfilter"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// bigWalk is a walkthrough over a synthetic trace of n records, each
// writing one key, with a step every 1000 records.
func bigWalk(b *testing.B, n int) *walk {
	e := sim.New(1)
	for i := 0; i < n; i++ {
		if i%1000 == 0 {
			e.Emit(kindStep, fmt.Sprintf("step %d", i/1000+1), nil)
			continue
		}
		e.Set(fmt.Sprintf("k/%d", i%5000), i)
		e.Emit("state", fmt.Sprintf("record %d", i), nil)
	}
	sc := &scenarios.Scenario{Metadata: scenarios.Meta{Name: "big", Title: "a big trace"}}
	rep := &scenarios.Report{Cluster: &cluster.Cluster{Engine: e}}
	st := newStyles(true)
	w := newWalk(&st, sc, rep, scenarios.Options{})
	w.SetSize(120, 40)
	return w
}

// BenchmarkStepAndRender steps forward or back one record in the middle
// of a 1,000,000-record trace and renders the frame.
func BenchmarkStepAndRender(b *testing.B) {
	w := bigWalk(b, 1_000_000)
	w.seek(500_000)
	next, prev := press("j"), press("k")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := next
		if i%2 == 1 {
			k = prev
		}
		w.Update(tea.KeyPressMsg(k))
		_ = w.View()
	}
}

// bigCluster is a walkthrough of a synthetic cluster: 1,000 pods, 500
// Services and a node whose tables hold 10,000 rules, and a packet that
// walked 40 of them, at the packet's record.
func bigCluster(b *testing.B) *walk {
	e := sim.New(1)
	e.Emit(kindStep, "step 1: a big cluster", nil)
	for i := 0; i < 1000; i++ {
		p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: fmt.Sprintf("web-%04d", i), Namespace: "default",
			Labels: map[string]string{"app": fmt.Sprintf("web-%d", i%500)}}}
		p.Kind = "Pod"
		p.Spec.NodeName = fmt.Sprintf("node-%d", i%10)
		p.Status.Phase = "Running"
		p.Status.PodIP = fmt.Sprintf("10.244.%d.%d", i/250, i%250+2)
		e.Set("api/Pod/default/"+p.Name, p)
	}
	var rules strings.Builder
	rules.WriteString("*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n")
	var steps []netfilter.Step
	for i := 0; i < 10_000; i++ {
		line := fmt.Sprintf("-A KUBE-SERVICES -d 10.96.%d.%d/32 -p tcp -m comment --comment \"default/svc-%d cluster IP\" -m tcp --dport 80 -j KUBE-SVC-%016X", i/250, i%250, i, i)
		rules.WriteString(line + "\n")
		if i%250 == 0 {
			steps = append(steps, netfilter.Step{Table: kubeproxy.TableNAT, Chain: "KUBE-SERVICES", Rule: i + 1, Text: line, Verdict: "continue"})
		}
	}
	rules.WriteString("COMMIT\n")
	e.Set(kubeproxy.IPTablesKey("node-1"), rules.String())
	e.Emit("state", "the cluster is up", nil)
	pkt := network.Packet{ID: 1, Src: netip.MustParseAddrPort("10.244.1.3:40000"), Dst: netip.MustParseAddrPort("10.96.39.250:80"), Proto: network.TCP}
	res := &netfilter.Result{Steps: steps, Rules: 10_002}
	d := &network.HopDetail{Node: "node-1", Stage: "from pod", Before: pkt, After: pkt,
		Hooks: []network.FilterResult{{Packet: pkt, Notes: []string{"nat PREROUTING"}, Detail: res}}}
	e.Emit("packet.routed", "node-1 routes a packet", d)
	sc := &scenarios.Scenario{Metadata: scenarios.Meta{Name: "big", Title: "a big cluster"}, Steps: []scenarios.Step{{Name: "a big cluster"}}}
	rep := &scenarios.Report{Cluster: &cluster.Cluster{Engine: e}}
	st := newStyles(false)
	w := newWalk(&st, sc, rep, scenarios.Options{})
	w.SetSize(120, 40)
	w.seek(w.at.last())
	return w
}

// BenchmarkRenderBigCluster draws one frame of each view at the packet's
// record of a cluster with 1,000 pods and a 10,000-rule table: the rules
// and cluster views are the figure (goal ≤ 10 ms a frame).
func BenchmarkRenderBigCluster(b *testing.B) {
	w := bigCluster(b)
	for _, v := range []int{paneRules, paneCluster, panePacket} {
		b.Run(w.panes[v].Title(), func(b *testing.B) {
			w.show(v)
			for i := 0; i < b.N; i++ {
				_ = w.View()
			}
		})
	}
	// A frame after a step: every view rebuilt (the rules view re-marks
	// the packet's rules), then drawn.
	for _, v := range []int{paneRules, paneCluster} {
		b.Run("step+"+w.panes[v].Title(), func(b *testing.B) {
			w.show(v)
			for i := 0; i < b.N; i++ {
				w.seek(w.at.last() - i%2)
				_ = w.View()
			}
		})
	}
}
