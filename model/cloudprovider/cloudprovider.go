// Package cloudprovider models a cloud's load balancer as
// cloud-controller-manager's service controller drives it: a Service of
// type LoadBalancer gets an address from the cloud's pool after a short
// provisioning delay (status.loadBalancer.ingress), and the cloud's load
// balancer delivers packets for that address to a healthy node, spreading
// flows by a 5-tuple hash, destination unchanged; the node's kube-proxy
// rules for the load balancer's IP do the rest. Nodes labelled
// node.kubernetes.io/exclude-from-external-load-balancers are left out,
// as the service controller leaves them out.
package cloudprovider

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// DefaultPool is where load balancer addresses come from: TEST-NET-3, a
// range reserved for documentation, so it is plainly "outside".
var DefaultPool = netip.MustParsePrefix("203.0.113.0/24")

// DefaultDelay is how long provisioning a load balancer takes here; real
// clouds take from seconds to a minute or two, while EXTERNAL-IP shows
// <pending>.
const DefaultDelay = 3 * time.Second

// Modes: what gives LoadBalancer Services their address.
const (
	// Cloud: a cloud load balancer with its own address from the pool.
	Cloud = "cloud"
	// K3s: K3s's ServiceLB (klipper-lb) publishes every node's address as
	// the Service's ingress; kube-proxy's load-balancer rules for those
	// addresses take the traffic.
	K3s = "k3s"
	// DockerDesktop: the ingress is the hostname localhost; Docker
	// Desktop's port forwarding sends localhost:PORT to the Service (here
	// to its node port on the node).
	DockerDesktop = "docker-desktop"
)

// Controller is the service controller of a cloud-controller-manager.
type Controller struct {
	mode  string
	api   *apiserver.Server
	net   *network.Network
	pool  netip.Prefix
	delay time.Duration
	id    sim.ComponentID

	assigned map[string]netip.Addr // "ns/name" → address
	used     map[netip.Addr]bool
	nodes    []string // eligible nodes, sorted
}

// New returns the controller of a cloud load balancer.
func New(s *apiserver.Server, n *network.Network, pool netip.Prefix, delay time.Duration) *Controller {
	return NewMode(Cloud, s, n, pool, delay)
}

// NewMode returns the controller for one of the modes.
func NewMode(mode string, s *apiserver.Server, n *network.Network, pool netip.Prefix, delay time.Duration) *Controller {
	return &Controller{mode: mode, api: s, net: n, pool: pool, delay: delay, assigned: map[string]netip.Addr{}, used: map[netip.Addr]bool{}}
}

// Name returns the component's name in the trace.
func (c *Controller) Name() string { return "cloud-controller-manager" }

// Start registers the controller's watches.
func (c *Controller) Start(e *sim.Engine, id sim.ComponentID) {
	c.id = id
	c.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Service", "Node"}})
}

type provision struct{ key string }

// Handle reacts to Services and Nodes, and provisions after the delay.
func (c *Controller) Handle(e *sim.Engine, ev sim.Event) {
	switch p := ev.Payload.(type) {
	case apiserver.WatchEvent:
		switch o := p.Object.(type) {
		case *api.Node:
			c.refreshNodes()
		case *api.Service:
			key := o.Namespace + "/" + o.Name
			wants := p.Type != apiserver.Deleted && o.Spec.Type == api.ServiceTypeLoadBalancer
			_, has := c.assigned[key]
			switch {
			case wants && !has && len(o.Status.LoadBalancer.Ingress) == 0:
				if c.mode == Cloud {
					c.api.Event(o, false, "EnsuringLoadBalancer", "service-controller", "Ensuring load balancer")
				}
				e.Schedule(c.delay, c.id, provision{key})
			case !wants && has:
				c.release(e, key)
			}
		}
	case provision:
		c.provision(e, p.key)
	}
}

func (c *Controller) refreshNodes() {
	c.nodes = c.nodes[:0]
	for _, o := range c.api.List("Node", "") {
		n := o.(*api.Node)
		if _, excluded := n.Labels["node.kubernetes.io/exclude-from-external-load-balancers"]; excluded {
			continue
		}
		for _, cond := range n.Status.Conditions {
			if cond.Type == "Ready" && cond.Status == "True" {
				c.nodes = append(c.nodes, n.Name)
			}
		}
	}
	slices.Sort(c.nodes)
}

