package metallb

// The objects as users write them (metallb.io CRDs, api/v1beta1 and
// api/v1beta2 of v0.16). Only spec fields are modelled; metadata is the
// name, namespace (metallb-system) and labels.

// ObjectMeta is the part of metadata the model reads.
type ObjectMeta struct {
	Name      string            `yaml:"name"`
	Namespace string            `yaml:"namespace,omitempty"`
	Labels    map[string]string `yaml:"labels,omitempty"`
}

// TypeMeta is apiVersion and kind.
type TypeMeta struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
}

// LabelSelector is metav1.LabelSelector.
type LabelSelector struct {
	MatchLabels      map[string]string          `yaml:"matchLabels,omitempty"`
	MatchExpressions []LabelSelectorRequirement `yaml:"matchExpressions,omitempty"`
}

// LabelSelectorRequirement is one matchExpressions item.
type LabelSelectorRequirement struct {
	Key      string   `yaml:"key"`
	Operator string   `yaml:"operator"`
	Values   []string `yaml:"values,omitempty"`
}

// IPAddressPool is metallb.io/v1beta1 IPAddressPool.
type IPAddressPool struct {
	TypeMeta `yaml:",inline"`
	Metadata ObjectMeta        `yaml:"metadata"`
	Spec     IPAddressPoolSpec `yaml:"spec"`
}

// IPAddressPoolSpec lists the addresses, as CIDRs ("192.168.1.240/28") or
// ranges ("192.168.1.240-192.168.1.250").
type IPAddressPoolSpec struct {
	Addresses []string `yaml:"addresses"`
	// AutoAssign defaults to true.
	AutoAssign *bool `yaml:"autoAssign,omitempty"`
	// AvoidBuggyIPs skips addresses ending in .0 and .255.
	AvoidBuggyIPs     bool               `yaml:"avoidBuggyIPs,omitempty"`
	ServiceAllocation *ServiceAllocation `yaml:"serviceAllocation,omitempty"`
}

// ServiceAllocation pins a pool to namespaces or services.
type ServiceAllocation struct {
	Priority           int             `yaml:"priority,omitempty"`
	Namespaces         []string        `yaml:"namespaces,omitempty"`
	NamespaceSelectors []LabelSelector `yaml:"namespaceSelectors,omitempty"`
	ServiceSelectors   []LabelSelector `yaml:"serviceSelectors,omitempty"`
}

// L2Advertisement is metallb.io/v1beta1 L2Advertisement.
type L2Advertisement struct {
	TypeMeta `yaml:",inline"`
	Metadata ObjectMeta          `yaml:"metadata"`
	Spec     L2AdvertisementSpec `yaml:"spec"`
}

// L2AdvertisementSpec selects pools (empty: all), nodes and interfaces.
type L2AdvertisementSpec struct {
	IPAddressPools         []string        `yaml:"ipAddressPools,omitempty"`
	IPAddressPoolSelectors []LabelSelector `yaml:"ipAddressPoolSelectors,omitempty"`
	NodeSelectors          []LabelSelector `yaml:"nodeSelectors,omitempty"`
	// Interfaces restricts the NICs ARP is answered and spammed on
	// (empty: every broadcast-capable, up, non-enslaved interface).
	Interfaces []string `yaml:"interfaces,omitempty"`
}

// BGPAdvertisement is metallb.io/v1beta1 BGPAdvertisement.
type BGPAdvertisement struct {
	TypeMeta `yaml:",inline"`
	Metadata ObjectMeta           `yaml:"metadata"`
	Spec     BGPAdvertisementSpec `yaml:"spec"`
}

// BGPAdvertisementSpec: aggregation lengths default to 32 and 128.
type BGPAdvertisementSpec struct {
	AggregationLength      *int32          `yaml:"aggregationLength,omitempty"`
	AggregationLengthV6    *int32          `yaml:"aggregationLengthV6,omitempty"`
	LocalPref              uint32          `yaml:"localPref,omitempty"`
	Communities            []string        `yaml:"communities,omitempty"`
	IPAddressPools         []string        `yaml:"ipAddressPools,omitempty"`
	IPAddressPoolSelectors []LabelSelector `yaml:"ipAddressPoolSelectors,omitempty"`
	NodeSelectors          []LabelSelector `yaml:"nodeSelectors,omitempty"`
	Peers                  []string        `yaml:"peers,omitempty"`
}

// BGPPeer is metallb.io/v1beta2 BGPPeer.
type BGPPeer struct {
	TypeMeta `yaml:",inline"`
	Metadata ObjectMeta  `yaml:"metadata"`
	Spec     BGPPeerSpec `yaml:"spec"`
}

// BGPPeerSpec is one router session; durations are Go duration strings
// as metav1.Duration writes them ("90s"). HoldTime defaults to 90 s in the
// native BGP implementation.
type BGPPeerSpec struct {
	MyASN         uint32          `yaml:"myASN"`
	ASN           uint32          `yaml:"peerASN"`
	Address       string          `yaml:"peerAddress"`
	SrcAddress    string          `yaml:"sourceAddress,omitempty"`
	Port          uint16          `yaml:"peerPort,omitempty"`
	HoldTime      string          `yaml:"holdTime,omitempty"`
	KeepaliveTime string          `yaml:"keepaliveTime,omitempty"`
	RouterID      string          `yaml:"routerID,omitempty"`
	NodeSelectors []LabelSelector `yaml:"nodeSelectors,omitempty"`
	Password      string          `yaml:"password,omitempty"`
	BFDProfile    string          `yaml:"bfdProfile,omitempty"`
	EBGPMultiHop  bool            `yaml:"ebgpMultiHop,omitempty"`
	VRFName       string          `yaml:"vrf,omitempty"`
}

// DefaultHoldTime is the native BGP implementation's hold time
// (internal/bgp/native/native.go).
const DefaultHoldTime = "90s"
