package apiserver

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
)

func mustCreate(t *testing.T, s *Server, o api.Object) api.Object {
	t.Helper()
	got, err := s.Create(o)
	if err != nil {
		t.Fatalf("Create(%s) error = %q, want nil", o.Meta().Name, err)
	}
	return got
}

func TestClusterIPAllocation(t *testing.T) {
	lowBand := netip.MustParsePrefix("10.96.0.0/24") // 10.96.0.1..10.96.1.0 is the 256-address static band
	ips := func(seed uint64) []string {
		s, _ := newServer(t, seed)
		var out []string
		for _, n := range []string{"a", "b", "c", "d", "e"} {
			out = append(out, mustCreate(t, s, svc(n, nil)).(*api.Service).Spec.ClusterIP)
		}
		return out
	}
	first, again := ips(7), ips(7)
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("cluster IPs differ between runs with one seed (-first +again):\n%s", diff)
	}
	for _, ip := range first {
		a := netip.MustParseAddr(ip)
		if !netip.MustParsePrefix("10.96.0.0/12").Contains(a) || lowBand.Contains(a) || a == netip.MustParseAddr("10.96.1.0") {
			t.Errorf("dynamic cluster IP %s is outside 10.96.0.0/12 or in the static low band", ip)
		}
	}
	t.Run("static IP in the low band", func(t *testing.T) {
		s, _ := newServer(t, 1)
		got := mustCreate(t, s, svc("kube-dns", func(s *api.Service) { s.Spec.ClusterIP = "10.96.0.10" })).(*api.Service)
		if diff := cmp.Diff([]string{"10.96.0.10"}, got.Spec.ClusterIPs); diff != "" {
			t.Errorf("clusterIPs (-want +got):\n%s", diff)
		}
	})
	t.Run("released on delete", func(t *testing.T) {
		s, _ := newServer(t, 1)
		mustCreate(t, s, svc("a", func(s *api.Service) {
			s.Spec.ClusterIP = "10.96.0.10"
			s.Spec.Type = "NodePort"
			s.Spec.Ports[0].NodePort = 30080
		}))
		if err := s.Delete("Service", "default", "a", DeleteOptions{}); err != nil {
			t.Fatalf("Delete(a) error = %q", err)
		}
		mustCreate(t, s, svc("b", func(s *api.Service) {
			s.Spec.ClusterIP = "10.96.0.10"
			s.Spec.Type = "NodePort"
			s.Spec.Ports[0].NodePort = 30080
		}))
	})
}

func TestNodePortAllocation(t *testing.T) {
	s, _ := newServer(t, 3)
	for i := range 200 {
		o := mustCreate(t, s, svc("np"+string(rune('a'+i%26))+string(rune('a'+i/26)), func(s *api.Service) { s.Spec.Type = "NodePort" })).(*api.Service)
		if np := o.Spec.Ports[0].NodePort; np < 30086 || np > 32767 {
			t.Fatalf("dynamic nodePort %d, want 30086..32767 (the low 86 ports are for static use)", np)
		}
	}
	t.Run("ports sharing a number share a node port", func(t *testing.T) {
		o := mustCreate(t, s, svc("dns", func(s *api.Service) {
			s.Spec.Type = "NodePort"
			s.Spec.Ports = []api.ServicePort{{Name: "dns", Port: 53, Protocol: "UDP"}, {Name: "dns-tcp", Port: 53, Protocol: "TCP"}}
		})).(*api.Service)
		if a, b := o.Spec.Ports[0].NodePort, o.Spec.Ports[1].NodePort; a != b || a == 0 {
			t.Errorf("nodePorts = %d, %d, want one shared port", a, b)
		}
	})
	t.Run("LoadBalancer with eTP Local", func(t *testing.T) {
		o := mustCreate(t, s, svc("lb", func(s *api.Service) { s.Spec.Type, s.Spec.ExternalTrafficPolicy = "LoadBalancer", "Local" })).(*api.Service)
		if o.Spec.Ports[0].NodePort == 0 || o.Spec.HealthCheckNodePort == 0 || o.Spec.ClusterIP == "" {
			t.Errorf("LoadBalancer got nodePort %d, healthCheckNodePort %d, clusterIP %q; want all allocated",
				o.Spec.Ports[0].NodePort, o.Spec.HealthCheckNodePort, o.Spec.ClusterIP)
		}
	})
}

