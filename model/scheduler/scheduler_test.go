package scheduler_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/cluster"
)

func boot(t *testing.T, nodes ...cluster.NodeConfig) *cluster.Cluster {
	t.Helper()
	cfg := cluster.DefaultConfig()
	if len(nodes) > 0 {
		cfg.Nodes = nodes
	}
	c, err := cluster.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func createPods(t *testing.T, c *cluster.Cluster, n int, selector map[string]string) {
	t.Helper()
	for i := 0; i < n; i++ {
		p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: fmt.Sprintf("p-%d", i), Namespace: "default"},
			Spec: api.PodSpec{NodeSelector: selector, Containers: []api.Container{{Name: "c", Image: "nginx"}}}}
		if _, err := c.API.Create(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Engine.RunUntil(c.Engine.Now() + time.Second); err != nil {
		t.Fatal(err)
	}
}

func perNode(c *cluster.Cluster) map[string]int {
	out := map[string]int{}
	for _, o := range c.API.List("Pod", "default") {
		out[o.(*api.Pod).Spec.NodeName]++
	}
	return out
}

func TestSpreadsAndAvoidsTheControlPlane(t *testing.T) {
	c := boot(t)
	createPods(t, c, 10, nil)
	got := perNode(c)
	// Each worker already runs one CoreDNS pod; ten more split evenly.
	if got["control-plane"] != 0 || got["node-1"] != 5 || got["node-2"] != 5 {
		t.Errorf("pods per node = %v, want node-1: 5, node-2: 5, control-plane: 0 (tainted)", got)
	}
}

func TestSingleNodeClusterUsesTheControlPlane(t *testing.T) {
	c := boot(t, cluster.NodeConfig{Name: "docker-desktop", ControlPlane: true})
	createPods(t, c, 2, nil)
	if got := perNode(c); got["docker-desktop"] != 2 {
		t.Errorf("pods per node = %v, want both on docker-desktop (no taint on a single node)", got)
	}
}

func TestNodeSelectorAndUnschedulable(t *testing.T) {
	c := boot(t, cluster.NodeConfig{Name: "cp", ControlPlane: true},
		cluster.NodeConfig{Name: "a", Labels: map[string]string{"disk": "ssd"}}, cluster.NodeConfig{Name: "b"})
	createPods(t, c, 3, map[string]string{"disk": "ssd"})
	if got := perNode(c); got["a"] != 3 {
		t.Errorf("pods per node = %v, want all 3 on a (disk=ssd)", got)
	}
	p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: "nowhere", Namespace: "default"},
		Spec: api.PodSpec{NodeSelector: map[string]string{"disk": "nvme"}, Containers: []api.Container{{Name: "c", Image: "nginx"}}}}
	if _, err := c.API.Create(p); err != nil {
		t.Fatal(err)
	}
	if err := c.Engine.RunUntil(c.Engine.Now() + time.Second); err != nil {
		t.Fatal(err)
	}
	o, _ := c.API.Get("Pod", "default", "nowhere")
	got := o.(*api.Pod)
	if got.Spec.NodeName != "" || len(got.Status.Conditions) == 0 || got.Status.Conditions[0].Reason != "Unschedulable" {
		t.Errorf("pod with an unmatched nodeSelector: node %q, conditions %+v; want Pending, Unschedulable", got.Spec.NodeName, got.Status.Conditions)
	}
	var failed []string
	c.API.Events().All(func(e *apiserver.Event) {
		if e.Name() == "nowhere" {
			failed = append(failed, e.Type()+" "+e.Reason())
		}
	})
	if diff := cmp.Diff([]string{"Warning FailedScheduling"}, failed); diff != "" {
		t.Errorf("events about the pod (-want +got), one attempt while nothing changes:\n%s", diff)
	}
	// A node that matches makes the scheduler try again.
	n, _ := c.API.Get("Node", "", "b")
	node := api.DeepCopy(n)
	node.Meta().Labels = map[string]string{"disk": "nvme"}
	if _, err := c.API.Update(node); err != nil {
		t.Fatal(err)
	}
	if err := c.Engine.RunUntil(c.Engine.Now() + time.Second); err != nil {
		t.Fatal(err)
	}
	if o, _ := c.API.Get("Pod", "default", "nowhere"); o.(*api.Pod).Spec.NodeName != "b" {
		t.Errorf("pod on %q after node b got disk=nvme, want b", o.(*api.Pod).Spec.NodeName)
	}
}

func TestSameSeedSamePlacement(t *testing.T) {
	place := func() map[string]int {
		c := boot(t)
		createPods(t, c, 7, nil)
		out := map[string]int{}
		for _, o := range c.API.List("Pod", "default") {
			p := o.(*api.Pod)
			out[p.Name+"@"+p.Spec.NodeName]++
		}
		return out
	}
	a, b := place(), place()
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("two runs with the same seed placed pods differently:\n%v\n%v", a, b)
	}
}
