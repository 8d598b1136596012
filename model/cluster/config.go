package cluster

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/cloudprovider"

	"github.com/svcsim/svcsim/model/manifest"
)

// NodeConfig describes one node.
type NodeConfig struct {
	Name string
	// IP is the node's InternalIP; empty: assigned from NodeCIDR.
	IP string
	// ControlPlane nodes carry the control-plane role and its NoSchedule
	// taint (unless the cluster has no other node).
	ControlPlane bool
	Labels       map[string]string
}

// Config is the cluster a scenario starts from.
type Config struct {
	Seed uint64
	// Nodes; empty means kind's usual three: a control plane and two
	// workers.
	Nodes []NodeConfig
	// ClusterCIDR is the pod network (kubeadm --pod-network-cidr); each
	// node gets the next /24 of it.
	ClusterCIDR netip.Prefix
	// ServiceCIDR is the Service network.
	ServiceCIDR netip.Prefix
	// NodeCIDR is the LAN the nodes sit on.
	NodeCIDR netip.Prefix
	// NodePortRange is the API server's --service-node-port-range.
	NodePortMin, NodePortMax int
	// EventBudget bounds a run; 0 means sim.DefaultEventBudget.
	EventBudget int64
	Params      Params
	// KubeProxy is the KubeProxyConfiguration every node's kube-proxy
	// reads; nil: kubeadm's (defaults, clusterCIDR = ClusterCIDR).
	KubeProxy *manifest.KubeProxyConfiguration
	// NoKubeProxy runs the cluster without kube-proxy, as clusters with
	// a kube-proxy replacement do: Services get no node rules. The scale
	// benchmark of the control plane uses it (see BenchmarkScale).
	NoKubeProxy bool
	// LoadBalancer says what gives LoadBalancer Services their address:
	// LoadBalancerCloud (a cloud's load balancer, the default),
	// cloudprovider.K3s (the nodes' addresses), cloudprovider.DockerDesktop
	// (localhost) or LoadBalancerNone (nothing: EXTERNAL-IP stays
	// <pending>, as on a bare kubeadm or kind cluster).
	LoadBalancer string
	// LoadBalancerPool is the cloud's address pool.
	LoadBalancerPool netip.Prefix
	// Layer2 puts a switched Ethernet segment with ARP under the LAN
	// (see Layer2Config); nil: the LAN is a plain wire.
	Layer2 *Layer2Config
	// DNSUpstream are the records of the resolver CoreDNS forwards
	// non-cluster names to (the node's), as zone-file lines:
	// "raw.githubusercontent.com. 300 IN A 185.199.108.133".
	DNSUpstream []string
}

// What gives LoadBalancer Services an address.
const (
	LoadBalancerCloud = "cloud"
	LoadBalancerNone  = "none"
	// LoadBalancerMetalLB runs MetalLB (controller and speakers) on a
	// layer-2 LAN; it turns Layer2 on with its defaults if unset.
	LoadBalancerMetalLB = "metallb"
)

// DefaultConfig is a kind-like cluster with kubeadm's networks.
func DefaultConfig() Config {
	return Config{
		Seed: 1,
		Nodes: []NodeConfig{
			{Name: "control-plane", ControlPlane: true},
			{Name: "node-1"},
			{Name: "node-2"},
		},
		ClusterCIDR:      netip.MustParsePrefix("10.244.0.0/16"),
		ServiceCIDR:      netip.MustParsePrefix("10.96.0.0/12"),
		NodeCIDR:         netip.MustParsePrefix("192.168.49.0/24"),
		NodePortMin:      30000,
		LoadBalancer:     LoadBalancerCloud,
		LoadBalancerPool: cloudprovider.DefaultPool,
		NodePortMax:      32767,
		Params:           DefaultParams(),
	}
}

// nodeIP returns node i's address: the NodeCIDR's .2, .3, ... unless set.
func (c *Config) nodeIP(i int) (netip.Addr, error) {
	if ip := c.Nodes[i].IP; ip != "" {
		a, err := netip.ParseAddr(ip)
		if err != nil {
			return netip.Addr{}, fmt.Errorf("nodes[%d].ip: invalid IP address %q", i, ip)
		}
		return a, nil
	}
	a := c.NodeCIDR.Addr().Next()
	for j := 0; j <= i; j++ {
		a = a.Next()
	}
	if !c.NodeCIDR.Contains(a) {
		return netip.Addr{}, fmt.Errorf("nodeCIDR %s has no room for %d nodes", c.NodeCIDR, len(c.Nodes))
	}
	return a, nil
}

// podCIDR returns node i's /24 of the cluster CIDR.
func (c *Config) podCIDR(i int) (netip.Prefix, error) {
	base := c.ClusterCIDR.Masked().Addr()
	if !base.Is4() || c.ClusterCIDR.Bits() > 24 {
		return netip.Prefix{}, fmt.Errorf("clusterCIDR %s: want an IPv4 prefix of /24 or shorter", c.ClusterCIDR)
	}
	if i >= 1<<(24-c.ClusterCIDR.Bits()) {
		return netip.Prefix{}, fmt.Errorf("clusterCIDR %s has no room for %d node pod ranges", c.ClusterCIDR, len(c.Nodes))
	}
	b := base.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	v += uint32(i) << 8
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), 24), nil
}
