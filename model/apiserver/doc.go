// Package apiserver models kube-apiserver v1.36 as far as Service
// networking needs it: the object store, defaulting, validation with the
// API server's own error messages, ClusterIP and NodePort allocation,
// immutability, generated names and UIDs, and watches.
//
// Writes are synchronous calls, as a client-go request returns its
// result; what a write changes is recorded in the engine's store (and so
// in the trace, attributed to the component that asked). Watchers learn
// of a change through an event the server schedules after WatchDelay, as
// an informer does, and never by being called.
package apiserver
