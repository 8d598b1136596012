package printers

import (
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// loadBalancerWidth is where the EXTERNAL-IP of a LoadBalancer Service is
// cut (with "...") outside -o wide.
const loadBalancerWidth = 16

// maxListed is how many endpoints or ports a cell lists before
// "+ N more...".
const maxListed = 3

// EndpointsDeprecationWarning is the API server's warning that kubectl
// prints to stderr before any v1 Endpoints output (Kubernetes 1.33+).
const EndpointsDeprecationWarning = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"

// serviceCells is printers.go's printService.
func serviceCells(svc *api.Service, opts TableOptions) []string {
	clusterIP := "<none>"
	if len(svc.Spec.ClusterIPs) > 0 {
		clusterIP = svc.Spec.ClusterIPs[0]
	} else if svc.Spec.ClusterIP != "" {
		clusterIP = svc.Spec.ClusterIP
	}
	ports := servicePorts(svc.Spec.Ports)
	if ports == "" {
		ports = "<none>"
	}
	return []string{
		svc.Name, svc.TypeOrDefault(), clusterIP, serviceExternalIP(svc, opts.Wide), ports,
		since(svc.CreationTimestamp, opts.Now), formatLabels(svc.Spec.Selector),
	}
}

// serviceExternalIP is the EXTERNAL-IP cell, by Service type.
func serviceExternalIP(svc *api.Service, wide bool) string {
	switch svc.TypeOrDefault() {
	case api.ServiceTypeClusterIP, api.ServiceTypeNodePort:
		if len(svc.Spec.ExternalIPs) > 0 {
			return strings.Join(svc.Spec.ExternalIPs, ",")
		}
		return "<none>"
	case api.ServiceTypeLoadBalancer:
		lb := loadBalancerIngress(svc.Status.LoadBalancer, wide)
		if len(svc.Spec.ExternalIPs) > 0 {
			var all []string
			if lb != "" {
				all = strings.Split(lb, ",")
			}
			return strings.Join(append(all, svc.Spec.ExternalIPs...), ",")
		}
		if lb != "" {
			return lb
		}
		return "<pending>"
	case api.ServiceTypeExternalName:
		return svc.Spec.ExternalName
	}
	return "<unknown>"
}

// loadBalancerIngress lists the ingress IPs (or hostnames) sorted and
// deduplicated, cut to loadBalancerWidth unless wide.
func loadBalancerIngress(s api.LoadBalancerStatus, wide bool) string {
	var addrs []string
	for _, in := range s.Ingress {
		if in.IP != "" {
			addrs = append(addrs, in.IP)
		} else if in.Hostname != "" {
			addrs = append(addrs, in.Hostname)
		}
	}
	slices.Sort(addrs)
	r := strings.Join(slices.Compact(addrs), ",")
	if !wide && len(r) > loadBalancerWidth {
		r = r[:loadBalancerWidth-1] + "..."
	}
	return r
}

// servicePorts is the PORT(S) cell: "80/TCP", "80:30080/TCP", joined by
// commas.
func servicePorts(ports []api.ServicePort) string {
	pieces := make([]string, len(ports))
	for i, p := range ports {
		proto := protocolOrTCP(p.Protocol)
		if p.NodePort > 0 {
			pieces[i] = fmt.Sprintf("%d:%d/%s", p.Port, p.NodePort, proto)
		} else {
			pieces[i] = fmt.Sprintf("%d/%s", p.Port, proto)
		}
	}
	return strings.Join(pieces, ",")
}

// protocolOrTCP is the protocol as the API server defaults it.
func protocolOrTCP(p string) string {
	if p == "" {
		return "TCP"
	}
	return p
}

// endpointsCells is printers.go's printEndpoints.
func endpointsCells(ep *api.Endpoints, opts TableOptions) []string {
	return []string{ep.Name, formatEndpoints(ep), since(ep.CreationTimestamp, opts.Now)}
}

// formatEndpoints lists ready address:port pairs, the first three and
// "+ N more...", or "<none>" for an Endpoints object with no subsets.
func formatEndpoints(ep *api.Endpoints) string {
	if len(ep.Subsets) == 0 {
		return "<none>"
	}
	var l lister
	for _, ss := range ep.Subsets {
		if len(ss.Ports) == 0 { // headless Services may have no ports
			for _, a := range ss.Addresses {
				l.add(a.IP)
			}
			continue
		}
		for _, p := range ss.Ports {
			for _, a := range ss.Addresses {
				l.add(net.JoinHostPort(a.IP, strconv.Itoa(int(deref(p.Port)))))
			}
		}
	}
	return l.String()
}

// lister keeps the first maxListed entries of a cell and counts the rest.
type lister struct {
	list  []string
	count int
}

func (l *lister) add(s string) {
	l.count++
	if len(l.list) < maxListed {
		l.list = append(l.list, s)
	}
}

func (l *lister) String() string {
	s := strings.Join(l.list, ",")
	if l.count > maxListed {
		return fmt.Sprintf("%s + %d more...", s, l.count-maxListed)
	}
	return s
}

// sliceCells is printers.go's printEndpointSlice.
func sliceCells(s *api.EndpointSlice, opts TableOptions) []string {
	var ports, addrs lister
	for _, p := range s.Ports {
		switch {
		case p.Port != nil:
			ports.add(strconv.Itoa(int(*p.Port)))
		case p.Name != nil:
			ports.add(*p.Name)
		default:
			ports.add("*")
		}
	}
	for _, e := range s.Endpoints {
		for _, a := range e.Addresses {
			addrs.add(a)
		}
	}
	return []string{s.Name, s.AddressType, unsetIfEmpty(ports.String()), unsetIfEmpty(addrs.String()), since(s.CreationTimestamp, opts.Now)}
}

func unsetIfEmpty(s string) string {
	if s == "" {
		return "<unset>"
	}
	return s
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