// TestApplyTwice: an Update with the same manifest (no clusterIP, no
// nodePort) keeps the allocations and changes nothing.
func TestApplyTwice(t *testing.T) {
	s, _ := newServer(t, 1)
	manifest := svc("web", func(s *api.Service) {
		s.Spec.Type = "LoadBalancer"
		s.Spec.ExternalTrafficPolicy = "Local"
		s.Spec.Ports = []api.ServicePort{{Name: "http", Port: 80}, {Name: "https", Port: 443}}
	})
	first := mustCreate(t, s, manifest).(*api.Service)
	got, err := s.Update(manifest)
	if err != nil {
		t.Fatalf("Update(web) error = %q, want nil", err)
	}
	if got != api.Object(first) {
		t.Errorf("Update(web) with the same manifest stored a new version:\n%s", cmp.Diff(first, got))
	}
}

func TestServiceTypeChanges(t *testing.T) {
	t.Run("NodePort to ClusterIP releases the port", func(t *testing.T) {
		s, _ := newServer(t, 1)
		np := svc("web", func(s *api.Service) { s.Spec.Type = "NodePort"; s.Spec.Ports[0].NodePort = 30080 })
		mustCreate(t, s, np)
		if _, err := s.Update(svc("web", nil)); err != nil {
			t.Fatalf("Update(web to ClusterIP) error = %q", err)
		}
		mustCreate(t, s, svc("other", func(s *api.Service) { s.Spec.Type = "NodePort"; s.Spec.Ports[0].NodePort = 30080 }))
	})
	t.Run("ClusterIP to ExternalName releases the IP", func(t *testing.T) {
		s, _ := newServer(t, 1)
		mustCreate(t, s, svc("db", func(s *api.Service) { s.Spec.ClusterIP = "10.96.0.40" }))
		got, err := s.Update(svc("db", func(s *api.Service) { s.Spec.Type, s.Spec.ExternalName = "ExternalName", "db.example.com" }))
		if err != nil {
			t.Fatalf("Update(db to ExternalName) error = %q, want nil", err)
		}
		if sp := got.(*api.Service).Spec; sp.ClusterIP != "" || sp.ClusterIPs != nil || sp.IPFamilies != nil {
			t.Errorf("ExternalName kept clusterIP %q, clusterIPs %v, ipFamilies %v", sp.ClusterIP, sp.ClusterIPs, sp.IPFamilies)
		}
		mustCreate(t, s, svc("db2", func(s *api.Service) { s.Spec.ClusterIP = "10.96.0.40" }))
	})
	t.Run("clusterIP change refused", func(t *testing.T) {
		s, _ := newServer(t, 1)
		mustCreate(t, s, svc("kube-dns", func(s *api.Service) { s.Spec.ClusterIP = "10.96.0.10" }))
		_, err := s.Update(svc("kube-dns", func(s *api.Service) { s.Spec.ClusterIP = "10.96.0.99" }))
		want := `Service "kube-dns" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.99"]: may not change once set`
		if got := errString(err); got != want {
			t.Errorf("Update(kube-dns) error = %q, want %q", got, want)
		}
		_, err = s.Update(svc("kube-dns", func(s *api.Service) { s.Spec.ClusterIP = "None" }))
		want = `Service "kube-dns" is invalid: spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set`
		if got := errString(err); got != want {
			t.Errorf("Update(kube-dns headless) error = %q, want %q", got, want)
		}
	})
}
