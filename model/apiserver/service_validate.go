package apiserver

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// validateService is ValidateService (pkg/apis/core/validation,
// kubernetes/kubernetes) for the fields svcsim models, with the server's
// messages and in the server's order: the order decides how a list of
// several errors reads.
func validateService(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	if len(sp.Ports) == 0 && !isHeadless(svc) && sp.Type != api.ServiceTypeExternalName {
		errs.required("spec.ports", "")
	}
	switch sp.Type {
	case api.ServiceTypeLoadBalancer, api.ServiceTypeNodePort:
		if isHeadless(svc) {
			errs.invalid("spec.clusterIPs[0]", api.ClusterIPNone, fmt.Sprintf("may not be set to 'None' for %s services", sp.Type))
		}
	case api.ServiceTypeExternalName:
		validateExternalName(svc, errs)
	}
	names := map[string]bool{}
	for i := range sp.Ports {
		validateServicePort(&sp.Ports[i], len(sp.Ports) > 1, names, fmt.Sprintf("spec.ports[%d]", i), errs)
	}
	validateSessionAffinity(svc, errs)
	errs.append(validateClusterIPsRelated(svc))
	for i, ip := range sp.ExternalIPs {
		validateExternalIP(ip, fmt.Sprintf("spec.externalIPs[%d]", i), errs)
	}
	switch sp.Type {
	case api.ServiceTypeClusterIP, api.ServiceTypeNodePort, api.ServiceTypeLoadBalancer, api.ServiceTypeExternalName:
	case "":
		errs.required("spec.type", "")
	default:
		errs.unsupported("spec.type", sp.Type, "ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
	}
	if sp.Type == api.ServiceTypeClusterIP {
		for i, p := range sp.Ports {
			if p.NodePort != 0 {
				errs.forbidden(fmt.Sprintf("spec.ports[%d].nodePort", i), "may not be used when `type` is 'ClusterIP'")
			}
		}
	}
	validateServicePortsUnique(svc, errs)
	validateLoadBalancerFields(svc, errs)
	validateTrafficPolicies(svc, errs)
}

// isHeadless is isHeadlessService: clusterIPs is exactly ["None"] (after
// normalizeClusterIPs has copied clusterIP into it).
func isHeadless(svc *api.Service) bool {
	return len(svc.Spec.ClusterIPs) == 1 && svc.Spec.ClusterIPs[0] == api.ClusterIPNone
}

func validateExternalName(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	if len(sp.ClusterIPs) > 0 || sp.ClusterIP != "" {
		errs.forbidden("spec.clusterIPs", "may not be set for ExternalName services")
	}
	if len(sp.IPFamilies) > 0 {
		errs.forbidden("spec.ipFamilies", "may not be set for ExternalName services")
	}
	if sp.IPFamilyPolicy != nil {
		errs.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services")
	}
	// The value (a CNAME) may have a trailing dot; the error shows the
	// name without it.
	cname := strings.TrimSuffix(sp.ExternalName, ".")
	switch {
	case cname == "":
		errs.required("spec.externalName", "")
	case !dns1123Sub.MatchString(cname) || len(cname) > 253:
		errs.invalid("spec.externalName", cname, msgDNS1123Sub)
	}
}

func validateServicePort(p *api.ServicePort, requireName bool, names map[string]bool, path string, errs *fieldErrors) {
	if requireName && p.Name == "" {
		errs.required(path+".name", "")
	} else if p.Name != "" {
		if !dns1123Label.MatchString(p.Name) || len(p.Name) > 63 {
			errs.invalid(path+".name", p.Name, msgDNS1123)
		}
		if names[p.Name] {
			errs.duplicate(path+".name", p.Name)
		}
		names[p.Name] = true
	}
	if p.Port < 1 || p.Port > 65535 {
		errs.invalid(path+".port", p.Port, msgPortRange)
	}
	if p.Protocol == "" {
		errs.required(path+".protocol", "")
	} else {
		validateProtocol(p.Protocol, path+".protocol", errs)
	}
	if p.TargetPort.IsString {
		validatePortName(p.TargetPort.StrVal, path+".targetPort", errs)
	} else if t := p.TargetPort.IntVal; t < 1 || t > 65535 {
		errs.invalid(path+".targetPort", t, msgPortRange)
	}
}

func validateSessionAffinity(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	switch sp.SessionAffinity {
	case "":
		errs.required("spec.sessionAffinity", "")
	case "ClientIP":
		const when = "when session affinity type is ClientIP"
		c := sp.SessionAffinityConfig
		switch {
		case c == nil:
			errs.required("spec.sessionAffinityConfig", when)
		case c.ClientIP == nil:
			errs.required("spec.sessionAffinityConfig.clientIP", when)
		case c.ClientIP.TimeoutSeconds == nil:
			errs.required("spec.sessionAffinityConfig.clientIP.timeoutSeconds", when)
		default:
			if t := *c.ClientIP.TimeoutSeconds; t <= 0 || t > 86400 {
				errs.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", t, "must be greater than 0 and less than 86400")
			}
		}
	case "None":
		if sp.SessionAffinityConfig != nil {
			errs.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None")
		}
	default:
		errs.unsupported("spec.sessionAffinity", sp.SessionAffinity, "ClientIP", "None")
	}
}

// validateClusterIPsRelated is ValidateServiceClusterIPsRelatedFields for
// a single-stack IPv4 cluster. The allocator runs it on its own before it
// allocates, so these errors come alone.
func validateClusterIPsRelated(svc *api.Service) fieldErrors {
	sp := &svc.Spec
	if sp.Type == api.ServiceTypeExternalName {
		return nil
	}
	var errs fieldErrors
	ips := rawValue(jsonList(sp.ClusterIPs, ""))
	if sp.ClusterIP != "" {
		if len(sp.ClusterIPs) == 0 {
			errs.required("spec.clusterIPs", "")
		} else if sp.ClusterIPs[0] != sp.ClusterIP {
			errs.invalid("spec.clusterIPs", ips, "first value must match `clusterIP`")
		}
	} else if len(sp.ClusterIPs) != 0 {
		errs.invalid("spec.clusterIPs", ips, "must be empty when `clusterIP` is not specified")
	}
	for i, f := range sp.IPFamilies {
		if f != "IPv4" && f != "IPv6" {
			errs.unsupported(fmt.Sprintf("spec.ipFamilies[%d]", i), f, "IPv4", "IPv6")
		}
	}
	if p := sp.IPFamilyPolicy; p != nil && *p != "SingleStack" && *p != "PreferDualStack" && *p != "RequireDualStack" {
		errs.unsupported("spec.ipFamilyPolicy", *p, "PreferDualStack", "RequireDualStack", "SingleStack")
	}
	for i, ip := range sp.ClusterIPs {
		if i == 0 && ip == api.ClusterIPNone {
			continue
		}
		if _, err := netip.ParseAddr(ip); err != nil {
			errs.invalid(fmt.Sprintf("spec.clusterIPs[%d]", i), ip, msgIP)
		}
	}
	return errs
}

// validateExternalIP is IsValidIP followed by ValidateNonSpecialIP.
func validateExternalIP(ip, path string, errs *fieldErrors) {
	a, err := netip.ParseAddr(ip)
	switch {
	case err != nil:
		errs.invalid(path, ip, msgIP)
	case a.IsUnspecified():
		errs.invalid(path, ip, fmt.Sprintf("may not be unspecified (%s)", ip))
	case a.IsLoopback():
		errs.invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)")
	case a.IsLinkLocalUnicast():
		errs.invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)")
	case a.IsLinkLocalMulticast():
		errs.invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")
	}
}

