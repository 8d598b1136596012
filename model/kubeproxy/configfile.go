package kubeproxy

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/svcsim/svcsim/model/manifest"
)

// ConfigFromFile turns a decoded KubeProxyConfiguration
// (kubeproxy.config.k8s.io/v1alpha1) into the iptables proxier's Config,
// applying kube-proxy v1.36's defaults to the fields left out
// (pkg/proxy/apis/config/v1alpha1/defaults.go), then validating it. The
// node's pod CIDR is for detectLocalMode NodeCIDR.
//
// svcsim models the iptables mode only: a file asking for another mode is
// refused with an error saying so.
func ConfigFromFile(f *manifest.KubeProxyConfiguration, podCIDR netip.Prefix) (Config, error) {
	c := DefaultConfig()
	switch f.Mode {
	case "", "iptables":
	default:
		return c, fmt.Errorf("KubeProxyConfiguration.Mode: Unsupported value: %q: svcsim models kube-proxy's iptables mode only", string(f.Mode))
	}
	if f.ClusterCIDR != "" {
		for i, s := range strings.Split(f.ClusterCIDR, ",") {
			p, err := netip.ParsePrefix(strings.TrimSpace(s))
			if err != nil {
				return c, fmt.Errorf("KubeProxyConfiguration.ClusterCIDRs[%d]: Invalid value: %q: must be a valid CIDR block (e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)", i, s)
			}
			c.ClusterCIDRs = append(c.ClusterCIDRs, p)
		}
	}
	if f.DetectLocalMode != "" {
		c.DetectLocalMode = DetectLocalMode(f.DetectLocalMode)
	}
	c.PodCIDR = podCIDR
	c.BridgeInterface = f.DetectLocal.BridgeInterface
	c.InterfaceNamePrefix = f.DetectLocal.InterfaceNamePrefix
	ipt := f.IPTables
	c.MasqueradeAll = ipt.MasqueradeAll
	if ipt.MasqueradeBit != nil {
		c.MasqueradeBit = *ipt.MasqueradeBit
	}
	if ipt.LocalhostNodePorts != nil {
		c.LocalhostNodePorts = *ipt.LocalhostNodePorts
	}
	if ipt.SyncPeriod.Duration != 0 {
		c.SyncPeriod = ipt.SyncPeriod.Duration
	}
	if ipt.MinSyncPeriod.Duration != 0 {
		c.MinSyncPeriod = ipt.MinSyncPeriod.Duration
	}
	c.NodePortAddresses = f.NodePortAddresses
	return c, c.Validate()
}
