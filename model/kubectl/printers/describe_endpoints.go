package printers

import (
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// The describers of Endpoints and EndpointSlices, as kubectl's
// describe.go words them.

func describeEndpoints(d *describer, ep *api.Endpoints, ctx DescribeContext) {
	d.line(0, "Name:\t%s\n", ep.Name)
	d.line(0, "Namespace:\t%s\n", ep.Namespace)
	d.labels("Labels", ep.Labels)
	d.annotations("Annotations", ep.Annotations)
	d.line(0, "Subsets:\n")
	for _, ss := range ep.Subsets {
		d.line(1, "Addresses:\t%s\n", addressList(ss.Addresses))
		d.line(1, "NotReadyAddresses:\t%s\n", addressList(ss.NotReadyAddresses))
		if len(ss.Ports) > 0 {
			d.line(1, "Ports:\n")
			d.line(2, "Name\tPort\tProtocol\n")
			d.line(2, "----\t----\t--------\n")
			for _, p := range ss.Ports {
				d.line(2, "%s\t%d\t%s\n", orUnsetString(p.Name), deref(p.Port), deref(p.Protocol))
			}
		}
		d.line(0, "\n")
	}
	d.events(ctx.Events)
}

func addressList(as []api.EndpointAddress) string {
	ips := make([]string, len(as))
	for i, a := range as {
		ips[i] = a.IP
	}
	if len(ips) == 0 {
		return "<none>"
	}
	return strings.Join(ips, ",")
}

func orUnsetString(p *string) string {
	if p == nil || *p == "" {
		return "<unset>"
	}
	return *p
}

func describeEndpointSlice(d *describer, s *api.EndpointSlice, ctx DescribeContext) {
	d.line(0, "Name:\t%s\n", s.Name)
	d.line(0, "Namespace:\t%s\n", s.Namespace)
	d.labels("Labels", s.Labels)
	d.annotations("Annotations", s.Annotations)
	d.line(0, "AddressType:\t%s\n", s.AddressType)
	if len(s.Ports) == 0 {
		d.line(0, "Ports: <unset>\n")
	} else {
		d.line(0, "Ports:\n")
		d.line(1, "Name\tPort\tProtocol\n")
		d.line(1, "----\t----\t--------\n")
		for _, p := range s.Ports {
			port := "<unset>"
			if p.Port != nil {
				port = strconv.Itoa(int(*p.Port))
			}
			d.line(1, "%s\t%s\t%s\n", orUnsetString(p.Name), port, deref(p.Protocol))
		}
	}
	if len(s.Endpoints) == 0 {
		d.line(0, "Endpoints: <none>\n")
	} else {
		d.line(0, "Endpoints:\n")
		for _, ep := range s.Endpoints {
			addrs := strings.Join(ep.Addresses, ", ")
			if addrs == "" {
				addrs = "<none>"
			}
			d.line(1, "- Addresses:\t%s\n", addrs)
			d.line(2, "Conditions:\n")
			ready := "<unset>"
			if ep.Conditions.Ready != nil {
				ready = strconv.FormatBool(*ep.Conditions.Ready)
			}
			d.line(3, "Ready:\t%s\n", ready)
			d.line(2, "Hostname:\t%s\n", orUnsetString(ep.Hostname))
			if ep.TargetRef != nil {
				d.line(2, "TargetRef:\t%s/%s\n", ep.TargetRef.Kind, ep.TargetRef.Name)
			}
			d.line(2, "NodeName:\t%s\n", orUnsetString(ep.NodeName))
			d.line(2, "Zone:\t%s\n", orUnsetString(ep.Zone))
		}
	}
	d.events(ctx.Events)
}
