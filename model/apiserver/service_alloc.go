package apiserver

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/api"
)

// svcTxn records what one Service write allocated, so that a later
// failure (validation, a name already taken) can give it back, as the
// registry's allocation transaction does.
type svcTxn struct {
	s     *Server
	ip    netip.Addr
	ports []int
}

func (t *svcTxn) revert() {
	if t.ip.IsValid() {
		t.s.clusterIPs.release(t.ip)
	}
	for _, p := range t.ports {
		t.s.nodePorts.release(p)
	}
}

// allocateService gives svc its cluster IP, node ports and health check
// port (allocateCreate / allocateUpdate in pkg/registry/core/service).
// On update, old is the stored Service; what it holds stays allocated.
// It runs before validation, as the registry's BeginCreate hook does, so
// its errors come alone.
func (s *Server) allocateService(svc, old *api.Service) (*svcTxn, error) {
	t := &svcTxn{s: s}
	if err := s.allocateClusterIP(svc, old, t); err != nil {
		return nil, err
	}
	var err error
	if typeNeedsNodePorts(svc) {
		if old == nil {
			err = s.initNodePorts(svc, t)
		} else {
			err = s.updateNodePorts(svc, old, t)
		}
	}
	if err == nil && needsHealthCheckPort(svc) && (old == nil || !needsHealthCheckPort(old)) {
		err = s.allocHealthCheckNodePort(svc, t)
	}
	if err != nil {
		t.revert()
		return nil, err
	}
	return t, nil
}

func (s *Server) allocateClusterIP(svc, old *api.Service, t *svcTxn) error {
	sp := &svc.Spec
	if sp.Type == api.ServiceTypeExternalName || isHeadless(svc) {
		return nil
	}
	if old != nil && old.Spec.Type != api.ServiceTypeExternalName {
		return nil // kept; validation refuses a change
	}
	if sp.ClusterIP == "" {
		ip, err := s.clusterIPs.allocateNext(s.e.Rand("kube-apiserver/clusterip"))
		if err != nil {
			return internalError("failed to allocate a serviceIP: " + err.Error())
		}
		t.ip = ip
		sp.ClusterIP = ip.String()
		sp.ClusterIPs = []string{sp.ClusterIP}
		return nil
	}
	ip, _ := netip.ParseAddr(sp.ClusterIP) // validateClusterIPsRelated ran before
	if err := s.clusterIPs.allocate(ip); err != nil {
		var errs fieldErrors
		errs.invalid("spec.clusterIPs", rawValue(jsonList(sp.ClusterIPs, sp.ClusterIP)), err.Error())
		return invalid("Service", svc.Name, errs)
	}
	t.ip = ip
	return nil
}

// initNodePorts allocates a new Service's node ports. Ports that share a
// port number (53/UDP and 53/TCP) share one node port.
func (s *Server) initNodePorts(svc *api.Service, t *svcTxn) error {
	ports := svc.Spec.Ports
	byPort := map[int32]int32{}
	for i := range ports {
		p := &ports[i]
		if p.NodePort == 0 && !shouldAllocateNodePorts(svc) {
			continue // no new ports, but requested ones are honoured
		}
		got := byPort[p.Port]
		switch {
		case got == 0:
			want := requestedNodePort(p.Port, ports)
			np, err := s.takeNodePort(svc, i, want, t)
			if err != nil {
				return err
			}
			p.NodePort, byPort[p.Port] = np, np
		case p.NodePort == 0:
			p.NodePort = got
		case p.NodePort != got:
			if _, err := s.takeNodePort(svc, i, p.NodePort, t); err != nil {
				return err
			}
		}
	}
	return nil
}

func requestedNodePort(port int32, ports []api.ServicePort) int32 {
	for _, p := range ports {
		if p.Port == port && p.NodePort != 0 {
			return p.NodePort
		}
	}
	return 0
}

// updateNodePorts allocates the node ports an update adds; the ones it
// drops are released when the update commits.
func (s *Server) updateNodePorts(svc, old *api.Service, t *svcTxn) error {
	held := map[int32]bool{}
	for _, p := range old.Spec.Ports {
		held[p.NodePort] = p.NodePort != 0
	}
	for i := range svc.Spec.Ports {
		p := &svc.Spec.Ports[i]
		if p.NodePort == 0 && !shouldAllocateNodePorts(svc) || p.NodePort != 0 && held[p.NodePort] {
			continue
		}
		np, err := s.takeNodePort(svc, i, p.NodePort, t)
		if err != nil {
			return err
		}
		p.NodePort, held[np] = np, true
	}
	return nil
}

// takeNodePort allocates want, or any port when want is 0.
func (s *Server) takeNodePort(svc *api.Service, i int, want int32, t *svcTxn) (int32, error) {
	if want == 0 {
		port, err := s.nodePorts.allocateNext(s.e.Rand("kube-apiserver/nodeport"))
		if err != nil {
			return 0, internalError("failed to allocate a nodePort: " + err.Error())
		}
		t.ports = append(t.ports, port)
		return int32(port), nil
	}
	if err := s.nodePorts.allocate(int(want)); err != nil {
		var errs fieldErrors
		errs.invalid(fmt.Sprintf("spec.ports[%d].nodePort", i), want, err.Error())
		return 0, invalid("Service", svc.Name, errs)
	}
	t.ports = append(t.ports, int(want))
	return want, nil
}

func (s *Server) allocHealthCheckNodePort(svc *api.Service, t *svcTxn) error {
	sp := &svc.Spec
	if h := sp.HealthCheckNodePort; h != 0 {
		if err := s.nodePorts.allocate(int(h)); err != nil {
			return internalError(fmt.Sprintf("failed to allocate requested HealthCheck NodePort %d: %v", h, err))
		}
		t.ports = append(t.ports, int(h))
		return nil
	}
	port, err := s.nodePorts.allocateNext(s.e.Rand("kube-apiserver/nodeport"))
	if err != nil {
		return internalError(fmt.Sprintf("failed to allocate a HealthCheck NodePort %d: %v", port, err))
	}
	t.ports = append(t.ports, port)
	sp.HealthCheckNodePort = int32(port)
	return nil
}

// releaseUnused frees, once an update is stored, what old held and svc
// no longer uses.
func (s *Server) releaseUnused(old, svc *api.Service) {
	if old.Spec.ClusterIP != svc.Spec.ClusterIP {
		if ip, err := netip.ParseAddr(old.Spec.ClusterIP); err == nil {
			s.clusterIPs.release(ip)
		}
	}
	inUse := map[int32]bool{svc.Spec.HealthCheckNodePort: true}
	for _, p := range svc.Spec.Ports {
		inUse[p.NodePort] = true
	}
	for _, p := range old.Spec.Ports {
		if p.NodePort != 0 && !inUse[p.NodePort] {
			s.nodePorts.release(int(p.NodePort))
		}
	}
	if h := old.Spec.HealthCheckNodePort; h != 0 && !inUse[h] {
		s.nodePorts.release(int(h))
	}
}

// releaseService frees everything a deleted Service held.
func (s *Server) releaseService(svc *api.Service) {
	if ip, err := netip.ParseAddr(svc.Spec.ClusterIP); err == nil {
		s.clusterIPs.release(ip)
	}
	for _, p := range svc.Spec.Ports {
		if p.NodePort != 0 {
			s.nodePorts.release(int(p.NodePort))
		}
	}
	if svc.Spec.HealthCheckNodePort != 0 {
		s.nodePorts.release(int(svc.Spec.HealthCheckNodePort))
	}
}