func (c *Controller) provision(e *sim.Engine, key string) {
	ns, name, _ := strings.Cut(key, "/")
	o, ok := c.api.Get("Service", ns, name)
	if !ok || o.(*api.Service).Spec.Type != api.ServiceTypeLoadBalancer {
		return
	}
	if _, has := c.assigned[key]; has {
		return
	}
	if c.mode != Cloud {
		c.publishLocal(e, key, o.(*api.Service))
		return
	}
	ip, ok := c.next()
	if !ok {
		e.Emit("cloud.failed", fmt.Sprintf("Error syncing load balancer for %s: no free address in the cloud's pool %s", key, c.pool), nil)
		return
	}
	copied := *o.(*api.Service)
	next := &copied
	vip := "VIP"
	next.Status.LoadBalancer.Ingress = []api.LoadBalancerIngress{{IP: ip.String(), IPMode: &vip}}
	if _, err := c.api.UpdateStatus(next); err != nil {
		return
	}
	c.assigned[key], c.used[ip] = ip, true
	if c.nodes == nil {
		c.refreshNodes()
	}
	c.net.Route(ip, picker{c})
	c.api.Event(next, false, "EnsuredLoadBalancer", "service-controller", "Ensured load balancer")
	e.Emit("cloud.provisioned", fmt.Sprintf("Ensured load balancer for %s: %s, forwarding to nodes %v", key, ip, c.nodes), nil)
}

func (c *Controller) release(e *sim.Engine, key string) {
	ip := c.assigned[key]
	delete(c.assigned, key)
	delete(c.used, ip)
	c.net.Route(ip, nil)
	e.Emit("cloud.deleted", fmt.Sprintf("Deleted load balancer %s of %s", ip, key), nil)
}

func (c *Controller) next() (netip.Addr, bool) {
	for ip := c.pool.Masked().Addr().Next(); c.pool.Contains(ip); ip = ip.Next() {
		if !c.used[ip] && c.pool.Contains(ip.Next()) { // not the broadcast address
			return ip, true
		}
	}
	return netip.Addr{}, false
}

// picker spreads flows over the eligible nodes.
type picker struct{ c *Controller }

func (p picker) Pick(pkt network.Packet) string {
	if len(p.c.nodes) == 0 {
		return ""
	}
	return p.c.nodes[network.FlowHash(pkt)%uint32(len(p.c.nodes))]
}

// publishLocal is K3s's and Docker Desktop's way: no address of its own.
func (c *Controller) publishLocal(e *sim.Engine, key string, svc *api.Service) {
	copied := *svc
	next := &copied
	var ingress []api.LoadBalancerIngress
	if c.mode == DockerDesktop {
		ingress = []api.LoadBalancerIngress{{Hostname: "localhost"}}
	} else {
		vip := "VIP"
		for _, o := range c.api.List("Node", "") {
			for _, a := range o.(*api.Node).Status.Addresses {
				if a.Type == "InternalIP" {
					ingress = append(ingress, api.LoadBalancerIngress{IP: a.Address, IPMode: &vip})
				}
			}
		}
	}
	next.Status.LoadBalancer.Ingress = ingress
	if _, err := c.api.UpdateStatus(next); err != nil {
		return
	}
	c.assigned[key] = netip.Addr{}
	what := "the nodes' addresses"
	if c.mode == DockerDesktop {
		what = "localhost"
	}
	e.Emit("cloud.provisioned", fmt.Sprintf("%s published %s on %s", c.mode, key, what), nil)
}

// LocalhostTarget is Docker Desktop's port forwarding: the node address
// and node port that localhost:port reaches, if a LoadBalancer Service
// published on localhost has that port.
func LocalhostTarget(s *apiserver.Server, port uint16) (netip.AddrPort, bool) {
	var node netip.Addr
	for _, o := range s.List("Node", "") {
		for _, a := range o.(*api.Node).Status.Addresses {
			if ip, err := netip.ParseAddr(a.Address); err == nil && a.Type == "InternalIP" && !node.IsValid() {
				node = ip
			}
		}
	}
	for _, o := range s.List("Service", "") {
		svc := o.(*api.Service)
		if svc.Spec.Type != api.ServiceTypeLoadBalancer || len(svc.Status.LoadBalancer.Ingress) == 0 || svc.Status.LoadBalancer.Ingress[0].Hostname != "localhost" {
			continue
		}
		for _, p := range svc.Spec.Ports {
			if uint16(p.Port) == port && p.NodePort != 0 && node.IsValid() {
				return netip.AddrPortFrom(node, uint16(p.NodePort)), true
			}
		}
	}
	return netip.AddrPort{}, false
}
