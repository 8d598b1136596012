package cluster

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/lan"
	"github.com/svcsim/svcsim/model/metallb"
)

// Layer2Config puts a switched Ethernet segment under the nodes' LAN: a
// NIC with a MAC and an ARP cache per host, a switch, and a router at
// the LAN's last address that is every host's default gateway.
type Layer2Config struct {
	// Switch are the switch-wide settings (Catalyst defaults).
	Switch l2.Params
	// Port is every host port's storm control and DAI.
	Port l2.PortConfig
	// Neigh are the hosts' ARP settings (arp(7) defaults).
	Neigh l2.NeighParams
}

// DefaultLayer2 is a Catalyst access switch with its defaults (no storm
// control, no DAI) and Linux hosts.
func DefaultLayer2() *Layer2Config {
	return &Layer2Config{Switch: l2.DefaultParams(), Neigh: l2.LinuxNeighParams()}
}

// routerIP is the LAN's last usable address.
func (c *Config) routerIP() netip.Addr {
	p := c.NodeCIDR.Masked()
	a := p.Addr()
	for next := a.Next(); p.Contains(next.Next()); next = next.Next() {
		a = next
	}
	return a
}

// buildLAN puts the segment under the network: the nodes in order, the
// learner's workstation, then the router.
func (c *Cluster) buildLAN(cfg *Layer2Config) error {
	seg := lan.New(c.Network, lan.Config{Subnet: c.Config.NodeCIDR, Switch: cfg.Switch, Port: cfg.Port, Neigh: cfg.Neigh})
	for _, nc := range c.Config.Nodes {
		h := c.Network.Host(nc.Name)
		seg.Add(h, h.IP, false)
	}
	seg.Add(c.Workstation.Host, c.Workstation.IP, false)
	rip := c.Config.routerIP()
	if rip == c.Workstation.IP {
		return fmt.Errorf("nodeCIDR %s has no room for a router", c.Config.NodeCIDR)
	}
	c.Router = c.Network.AddExternal("router", rip)
	seg.Add(c.Router.Host, rip, true)
	seg.Start(c.Engine)
	c.Network.SetLink(seg)
	c.LAN = seg
	return nil
}

// startMetalLB runs MetalLB: its controller and a speaker per node. It
// does nothing until the scenario applies an IPAddressPool and an
// advertisement, as a fresh MetalLB install does nothing.
func (c *Cluster) startMetalLB() error {
	// MetalLB's manifest creates its namespace; its controller and
	// speaker pods are modelled as components, not as pods.
	if _, err := c.API.Create(&api.Namespace{ObjectMeta: api.ObjectMeta{Name: "metallb-system"}}); err != nil {
		return err
	}
	ctrl := metallb.NewController(c.API)
	ctrl.Start(c.Engine, c.Engine.Register(ctrl))
	nodes := map[string]netip.Addr{}
	for name := range c.Kubelets {
		nodes[name] = c.Network.Host(name).IP
	}
	sp := metallb.NewSpeakers(c.API, c.LAN, ctrl, nodes)
	sp.Start(c.Engine, c.Engine.Register(sp))
	c.onStop = append(c.onStop, func(node string) { sp.NodeStopped(c.Engine, node) })
	return nil
}

// StopNode stops a node as `docker stop` stops a kind node: its network
// goes silent (its switch port loses link), its kubelet and everything
// on it stop, and the node lifecycle controller marks it NotReady after
// its grace period.
func (c *Cluster) StopNode(name string) error {
	k, ok := c.Kubelets[name]
	if !ok {
		return fmt.Errorf("Error response from daemon: No such container: %s", name)
	}
	if c.Network.Host(name).Down {
		return nil // docker stop on a stopped container just says its name
	}
	if err := c.Network.SetDown(name, true); err != nil {
		return err
	}
	k.Stop()
	if c.LAN != nil {
		c.LAN.SetDown(c.Engine, name, true)
	}
	c.Engine.Emit("node.stopped", fmt.Sprintf("node %s stopped: its kubelet, kube-proxy and pods are gone and its network is silent", name), nil)
	c.nodeLifecycle.HeartbeatsStopped(c.Engine, name)
	for _, f := range c.onStop {
		f(name)
	}
	return nil
}
