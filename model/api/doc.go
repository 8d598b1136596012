// Package api holds the Kubernetes objects svcsim models, in Kubernetes'
// own schema (core/v1, apps/v1, discovery.k8s.io/v1 as of v1.36), with the
// fields that matter for Service networking spelled as the API spells them.
//
// Fields the simulation does not use but that real manifests and
// `kubectl get -o yaml` output carry (resources, volumes, managedFields,
// ...) are kept as Opaque values, so that such files load and unknown or
// misspelt fields can still be rejected the way the API server's strict
// field validation rejects them.
//
// Objects are values owned by the API server once stored: nobody modifies
// a stored object; a change stores a modified DeepCopy.
package api