// validateServicePortsUnique reports a nodePort used twice for one
// protocol and a (port, protocol) pair used twice.
func validateServicePortsUnique(svc *api.Service, errs *fieldErrors) {
	type key struct {
		proto string
		port  int32
	}
	nodePorts := map[key]bool{}
	for i, p := range svc.Spec.Ports {
		if p.NodePort == 0 {
			continue
		}
		k := key{p.Protocol, p.NodePort}
		if nodePorts[k] {
			errs.duplicate(fmt.Sprintf("spec.ports[%d].nodePort", i), p.NodePort)
		}
		nodePorts[k] = true
	}
	ports := map[key]bool{}
	for i, p := range svc.Spec.Ports {
		k := key{p.Protocol, p.Port}
		if ports[k] {
			// The server reports the map key, a core.ServicePort with only
			// Protocol and Port set, rendered as JSON with Go field names
			// (apimachinery >= 1.34 renders composite values as JSON;
			// inferred, not seen in a real output).
			errs.duplicate(fmt.Sprintf("spec.ports[%d]", i), rawValue(fmt.Sprintf(
				`{"Name":"","Protocol":%q,"AppProtocol":null,"Port":%d,"TargetPort":0,"NodePort":0}`, p.Protocol, p.Port)))
		}
		ports[k] = true
	}
}

