package dns

import (
	"net/netip"
	"strings"
)

// The types in this file are stripped down views of the API objects the
// kubernetes plugin watches, with only the items the plugin reads (CoreDNS
// plugin/kubernetes/object keeps the same kind of projection). Do not add
// fields casually: every field here is something CoreDNS looks at.

// ServiceType is spec.type of a Service. The zero value is ClusterIP.
type ServiceType uint8

// Service types, as spec.type spells them.
const (
	ClusterIP ServiceType = iota
	NodePort
	LoadBalancer
	ExternalName
)

// String returns the type as the API spells it.
func (t ServiceType) String() string {
	switch t {
	case ClusterIP:
		return "ClusterIP"
	case NodePort:
		return "NodePort"
	case LoadBalancer:
		return "LoadBalancer"
	case ExternalName:
		return "ExternalName"
	}
	return "ServiceType(?)"
}

// ServicePort is one entry of spec.ports. Protocol is "TCP", "UDP" or "SCTP"
// (empty means TCP, as the API defaults it).
type ServicePort struct {
	Name     string
	Port     int32
	Protocol string
}

// Service is the part of a v1.Service the DNS plugin reads.
//
// A headless Service (spec.clusterIP: None) has Headless set and no
// ClusterIPs. An ExternalName Service has Type ExternalName, ExternalName set
// and no ClusterIPs. A Service with no ports is given CoreDNS's sentinel port
// -1 when indexed: its A record works, SRV omits it.
type Service struct {
	Namespace    string
	Name         string
	Type         ServiceType
	ClusterIPs   []netip.Addr
	Headless     bool
	ExternalName string
	Ports        []ServicePort
}

// Cond is an EndpointSlice condition (*bool in the API). The zero value is
// unset (nil), which consumers treat as true for ready.
type Cond uint8

// Condition values.
const (
	CondUnset Cond = iota
	CondTrue
	CondFalse
)

// BoolCond converts a bool to a set condition.
func BoolCond(b bool) Cond {
	if b {
		return CondTrue
	}
	return CondFalse
}

// Conditions are an endpoint's conditions. CoreDNS reads only Ready (nil
// counts as ready); Serving and Terminating are carried for the trace.
type Conditions struct {
	Ready       Cond
	Serving     Cond
	Terminating Cond
}

// PodRef is an endpoint's targetRef when it points at a Pod.
type PodRef struct {
	Namespace string
	Name      string
}

// Endpoint is one entry of an EndpointSlice's endpoints.
type Endpoint struct {
	Addresses  []netip.Addr
	Hostname   string
	NodeName   string
	Conditions Conditions
	TargetRef  PodRef
}

// EndpointPort is one entry of an EndpointSlice's ports. Port -1 is CoreDNS's
// sentinel for "no port".
type EndpointPort struct {
	Name     string
	Port     int32
	Protocol string
}

// EndpointSlice is the part of a discovery.k8s.io/v1 EndpointSlice the DNS
// plugin reads. ServiceName is the kubernetes.io/service-name label.
type EndpointSlice struct {
	Namespace   string
	Name        string
	ServiceName string
	Ports       []EndpointPort
	Endpoints   []Endpoint
}

// Pod is the part of a v1.Pod that `pods verified` reads.
type Pod struct {
	Namespace string
	Name      string
	IPs       []netip.Addr
}

// objKey names a namespaced object. Names are compared lower-cased, as
// Kubernetes names are lower-case DNS labels.
type objKey struct {
	ns, name string
}

func keyOf(ns, name string) objKey {
	return objKey{strings.ToLower(ns), strings.ToLower(name)}
}

// isReady is CoreDNS's endpointsliceReady: nil counts as ready.
func (c Conditions) isReady() bool { return c.Ready != CondFalse }
