package kubeproxy

import (
	"net/netip"
	"strconv"
)

// Protocol is a service port's L4 protocol. The zero value is invalid.
type Protocol uint8

// Protocols kube-proxy programs.
const (
	ProtocolTCP Protocol = iota + 1
	ProtocolUDP
	ProtocolSCTP
)

// String returns the lowercase name iptables uses ("tcp", "udp", "sctp").
func (p Protocol) String() string {
	switch p {
	case ProtocolTCP:
		return "tcp"
	case ProtocolUDP:
		return "udp"
	case ProtocolSCTP:
		return "sctp"
	}
	return "protocol(" + strconv.Itoa(int(p)) + ")"
}

// ServicePortName identifies one port of one Service, like pkg/proxy's ServicePortName.
type ServicePortName struct {
	Namespace string
	Name      string
	Port      string // the port's name; empty for an unnamed port
	Protocol  Protocol
}

// String is "<ns>/<name>:<port>", or "<ns>/<name>" when the port is unnamed.
// The protocol is not part of it. It appears in every rule comment.
func (n ServicePortName) String() string {
	if n.Port == "" {
		return n.Namespace + "/" + n.Name
	}
	return n.Namespace + "/" + n.Name + ":" + n.Port
}

// less orders names by namespace, name, port name, protocol: svcsim's service
// visiting order (kube-proxy's own order is Go map order, i.e. random).
func (n ServicePortName) less(o ServicePortName) bool {
	if n.Namespace != o.Namespace {
		return n.Namespace < o.Namespace
	}
	if n.Name != o.Name {
		return n.Name < o.Name
	}
	if n.Port != o.Port {
		return n.Port < o.Port
	}
	return n.Protocol < o.Protocol
}

// ServiceType is the Service's spec.type (ExternalName services are never given to kube-proxy).
type ServiceType uint8

// Service types.
const (
	ServiceTypeClusterIP ServiceType = iota
	ServiceTypeNodePort
	ServiceTypeLoadBalancer
)

// TrafficPolicy is spec.externalTrafficPolicy or spec.internalTrafficPolicy.
// The zero value is Cluster, the API default.
type TrafficPolicy uint8

// Traffic policies.
const (
	TrafficPolicyCluster TrafficPolicy = iota
	TrafficPolicyLocal
)

// DefaultStickyMaxAgeSeconds is the API default of
// sessionAffinityConfig.clientIP.timeoutSeconds.
const DefaultStickyMaxAgeSeconds = 10800

// ServicePort is kube-proxy's stripped-down view of one port of a Service
// (pkg/proxy ServicePort / BaseServicePortInfo), with only the items it needs.
//
// Fields are as the API carries them; the proxier applies kube-proxy's own
// filtering when the port is added (addresses of the other IP family dropped,
// a zero-CIDR source range disabling the firewall, healthCheckNodePort kept
// only for type LoadBalancer with externalTrafficPolicy Local).
type ServicePort struct {
	Name      ServicePortName
	Type      ServiceType
	ClusterIP netip.Addr
	Port      uint16
	NodePort  uint16 // 0 if none

	ExternalIPs              []netip.Addr
	LoadBalancerIPs          []netip.Addr // status.loadBalancer.ingress[].ip with ipMode unset or VIP
	LoadBalancerSourceRanges []netip.Prefix

	ExternalTrafficPolicy TrafficPolicy
	InternalTrafficPolicy TrafficPolicy

	// SessionAffinityClientIP is sessionAffinity: ClientIP; StickyMaxAgeSeconds is its
	// timeout (0 means DefaultStickyMaxAgeSeconds).
	SessionAffinityClientIP bool
	StickyMaxAgeSeconds     int

	HealthCheckNodePort uint16
}

// Endpoint is kube-proxy's view of one endpoint of a service port
// (pkg/proxy Endpoint / BaseEndpointInfo). Conditions are already resolved:
// a nil condition in the EndpointSlice counts as ready/serving, and
// terminating is true only when set.
type Endpoint struct {
	IP          netip.Addr
	Port        uint16 // the EndpointSlice port number: the DNAT target port
	NodeName    string
	Ready       bool
	Serving     bool
	Terminating bool
}

// Node is the node kube-proxy runs on.
type Node struct {
	Name string
	// IP is the node's primary IP of the proxier's family (kube-proxy's nodeIP);
	// the firewall chain lets it through when a source range contains it.
	IP netip.Addr
	// Addresses are all addresses on the node's interfaces (including loopback);
	// nodePortAddresses CIDRs are matched against them.
	Addresses []netip.Addr
}
