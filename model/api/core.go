package api

// Namespace is a core/v1 Namespace.
type Namespace struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       NamespaceSpec   `yaml:"spec,omitempty" json:"spec,omitempty"`
	Status     NamespaceStatus `yaml:"status,omitempty" json:"status,omitempty"`
}

// NamespaceSpec holds a namespace's finalizers.
type NamespaceSpec struct {
	Finalizers []string `yaml:"finalizers,omitempty" json:"finalizers,omitempty"`
}

// NamespaceStatus says whether a namespace is Active or Terminating.
type NamespaceStatus struct {
	Phase      string `yaml:"phase,omitempty" json:"phase,omitempty"`
	Conditions Opaque `yaml:"conditions,omitempty" json:"conditions,omitzero"`
}

// Node is a core/v1 Node.
type Node struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       NodeSpec   `yaml:"spec,omitempty" json:"spec,omitempty"`
	Status     NodeStatus `yaml:"status,omitempty" json:"status,omitempty"`
}

// NodeSpec holds the node's pod CIDRs and scheduling switches.
type NodeSpec struct {
	PodCIDR       string   `yaml:"podCIDR,omitempty" json:"podCIDR,omitempty"`
	PodCIDRs      []string `yaml:"podCIDRs,omitempty" json:"podCIDRs,omitempty"`
	ProviderID    string   `yaml:"providerID,omitempty" json:"providerID,omitempty"`
	Unschedulable bool     `yaml:"unschedulable,omitempty" json:"unschedulable,omitempty"`
	Taints        []Taint  `yaml:"taints,omitempty" json:"taints,omitempty"`
	ConfigSource  Opaque   `yaml:"configSource,omitempty" json:"configSource,omitzero"`
	ExternalID    string   `yaml:"externalID,omitempty" json:"externalID,omitempty"`
}

// Taint keeps pods off a node unless they tolerate it.
type Taint struct {
	Key       string `yaml:"key" json:"key"`
	Value     string `yaml:"value,omitempty" json:"value,omitempty"`
	Effect    string `yaml:"effect" json:"effect"`
	TimeAdded *Time  `yaml:"timeAdded,omitempty" json:"timeAdded,omitempty"`
}

// NodeStatus holds the node's addresses and conditions.
type NodeStatus struct {
	Addresses        []NodeAddress   `yaml:"addresses,omitempty" json:"addresses,omitempty"`
	Conditions       []NodeCondition `yaml:"conditions,omitempty" json:"conditions,omitempty"`
	Capacity         Opaque          `yaml:"capacity,omitempty" json:"capacity,omitzero"`
	Allocatable      Opaque          `yaml:"allocatable,omitempty" json:"allocatable,omitzero"`
	Phase            string          `yaml:"phase,omitempty" json:"phase,omitempty"`
	DaemonEndpoints  Opaque          `yaml:"daemonEndpoints,omitempty" json:"daemonEndpoints,omitzero"`
	NodeInfo         NodeSystemInfo  `yaml:"nodeInfo,omitempty" json:"nodeInfo,omitempty"`
	Images           Opaque          `yaml:"images,omitempty" json:"images,omitzero"`
	VolumesInUse     Opaque          `yaml:"volumesInUse,omitempty" json:"volumesInUse,omitzero"`
	VolumesAttached  Opaque          `yaml:"volumesAttached,omitempty" json:"volumesAttached,omitzero"`
	Config           Opaque          `yaml:"config,omitempty" json:"config,omitzero"`
	RuntimeHandlers  Opaque          `yaml:"runtimeHandlers,omitempty" json:"runtimeHandlers,omitzero"`
	Features         Opaque          `yaml:"features,omitempty" json:"features,omitzero"`
	DeclaredFeatures Opaque          `yaml:"declaredFeatures,omitempty" json:"declaredFeatures,omitzero"`
}

// NodeSystemInfo is what the kubelet reports about the machine; kubectl
// prints some of it in -o wide.
type NodeSystemInfo struct {
	MachineID               string `yaml:"machineID,omitempty" json:"machineID,omitempty"`
	SystemUUID              string `yaml:"systemUUID,omitempty" json:"systemUUID,omitempty"`
	BootID                  string `yaml:"bootID,omitempty" json:"bootID,omitempty"`
	KernelVersion           string `yaml:"kernelVersion,omitempty" json:"kernelVersion,omitempty"`
	OSImage                 string `yaml:"osImage,omitempty" json:"osImage,omitempty"`
	ContainerRuntimeVersion string `yaml:"containerRuntimeVersion,omitempty" json:"containerRuntimeVersion,omitempty"`
	KubeletVersion          string `yaml:"kubeletVersion,omitempty" json:"kubeletVersion,omitempty"`
	KubeProxyVersion        string `yaml:"kubeProxyVersion,omitempty" json:"kubeProxyVersion,omitempty"`
	OperatingSystem         string `yaml:"operatingSystem,omitempty" json:"operatingSystem,omitempty"`
	Architecture            string `yaml:"architecture,omitempty" json:"architecture,omitempty"`
	Swap                    Opaque `yaml:"swap,omitempty" json:"swap,omitzero"`
}

// NodeAddress is one of a node's addresses (InternalIP, ExternalIP,
// Hostname).
type NodeAddress struct {
	Type    string `yaml:"type" json:"type"`
	Address string `yaml:"address" json:"address"`
}

// NodeCondition is a node condition such as Ready.
type NodeCondition struct {
	Type               string `yaml:"type" json:"type"`
	Status             string `yaml:"status" json:"status"`
	LastHeartbeatTime  Time   `yaml:"lastHeartbeatTime,omitempty" json:"lastHeartbeatTime,omitempty"`
	LastTransitionTime Time   `yaml:"lastTransitionTime,omitempty" json:"lastTransitionTime,omitempty"`
	Reason             string `yaml:"reason,omitempty" json:"reason,omitempty"`
	Message            string `yaml:"message,omitempty" json:"message,omitempty"`
}

// ConfigMap is a core/v1 ConfigMap (svcsim reads the coredns Corefile and
// kube-proxy's configuration from one).
type ConfigMap struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Data       map[string]string `yaml:"data,omitempty" json:"data,omitempty"`
	BinaryData Opaque            `yaml:"binaryData,omitempty" json:"binaryData,omitzero"`
	Immutable  *bool             `yaml:"immutable,omitempty" json:"immutable,omitempty"`
}
