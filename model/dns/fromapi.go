package dns

import (
	"net/netip"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// The functions in this file project API objects onto the plugin's views,
// as CoreDNS's object.ToService, ToEndpointSlice and ToPod do.

// ServiceFromAPI is the plugin's view of a Service.
func ServiceFromAPI(s *api.Service) Service {
	out := Service{Namespace: s.Namespace, Name: s.Name, ExternalName: s.Spec.ExternalName}
	switch s.Spec.Type {
	case "NodePort":
		out.Type = NodePort
	case "LoadBalancer":
		out.Type = LoadBalancer
	case "ExternalName":
		out.Type = ExternalName
	}
	ips := s.Spec.ClusterIPs
	if len(ips) == 0 && s.Spec.ClusterIP != "" {
		ips = []string{s.Spec.ClusterIP}
	}
	for _, ip := range ips {
		if ip == "None" {
			out.Headless = true
			continue
		}
		if a, err := netip.ParseAddr(ip); err == nil && out.Type != ExternalName {
			out.ClusterIPs = append(out.ClusterIPs, a)
		}
	}
	for _, p := range s.Spec.Ports {
		proto := p.Protocol
		if proto == "" {
			proto = "TCP"
		}
		out.Ports = append(out.Ports, ServicePort{Name: p.Name, Port: p.Port, Protocol: proto})
	}
	return out
}

// EndpointSliceFromAPI is the plugin's view of an EndpointSlice; ok is
// false for a slice CoreDNS ignores (FQDN address type, no service label).
func EndpointSliceFromAPI(s *api.EndpointSlice) (EndpointSlice, bool) {
	svc := s.Labels[api.LabelServiceName]
	if svc == "" || strings.EqualFold(s.AddressType, "FQDN") {
		return EndpointSlice{}, false
	}
	out := EndpointSlice{Namespace: s.Namespace, Name: s.Name, ServiceName: svc}
	for _, p := range s.Ports {
		ep := EndpointPort{Port: -1, Protocol: "TCP"}
		if p.Name != nil {
			ep.Name = *p.Name
		}
		if p.Port != nil {
			ep.Port = *p.Port
		}
		if p.Protocol != nil {
			ep.Protocol = *p.Protocol
		}
		out.Ports = append(out.Ports, ep)
	}
	for _, e := range s.Endpoints {
		var ep Endpoint
		for _, a := range e.Addresses {
			if ip, err := netip.ParseAddr(a); err == nil {
				ep.Addresses = append(ep.Addresses, ip)
			}
		}
		if e.Hostname != nil {
			ep.Hostname = *e.Hostname
		}
		if e.NodeName != nil {
			ep.NodeName = *e.NodeName
		}
		ep.Conditions = Conditions{Ready: cond(e.Conditions.Ready), Serving: cond(e.Conditions.Serving), Terminating: cond(e.Conditions.Terminating)}
		if r := e.TargetRef; r != nil && r.Kind == "Pod" {
			ep.TargetRef = PodRef{Namespace: r.Namespace, Name: r.Name}
		}
		out.Endpoints = append(out.Endpoints, ep)
	}
	return out, true
}

func cond(b *bool) Cond {
	if b == nil {
		return CondUnset
	}
	return BoolCond(*b)
}

// PodFromAPI is the plugin's view of a Pod: its IPs. A pod without an IP
// yet has none (CoreDNS skips such pods).
func PodFromAPI(p *api.Pod) Pod {
	out := Pod{Namespace: p.Namespace, Name: p.Name}
	ips := p.Status.PodIPs
	if len(ips) == 0 && p.Status.PodIP != "" {
		ips = []api.PodIP{{IP: p.Status.PodIP}}
	}
	for _, ip := range ips {
		if a, err := netip.ParseAddr(ip.IP); err == nil {
			out.IPs = append(out.IPs, a)
		}
	}
	return out
}

// ApplyAPIObject puts one API object into the index (Services,
// EndpointSlices, Pods, Namespaces; other kinds are ignored), or removes
// it when deleted is set. It reports whether the kind is one the index
// holds.
func (x *Index) ApplyAPIObject(at time.Time, o api.Object, deleted bool) bool {
	switch v := o.(type) {
	case *api.Service:
		if deleted {
			x.DeleteService(at, v.Namespace, v.Name)
		} else {
			x.UpsertService(at, ServiceFromAPI(v))
		}
	case *api.EndpointSlice:
		s, ok := EndpointSliceFromAPI(v)
		if deleted || !ok {
			x.DeleteEndpointSlice(at, v.Namespace, v.Name)
		} else {
			x.UpsertEndpointSlice(at, s)
		}
	case *api.Pod:
		if deleted {
			x.DeletePod(at, v.Namespace, v.Name)
		} else {
			x.UpsertPod(at, PodFromAPI(v))
		}
	case *api.Namespace:
		if deleted {
			x.DeleteNamespace(at, v.Name)
		} else {
			x.AddNamespace(at, v.Name)
		}
	default:
		return false
	}
	return true
}
