package lan

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/metallb"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// Config describes the segment.
type Config struct {
	// Subnet is the LAN's prefix: addresses in it are on-link.
	Subnet netip.Prefix
	// Switch are the switch-wide settings (MAC aging, storm-control
	// interval, DAI rate, errdisable recovery).
	Switch l2.Params
	// Port is every host port's configuration (storm control, DAI); the
	// router's port is a trusted uplink.
	Port l2.PortConfig
	// Neigh are the hosts' ARP settings (arp(7) defaults).
	Neigh l2.NeighParams
}

// Segment is the LAN: a switch and the NICs on it.
type Segment struct {
	net    *network.Network
	sw     *l2.Switch
	cfg    Config
	nics   []*NIC
	byHost map[*network.Host]*NIC
	byName map[string]*NIC
	router *NIC
	// routes are the router's routes learnt over BGP: destination →
	// next hops (sorted).
	routes map[netip.Addr]*metallb.ECMP
}

// New builds the segment's switch; add the hosts, then call Start.
func New(n *network.Network, cfg Config) *Segment {
	return &Segment{net: n, cfg: cfg, byHost: map[*network.Host]*NIC{}, byName: map[string]*NIC{}, routes: map[netip.Addr]*metallb.ECMP{}}
}

// Add attaches a host's NIC to the next switch port. The router is the
// host that forwards for others (the default gateway).
func (s *Segment) Add(h *network.Host, ip netip.Addr, router bool) *NIC {
	i := len(s.nics)
	nic := &NIC{seg: s, Host: h, HostName: h.Name, IP: ip, MAC: l2.MACFromIP(ip), Port: i, vips: map[netip.Addr]string{}, queue: map[netip.Addr][]network.Packet{}}
	s.nics = append(s.nics, nic)
	s.byHost[h] = nic
	s.byName[h.Name] = nic
	if router {
		s.router = nic
	}
	return nic
}

// Start creates the switch with a port per NIC and registers everything
// with the engine.
func (s *Segment) Start(e *sim.Engine) {
	ports := make([]l2.PortConfig, len(s.nics))
	for i, nic := range s.nics {
		ports[i] = s.cfg.Port
		ports[i].Name = fmt.Sprintf("Gi1/0/%d", i+1)
		if nic == s.router {
			ports[i] = l2.PortConfig{Name: ports[i].Name, Trusted: true}
		}
	}
	s.sw = l2.NewSwitch("switch", s.cfg.Switch, ports)
	s.sw.SetID(e.Register(s.sw))
	for _, nic := range s.nics {
		r := e.Rand("neigh/" + nic.HostName)
		nic.neigh = l2.NewNeigh(s.cfg.Neigh, l2.ReachableTime(s.cfg.Neigh.BaseReachableTime, r))
		nic.id = e.Register(nic)
		s.sw.Attach(nic.Port, nic.id)
		e.Set(nic.storeKey(), NICInfo{Host: nic.HostName, IP: nic.IP, MAC: nic.MAC, Port: s.sw.PortName(nic.Port)})
	}
	for i := range s.nics {
		e.Set(s.sw.PortKey(i), s.sw.Status(i))
	}
}

// Switch returns the segment's switch.
func (s *Segment) Switch() *l2.Switch { return s.sw }

// NICs returns the NICs in port order.
func (s *Segment) NICs() []*NIC { return s.nics }

// NIC returns a host's NIC by host name.
func (s *Segment) NIC(host string) (*NIC, bool) {
	n, ok := s.byName[host]
	return n, ok
}

// Router returns the router's NIC (nil without one).
func (s *Segment) Router() *NIC { return s.router }

// Transmit implements network.Link: the packet leaves from's NIC for
// nextHop (or the route to its destination).
func (s *Segment) Transmit(e *sim.Engine, from *network.Host, nextHop netip.Addr, p network.Packet) {
	nic, ok := s.byHost[from]
	if !ok {
		e.Emit("packet.lost", fmt.Sprintf("%s has no NIC on the LAN: %s is lost", from.Name, p), nil)
		return
	}
	if !nextHop.IsValid() {
		nextHop, ok = s.route(nic, p)
		if !ok {
			e.Emit("packet.lost", fmt.Sprintf("%s: no route to %s: %s is lost", nic.HostName, p.Dst.Addr(), p), nil)
			return
		}
	}
	nic.send(e, nextHop, p)
}

