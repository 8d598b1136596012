package cluster

import (
	"testing"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// TestMetalLBPoolRunsOut: a pool of one address serves the first
// LoadBalancer Service; the second gets the controller's
// AllocationFailed event and stays <pending>, until the pool grows.
func TestMetalLBPoolRunsOut(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LoadBalancer = LoadBalancerMetalLB
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	pool := &api.IPAddressPool{ObjectMeta: api.ObjectMeta{Name: "one", Namespace: "metallb-system"},
		Spec: api.IPAddressPoolSpec{Addresses: []string{"192.168.49.240/32"}}}
	if _, err := c.API.Create(pool); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b"} {
		svc := &api.Service{ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"},
			Spec: api.ServiceSpec{Type: api.ServiceTypeLoadBalancer, Ports: []api.ServicePort{{Port: 80}}}}
		if _, err := c.API.Create(svc); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Engine.RunUntil(c.Engine.Now() + time.Second); err != nil {
		t.Fatal(err)
	}
	ingress := func(name string) string {
		o, _ := c.API.Get("Service", "default", name)
		if in := o.(*api.Service).Status.LoadBalancer.Ingress; len(in) > 0 {
			return in[0].IP
		}
		return ""
	}
	if a, b := ingress("a"), ingress("b"); a != "192.168.49.240" || b != "" {
		t.Errorf("ingress a=%q b=%q, want a=192.168.49.240 and b pending", a, b)
	}
	var failed string
	for _, r := range c.Engine.Trace().Records() {
		if r.Kind == "metallb.allocationfailed" {
			failed = r.Summary
		}
	}
	if want := `Warning AllocationFailed service/b: Failed to allocate IP for "default/b": no available IPs`; failed != want {
		t.Errorf("failure record %q, want %q", failed, want)
	}
	o, _ := c.API.Get("IPAddressPool", "metallb-system", "one")
	grown := api.DeepCopy(o.(*api.IPAddressPool))
	grown.Spec.Addresses = []string{"192.168.49.240-192.168.49.241"}
	if _, err := c.API.Update(grown); err != nil {
		t.Fatal(err)
	}
	if err := c.Engine.RunUntil(c.Engine.Now() + time.Second); err != nil {
		t.Fatal(err)
	}
	if a, b := ingress("a"), ingress("b"); a != "192.168.49.240" || b != "192.168.49.241" {
		t.Errorf("after the pool grew: a=%q b=%q, want a kept and b=192.168.49.241", a, b)
	}
}
