package api

// deepCopyEndpoints and deepCopyEndpointSlice are DeepCopy by hand for
// the objects the endpoint controllers create for every Service;
// TestDeepCopyDiscoveryMatchesReflection keeps them in step with their
// structs.
func deepCopyEndpoints(e *Endpoints) *Endpoints {
	c := *e
	c.ObjectMeta = copyMeta(e.ObjectMeta)
	if e.Subsets != nil {
		c.Subsets = make([]EndpointSubset, len(e.Subsets))
		for i, s := range e.Subsets {
			c.Subsets[i] = EndpointSubset{Addresses: copyAddresses(s.Addresses),
				NotReadyAddresses: copyAddresses(s.NotReadyAddresses), Ports: copyEndpointPorts(s.Ports)}
		}
	}
	return &c
}

func copyAddresses(in []EndpointAddress) []EndpointAddress {
	if in == nil {
		return nil
	}
	out := make([]EndpointAddress, len(in))
	for i, a := range in {
		a.NodeName = copyPtr(a.NodeName)
		a.TargetRef = copyPtr(a.TargetRef)
		out[i] = a
	}
	return out
}

func copyEndpointPorts(in []EndpointPort) []EndpointPort {
	if in == nil {
		return nil
	}
	out := make([]EndpointPort, len(in))
	for i, p := range in {
		out[i] = EndpointPort{Name: copyPtr(p.Name), Port: copyPtr(p.Port), Protocol: copyPtr(p.Protocol),
			AppProtocol: copyPtr(p.AppProtocol)}
	}
	return out
}

func deepCopyEndpointSlice(s *EndpointSlice) *EndpointSlice {
	c := *s
	c.ObjectMeta = copyMeta(s.ObjectMeta)
	c.Ports = copyEndpointPorts(s.Ports)
	if s.Endpoints != nil {
		c.Endpoints = make([]Endpoint, len(s.Endpoints))
		for i, ep := range s.Endpoints {
			ep.Addresses = copySlice(ep.Addresses)
			ep.Conditions = EndpointConditions{Ready: copyPtr(ep.Conditions.Ready),
				Serving: copyPtr(ep.Conditions.Serving), Terminating: copyPtr(ep.Conditions.Terminating)}
			ep.Hostname = copyPtr(ep.Hostname)
			ep.TargetRef = copyPtr(ep.TargetRef)
			ep.DeprecatedTopology = copyStringMap(ep.DeprecatedTopology)
			ep.NodeName = copyPtr(ep.NodeName)
			ep.Zone = copyPtr(ep.Zone)
			c.Endpoints[i] = ep
		}
	}
	return &c
}
