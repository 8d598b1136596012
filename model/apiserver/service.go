package apiserver

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/api"
)

// validateService is ValidateService (pkg/apis/core/validation) for the
// fields svcsim models, with the server's messages.
func validateService(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	switch sp.Type {
	case api.ServiceTypeClusterIP, api.ServiceTypeNodePort, api.ServiceTypeLoadBalancer, api.ServiceTypeExternalName:
	default:
		errs.unsupported("spec.type", sp.Type, "ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
		return
	}
	external := sp.Type == api.ServiceTypeExternalName
	if external {
		if sp.ClusterIP != "" || len(sp.ClusterIPs) > 0 {
			errs.forbidden("spec.clusterIPs", "may not be set for ExternalName services")
		}
		if sp.IPFamilyPolicy != nil {
			errs.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services")
		}
		switch name := trimDot(sp.ExternalName); {
		case sp.ExternalName == "":
			errs.required("spec.externalName", "")
		case !dns1123Sub.MatchString(name) || len(name) > 253:
			errs.invalid("spec.externalName", sp.ExternalName, msgDNS1123Sub)
		}
	} else if len(sp.Ports) == 0 && sp.ClusterIP != api.ClusterIPNone {
		errs.required("spec.ports", "")
	}
	validateServicePorts(svc, errs)
	validateClusterIPField(svc, errs)
	switch sp.SessionAffinity {
	case "None":
	case "ClientIP":
		if c := sp.SessionAffinityConfig; c != nil && c.ClientIP != nil && c.ClientIP.TimeoutSeconds != nil {
			if t := *c.ClientIP.TimeoutSeconds; t <= 0 || t > 86400 {
				errs.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", t, "must be greater than 0 and less than 86400")
			}
		}
	default:
		errs.unsupported("spec.sessionAffinity", sp.SessionAffinity, "ClientIP", "None")
	}
	validateTrafficPolicies(svc, errs)
	for i, ip := range sp.ExternalIPs {
		if _, err := netip.ParseAddr(ip); err != nil {
			errs.invalid(fmt.Sprintf("spec.externalIPs[%d]", i), ip, msgIP)
		}
	}
	if len(sp.LoadBalancerSourceRanges) > 0 && sp.Type != api.ServiceTypeLoadBalancer {
		errs.forbidden("spec.loadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'")
	}
	for i, r := range sp.LoadBalancerSourceRanges {
		if _, err := netip.ParsePrefix(r); err != nil {
			errs.invalid(fmt.Sprintf("spec.loadBalancerSourceRanges[%d]", i), r, "must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ")
		}
	}
}

func trimDot(s string) string {
	if len(s) > 0 && s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

func validateServicePorts(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	names := map[string]bool{}
	type portKey struct {
		port  int32
		proto string
	}
	seen := map[portKey]bool{}
	for i, p := range sp.Ports {
		path := fmt.Sprintf("spec.ports[%d]", i)
		if len(sp.Ports) > 1 && p.Name == "" {
			errs.required(path+".name", "")
		} else if p.Name != "" {
			if !dns1123Label.MatchString(p.Name) {
				errs.invalid(path+".name", p.Name, msgDNS1123)
			} else if names[p.Name] {
				errs.duplicate(path+".name", p.Name)
			}
			names[p.Name] = true
		}
		if p.Port < 1 || p.Port > 65535 {
			errs.invalid(path+".port", p.Port, msgPortRange)
		}
		validateProtocol(p.Protocol, path+".protocol", errs)
		if p.TargetPort.IsString {
			validatePortName(p.TargetPort.StrVal, path+".targetPort", errs)
		} else if t := p.TargetPort.IntVal; t < 1 || t > 65535 {
			errs.invalid(path+".targetPort", t, msgPortRange)
		}
		if p.NodePort != 0 && (sp.Type == api.ServiceTypeClusterIP || sp.Type == api.ServiceTypeExternalName) {
			errs.forbidden(path+".nodePort", fmt.Sprintf("may not be used when `type` is '%s'", sp.Type))
		}
		k := portKey{p.Port, p.Protocol}
		if seen[k] {
			errs.duplicate(path, rawValue(fmt.Sprintf("core.ServicePort{Name:%q, Protocol:%q, AppProtocol:(*string)(nil), Port:%d, TargetPort:intstr.IntOrString{Type:%d, IntVal:%d, StrVal:%q}, NodePort:%d}",
				p.Name, p.Protocol, p.Port, boolInt(p.TargetPort.IsString), p.TargetPort.IntVal, p.TargetPort.StrVal, p.NodePort)))
		}
		seen[k] = true
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func validateClusterIPField(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	if sp.Type == api.ServiceTypeExternalName || sp.ClusterIP == "" {
		return
	}
	if sp.ClusterIP == api.ClusterIPNone {
		if sp.Type == api.ServiceTypeNodePort || sp.Type == api.ServiceTypeLoadBalancer {
			errs.invalid("spec.clusterIPs[0]", api.ClusterIPNone, fmt.Sprintf("may not be set to 'None' for %s services", sp.Type))
		}
		return
	}
	if _, err := netip.ParseAddr(sp.ClusterIP); err != nil {
		errs.invalid("spec.clusterIPs[0]", sp.ClusterIP, msgIP)
	}
	if len(sp.ClusterIPs) > 0 && sp.ClusterIPs[0] != sp.ClusterIP {
		errs.invalid("spec.clusterIPs", rawValue(jsonList(sp.ClusterIPs, "")), "element [0] must match clusterIP")
	}
}

func validateTrafficPolicies(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	externallyAccessible := sp.Type == api.ServiceTypeNodePort || sp.Type == api.ServiceTypeLoadBalancer ||
		(sp.Type == api.ServiceTypeClusterIP && len(sp.ExternalIPs) > 0)
	switch {
	case sp.ExternalTrafficPolicy == "":
	case !externallyAccessible:
		errs.invalid("spec.externalTrafficPolicy", sp.ExternalTrafficPolicy, "may only be set for externally-accessible services")
	case sp.ExternalTrafficPolicy != "Cluster" && sp.ExternalTrafficPolicy != "Local":
		errs.unsupported("spec.externalTrafficPolicy", sp.ExternalTrafficPolicy, "Cluster", "Local")
	}
	if p := sp.InternalTrafficPolicy; p != nil && *p != "Cluster" && *p != "Local" {
		errs.unsupported("spec.internalTrafficPolicy", *p, "Cluster", "Local")
	}
}

// carryServiceAllocations keeps, on update, the cluster IP and node ports
// the manifest did not mention, as the registry does: `kubectl apply` of
// the same file twice must not fail or reallocate.
func (s *Server) carryServiceAllocations(svc, old *api.Service) fieldErrors {
	sp, op := &svc.Spec, &old.Spec
	if sp.Type != api.ServiceTypeExternalName && op.Type != api.ServiceTypeExternalName && sp.ClusterIP == "" {
		sp.ClusterIP, sp.ClusterIPs = op.ClusterIP, append([]string(nil), op.ClusterIPs...)
	}
	if sp.Type == api.ServiceTypeExternalName && op.Type != api.ServiceTypeExternalName {
		// dropTypeDependentFields: what the update did not touch goes.
		if sp.ClusterIP == op.ClusterIP {
			sp.ClusterIP, sp.ClusterIPs, sp.IPFamilies, sp.IPFamilyPolicy = "", nil, nil, nil
		}
	}
	if needsNodePorts(svc) {
		for i := range sp.Ports {
			if sp.Ports[i].NodePort != 0 {
				continue
			}
			for _, o := range op.Ports {
				if o.Port == sp.Ports[i].Port && o.Protocol == sp.Ports[i].Protocol {
					sp.Ports[i].NodePort = o.NodePort
				}
			}
		}
		if sp.HealthCheckNodePort == 0 {
			sp.HealthCheckNodePort = op.HealthCheckNodePort
		}
	}
	return nil
}

func needsNodePorts(svc *api.Service) bool {
	switch svc.Spec.Type {
	case api.ServiceTypeNodePort:
		return true
	case api.ServiceTypeLoadBalancer:
		return svc.Spec.AllocateLoadBalancerNodePorts == nil || *svc.Spec.AllocateLoadBalancerNodePorts
	}
	return false
}

func needsHealthCheckPort(svc *api.Service) bool {
	return svc.Spec.Type == api.ServiceTypeLoadBalancer && svc.Spec.ExternalTrafficPolicy == "Local"
}

// allocateService gives svc its cluster IP and node ports. On update, old
// is the stored Service: what it already holds stays allocated and what
// the new spec no longer uses is released. On error nothing changes.
func (s *Server) allocateService(svc, old *api.Service) fieldErrors {
	var errs fieldErrors
	var gotIP netip.Addr
	var gotPorts []int
	rollback := func() {
		if gotIP.IsValid() {
			s.clusterIPs.release(gotIP)
		}
		for _, p := range gotPorts {
			s.nodePorts.release(p)
		}
	}
	held := map[int]bool{}
	var heldIP string
	if old != nil {
		heldIP = old.Spec.ClusterIP
		for _, p := range old.Spec.Ports {
			if p.NodePort != 0 {
				held[int(p.NodePort)] = true
			}
		}
		if old.Spec.HealthCheckNodePort != 0 {
			held[int(old.Spec.HealthCheckNodePort)] = true
		}
	}
	sp := &svc.Spec
	if sp.Type != api.ServiceTypeExternalName && sp.ClusterIP != api.ClusterIPNone && sp.ClusterIP != heldIP {
		if sp.ClusterIP != "" {
			ip, _ := netip.ParseAddr(sp.ClusterIP)
			if err := s.clusterIPs.allocate(ip); err != nil {
				errs.invalid("spec.clusterIPs", rawValue(jsonList(nil, sp.ClusterIP)), err.Error())
				return errs
			}
			gotIP = ip
		} else {
			ip, err := s.clusterIPs.allocateNext(s.e.Rand("kube-apiserver/clusterip"))
			if err != nil {
				errs.invalid("spec.clusterIPs", rawValue("[]"), err.Error())
				return errs
			}
			gotIP = ip
			sp.ClusterIP = ip.String()
		}
	}
	if sp.Type != api.ServiceTypeExternalName && sp.ClusterIP != "" {
		sp.ClusterIPs = []string{sp.ClusterIP}
	}
	if needsNodePorts(svc) {
		for i := range sp.Ports {
			p := &sp.Ports[i]
			if p.NodePort != 0 && held[int(p.NodePort)] {
				continue
			}
			port, err := s.allocatePort(int(p.NodePort))
			if err != nil {
				errs.invalid(fmt.Sprintf("spec.ports[%d].nodePort", i), p.NodePort, err.Error())
				rollback()
				return errs
			}
			gotPorts = append(gotPorts, port)
			p.NodePort = int32(port)
		}
	} else {
		for i := range sp.Ports {
			if sp.Type == api.ServiceTypeLoadBalancer && sp.Ports[i].NodePort != 0 && !held[int(sp.Ports[i].NodePort)] {
				if _, err := s.allocatePort(int(sp.Ports[i].NodePort)); err != nil {
					errs.invalid(fmt.Sprintf("spec.ports[%d].nodePort", i), sp.Ports[i].NodePort, err.Error())
					rollback()
					return errs
				}
			}
		}
	}
	if needsHealthCheckPort(svc) && (sp.HealthCheckNodePort == 0 || !held[int(sp.HealthCheckNodePort)]) {
		port, err := s.allocatePort(int(sp.HealthCheckNodePort))
		if err != nil {
			errs.invalid("spec.healthCheckNodePort", sp.HealthCheckNodePort, err.Error())
			rollback()
			return errs
		}
		sp.HealthCheckNodePort = int32(port)
	}
	if !needsHealthCheckPort(svc) {
		sp.HealthCheckNodePort = 0
	}
	if old != nil {
		s.releaseUnused(old, svc)
	}
	return nil
}

func (s *Server) allocatePort(want int) (int, error) {
	if want == 0 {
		return s.nodePorts.allocateNext(s.e.Rand("kube-apiserver/nodeport"))
	}
	return want, s.nodePorts.allocate(want)
}

// releaseUnused frees what old held and svc no longer uses.
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
