package manifest

import (
	"encoding/json"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// KubeProxyConfiguration is kube-proxy's configuration file,
// kubeproxy.config.k8s.io/v1alpha1 as of v1.36, field for field.
// Logging is kept as it was written.
type KubeProxyConfiguration struct {
	api.TypeMeta                `yaml:",inline" json:",inline"`
	FeatureGates                map[string]bool                 `yaml:"featureGates,omitempty" json:"featureGates,omitempty"`
	ClientConnection            ClientConnectionConfiguration   `yaml:"clientConnection" json:"clientConnection"`
	Logging                     api.Opaque                      `yaml:"logging,omitempty" json:"logging,omitzero"`
	HostnameOverride            string                          `yaml:"hostnameOverride" json:"hostnameOverride"`
	BindAddress                 string                          `yaml:"bindAddress" json:"bindAddress"`
	HealthzBindAddress          string                          `yaml:"healthzBindAddress" json:"healthzBindAddress"`
	MetricsBindAddress          string                          `yaml:"metricsBindAddress" json:"metricsBindAddress"`
	BindAddressHardFail         bool                            `yaml:"bindAddressHardFail" json:"bindAddressHardFail"`
	EnableProfiling             bool                            `yaml:"enableProfiling" json:"enableProfiling"`
	ShowHiddenMetricsForVersion string                          `yaml:"showHiddenMetricsForVersion" json:"showHiddenMetricsForVersion"`
	Mode                        ProxyMode                       `yaml:"mode" json:"mode"`
	IPTables                    KubeProxyIPTablesConfiguration  `yaml:"iptables" json:"iptables"`
	IPVS                        KubeProxyIPVSConfiguration      `yaml:"ipvs" json:"ipvs"`
	NFTables                    KubeProxyNFTablesConfiguration  `yaml:"nftables" json:"nftables"`
	Winkernel                   KubeProxyWinkernelConfiguration `yaml:"winkernel" json:"winkernel"`
	DetectLocalMode             LocalMode                       `yaml:"detectLocalMode" json:"detectLocalMode"`
	DetectLocal                 DetectLocalConfiguration        `yaml:"detectLocal" json:"detectLocal"`
	ClusterCIDR                 string                          `yaml:"clusterCIDR" json:"clusterCIDR"`
	NodePortAddresses           []string                        `yaml:"nodePortAddresses" json:"nodePortAddresses"`
	OOMScoreAdj                 *int32                          `yaml:"oomScoreAdj" json:"oomScoreAdj"`
	Conntrack                   KubeProxyConntrackConfiguration `yaml:"conntrack" json:"conntrack"`
	ConfigSyncPeriod            Duration                        `yaml:"configSyncPeriod" json:"configSyncPeriod"`
	PortRange                   string                          `yaml:"portRange" json:"portRange"`
	WindowsRunAsService         bool                            `yaml:"windowsRunAsService,omitempty" json:"windowsRunAsService,omitempty"`
}

// ProxyMode is "iptables", "ipvs", "nftables", "kernelspace" or "" (the
// platform default).
type ProxyMode string

// LocalMode says how kube-proxy tells local traffic: "ClusterCIDR",
// "NodeCIDR", "BridgeInterface", "InterfaceNamePrefix".
type LocalMode string

// ClientConnectionConfiguration is component-base's client settings.
type ClientConnectionConfiguration struct {
	Kubeconfig         string  `yaml:"kubeconfig" json:"kubeconfig"`
	AcceptContentTypes string  `yaml:"acceptContentTypes" json:"acceptContentTypes"`
	ContentType        string  `yaml:"contentType" json:"contentType"`
	QPS                float32 `yaml:"qps" json:"qps"`
	Burst              int32   `yaml:"burst" json:"burst"`
}

// KubeProxyIPTablesConfiguration is the iptables backend's settings.
type KubeProxyIPTablesConfiguration struct {
	MasqueradeBit      *int32   `yaml:"masqueradeBit" json:"masqueradeBit"`
	MasqueradeAll      bool     `yaml:"masqueradeAll" json:"masqueradeAll"`
	LocalhostNodePorts *bool    `yaml:"localhostNodePorts" json:"localhostNodePorts"`
	SyncPeriod         Duration `yaml:"syncPeriod" json:"syncPeriod"`
	MinSyncPeriod      Duration `yaml:"minSyncPeriod" json:"minSyncPeriod"`
}

// KubeProxyIPVSConfiguration is the ipvs backend's settings.
type KubeProxyIPVSConfiguration struct {
	SyncPeriod    Duration `yaml:"syncPeriod" json:"syncPeriod"`
	MinSyncPeriod Duration `yaml:"minSyncPeriod" json:"minSyncPeriod"`
	Scheduler     string   `yaml:"scheduler" json:"scheduler"`
	ExcludeCIDRs  []string `yaml:"excludeCIDRs" json:"excludeCIDRs"`
	StrictARP     bool     `yaml:"strictARP" json:"strictARP"`
	TCPTimeout    Duration `yaml:"tcpTimeout" json:"tcpTimeout"`
	TCPFinTimeout Duration `yaml:"tcpFinTimeout" json:"tcpFinTimeout"`
	UDPTimeout    Duration `yaml:"udpTimeout" json:"udpTimeout"`
}

// KubeProxyNFTablesConfiguration is the nftables backend's settings.
type KubeProxyNFTablesConfiguration struct {
	MasqueradeBit *int32   `yaml:"masqueradeBit" json:"masqueradeBit"`
	MasqueradeAll bool     `yaml:"masqueradeAll" json:"masqueradeAll"`
	SyncPeriod    Duration `yaml:"syncPeriod" json:"syncPeriod"`
	MinSyncPeriod Duration `yaml:"minSyncPeriod" json:"minSyncPeriod"`
}

// KubeProxyWinkernelConfiguration is the Windows backend's settings.
type KubeProxyWinkernelConfiguration struct {
	NetworkName           string `yaml:"networkName" json:"networkName"`
	SourceVip             string `yaml:"sourceVip" json:"sourceVip"`
	EnableDSR             bool   `yaml:"enableDSR" json:"enableDSR"`
	RootHnsEndpointName   string `yaml:"rootHnsEndpointName" json:"rootHnsEndpointName"`
	ForwardHealthCheckVip bool   `yaml:"forwardHealthCheckVip" json:"forwardHealthCheckVip"`
}

// DetectLocalConfiguration holds the interface settings of the
// BridgeInterface and InterfaceNamePrefix local modes.
type DetectLocalConfiguration struct {
	BridgeInterface     string `yaml:"bridgeInterface" json:"bridgeInterface"`
	InterfaceNamePrefix string `yaml:"interfaceNamePrefix" json:"interfaceNamePrefix"`
}

// KubeProxyConntrackConfiguration is kube-proxy's conntrack tuning.
type KubeProxyConntrackConfiguration struct {
	MaxPerCore            *int32    `yaml:"maxPerCore" json:"maxPerCore"`
	Min                   *int32    `yaml:"min" json:"min"`
	TCPEstablishedTimeout *Duration `yaml:"tcpEstablishedTimeout" json:"tcpEstablishedTimeout"`
	TCPCloseWaitTimeout   *Duration `yaml:"tcpCloseWaitTimeout" json:"tcpCloseWaitTimeout"`
	TCPBeLiberal          bool      `yaml:"tcpBeLiberal" json:"tcpBeLiberal"`
	UDPTimeout            Duration  `yaml:"udpTimeout" json:"udpTimeout"`
	UDPStreamTimeout      Duration  `yaml:"udpStreamTimeout" json:"udpStreamTimeout"`
}

// Duration is metav1.Duration: a Go duration string such as "1s" or
// "15m0s". The zero Duration is "0s".
type Duration struct {
	time.Duration
}

// MarshalJSON prints the duration as Go does ("1m0s").
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.Duration.String()) }
