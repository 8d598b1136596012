package api

// Endpoints is the legacy core/v1 Endpoints object.
type Endpoints struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Subsets    []EndpointSubset `yaml:"subsets,omitempty" json:"subsets,omitempty"`
}

// EndpointSubset is a set of addresses sharing a set of ports.
type EndpointSubset struct {
	Addresses         []EndpointAddress `yaml:"addresses,omitempty" json:"addresses,omitempty"`
	NotReadyAddresses []EndpointAddress `yaml:"notReadyAddresses,omitempty" json:"notReadyAddresses,omitempty"`
	Ports             []EndpointPort    `yaml:"ports,omitempty" json:"ports,omitempty"`
}

// EndpointAddress is one endpoint IP.
type EndpointAddress struct {
	IP        string           `yaml:"ip" json:"ip"`
	Hostname  string           `yaml:"hostname,omitempty" json:"hostname,omitempty"`
	NodeName  *string          `yaml:"nodeName,omitempty" json:"nodeName,omitempty"`
	TargetRef *ObjectReference `yaml:"targetRef,omitempty" json:"targetRef,omitempty"`
}

// EndpointPort is one port of an Endpoints subset or EndpointSlice.
type EndpointPort struct {
	Name        *string `yaml:"name,omitempty" json:"name,omitempty"`
	Port        *int32  `yaml:"port,omitempty" json:"port,omitempty"`
	Protocol    *string `yaml:"protocol,omitempty" json:"protocol,omitempty"`
	AppProtocol *string `yaml:"appProtocol,omitempty" json:"appProtocol,omitempty"`
}

// ObjectReference points at an object (an endpoint's pod).
type ObjectReference struct {
	Kind            string `yaml:"kind,omitempty" json:"kind,omitempty"`
	Namespace       string `yaml:"namespace,omitempty" json:"namespace,omitempty"`
	Name            string `yaml:"name,omitempty" json:"name,omitempty"`
	UID             string `yaml:"uid,omitempty" json:"uid,omitempty"`
	APIVersion      string `yaml:"apiVersion,omitempty" json:"apiVersion,omitempty"`
	ResourceVersion string `yaml:"resourceVersion,omitempty" json:"resourceVersion,omitempty"`
	FieldPath       string `yaml:"fieldPath,omitempty" json:"fieldPath,omitempty"`
}

// EndpointSlice is a discovery.k8s.io/v1 EndpointSlice.
type EndpointSlice struct {
	TypeMeta    `yaml:",inline" json:",inline"`
	ObjectMeta  `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	AddressType string         `yaml:"addressType" json:"addressType"`
	Endpoints   []Endpoint     `yaml:"endpoints" json:"endpoints"`
	Ports       []EndpointPort `yaml:"ports" json:"ports"`
}

// Endpoint is one endpoint of a slice.
type Endpoint struct {
	Addresses          []string           `yaml:"addresses" json:"addresses"`
	Conditions         EndpointConditions `yaml:"conditions,omitempty" json:"conditions,omitempty"`
	Hostname           *string            `yaml:"hostname,omitempty" json:"hostname,omitempty"`
	TargetRef          *ObjectReference   `yaml:"targetRef,omitempty" json:"targetRef,omitempty"`
	DeprecatedTopology map[string]string  `yaml:"deprecatedTopology,omitempty" json:"deprecatedTopology,omitempty"`
	NodeName           *string            `yaml:"nodeName,omitempty" json:"nodeName,omitempty"`
	Zone               *string            `yaml:"zone,omitempty" json:"zone,omitempty"`
	Hints              Opaque             `yaml:"hints,omitempty" json:"hints,omitzero"`
}

// EndpointConditions are an endpoint's ready/serving/terminating; nil
// means unknown, which consumers treat as ready (serving) and not
// terminating.
type EndpointConditions struct {
	Ready       *bool `yaml:"ready,omitempty" json:"ready,omitempty"`
	Serving     *bool `yaml:"serving,omitempty" json:"serving,omitempty"`
	Terminating *bool `yaml:"terminating,omitempty" json:"terminating,omitempty"`
}

// Labels and values the endpoint controllers use.
const (
	LabelServiceName           = "kubernetes.io/service-name"
	LabelManagedBy             = "endpointslice.kubernetes.io/managed-by"
	ManagedByEndpointSlice     = "endpointslice-controller.k8s.io"
	ManagedByMirroring         = "endpointslicemirroring-controller.k8s.io"
	LabelSkipMirror            = "endpointslice.kubernetes.io/skip-mirror"
	AnnotationEndpointsTrimmed = "endpoints.kubernetes.io/over-capacity"
)
