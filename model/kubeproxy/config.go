package kubeproxy

import (
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// DetectLocalMode is KubeProxyConfiguration.detectLocalMode: how kube-proxy tells
// pod traffic from other traffic.
type DetectLocalMode string

// Local-traffic detector modes.
const (
	DetectLocalClusterCIDR         DetectLocalMode = "ClusterCIDR"
	DetectLocalNodeCIDR            DetectLocalMode = "NodeCIDR"
	DetectLocalBridgeInterface     DetectLocalMode = "BridgeInterface"
	DetectLocalInterfaceNamePrefix DetectLocalMode = "InterfaceNamePrefix"
)

// NodePortAddressesPrimary is the special nodePortAddresses value "primary".
const NodePortAddressesPrimary = "primary"

// Config holds the KubeProxyConfiguration fields the iptables proxier uses.
// The zero value is not the default: start from DefaultConfig.
type Config struct {
	// ClusterCIDRs is clusterCIDR (comma-separated in the file), used by
	// detectLocalMode ClusterCIDR. Empty means no local-traffic detector.
	ClusterCIDRs    []netip.Prefix
	DetectLocalMode DetectLocalMode
	// PodCIDR is the node's spec.podCIDR, used by detectLocalMode NodeCIDR.
	PodCIDR netip.Prefix
	// BridgeInterface and InterfaceNamePrefix are detectLocal.bridgeInterface
	// and detectLocal.interfaceNamePrefix.
	BridgeInterface     string
	InterfaceNamePrefix string

	MasqueradeAll      bool  // iptables.masqueradeAll (linux.masqueradeAll)
	MasqueradeBit      int32 // iptables.masqueradeBit, default 14
	LocalhostNodePorts bool  // iptables.localhostNodePorts, default true

	MinSyncPeriod time.Duration // default 1s
	SyncPeriod    time.Duration // default 30s

	// NodePortAddresses is nodePortAddresses: CIDR strings or "primary".
	// Empty (the iptables-mode default) means all local addresses.
	NodePortAddresses []string
}

// DefaultConfig returns kube-proxy v1.36's defaults for the iptables mode on
// Linux (pkg/proxy/apis/config/v1alpha1/defaults.go).
func DefaultConfig() Config {
	return Config{
		DetectLocalMode:    DetectLocalClusterCIDR,
		MasqueradeBit:      14,
		LocalhostNodePorts: true,
		MinSyncPeriod:      time.Second,
		SyncPeriod:         30 * time.Second,
	}
}

// Validate rejects what kube-proxy's config validation rejects, in its words
// (pkg/proxy/apis/config/validation). All problems are joined in one error.
func (c Config) Validate() error {
	var errs []string
	add := func(path string, value any, msg string) {
		errs = append(errs, fmt.Sprintf("KubeProxyConfiguration.%s: Invalid value: %s: %s", path, quoteValue(value), msg))
	}
	if c.MasqueradeBit < 0 || c.MasqueradeBit > 31 {
		add("IPTables.MasqueradeBit", c.MasqueradeBit, "must be within the range [0, 31]")
	}
	if c.SyncPeriod <= 0 {
		add("SyncPeriod", c.SyncPeriod, "must be greater than 0")
	}
	if c.MinSyncPeriod < 0 {
		add("MinSyncPeriod", c.MinSyncPeriod, "must be greater than or equal to 0")
	}
	if c.MinSyncPeriod > c.SyncPeriod {
		add("SyncPeriod", c.MinSyncPeriod, "must be greater than or equal to KubeProxyConfiguration.MinSyncPeriod")
	}
	switch c.DetectLocalMode {
	case "", DetectLocalClusterCIDR, DetectLocalNodeCIDR:
	case DetectLocalBridgeInterface:
		if c.BridgeInterface == "" {
			add("DetectLocal.BridgeInterface", c.BridgeInterface, "must not be empty")
		}
	case DetectLocalInterfaceNamePrefix:
		if c.InterfaceNamePrefix == "" {
			add("DetectLocal.InterfaceNamePrefix", c.InterfaceNamePrefix, "must not be empty")
		}
	default:
		errs = append(errs, fmt.Sprintf("KubeProxyConfiguration.DetectLocalMode: Unsupported value: %q: supported values: %q, %q, %q, %q",
			string(c.DetectLocalMode), DetectLocalBridgeInterface, DetectLocalClusterCIDR, DetectLocalInterfaceNamePrefix, DetectLocalNodeCIDR))
	}
	for i, p := range c.ClusterCIDRs {
		if !p.IsValid() {
			add(fmt.Sprintf("ClusterCIDRs[%d]", i), p.String(), "must be a valid CIDR block (e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)")
		}
	}
	for i, s := range c.NodePortAddresses {
		if s == NodePortAddressesPrimary && len(c.NodePortAddresses) == 1 {
			continue
		}
		if _, err := netip.ParsePrefix(s); err != nil || s == NodePortAddressesPrimary {
			add(fmt.Sprintf("NodePortAddresses[%d]", i), s, "must be a valid CIDR")
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(errs, ", "))
}

func quoteValue(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case time.Duration:
		return fmt.Sprintf("%q", v.String())
	}
	return fmt.Sprint(v)
}

// masqueradeMark is 1<<MasqueradeBit.
func (c Config) masqueradeMark() uint32 { return 1 << uint(c.MasqueradeBit) }
