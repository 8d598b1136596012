package cluster

import (
	"time"

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
	// Network holds the data plane's latencies.
	Network network.Params
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
		Network:         network.DefaultParams(),
		BootTime:        5 * time.Minute,
	}
}
