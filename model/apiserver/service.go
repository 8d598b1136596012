package apiserver

import (
	"slices"

	"github.com/svcsim/svcsim/model/api"
)

// patchAllocatedValues is the registry's patchAllocatedValues: on update,
// the cluster IP, node ports (matched by port name) and health check
// port the manifest leaves out are kept, so that `kubectl apply` of the
// same file twice neither fails nor reallocates.
func patchAllocatedValues(svc, old *api.Service) {
	sp, op := &svc.Spec, &old.Spec
	if sp.Type != api.ServiceTypeExternalName && op.Type != api.ServiceTypeExternalName {
		if sp.ClusterIP == "" {
			sp.ClusterIP = op.ClusterIP
		}
		if len(sp.ClusterIPs) == 0 && len(op.ClusterIPs) > 0 {
			sp.ClusterIPs = append([]string(nil), op.ClusterIPs...)
		}
	}
	if typeNeedsNodePorts(old) && typeNeedsNodePorts(svc) {
		inOld := map[int32]bool{}
		for _, p := range op.Ports {
			inOld[p.NodePort] = p.NodePort != 0
		}
		used := map[int32]bool{} // in both: may not be patched in again
		for _, p := range sp.Ports {
			if p.NodePort != 0 && inOld[p.NodePort] {
				used[p.NodePort] = true
			}
		}
		byName := map[string]int32{}
		for _, p := range op.Ports {
			byName[p.Name] = p.NodePort
		}
		for i := range sp.Ports {
			if p := &sp.Ports[i]; p.NodePort == 0 && !used[byName[p.Name]] {
				p.NodePort = byName[p.Name]
			}
		}
	}
	if needsHealthCheckPort(old) && needsHealthCheckPort(svc) && sp.HealthCheckNodePort == 0 {
		sp.HealthCheckNodePort = op.HealthCheckNodePort
	}
}

// dropTypeDependentFields is the registry's dropTypeDependentFields: on a
// type change, what the new type cannot use goes, if the update left it
// as it was.
func dropTypeDependentFields(svc, old *api.Service) {
	sp, op := &svc.Spec, &old.Spec
	if op.Type != api.ServiceTypeExternalName && sp.Type == api.ServiceTypeExternalName {
		if sp.ClusterIP == op.ClusterIP && (len(sp.ClusterIPs) == 0 || slices.Equal(sp.ClusterIPs, op.ClusterIPs)) {
			sp.ClusterIP, sp.ClusterIPs = "", nil
		}
		if slices.Equal(sp.IPFamilies, op.IPFamilies) {
			sp.IPFamilies = nil
		}
		if ptrEq(sp.IPFamilyPolicy, op.IPFamilyPolicy) {
			sp.IPFamilyPolicy = nil
		}
	}
	if typeNeedsNodePorts(old) && !typeNeedsNodePorts(svc) && sameNodePorts(svc, old) {
		for i := range sp.Ports {
			sp.Ports[i].NodePort = 0
		}
	}
	if needsHealthCheckPort(old) && !needsHealthCheckPort(svc) && sp.HealthCheckNodePort == op.HealthCheckNodePort {
		sp.HealthCheckNodePort = 0
	}
	if op.Type == api.ServiceTypeLoadBalancer && sp.Type != api.ServiceTypeLoadBalancer &&
		sp.AllocateLoadBalancerNodePorts != nil && ptrEq(sp.AllocateLoadBalancerNodePorts, op.AllocateLoadBalancerNodePorts) {
		sp.AllocateLoadBalancerNodePorts = nil
	}
	if externallyAccessible(old) && !externallyAccessible(svc) && sp.ExternalTrafficPolicy == op.ExternalTrafficPolicy {
		sp.ExternalTrafficPolicy = ""
	}
}

func ptrEq[T comparable](a, b *T) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func sameNodePorts(a, b *api.Service) bool {
	if len(a.Spec.Ports) != len(b.Spec.Ports) {
		return false
	}
	for i := range a.Spec.Ports {
		if a.Spec.Ports[i].NodePort != b.Spec.Ports[i].NodePort {
			return false
		}
	}
	return true
}

// typeNeedsNodePorts is the registry's needsNodePort: the type has node
// ports, whether or not a LoadBalancer allocates them.
func typeNeedsNodePorts(svc *api.Service) bool {
	return svc.Spec.Type == api.ServiceTypeNodePort || svc.Spec.Type == api.ServiceTypeLoadBalancer
}

// shouldAllocateNodePorts: NodePort always, LoadBalancer unless
// allocateLoadBalancerNodePorts is false.
func shouldAllocateNodePorts(svc *api.Service) bool {
	switch svc.Spec.Type {
	case api.ServiceTypeNodePort:
		return true
	case api.ServiceTypeLoadBalancer:
		return svc.Spec.AllocateLoadBalancerNodePorts == nil || *svc.Spec.AllocateLoadBalancerNodePorts
	}
	return false
}

// needsHealthCheckPort is apiservice.NeedsHealthCheck.
func needsHealthCheckPort(svc *api.Service) bool {
	return svc.Spec.Type == api.ServiceTypeLoadBalancer && svc.Spec.ExternalTrafficPolicy == "Local"
}
