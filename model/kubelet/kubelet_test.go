package kubelet_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/model/controllers"
)

func boot(t *testing.T) *cluster.Cluster {
	t.Helper()
	c, err := cluster.New(cluster.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func pod(name, node, image string) *api.Pod {
	return &api.Pod{
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": name}},
		Spec:       api.PodSpec{NodeName: node, Containers: []api.Container{{Name: "c", Image: image}}},
	}
}

func get(t *testing.T, c *cluster.Cluster, name string) *api.Pod {
	t.Helper()
	o, ok := c.API.Get("Pod", "default", name)
	if !ok {
		t.Fatalf("pod %s not found", name)
	}
	return o.(*api.Pod)
}

func run(t *testing.T, c *cluster.Cluster, d time.Duration) {
	t.Helper()
	if err := c.Engine.RunUntil(c.Engine.Now() + d); err != nil {
		t.Fatal(err)
	}
}

// TestIPAMHandsOutInOrderAndNeverTheOneJustFreed: host-local gives .2,
// .3, ... and a replacement gets the next address, not the freed one.
func TestIPAMHandsOutInOrderAndNeverTheOneJustFreed(t *testing.T) {
	c := boot(t)
	var ips []string
	for _, n := range []string{"a", "b"} {
		if _, err := c.API.Create(pod(n, "node-1", "nginx")); err != nil {
			t.Fatal(err)
		}
	}
	run(t, c, 3*time.Second)
	for _, n := range []string{"a", "b"} {
		ips = append(ips, get(t, c, n).Status.PodIP)
	}
	if err := c.API.Delete("Pod", "default", "a", apiserver.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	run(t, c, time.Second)
	if _, err := c.API.Create(pod("c", "node-1", "nginx")); err != nil {
		t.Fatal(err)
	}
	run(t, c, 3*time.Second)
	got := get(t, c, "c").Status.PodIP
	// node-1's range is 10.244.1.0/24; coredns holds .2 there.
	a, _ := netip.ParseAddr(ips[0])
	b, _ := netip.ParseAddr(ips[1])
	if b != a.Next() {
		t.Errorf("second pod got %s, want the address after %s", b, a)
	}
	if got == ips[0] || got != b.Next().String() {
		t.Errorf("replacement got %s; want %s (the next address, not the freed %s)", got, b.Next(), ips[0])
	}
}

// TestGracefulStop: a program that ignores SIGTERM holds the pod for the
// whole grace period; one that exits stops it at once. Checked at T and
// just after.
func TestGracefulStop(t *testing.T) {
	tests := []struct {
		image string
		gone  time.Duration
	}{
		{"kiamol/ch03-sleep", 30 * time.Second},
		{"nginx", 100 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.image, func(t *testing.T) {
			c := boot(t)
			if _, err := c.API.Create(pod("p", "node-1", tc.image)); err != nil {
				t.Fatal(err)
			}
			run(t, c, 3*time.Second)
			if err := c.API.Delete("Pod", "default", "p", apiserver.DeleteOptions{}); err != nil {
				t.Fatal(err)
			}
			// The kubelet hears of the deletion after the watch delay.
			run(t, c, tc.gone+c.Config.Params.WatchDelay-time.Millisecond)
			if _, ok := c.API.Get("Pod", "default", "p"); !ok {
				t.Fatalf("pod gone before %s", tc.gone)
			}
			run(t, c, 2*time.Millisecond)
			if _, ok := c.API.Get("Pod", "default", "p"); ok {
				t.Fatalf("pod still there after %s", tc.gone)
			}
		})
	}
}

// TestAdoptRunningPod: a pod applied with its status (from kubectl get
// -o yaml) keeps its IP and is served at once.
func TestAdoptRunningPod(t *testing.T) {
	c := boot(t)
	p := pod("imported", "node-1", "nginx")
	p.Status = api.PodStatus{Phase: "Running", PodIP: "10.244.1.77", PodIPs: []api.PodIP{{IP: "10.244.1.77"}},
		Conditions: []api.PodCondition{{Type: "Ready", Status: "True"}}}
	if _, err := c.API.Create(p); err != nil {
		t.Fatal(err)
	}
	run(t, c, time.Second)
	got := get(t, c, "imported")
	if got.Status.PodIP != "10.244.1.77" || !controllers.PodReady(got) {
		t.Errorf("imported pod: IP %s, ready %v; want 10.244.1.77 and ready", got.Status.PodIP, controllers.PodReady(got))
	}
	ns, ok := c.Kubelets["node-1"].NetNS("default/imported")
	if !ok || !ns.Listening(6, 80) {
		t.Errorf("imported pod does not listen on 80")
	}
}

// TestReadinessThresholds: an exec probe on a file; the pod turns ready
// one period after the file appears and unready after failureThreshold
// failures.
func TestReadinessThresholds(t *testing.T) {
	c := boot(t)
	p := pod("r", "node-1", "kiamol/ch03-sleep")
	p.Spec.Containers[0].ReadinessProbe = &api.Probe{Exec: &api.ExecAction{Command: []string{"cat", "/tmp/ready"}}, PeriodSeconds: 5, FailureThreshold: 2}
	if _, err := c.API.Create(p); err != nil {
		t.Fatal(err)
	}
	run(t, c, 10*time.Second)
	if controllers.PodReady(get(t, c, "r")) {
		t.Fatal("pod ready without /tmp/ready")
	}
	files, _ := c.Kubelets["node-1"].Files("default/r")
	files["/tmp/ready"] = ""
	run(t, c, 5*time.Second+time.Millisecond)
	if !controllers.PodReady(get(t, c, "r")) {
		t.Fatal("pod not ready one period after /tmp/ready appeared")
	}
	delete(files, "/tmp/ready")
	run(t, c, 5*time.Second)
	if !controllers.PodReady(get(t, c, "r")) {
		t.Fatal("pod unready after one failure; failureThreshold is 2")
	}
	run(t, c, 5*time.Second)
	if controllers.PodReady(get(t, c, "r")) {
		t.Fatal("pod still ready after two failures")
	}
}

// TestReportedStatus checks what the kubelet reports as `kubectl get pod
// -o yaml` shows it: the conditions in the kubelet's order (PodScheduled,
// set by the scheduler, last), ContainersNotReady with its message until
// the containers are ready, and the mounts of a running container.
func TestReportedStatus(t *testing.T) {
	type cond struct{ Type, Status, Reason, Message string }
	conds := func(p *api.Pod) []cond {
		var out []cond
		for _, c := range p.Status.Conditions {
			out = append(out, cond{c.Type, c.Status, c.Reason, c.Message})
		}
		return out
	}
	const unready = "containers with unready status: [web side]"
	c := boot(t)
	p := pod("s", "", "nginx:1.27")
	p.Spec.Containers = []api.Container{{Name: "web", Image: "nginx:1.27"}, {Name: "side", Image: "busybox"}}
	if _, err := c.API.Create(p); err != nil {
		t.Fatal(err)
	}
	run(t, c, time.Second)
	creating := get(t, c, "s")
	want := []cond{
		{"PodReadyToStartContainers", "False", "", ""},
		{"Initialized", "True", "", ""},
		{"Ready", "False", "ContainersNotReady", unready},
		{"ContainersReady", "False", "ContainersNotReady", unready},
		{"PodScheduled", "True", "", ""},
	}
	if diff := cmp.Diff(want, conds(creating)); diff != "" {
		t.Errorf("conditions while containers are created (-want +got):\n%s", diff)
	}
	if m := creating.Status.ContainerStatuses[0].VolumeMounts; !m.IsZero() {
		t.Errorf("a waiting container reports mounts %v, want none", m.Value())
	}
	run(t, c, 2*time.Second)
	running := get(t, c, "s")
	want = []cond{
		{"PodReadyToStartContainers", "True", "", ""},
		{"Initialized", "True", "", ""},
		{"Ready", "True", "", ""},
		{"ContainersReady", "True", "", ""},
		{"PodScheduled", "True", "", ""},
	}
	if diff := cmp.Diff(want, conds(running)); diff != "" {
		t.Errorf("conditions once running (-want +got):\n%s", diff)
	}
	if got, want := running.Status.Conditions[4].LastTransitionTime, creating.Status.Conditions[4].LastTransitionTime; got != want {
		t.Errorf("PodScheduled moved from %v to %v; the kubelet keeps the scheduler's time", want, got)
	}
	for i, cs := range running.Status.ContainerStatuses {
		mounts := running.Spec.Containers[i].VolumeMounts.Value().([]any)
		name := mounts[0].(map[string]any)["name"]
		wantMounts := []any{map[string]any{"mountPath": api.TokenMountPath, "name": name, "readOnly": true, "recursiveReadOnly": "Disabled"}}
		if diff := cmp.Diff(wantMounts, cs.VolumeMounts.Value()); diff != "" {
			t.Errorf("container %s status mounts (-want +got):\n%s", cs.Name, diff)
		}
	}
}
