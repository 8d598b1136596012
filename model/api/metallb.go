package api

// The MetalLB custom resources (metallb.io, v0.16: IPAddressPool,
// L2Advertisement and BGPAdvertisement in v1beta1, BGPPeer in v1beta2),
// stored like any object so that `kubectl apply` takes them as a user
// writes them. Only the spec fields MetalLB's controller and speakers
// read are modelled.

// MetalLBSelector is metav1.LabelSelector as the CRDs embed it.
type MetalLBSelector struct {
	MatchLabels      map[string]string            `yaml:"matchLabels,omitempty" json:"matchLabels,omitempty"`
	MatchExpressions []MetalLBSelectorRequirement `yaml:"matchExpressions,omitempty" json:"matchExpressions,omitempty"`
}

// MetalLBSelectorRequirement is one matchExpressions item.
type MetalLBSelectorRequirement struct {
	Key      string   `yaml:"key" json:"key"`
	Operator string   `yaml:"operator" json:"operator"`
	Values   []string `yaml:"values,omitempty" json:"values,omitempty"`
}

// IPAddressPool is metallb.io/v1beta1 IPAddressPool.
type IPAddressPool struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       IPAddressPoolSpec `yaml:"spec" json:"spec"`
}

// IPAddressPoolSpec lists the addresses, as CIDRs ("192.168.1.240/28") or
// ranges ("192.168.1.240-192.168.1.250").
type IPAddressPoolSpec struct {
	Addresses []string `yaml:"addresses" json:"addresses"`
	// AutoAssign defaults to true.
	AutoAssign *bool `yaml:"autoAssign,omitempty" json:"autoAssign,omitempty"`
	// AvoidBuggyIPs skips addresses ending in .0 and .255.
	AvoidBuggyIPs     bool               `yaml:"avoidBuggyIPs,omitempty" json:"avoidBuggyIPs,omitempty"`
	ServiceAllocation *ServiceAllocation `yaml:"serviceAllocation,omitempty" json:"serviceAllocation,omitempty"`
}

// ServiceAllocation pins a pool to namespaces or services.
type ServiceAllocation struct {
	Priority           int               `yaml:"priority,omitempty" json:"priority,omitempty"`
	Namespaces         []string          `yaml:"namespaces,omitempty" json:"namespaces,omitempty"`
	NamespaceSelectors []MetalLBSelector `yaml:"namespaceSelectors,omitempty" json:"namespaceSelectors,omitempty"`
	ServiceSelectors   []MetalLBSelector `yaml:"serviceSelectors,omitempty" json:"serviceSelectors,omitempty"`
}

// L2Advertisement is metallb.io/v1beta1 L2Advertisement.
type L2Advertisement struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       L2AdvertisementSpec `yaml:"spec" json:"spec"`
}

// L2AdvertisementSpec selects pools (empty: all), nodes and interfaces.
type L2AdvertisementSpec struct {
	IPAddressPools         []string          `yaml:"ipAddressPools,omitempty" json:"ipAddressPools,omitempty"`
	IPAddressPoolSelectors []MetalLBSelector `yaml:"ipAddressPoolSelectors,omitempty" json:"ipAddressPoolSelectors,omitempty"`
	NodeSelectors          []MetalLBSelector `yaml:"nodeSelectors,omitempty" json:"nodeSelectors,omitempty"`
	// Interfaces restricts the NICs ARP is answered and spammed on
	// (empty: every broadcast-capable, up, non-enslaved interface).
	Interfaces []string `yaml:"interfaces,omitempty" json:"interfaces,omitempty"`
}

// BGPAdvertisement is metallb.io/v1beta1 BGPAdvertisement.
type BGPAdvertisement struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       BGPAdvertisementSpec `yaml:"spec" json:"spec"`
}

// BGPAdvertisementSpec: aggregation lengths default to 32 and 128.
type BGPAdvertisementSpec struct {
	AggregationLength      *int32            `yaml:"aggregationLength,omitempty" json:"aggregationLength,omitempty"`
	AggregationLengthV6    *int32            `yaml:"aggregationLengthV6,omitempty" json:"aggregationLengthV6,omitempty"`
	LocalPref              uint32            `yaml:"localPref,omitempty" json:"localPref,omitempty"`
	Communities            []string          `yaml:"communities,omitempty" json:"communities,omitempty"`
	IPAddressPools         []string          `yaml:"ipAddressPools,omitempty" json:"ipAddressPools,omitempty"`
	IPAddressPoolSelectors []MetalLBSelector `yaml:"ipAddressPoolSelectors,omitempty" json:"ipAddressPoolSelectors,omitempty"`
	NodeSelectors          []MetalLBSelector `yaml:"nodeSelectors,omitempty" json:"nodeSelectors,omitempty"`
	Peers                  []string          `yaml:"peers,omitempty" json:"peers,omitempty"`
}

// BGPPeer is metallb.io/v1beta2 BGPPeer.
type BGPPeer struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       BGPPeerSpec `yaml:"spec" json:"spec"`
}

// BGPPeerSpec is one router session; durations are Go duration strings
// as metav1.Duration writes them ("90s"). HoldTime defaults to 90 s in the
// native BGP implementation.
type BGPPeerSpec struct {
	MyASN         uint32            `yaml:"myASN" json:"myASN"`
	ASN           uint32            `yaml:"peerASN" json:"peerASN"`
	Address       string            `yaml:"peerAddress" json:"peerAddress"`
	SrcAddress    string            `yaml:"sourceAddress,omitempty" json:"sourceAddress,omitempty"`
	Port          uint16            `yaml:"peerPort,omitempty" json:"peerPort,omitempty"`
	HoldTime      string            `yaml:"holdTime,omitempty" json:"holdTime,omitempty"`
	KeepaliveTime string            `yaml:"keepaliveTime,omitempty" json:"keepaliveTime,omitempty"`
	RouterID      string            `yaml:"routerID,omitempty" json:"routerID,omitempty"`
	NodeSelectors []MetalLBSelector `yaml:"nodeSelectors,omitempty" json:"nodeSelectors,omitempty"`
	Password      string            `yaml:"password,omitempty" json:"password,omitempty"`
	BFDProfile    string            `yaml:"bfdProfile,omitempty" json:"bfdProfile,omitempty"`
	EBGPMultiHop  bool              `yaml:"ebgpMultiHop,omitempty" json:"ebgpMultiHop,omitempty"`
	VRFName       string            `yaml:"vrf,omitempty" json:"vrf,omitempty"`
}