func validateLoadBalancerFields(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	lb := sp.Type == api.ServiceTypeLoadBalancer
	if len(sp.LoadBalancerSourceRanges) > 0 {
		// The server spells this path with a capital L.
		if !lb {
			errs.forbidden("spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'")
		}
		for i, r := range sp.LoadBalancerSourceRanges {
			r = strings.TrimSpace(r)
			if _, err := netip.ParsePrefix(r); err != nil {
				errs.invalid(fmt.Sprintf("spec.LoadBalancerSourceRanges[%d]", i), r, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")
			}
		}
	}
	if sp.AllocateLoadBalancerNodePorts != nil && !lb {
		errs.forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'")
	}
	if sp.LoadBalancerClass != nil && !lb {
		errs.forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'")
	}
}

// externallyAccessible is apiservice.ExternallyAccessible.
func externallyAccessible(svc *api.Service) bool {
	t := svc.Spec.Type
	return t == api.ServiceTypeNodePort || t == api.ServiceTypeLoadBalancer ||
		(t == api.ServiceTypeClusterIP && len(svc.Spec.ExternalIPs) > 0)
}

func validateTrafficPolicies(svc *api.Service, errs *fieldErrors) {
	sp := &svc.Spec
	switch {
	case !externallyAccessible(svc):
		if sp.ExternalTrafficPolicy != "" {
			errs.invalid("spec.externalTrafficPolicy", sp.ExternalTrafficPolicy, "may only be set for externally-accessible services")
		}
	case sp.ExternalTrafficPolicy == "":
		errs.required("spec.externalTrafficPolicy", "")
	case sp.ExternalTrafficPolicy != "Cluster" && sp.ExternalTrafficPolicy != "Local":
		errs.unsupported("spec.externalTrafficPolicy", sp.ExternalTrafficPolicy, "Cluster", "Local")
	}
	if !needsHealthCheckPort(svc) {
		if sp.HealthCheckNodePort != 0 {
			errs.invalid("spec.healthCheckNodePort", sp.HealthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'")
		}
	} else if h := sp.HealthCheckNodePort; h < 1 || h > 65535 {
		errs.invalid("spec.healthCheckNodePort", h, msgPortRange)
	}
	if p := sp.InternalTrafficPolicy; p != nil && *p != "Cluster" && *p != "Local" {
		errs.unsupported("spec.internalTrafficPolicy", *p, "Cluster", "Local")
	}
}

// normalizeClusterIPs is NormalizeClusterIPs: keep clusterIP and
// clusterIPs in step for a client that sets only the singular field.
// old is nil on create.
func normalizeClusterIPs(svc, old *api.Service) {
	sp := &svc.Spec
	if old == nil {
		if sp.ClusterIP != "" && len(sp.ClusterIPs) == 0 {
			sp.ClusterIPs = []string{sp.ClusterIP}
		}
		return
	}
	op := &old.Spec
	if len(op.ClusterIPs) > 0 && len(sp.ClusterIPs) == 0 && op.ClusterIP == sp.ClusterIP {
		sp.ClusterIPs = op.ClusterIPs
	}
	if op.ClusterIP == sp.ClusterIP {
		return
	}
	if op.ClusterIP != "" && sp.ClusterIP == "" {
		if slices.Equal(sp.ClusterIPs, op.ClusterIPs) {
			sp.ClusterIPs = nil
		}
	} else if slices.Equal(sp.ClusterIPs, op.ClusterIPs) {
		sp.ClusterIPs = []string{sp.ClusterIP}
	}
}

// validateServiceUpdate is what ValidateServiceUpdate checks before
// ValidateService: validateUpgradeDowngradeClusterIPs (single-stack) and
// the health check port's immutability.
func validateServiceUpdate(svc, old *api.Service) fieldErrors {
	var errs fieldErrors
	sp, op := &svc.Spec, &old.Spec
	if sp.Type != api.ServiceTypeExternalName && op.Type != api.ServiceTypeExternalName &&
		!(isHeadless(svc) && isHeadless(old)) {
		value := rawValue(jsonValue(sp.ClusterIPs))
		switch {
		case len(op.ClusterIPs) == len(sp.ClusterIPs):
			for i, ip := range op.ClusterIPs {
				if ip != sp.ClusterIPs[i] {
					errs.invalid(fmt.Sprintf("spec.clusterIPs[%d]", i), value, "may not change once set")
				}
			}
		case len(sp.ClusterIPs) == 0:
			errs.invalid("spec.clusterIPs[0]", value, "primary clusterIP can not be unset")
		case len(op.ClusterIPs) > 0 && sp.ClusterIPs[0] != op.ClusterIPs[0]:
			errs.invalid("spec.clusterIPs[0]", value, "may not change once set")
		}
	}
	if needsHealthCheckPort(old) && needsHealthCheckPort(svc) && sp.HealthCheckNodePort != op.HealthCheckNodePort {
		errs.forbidden("spec.healthCheckNodePort", "field is immutable")
	}
	return errs
}

// jsonValue prints a string list as apimachinery renders a composite bad
// value: ["10.96.0.10"], null when nil.
func jsonValue(list []string) string {
	switch {
	case list == nil:
		return "null"
	case len(list) == 0:
		return "[]"
	}
	return jsonList(list, "")
}
