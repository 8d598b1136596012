package api

// Service types, as spec.type spells them.
const (
	ServiceTypeClusterIP    = "ClusterIP"
	ServiceTypeNodePort     = "NodePort"
	ServiceTypeLoadBalancer = "LoadBalancer"
	ServiceTypeExternalName = "ExternalName"
)

// ClusterIPNone makes a Service headless.
const ClusterIPNone = "None"

// Service is a core/v1 Service.
type Service struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       ServiceSpec   `yaml:"spec,omitempty" json:"spec,omitempty"`
	Status     ServiceStatus `yaml:"status,omitempty" json:"status,omitempty"`
}

// ServiceSpec is a Service's spec, every field of core/v1 as of v1.36.
type ServiceSpec struct {
	Type                          string                 `yaml:"type,omitempty" json:"type,omitempty"`
	Selector                      map[string]string      `yaml:"selector,omitempty" json:"selector,omitempty"`
	Ports                         []ServicePort          `yaml:"ports,omitempty" json:"ports,omitempty"`
	ClusterIP                     string                 `yaml:"clusterIP,omitempty" json:"clusterIP,omitempty"`
	ClusterIPs                    []string               `yaml:"clusterIPs,omitempty" json:"clusterIPs,omitempty"`
	IPFamilies                    []string               `yaml:"ipFamilies,omitempty" json:"ipFamilies,omitempty"`
	IPFamilyPolicy                *string                `yaml:"ipFamilyPolicy,omitempty" json:"ipFamilyPolicy,omitempty"`
	ExternalName                  string                 `yaml:"externalName,omitempty" json:"externalName,omitempty"`
	ExternalIPs                   []string               `yaml:"externalIPs,omitempty" json:"externalIPs,omitempty"`
	SessionAffinity               string                 `yaml:"sessionAffinity,omitempty" json:"sessionAffinity,omitempty"`
	SessionAffinityConfig         *SessionAffinityConfig `yaml:"sessionAffinityConfig,omitempty" json:"sessionAffinityConfig,omitempty"`
	ExternalTrafficPolicy         string                 `yaml:"externalTrafficPolicy,omitempty" json:"externalTrafficPolicy,omitempty"`
	InternalTrafficPolicy         *string                `yaml:"internalTrafficPolicy,omitempty" json:"internalTrafficPolicy,omitempty"`
	HealthCheckNodePort           int32                  `yaml:"healthCheckNodePort,omitempty" json:"healthCheckNodePort,omitempty"`
	LoadBalancerIP                string                 `yaml:"loadBalancerIP,omitempty" json:"loadBalancerIP,omitempty"`
	LoadBalancerSourceRanges      []string               `yaml:"loadBalancerSourceRanges,omitempty" json:"loadBalancerSourceRanges,omitempty"`
	LoadBalancerClass             *string                `yaml:"loadBalancerClass,omitempty" json:"loadBalancerClass,omitempty"`
	AllocateLoadBalancerNodePorts *bool                  `yaml:"allocateLoadBalancerNodePorts,omitempty" json:"allocateLoadBalancerNodePorts,omitempty"`
	PublishNotReadyAddresses      bool                   `yaml:"publishNotReadyAddresses,omitempty" json:"publishNotReadyAddresses,omitempty"`
	TrafficDistribution           *string                `yaml:"trafficDistribution,omitempty" json:"trafficDistribution,omitempty"`
}

// ServicePort is one port of a Service.
type ServicePort struct {
	Name        string      `yaml:"name,omitempty" json:"name,omitempty"`
	Protocol    string      `yaml:"protocol,omitempty" json:"protocol,omitempty"`
	AppProtocol *string     `yaml:"appProtocol,omitempty" json:"appProtocol,omitempty"`
	Port        int32       `yaml:"port" json:"port"`
	TargetPort  IntOrString `yaml:"targetPort,omitempty" json:"targetPort,omitempty"`
	NodePort    int32       `yaml:"nodePort,omitempty" json:"nodePort,omitempty"`
}

// SessionAffinityConfig holds ClientIP affinity's timeout.
type SessionAffinityConfig struct {
	ClientIP *ClientIPConfig `yaml:"clientIP,omitempty" json:"clientIP,omitempty"`
}

// ClientIPConfig is ClientIP affinity's settings.
type ClientIPConfig struct {
	TimeoutSeconds *int32 `yaml:"timeoutSeconds,omitempty" json:"timeoutSeconds,omitempty"`
}

// ServiceStatus holds the load balancer's ingress points.
type ServiceStatus struct {
	LoadBalancer LoadBalancerStatus `yaml:"loadBalancer,omitempty" json:"loadBalancer,omitempty"`
	Conditions   Opaque             `yaml:"conditions,omitempty" json:"conditions,omitzero"`
}

// LoadBalancerStatus lists the ingress points of a LoadBalancer Service.
type LoadBalancerStatus struct {
	Ingress []LoadBalancerIngress `yaml:"ingress,omitempty" json:"ingress,omitempty"`
}

// LoadBalancerIngress is one ingress point: an IP or a hostname.
type LoadBalancerIngress struct {
	IP       string  `yaml:"ip,omitempty" json:"ip,omitempty"`
	Hostname string  `yaml:"hostname,omitempty" json:"hostname,omitempty"`
	IPMode   *string `yaml:"ipMode,omitempty" json:"ipMode,omitempty"`
	Ports    Opaque  `yaml:"ports,omitempty" json:"ports,omitzero"`
}

// IsHeadless reports whether the Service has no cluster IP.
func (s *Service) IsHeadless() bool { return s.Spec.ClusterIP == ClusterIPNone }

// TypeOrDefault returns spec.type, ClusterIP when empty.
func (s *Service) TypeOrDefault() string {
	if s.Spec.Type == "" {
		return ServiceTypeClusterIP
	}
	return s.Spec.Type
}