// route is the host's routing table for an address that is not a node's
// or a pod's: on-link in the subnet, else the default gateway.
func (s *Segment) route(nic *NIC, p network.Packet) (netip.Addr, bool) {
	dst := p.Dst.Addr()
	if nic == s.router {
		if r, ok := s.routes[dst]; ok {
			if hop, ok := r.Select(flowOf(p)); ok {
				return hop, true
			}
		}
	}
	if s.cfg.Subnet.Contains(dst) {
		return dst, true
	}
	if s.router != nil && nic != s.router {
		return s.router.IP, true
	}
	return netip.Addr{}, false
}

// SetDown stops or starts a host's NIC with the host: the switch port
// loses its link, queued packets are dropped.
func (s *Segment) SetDown(e *sim.Engine, host string, down bool) {
	nic, ok := s.byName[host]
	if !ok {
		return
	}
	nic.down = down
	if down {
		clear(nic.queue)
	}
	s.sw.SetLink(e, nic.Port, !down)
}

// PortUp reports whether the host's switch port forwards (connected).
func (s *Segment) PortUp(host string) bool {
	nic, ok := s.byName[host]
	return ok && !nic.down && s.sw.Status(nic.Port).State == l2.PortConnected
}

// Reachable reports whether frames pass between two hosts' NICs: both up
// and both switch ports forwarding.
func (s *Segment) Reachable(a, b string) bool { return s.PortUp(a) && s.PortUp(b) }

// SetRoutes installs the router's route to dst with these next hops
// (ECMP when there are several); none removes it. It returns the old
// next hops.
func (s *Segment) SetRoutes(e *sim.Engine, dst netip.Addr, hops []netip.Addr) []netip.Addr {
	var old []netip.Addr
	if r, ok := s.routes[dst]; ok {
		old = r.Hops()
	}
	if len(hops) == 0 {
		delete(s.routes, dst)
		e.Delete("router/route/" + dst.String())
		return old
	}
	r := metallb.NewECMP(hops)
	s.routes[dst] = r
	e.Set("router/route/"+dst.String(), r.Hops())
	return old
}

// Routes returns the router's next hops for dst.
func (s *Segment) Routes(dst netip.Addr) []netip.Addr {
	if r, ok := s.routes[dst]; ok {
		return r.Hops()
	}
	return nil
}

// NICInfo is what the store holds for a NIC under "nic/<host>".
type NICInfo struct {
	Host string
	IP   netip.Addr
	MAC  l2.MAC
	Port string
}

// flowOf is the 5-tuple the router hashes.
func flowOf(p network.Packet) metallb.Flow {
	return metallb.Flow{Src: p.Src.Addr(), Dst: p.Dst.Addr(), Proto: uint8(p.Proto), SrcPort: p.Src.Port(), DstPort: p.Dst.Port()}
}

// Announce makes host's NIC answer ARP for ip on behalf of who.
func (s *Segment) Announce(host string, ip netip.Addr, who string) {
	if nic, ok := s.byName[host]; ok {
		nic.Announce(ip, who)
	}
}

// Withdraw stops host's NIC answering ARP for ip.
func (s *Segment) Withdraw(host string, ip netip.Addr) {
	if nic, ok := s.byName[host]; ok {
		nic.Withdraw(ip)
	}
}

// SendFrame sends a frame from host's NIC.
func (s *Segment) SendFrame(e *sim.Engine, host string, f l2.Frame) {
	if nic, ok := s.byName[host]; ok {
		nic.SendFrame(e, f)
	}
}

// MAC returns host's NIC's address.
func (s *Segment) MAC(host string) l2.MAC {
	if nic, ok := s.byName[host]; ok {
		return nic.MAC
	}
	return l2.MAC{}
}

// RouterHost returns the router's host name ("" without one).
func (s *Segment) RouterHost() string {
	if s.router == nil {
		return ""
	}
	return s.router.HostName
}
