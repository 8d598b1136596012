package cloudprovider_test

import (
	"testing"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/cloudprovider"
	"github.com/svcsim/svcsim/model/cluster"
)

func lbService(name string, port int32) *api.Service {
	return &api.Service{ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"},
		Spec: api.ServiceSpec{Type: api.ServiceTypeLoadBalancer, Selector: map[string]string{"app": name}, Ports: []api.ServicePort{{Port: port}}}}
}

func TestModes(t *testing.T) {
	tests := []struct {
		mode string
		want [][]string // per Service: ingress IPs or hostnames
	}{
		{cloudprovider.Cloud, [][]string{{"203.0.113.1"}, {"203.0.113.2"}}},
		{cloudprovider.K3s, [][]string{{"192.168.49.2", "192.168.49.3", "192.168.49.4"}, {"192.168.49.2", "192.168.49.3", "192.168.49.4"}}},
		{cloudprovider.DockerDesktop, [][]string{{"localhost"}, {"localhost"}}},
		{cluster.LoadBalancerNone, [][]string{nil, nil}},
	}
	for _, tc := range tests {
		t.Run(tc.mode, func(t *testing.T) {
			cfg := cluster.DefaultConfig()
			cfg.LoadBalancer = tc.mode
			c, err := cluster.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []*api.Service{lbService("a", 8080), lbService("b", 8081)} {
				if _, err := c.API.Create(s); err != nil {
					t.Fatal(err)
				}
			}
			// Pending until the provisioning delay has passed, then set.
			if err := c.Engine.RunUntil(c.Engine.Now() + cloudprovider.DefaultDelay - time.Millisecond); err != nil {
				t.Fatal(err)
			}
			if o, _ := c.API.Get("Service", "default", "a"); len(o.(*api.Service).Status.LoadBalancer.Ingress) != 0 {
				t.Fatalf("ingress set before the provisioning delay")
			}
			if err := c.Engine.RunUntil(c.Engine.Now() + time.Second); err != nil {
				t.Fatal(err)
			}
			for i, name := range []string{"a", "b"} {
				o, _ := c.API.Get("Service", "default", name)
				var got []string
				for _, in := range o.(*api.Service).Status.LoadBalancer.Ingress {
					got = append(got, in.IP+in.Hostname)
				}
				if len(got) != len(tc.want[i]) {
					t.Fatalf("Service %s ingress = %v, want %v", name, got, tc.want[i])
				}
				for j := range got {
					if got[j] != tc.want[i][j] {
						t.Errorf("Service %s ingress = %v, want %v", name, got, tc.want[i])
					}
				}
			}
			if tc.mode == cloudprovider.DockerDesktop {
				to, ok := cloudprovider.LocalhostTarget(c.API, 8081)
				o, _ := c.API.Get("Service", "default", "b")
				if !ok || int32(to.Port()) != o.(*api.Service).Spec.Ports[0].NodePort {
					t.Errorf("LocalhostTarget(8081) = %v, %v; want the node port of b", to, ok)
				}
			}
		})
	}
}
