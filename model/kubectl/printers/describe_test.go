package printers

import (
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// withServiceAccountVolume adds what admission adds to every pod: the
// kube-api-access volume and mount, and the default tolerations.
func withServiceAccountVolume(p *api.Pod) *api.Pod {
	extra := p.Spec.Extra()
	extra.Volumes = api.OpaqueOf([]any{map[string]any{"name": "kube-api-access-7x4kq", "projected": map[string]any{
		"defaultMode": int64(420), "sources": []any{
			map[string]any{"serviceAccountToken": map[string]any{"expirationSeconds": int64(3607), "path": "token"}},
			map[string]any{"configMap": map[string]any{"name": "kube-root-ca.crt"}},
			map[string]any{"downwardAPI": map[string]any{}},
		}}}})
	p.Spec.Containers[0].VolumeMounts = api.OpaqueOf([]any{map[string]any{
		"name": "kube-api-access-7x4kq", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true}})
	extra.Tolerations = api.OpaqueOf([]any{
		map[string]any{"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": int64(300)},
		map[string]any{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": int64(300)},
	})
	p.Spec.PodSpecExtra = &extra
	return p
}

func TestDescribeGolden(t *testing.T) {
	pods := fixturePods()
	sleep1 := withServiceAccountVolume(pods[0])
	sleep1.Spec.Containers[0].Command = []string{"sleep", "infinity"}
	sleep1.Spec.Containers[0].Env = []api.EnvVar{{Name: "API_URL", Value: "http://numbers-api/rng"}}
	sleep1.Spec.Containers[0].ReadinessProbe = &api.Probe{HTTPGet: &api.HTTPGetAction{Path: "/healthz", Port: api.FromInt(80), Scheme: "HTTP"},
		TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}
	podEvents := []Event{
		{Type: "Normal", Reason: "Started", From: "kubelet", Message: "Started container app", First: 90*time.Minute + 3*time.Second, Last: 90*time.Minute + 3*time.Second, Count: 1},
		{Type: "Normal", Reason: "Scheduled", From: "default-scheduler", Message: "Successfully assigned default/sleep-1-7c9b6f7d8c-2xk4p to worker-1", First: 90 * time.Minute, Last: 90 * time.Minute, Count: 1},
		{Type: "Normal", Reason: "Pulled", From: "kubelet", Message: "Container image \"kiamol/ch03-sleep\" already present on machine", First: 90*time.Minute + time.Second, Last: 90*time.Minute + 2*time.Second, Count: 1},
		{Type: "Warning", Reason: "Unhealthy", From: "kubelet", Message: "Readiness probe failed: connection refused", First: 100 * time.Minute, Last: now - 30*time.Second, Count: 4},
	}
	restarted := withServiceAccountVolume(pods[2])
	svcs := fixtureServices()
	slices := fixtureSlices()
	nodes := fixtureNodes()
	tests := []struct {
		name string
		obj  api.Object
		ctx  DescribeContext
	}{
		{"pod", sleep1, DescribeContext{Events: podEvents}},
		{"pod-restarted", restarted, DescribeContext{}},
		{"pod-pending", pods[3], DescribeContext{}},
		{"pod-terminating", pods[4], DescribeContext{}},
		{"svc-clusterip", svcs[1], DescribeContext{EndpointSlices: slices[:1]}},
		{"svc-loadbalancer", svcs[2], DescribeContext{Events: []Event{{Type: "Normal", Reason: "IPAllocated", From: "metallb-controller",
			Message: "Assigned IP [\"172.18.255.200\"]", First: 10 * time.Minute, Last: 10 * time.Minute, Count: 1}}}},
		{"svc-nodeport", svcs[4], DescribeContext{EndpointSlices: slices[2:3]}},
		{"svc-externalname", svcs[5], DescribeContext{}},
		{"svc-headless", svcs[6], DescribeContext{EndpointSlices: slices[1:2]}},
		{"svc-kube-dns", svcs[7], DescribeContext{}},
		{"node", nodes[1], DescribeContext{Pods: []*api.Pod{pods[0], pods[2], pods[5]}}},
		{"node-notready", nodes[2], DescribeContext{Events: []Event{{Type: "Normal", Reason: "NodeNotReady", From: "node-controller",
			Message: "Node worker-2 status is now: NodeNotReady", First: now - 3*time.Minute, Last: now - 3*time.Minute, Count: 1}}}},
		{"node-control-plane", nodes[0], DescribeContext{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.ctx.Now = now
			var b strings.Builder
			if err := Describe(&b, tc.obj, tc.ctx); err != nil {
				t.Fatalf("Describe() = %v", err)
			}
			checkGolden(t, "describe-"+tc.name, b.String())
		})
	}
}

func TestDescribeUnsupported(t *testing.T) {
	ns := &api.Namespace{ObjectMeta: api.ObjectMeta{Name: "default"}}
	if err := Describe(&strings.Builder{}, ns, DescribeContext{}); err == nil {
		t.Error("Describe(Namespace) = nil, want error")
	}
	if CanDescribe("Namespace") {
		t.Error("CanDescribe(Namespace) = true, want false")
	}
}
