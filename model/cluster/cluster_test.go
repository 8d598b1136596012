package cluster

import (
	"testing"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
)

func TestBootLeavesCoreDNSReady(t *testing.T) {
	c, err := New(DefaultConfig())
	if err != nil {
		t.Fatalf("New() = %v", err)
	}
	pods := c.API.List("Pod", "kube-system")
	if len(pods) != 2 {
		t.Fatalf("kube-system has %d pods, want 2 coredns pods", len(pods))
	}
	for _, o := range pods {
		p := o.(*api.Pod)
		if p.Status.Phase != "Running" || p.Status.PodIP == "" || p.Spec.NodeName == "control-plane" {
			t.Errorf("pod %s: phase %q, IP %q, node %q; want Running with an IP on a worker", p.Name, p.Status.Phase, p.Status.PodIP, p.Spec.NodeName)
		}
	}
	ep, ok := c.API.Get("Endpoints", "kube-system", "kube-dns")
	if !ok {
		t.Fatal("no Endpoints kube-system/kube-dns")
	}
	if n := len(ep.(*api.Endpoints).Subsets); n != 1 || len(ep.(*api.Endpoints).Subsets[0].Addresses) != 2 {
		t.Errorf("kube-dns endpoints = %+v, want 2 ready addresses", ep.(*api.Endpoints).Subsets)
	}
	svc, _ := c.API.Get("Service", "kube-system", "kube-dns")
	if ip := svc.(*api.Service).Spec.ClusterIP; ip != "10.96.0.10" {
		t.Errorf("kube-dns ClusterIP = %s, want 10.96.0.10", ip)
	}
	for i, r := range c.Engine.Trace().Records()[:c.StartIndex+1] {
		if r.Kind == "error" || r.Kind == "probe.failed" {
			t.Errorf("boot record %d: %s %s", i, r.Kind, r.Summary)
		}
	}
}

// TestKubernetesServiceComesBack: `kubectl delete svc --all` deletes
// default/kubernetes too; the API server's bootstrap controller recreates
// it, with the first IP of the range, at its next 10-second round.
func TestKubernetesServiceComesBack(t *testing.T) {
	c, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.API.Delete("Service", "default", "kubernetes", apiserver.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	next := (c.Engine.Now()/apiserver.BootstrapInterval + 1) * apiserver.BootstrapInterval
	if err := c.Engine.RunUntil(next - 1); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.API.Get("Service", "default", "kubernetes"); ok {
		t.Fatal("kubernetes Service back before the controller's round")
	}
	if err := c.Engine.RunUntil(next); err != nil {
		t.Fatal(err)
	}
	o, ok := c.API.Get("Service", "default", "kubernetes")
	if !ok || o.(*api.Service).Spec.ClusterIP != "10.96.0.1" {
		t.Fatalf("kubernetes Service after the round: %v (exists %v), want 10.96.0.1", o, ok)
	}
}
