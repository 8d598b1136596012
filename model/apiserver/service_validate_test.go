package apiserver

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
)

const (
	msg1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
	msgSub  = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)

// TestCreateServiceErrors pins each refusal to the server's message;
// kubectl prints it as "The " + message (model/kubectl adds the "The ").
func TestCreateServiceErrors(t *testing.T) {
	nodePort := func(np int32) func(*api.Service) {
		return func(s *api.Service) { s.Spec.Type = "NodePort"; s.Spec.Ports[0].NodePort = np }
	}
	tests := []struct {
		name  string
		setup []*api.Service // created first, must succeed
		in    *api.Service
		want  string
	}{
		{"type unsupported", nil, svc("x", func(s *api.Service) { s.Spec.Type = "Foo" }),
			`Service "x" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`},
		{"ports required", nil, svc("x", func(s *api.Service) { s.Spec.Ports = nil }),
			`Service "x" is invalid: spec.ports: Required value`},
		{"port zero", nil, svc("x", func(s *api.Service) { s.Spec.Ports[0].Port = 0 }),
			`Service "x" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive`},
		{"port zero, targetPort defaulted from it", nil, svc("x", func(s *api.Service) {
			s.Spec.Ports[0].Port, s.Spec.Ports[0].TargetPort = 0, api.IntOrString{}
		}), `Service "x" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]`},
		{"port too big", nil, svc("x", func(s *api.Service) { s.Spec.Ports[0].Port = 65536 }),
			`Service "x" is invalid: spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive`},
		{"targetPort too big", nil, svc("x", func(s *api.Service) { s.Spec.Ports[0].TargetPort = api.FromInt(70000) }),
			`Service "x" is invalid: spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive`},
		{"targetPort name with underscore", nil, svc("x", func(s *api.Service) { s.Spec.Ports[0].TargetPort = api.FromString("http_web") }),
			`Service "x" is invalid: spec.ports[0].targetPort: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`},
		{"targetPort name breaking two rules", nil, svc("x", func(s *api.Service) { s.Spec.Ports[0].TargetPort = api.FromString("-web--") }),
			`Service "x" is invalid: [spec.ports[0].targetPort: Invalid value: "-web--": must not contain consecutive hyphens, spec.ports[0].targetPort: Invalid value: "-web--": must not begin or end with a hyphen]`},
		{"protocol unsupported", nil, svc("x", func(s *api.Service) { s.Spec.Ports[0].Protocol = "HTTP" }),
			`Service "x" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`},
		{"two ports without names", nil, svc("x", func(s *api.Service) {
			s.Spec.Ports = append(s.Spec.Ports, api.ServicePort{Port: 443})
		}), `Service "x" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]`},
		{"duplicate port names", nil, svc("x", func(s *api.Service) {
			s.Spec.Ports = []api.ServicePort{{Name: "http", Port: 80}, {Name: "http", Port: 8080}}
		}), `Service "x" is invalid: spec.ports[1].name: Duplicate value: "http"`},
		{"nodePort on ClusterIP", nil, svc("x", func(s *api.Service) { s.Spec.Ports[0].NodePort = 30080 }),
			"Service \"x\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"},
		{"nodePort below range", nil, svc("x", nodePort(29999)),
			`Service "x" is invalid: spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767`},
		{"nodePort taken in another namespace, other protocol", []*api.Service{svc("web", nodePort(30080))},
			svc("x", func(s *api.Service) { nodePort(30080)(s); s.Namespace = "other"; s.Spec.Ports[0].Protocol = "UDP" }),
			`Service "x" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated`},
		{"clusterIP taken", []*api.Service{svc("kube-dns", func(s *api.Service) { s.Spec.ClusterIP = "10.96.0.10" })},
			svc("coredns", func(s *api.Service) { s.Spec.ClusterIP = "10.96.0.10" }),
			`Service "coredns" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated`},
		{"clusterIP out of range", nil, svc("x", func(s *api.Service) { s.Spec.ClusterIP = "1.1.1.1" }),
			`Service "x" is invalid: spec.clusterIPs: Invalid value: ["1.1.1.1"]: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12`},
		{"clusterIP not an IP", nil, svc("x", func(s *api.Service) { s.Spec.ClusterIP = "10.96.0.300" }),
			`Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`},
		{"headless NodePort", nil, svc("x", func(s *api.Service) { s.Spec.Type = "NodePort"; s.Spec.ClusterIP = "None" }),
			`Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`},
		{"headless LoadBalancer", nil, svc("x", func(s *api.Service) { s.Spec.Type = "LoadBalancer"; s.Spec.ClusterIP = "None" }),
			`Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services`},
		{"ExternalName with clusterIP", nil, svc("x", func(s *api.Service) {
			s.Spec.Type, s.Spec.ExternalName, s.Spec.ClusterIP = "ExternalName", "example.com", "10.96.0.50"
		}), `Service "x" is invalid: spec.clusterIPs: Forbidden: may not be set for ExternalName services`},
		{"ExternalName with ipFamilyPolicy", nil, svc("x", func(s *api.Service) {
			s.Spec.Type, s.Spec.ExternalName, s.Spec.IPFamilyPolicy = "ExternalName", "example.com", ptrTo("SingleStack")
		}), `Service "x" is invalid: spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services`},
		{"ExternalName without externalName", nil, svc("x", func(s *api.Service) { s.Spec.Type = "ExternalName" }),
			`Service "x" is invalid: spec.externalName: Required value`},
		{"bad externalName", nil, svc("x", func(s *api.Service) { s.Spec.Type, s.Spec.ExternalName = "ExternalName", "My_DB.example.com." }),
			`Service "x" is invalid: spec.externalName: Invalid value: "My_DB.example.com": ` + msgSub},
		{"sessionAffinity unsupported", nil, svc("x", func(s *api.Service) { s.Spec.SessionAffinity = "Sticky" }),
			`Service "x" is invalid: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"`},
		{"affinity timeout zero", nil, svc("x", func(s *api.Service) {
			s.Spec.SessionAffinity = "ClientIP"
			s.Spec.SessionAffinityConfig = &api.SessionAffinityConfig{ClientIP: &api.ClientIPConfig{TimeoutSeconds: ptrTo(int32(0))}}
		}), `Service "x" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400`},
		{"affinity timeout above a day", nil, svc("x", func(s *api.Service) {
			s.Spec.SessionAffinity = "ClientIP"
			s.Spec.SessionAffinityConfig = &api.SessionAffinityConfig{ClientIP: &api.ClientIPConfig{TimeoutSeconds: ptrTo(int32(86401))}}
		}), `Service "x" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400`},
		{"affinity config with None", nil, svc("x", func(s *api.Service) {
			s.Spec.SessionAffinityConfig = &api.SessionAffinityConfig{ClientIP: &api.ClientIPConfig{TimeoutSeconds: ptrTo(int32(60))}}
		}), `Service "x" is invalid: spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None`},
		{"externalTrafficPolicy on ClusterIP", nil, svc("x", func(s *api.Service) { s.Spec.ExternalTrafficPolicy = "Local" }),
			`Service "x" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services`},
		{"externalTrafficPolicy unsupported", nil, svc("x", func(s *api.Service) { s.Spec.Type, s.Spec.ExternalTrafficPolicy = "NodePort", "Nearest" }),
			`Service "x" is invalid: spec.externalTrafficPolicy: Unsupported value: "Nearest": supported values: "Cluster", "Local"`},
		{"internalTrafficPolicy unsupported", nil, svc("x", func(s *api.Service) { s.Spec.InternalTrafficPolicy = ptrTo("Node") }),
			`Service "x" is invalid: spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"`},
		{"externalIP not an IP", nil, svc("x", func(s *api.Service) { s.Spec.ExternalIPs = []string{"web.example.com"} }),
			`Service "x" is invalid: spec.externalIPs[0]: Invalid value: "web.example.com": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`},
		{"externalIP loopback", nil, svc("x", func(s *api.Service) { s.Spec.ExternalIPs = []string{"192.0.2.10", "127.0.0.1"} }),
			`Service "x" is invalid: spec.externalIPs[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)`},
		{"loadBalancerSourceRanges on ClusterIP", nil, svc("x", func(s *api.Service) { s.Spec.LoadBalancerSourceRanges = []string{"10.0.0.0/8"} }),
			"Service \"x\" is invalid: spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"},
		{"loadBalancerSourceRanges bad CIDR", nil, svc("x", func(s *api.Service) {
			s.Spec.Type, s.Spec.LoadBalancerSourceRanges = "LoadBalancer", []string{"10.0.0.0/33"}
		}), `Service "x" is invalid: spec.LoadBalancerSourceRanges[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`},
		{"name starts with a digit", nil, svc("1web", nil),
			`Service "1web" is invalid: metadata.name: Invalid value: "1web": ` + msg1035},
		{"name with a dot", nil, svc("web.v1", nil),
			`Service "web.v1" is invalid: metadata.name: Invalid value: "web.v1": ` + msg1035},
		{"several errors in the server's order", nil, svc("x", func(s *api.Service) {
			s.Spec.Type = "Foo"
			s.Spec.Ports = []api.ServicePort{{Name: "a", Port: 0, TargetPort: api.FromInt(80)}, {Port: 80, Protocol: "HTTP"}}
		}), `Service "x" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[1].name: Required value, spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP", spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newServer(t, 1)
			for _, o := range tc.setup {
				if _, err := s.Create(o); err != nil {
					t.Fatalf("setup Create(%s) error = %v", o.Name, err)
				}
			}
			_, err := s.Create(tc.in)
			if got := errString(err); got != tc.want {
				t.Errorf("Create(%s) error = %q, want %q\n%s", tc.in.Name, got, tc.want, cmp.Diff(tc.want, got))
			}
			if err != nil && reasonOf(err) != ReasonInvalid {
				t.Errorf("Create(%s) reason = %q, want %q", tc.in.Name, reasonOf(err), ReasonInvalid)
			}
			if got, want := s.Count("Service"), len(tc.setup); got != want {
				t.Errorf("Count(Service) = %d after a refused create, want %d", got, want)
			}
		})
	}
}

// TestRefusedCreateReleases checks that a create refused by validation
// gives back what allocation took: the same nodePort and IP work next.
func TestRefusedCreateReleases(t *testing.T) {
	s, _ := newServer(t, 1)
	bad := svc("x", func(s *api.Service) {
		s.Spec.Type, s.Spec.ClusterIP, s.Spec.SessionAffinity = "NodePort", "10.96.0.20", "Sticky"
		s.Spec.Ports[0].NodePort = 30100
	})
	if _, err := s.Create(bad); err == nil {
		t.Fatalf("Create(x) error = nil, want an Invalid error")
	}
	good := api.DeepCopy(bad)
	good.Spec.SessionAffinity = ""
	if _, err := s.Create(good); err != nil {
		t.Errorf("Create(x) after a refused create error = %q, want nil", err)
	}
}
