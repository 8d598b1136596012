// Package controllers models the kube-controller-manager v1.36
// controllers that shape Service networking: Deployment, ReplicaSet and
// ReplicationController (which replace deleted pods with new ones: new
// names, new IPs), the Endpoints and EndpointSlice controllers (ready,
// serving, terminating), EndpointSlice mirroring for selectorless
// Services, and the garbage collector that removes what an owner's
// deletion orphans.
//
// Each controller is a sim.Component: it hears about objects through
// API-server watches, queues the keys it must sync, and syncs them after a
// named delay, so a burst of changes to one object costs one sync, as a
// real controller's work queue does.
package controllers
