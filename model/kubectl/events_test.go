package kubectl

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestEvents: the components' events, as kubectl get events lists them
// (a pod's before its ReplicaSet's, as Event names sort) and describe
// counts repeated ones.
func TestEvents(t *testing.T) {
	const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        readinessProbe:
          exec:
            command: ["cat", "/tmp/ready"]
          periodSeconds: 5
`
	h := newHarness(t, memFiles{"web.yaml": web})
	// A new cluster's nodes have their start events, in default.
	var boot []string
	for _, l := range strings.Split(h.run(t, "kubectl get events").Stdout, "\n") {
		if f := strings.Fields(l); len(f) > 1 {
			boot = append(boot, strings.Join(f[1:], " "))
		}
	}
	for _, line := range []string{
		"Normal Starting node/node-1 Starting kubelet.",
		"Normal NodeReady node/node-1 Node node-1 status is now: NodeReady",
		"Normal RegisteredNode node/node-1 Node node-1 event: Registered Node node-1 in Controller",
		"Normal Starting node/node-1",
	} {
		if !slices.Contains(boot, line) {
			t.Errorf("get events on a new cluster lacks %q:\n%s", line, boot)
		}
	}
	h.run(t, "kubectl apply -f web.yaml")
	h.sleep(t, 13*time.Second)
	pods := h.c.API.List("Pod", "default")
	if len(pods) != 1 {
		t.Fatalf("%d pods, want 1", len(pods))
	}
	pod := pods[0].Meta().Name
	rs := pod[:strings.LastIndex(pod, "-")]
	lines := strings.Split(strings.TrimSpace(h.run(t, "kubectl get events").Stdout), "\n")
	if got := strings.Fields(lines[0]); strings.Join(got, " ") != "LAST SEEN TYPE REASON OBJECT MESSAGE" {
		t.Errorf("header = %q", lines[0])
	}
	var got []string
	for _, l := range lines[1:] {
		if f := strings.Fields(l); !strings.HasPrefix(f[3], "node/") {
			got = append(got, strings.Join(f[1:4], " ")) // TYPE REASON OBJECT
		}
	}
	want := []string{
		"Normal Scheduled pod/" + pod,
		"Normal Pulled pod/" + pod,
		"Normal Created pod/" + pod,
		"Normal Started pod/" + pod,
		"Warning Unhealthy pod/" + pod,
		"Normal SuccessfulCreate replicaset/" + rs,
		"Normal ScalingReplicaSet deployment/web",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kubectl get events (-want +got):\n%s", diff)
	}
	sorted := strings.Split(strings.TrimSpace(h.run(t, "kubectl get events --sort-by=.lastTimestamp").Stdout), "\n") // node events first
	if last := strings.Fields(sorted[len(sorted)-1]); last[2] != "Unhealthy" {
		t.Errorf("last event by lastTimestamp = %v, want the Unhealthy one", last)
	}
	describe := h.run(t, "kubectl describe pod "+pod).Stdout
	for _, line := range []string{
		"Normal   Scheduled  ",
		"Successfully assigned default/" + pod + " to node-",
		`Container image "nginx:1.27" already present on machine`,
		"Created container: web",
		"Started container web",
		"Warning  Unhealthy  0s (x3 over 10s)  kubelet            Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory",
	} {
		if !strings.Contains(describe, line) {
			t.Errorf("describe pod lacks %q:\n%s", line, describe)
		}
	}
}

// TestWatchListsOnce: get -w prints the list and says it stops there.
func TestWatchListsOnce(t *testing.T) {
	h := newHarness(t, nil)
	r := h.run(t, "kubectl get nodes -w")
	if !strings.HasPrefix(r.Stdout, "NAME ") || !strings.Contains(r.Stderr, "get -w lists once here") || r.Exit != 0 {
		t.Errorf("get -w = stdout %q, stderr %q, exit %d", r.Stdout, r.Stderr, r.Exit)
	}
}

// TestWaitForDeploymentConditions: wait reads the conditions the
// deployment controller sets, Available and Progressing alike.
func TestWaitForDeploymentConditions(t *testing.T) {
	h := newHarness(t, memFiles{"sleep.yaml": sleepDeployment("sleep")})
	h.run(t, "kubectl apply -f sleep.yaml")
	for _, line := range []string{
		"kubectl wait --for=condition=Available deployment/sleep --timeout=30s",
		"kubectl wait --for=condition=Progressing deployment/sleep --timeout=5s",
	} {
		if r := h.run(t, line); r.Output() != "deployment.apps/sleep condition met\n" || r.Exit != 0 {
			t.Errorf("%s = %q exit %d", line, r.Output(), r.Exit)
		}
	}
	if r := h.run(t, "kubectl wait --for=condition=Available=False deployment/sleep --timeout=2s"); r.Exit == 0 {
		t.Errorf("wait for Available=False on an available Deployment = %q, want a timeout", r.Output())
	}
}
