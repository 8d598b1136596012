package cluster

import (
	"time"

	"github.com/svcsim/svcsim/model/cloudprovider"

	"github.com/svcsim/svcsim/model/kubelet"
	"github.com/svcsim/svcsim/model/network"
)

// Params are every delay of the simulated cluster, each named, with its
// default and where the default comes from. Scenarios override them.
type Params struct {
	// WatchDelay: an API change reaching an informer (ms on a quiet
	// cluster).
	WatchDelay time.Duration
	// SchedulerDelay: a pending pod to its binding (tens of ms).
	SchedulerDelay time.Duration
	// ControllerDelay: a ReplicaSet/Deployment controller's reaction
	// (its work queue; ms).
	ControllerDelay time.Duration
	// EndpointsDelay: the Endpoints and EndpointSlice controllers'
	// reaction; behaviours.md §2 puts the slice update 10-100 ms after
	// a pod change.
	EndpointsDelay time.Duration
	// GCDelay: the garbage collector removing an orphan.
	GCDelay time.Duration
	// Kubelet holds the kubelet's delays (PodStartDelay).
	Kubelet kubelet.Params
	// KubeProxyMinSyncPeriod is kube-proxy's iptables.minSyncPeriod: syncs
	// are at least this far apart, so a change waits up to this long to
	// reach the rules (kube-proxy's default 1s).
	KubeProxyMinSyncPeriod time.Duration
	// KubeProxySyncPeriod is iptables.syncPeriod: a failed sync is retried
	// this long after (default 30s). Without changes kube-proxy still
	// syncs once an hour (kubeproxy.MaxSyncInterval), fully.
	KubeProxySyncPeriod time.Duration
	// CoreDNSLatency is how long CoreDNS takes to answer a query from
	// memory (about 0.1 ms).
	CoreDNSLatency time.Duration
	// Network holds the data plane's latencies.
	Network network.Params
	// LoadBalancerDelay is how long the cloud takes to provision a load
	// balancer (EXTERNAL-IP shows <pending> meanwhile).
	LoadBalancerDelay time.Duration
	// BootTime is how long the cluster runs before a scenario starts, so
	// that CoreDNS is up and system objects have an age.
	BootTime time.Duration
}

// DefaultParams returns svcsim's defaults.
func DefaultParams() Params {
	return Params{
		WatchDelay:      2 * time.Millisecond,
		SchedulerDelay:  10 * time.Millisecond,
		ControllerDelay: 5 * time.Millisecond,
		EndpointsDelay:  20 * time.Millisecond,
		GCDelay:         10 * time.Millisecond,
		Kubelet:         kubelet.DefaultParams(),

		KubeProxyMinSyncPeriod: time.Second,
		KubeProxySyncPeriod:    30 * time.Second,
		CoreDNSLatency:         100 * time.Microsecond,
		Network:                network.DefaultParams(),
		BootTime:               5 * time.Minute,
		LoadBalancerDelay:      cloudprovider.DefaultDelay,
	}
}
