package printers

import (
	"net"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// describeService is describe.go's describeService.
func describeService(d *describer, s *api.Service, ctx DescribeContext) {
	d.line(0, "Name:\t%s\n", s.Name)
	d.line(0, "Namespace:\t%s\n", s.Namespace)
	d.labels("Labels", s.Labels)
	d.annotations("Annotations", s.Annotations)
	d.line(0, "Selector:\t%s\n", formatLabels(s.Spec.Selector))
	d.line(0, "Type:\t%s\n", s.TypeOrDefault())
	if s.Spec.IPFamilyPolicy != nil {
		d.line(0, "IP Family Policy:\t%s\n", *s.Spec.IPFamilyPolicy)
	}
	d.line(0, "IP Families:\t%s\n", orNone(strings.Join(s.Spec.IPFamilies, ",")))
	d.line(0, "IP:\t%s\n", s.Spec.ClusterIP)
	d.line(0, "IPs:\t%s\n", orNone(strings.Join(s.Spec.ClusterIPs, ",")))
	if len(s.Spec.ExternalIPs) > 0 {
		d.line(0, "External IPs:\t%v\n", strings.Join(s.Spec.ExternalIPs, ","))
	}
	if s.Spec.LoadBalancerIP != "" {
		d.line(0, "IP:\t%s\n", s.Spec.LoadBalancerIP)
	}
	if s.Spec.LoadBalancerClass != nil {
		d.line(0, "LoadBalancer Class:\t%s\n", *s.Spec.LoadBalancerClass)
	}
	if len(s.Status.LoadBalancer.Ingress) > 0 {
		d.line(0, "LoadBalancer Ingress:\t%s\n", ingressString(s.Status.LoadBalancer.Ingress))
	}
	if s.Spec.Type == api.ServiceTypeExternalName {
		d.line(0, "External Name:\t%s\n", s.Spec.ExternalName)
	}
	for _, p := range s.Spec.Ports {
		name := p.Name
		if name == "" {
			name = "<unset>"
		}
		proto := protocolOrTCP(p.Protocol)
		d.line(0, "Port:\t%s\t%d/%s\n", name, p.Port, proto)
		d.line(0, "TargetPort:\t%s/%s\n", p.TargetPort.String(), proto)
		if p.NodePort != 0 {
			d.line(0, "NodePort:\t%s\t%d/%s\n", name, p.NodePort, proto)
		}
		d.line(0, "Endpoints:\t%s\n", sliceEndpoints(ctx.EndpointSlices, p.Name))
	}
	d.line(0, "Session Affinity:\t%s\n", s.Spec.SessionAffinity)
	if s.Spec.ExternalTrafficPolicy != "" {
		d.line(0, "External Traffic Policy:\t%s\n", s.Spec.ExternalTrafficPolicy)
	}
	if s.Spec.InternalTrafficPolicy != nil {
		d.line(0, "Internal Traffic Policy:\t%s\n", *s.Spec.InternalTrafficPolicy)
	}
	if s.Spec.HealthCheckNodePort != 0 {
		d.line(0, "HealthCheck NodePort:\t%d\n", s.Spec.HealthCheckNodePort)
	}
	if len(s.Spec.LoadBalancerSourceRanges) > 0 {
		d.line(0, "LoadBalancer Source Ranges:\t%v\n", strings.Join(s.Spec.LoadBalancerSourceRanges, ","))
	}
	if s.Spec.TrafficDistribution != nil {
		d.line(0, "Traffic Distribution:\t%s\n", *s.Spec.TrafficDistribution)
	}
	d.events(ctx.Events)
}

// ingressString lists ingress IPs or hostnames, comma and space
// separated (describe's buildIngressString).
func ingressString(in []api.LoadBalancerIngress) string {
	var b strings.Builder
	for i, e := range in {
		if i > 0 {
			b.WriteString(", ")
		}
		if e.IP != "" {
			b.WriteString(e.IP)
		} else {
			b.WriteString(e.Hostname)
		}
	}
	return b.String()
}

// sliceEndpoints is describe's formatEndpointSlices for one Service port:
// ready addresses with the slice port of that name, three and
// "+ N more...", "<none>" without slices.
func sliceEndpoints(slices []*api.EndpointSlice, portName string) string {
	if len(slices) == 0 {
		return "<none>"
	}
	var l lister
	for _, s := range slices {
		if len(s.Ports) == 0 { // headless Services may have no ports
			for _, e := range readyEndpoints(s) {
				for _, a := range e.Addresses {
					l.add(a)
				}
			}
			continue
		}
		for _, p := range s.Ports {
			if deref(p.Name) != portName {
				continue
			}
			for _, e := range readyEndpoints(s) {
				for _, a := range e.Addresses {
					l.add(net.JoinHostPort(a, strconv.Itoa(int(deref(p.Port)))))
				}
			}
		}
	}
	return l.String()
}

// readyEndpoints are a slice's endpoints whose ready condition is true or
// unknown.
func readyEndpoints(s *api.EndpointSlice) []api.Endpoint {
	var out []api.Endpoint
	for _, e := range s.Endpoints {
		if e.Conditions.Ready == nil || *e.Conditions.Ready {
			out = append(out, e)
		}
	}
	return out
}
