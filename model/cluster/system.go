package cluster

import (
	"net/netip"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
)

// systemServices creates what kubeadm leaves in a new cluster: the
// kubernetes Service (first IP of the service CIDR) with its hand-kept
// Endpoints, the kube-dns Service (tenth IP) and the CoreDNS Deployment
// behind it.
func (c *Cluster) systemServices(apiserverIP netip.Addr) error {
	first := c.Config.ServiceCIDR.Masked().Addr().Next()
	tenth := c.Config.kubeDNSIP()
	tcp, udp := "TCP", "UDP"
	objs := []api.Object{
		&api.Service{
			ObjectMeta: api.ObjectMeta{Name: "kubernetes", Namespace: "default", Labels: map[string]string{"component": "apiserver", "provider": "kubernetes"}},
			Spec: api.ServiceSpec{ClusterIP: first.String(), Ports: []api.ServicePort{
				{Name: "https", Port: 443, Protocol: tcp, TargetPort: api.FromInt(6443)}}},
		},
		&api.Endpoints{
			ObjectMeta: api.ObjectMeta{Name: "kubernetes", Namespace: "default", Labels: map[string]string{"endpointslice.kubernetes.io/skip-mirror": "true"}},
			Subsets: []api.EndpointSubset{{
				Addresses: []api.EndpointAddress{{IP: apiserverIP.String()}},
				Ports:     []api.EndpointPort{{Name: ptr("https"), Port: ptr(int32(6443)), Protocol: &tcp}},
			}},
		},
		&api.EndpointSlice{
			ObjectMeta:  api.ObjectMeta{Name: "kubernetes", Namespace: "default", Labels: map[string]string{api.LabelServiceName: "kubernetes"}},
			AddressType: "IPv4",
			Endpoints:   []api.Endpoint{{Addresses: []string{apiserverIP.String()}, Conditions: api.EndpointConditions{Ready: ptr(true)}}},
			Ports:       []api.EndpointPort{{Name: ptr("https"), Port: ptr(int32(6443)), Protocol: &tcp}},
		},
		&api.Service{
			ObjectMeta: api.ObjectMeta{Name: "kube-dns", Namespace: "kube-system",
				Labels:      map[string]string{"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"},
				Annotations: map[string]string{"prometheus.io/port": "9153", "prometheus.io/scrape": "true"}},
			Spec: api.ServiceSpec{ClusterIP: tenth.String(), Selector: map[string]string{"k8s-app": "kube-dns"}, Ports: []api.ServicePort{
				{Name: "dns", Port: 53, Protocol: udp, TargetPort: api.FromInt(53)},
				{Name: "dns-tcp", Port: 53, Protocol: tcp, TargetPort: api.FromInt(53)},
				{Name: "metrics", Port: 9153, Protocol: tcp, TargetPort: api.FromInt(9153)},
			}},
		},
		&api.Deployment{
			ObjectMeta: api.ObjectMeta{Name: "coredns", Namespace: "kube-system", Labels: map[string]string{"k8s-app": "kube-dns"}},
			Spec: api.DeploymentSpec{
				Replicas: ptr(int32(2)),
				Selector: &api.LabelSelector{MatchLabels: map[string]string{"k8s-app": "kube-dns"}},
				Template: api.PodTemplateSpec{
					ObjectMeta: api.ObjectMeta{Labels: map[string]string{"k8s-app": "kube-dns"}},
					Spec: api.PodSpec{
						PodSpecExtra: &api.PodSpecExtra{PriorityClassName: "system-cluster-critical"},
						DNSPolicy:    "Default",
						Containers: []api.Container{{
							Name: "coredns", Image: "registry.k8s.io/coredns/coredns:v1.12.1",
							Args: []string{"-conf", "/etc/coredns/Corefile"},
							Ports: []api.ContainerPort{
								{Name: "dns", ContainerPort: 53, Protocol: udp},
								{Name: "dns-tcp", ContainerPort: 53, Protocol: tcp},
								{Name: "metrics", ContainerPort: 9153, Protocol: tcp},
							},
							ReadinessProbe: &api.Probe{HTTPGet: &api.HTTPGetAction{Path: "/ready", Port: api.FromInt(8181)}},
						}},
					},
				},
			},
		},
	}
	for _, o := range objs {
		if _, err := c.API.Create(o); err != nil {
			return err
		}
	}
	// The API server's bootstrap controller keeps the first three.
	b := apiserver.NewBootstrap(c.API, objs[0].(*api.Service), objs[1].(*api.Endpoints), objs[2].(*api.EndpointSlice))
	b.Start(c.Engine, c.Engine.Register(b))
	return nil
}

func ptr[T any](v T) *T { return &v }

// kubeDNSIP is the kube-dns Service's ClusterIP: kubeadm takes the tenth
// address of the Service CIDR (10.96.0.10), and the kubelets'
// --cluster-dns points at it.
func (c *Config) kubeDNSIP() netip.Addr {
	a := c.ServiceCIDR.Masked().Addr()
	for i := 0; i < 10; i++ {
		a = a.Next()
	}
	return a
}
