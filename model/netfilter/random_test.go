package netfilter

import (
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// randomCluster builds n service ports with random types, policies,
// affinity and endpoints, in the address plan of upstream's tests.
// Protocols are TCP and UDP (no SCTP: the kernel test needs no extra module).
func randomCluster(rng *rand.Rand, n int) cluster {
	c := cluster{opts: kubeproxy.Options{RandomFully: true}, eps: map[kubeproxy.ServicePortName][]kubeproxy.Endpoint{}}
	ports := []uint16{80, 443, 53, 8080}
	for i := range n {
		proto := kubeproxy.ProtocolTCP
		if rng.IntN(4) == 0 {
			proto = kubeproxy.ProtocolUDP
		}
		port := ports[rng.IntN(len(ports))]
		name := kubeproxy.ServicePortName{Namespace: fmt.Sprintf("ns%d", i%7), Name: fmt.Sprintf("svc%d", i), Port: fmt.Sprintf("p%d", port), Protocol: proto}
		sp := kubeproxy.ServicePort{Name: name, ClusterIP: netip.AddrFrom4([4]byte{172, 30, byte(i >> 8), byte(i)}), Port: port}
		switch rng.IntN(3) {
		case 1:
			sp.Type, sp.NodePort = kubeproxy.ServiceTypeNodePort, uint16(30000+i)
		case 2:
			sp.Type, sp.NodePort = kubeproxy.ServiceTypeLoadBalancer, uint16(30000+i)
			sp.LoadBalancerIPs = []netip.Addr{netip.AddrFrom4([4]byte{1, 2, byte(i >> 8), byte(i)})}
			if rng.IntN(2) == 0 {
				ranges := []string{"203.0.113.0/25", "192.168.0.0/24", "10.0.0.0/8"}
				sp.LoadBalancerSourceRanges = []netip.Prefix{netip.MustParsePrefix(ranges[rng.IntN(len(ranges))])}
			}
		}
		if rng.IntN(4) == 0 {
			sp.ExternalIPs = []netip.Addr{netip.AddrFrom4([4]byte{192, 168, 99, byte(100 + i%150)})}
		}
		if rng.IntN(3) == 0 {
			sp.ExternalTrafficPolicy = kubeproxy.TrafficPolicyLocal
			if sp.Type == kubeproxy.ServiceTypeLoadBalancer {
				sp.HealthCheckNodePort = uint16(20000 + i)
			}
		}
		if rng.IntN(5) == 0 {
			sp.InternalTrafficPolicy = kubeproxy.TrafficPolicyLocal
		}
		if rng.IntN(5) == 0 {
			sp.SessionAffinityClientIP, sp.StickyMaxAgeSeconds = true, 10+rng.IntN(100)
		}
		c.services = append(c.services, sp)
		c.eps[name] = randomEndpoints(rng, i, port)
	}
	return c
}

func randomEndpoints(rng *rand.Rand, i int, port uint16) []kubeproxy.Endpoint {
	var eps []kubeproxy.Endpoint
	target := port
	if rng.IntN(2) == 0 {
		target = 8000 + uint16(rng.IntN(100))
	}
	for j := range rng.IntN(5) {
		e := kubeproxy.Endpoint{IP: netip.AddrFrom4([4]byte{10, 180, byte(i % 200), byte(1 + j)}), Port: target, Ready: true, Serving: true}
		if rng.IntN(2) == 0 {
			e.NodeName = "test-node"
		} else {
			e.NodeName = "node2"
		}
		switch rng.IntN(8) {
		case 0:
			e.Ready, e.Terminating = false, true
		case 1:
			e.Ready, e.Serving, e.Terminating = false, false, true
		}
		eps = append(eps, e)
	}
	return eps
}

// randomPacket is a first packet of a connection from a pod, an endpoint
// (hairpin), an external client, the node or an LB IP, to a service
// frontend, a node port or elsewhere.
func randomPacket(rng *rand.Rand, c cluster, local AddrType) Packet {
	sp := c.services[rng.IntN(len(c.services))]
	p := Packet{Proto: ProtocolOf(sp.Name.Protocol), SrcPort: uint16(10000 + rng.IntN(50000)), CT: CTNew, In: "eth0"}
	if rng.IntN(10) == 0 {
		p.Proto = ProtoTCP + ProtoUDP - p.Proto
	}
	switch rng.IntN(6) {
	case 0, 1:
		p.Src = netip.AddrFrom4([4]byte{10, 0, byte(rng.IntN(4)), byte(1 + rng.IntN(250))})
	case 2:
		if eps := c.eps[sp.Name]; len(eps) > 0 {
			p.Src = eps[rng.IntN(len(eps))].IP
		} else {
			p.Src = addr("10.0.0.2")
		}
	case 3:
		p.Src = netip.AddrFrom4([4]byte{203, 0, 113, byte(rng.IntN(256))})
	case 4:
		p.Src = testNodeAddrs[rng.IntN(len(testNodeAddrs))]
	case 5:
		p.Src = netip.AddrFrom4([4]byte{1, 2, 0, byte(rng.IntN(8))})
	}
	p.Dst, p.DstPort = randomDestination(rng, sp)
	if local.IsLocal(p.Src) {
		p.In = ""
	}
	if p.Proto == ProtoTCP {
		p.Flags = FlagSYN
	}
	return p
}

func randomDestination(rng *rand.Rand, sp kubeproxy.ServicePort) (netip.Addr, uint16) {
	port := sp.Port
	if rng.IntN(10) == 0 {
		port = uint16(1 + rng.IntN(65535))
	}
	switch rng.IntN(6) {
	case 1:
		if len(sp.ExternalIPs) > 0 {
			return sp.ExternalIPs[0], port
		}
	case 2:
		if len(sp.LoadBalancerIPs) > 0 {
			return sp.LoadBalancerIPs[0], port
		}
	case 3:
		if sp.NodePort != 0 {
			return testNodeAddrs[1+rng.IntN(len(testNodeAddrs)-1)], sp.NodePort
		}
	case 4:
		if sp.HealthCheckNodePort != 0 {
			return addr(testNodeIP), sp.HealthCheckNodePort
		}
	case 5:
		return netip.AddrFrom4([4]byte{172, 30, 255, byte(rng.IntN(256))}), port
	}
	return sp.ClusterIP, port
}
