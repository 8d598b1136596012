// Package printers models kubectl v1.36's output printers: the server-side
// table printers of pkg/printers/internalversion/printers.go as kubectl
// get shows them (default and -o wide columns, --show-kind, --show-labels,
// -A, kubectl get all), the -o jsonpath, -o custom-columns and -o name
// printers of k8s.io/cli-runtime (with client-go's util/jsonpath dialect),
// and kubectl describe (staging/src/k8s.io/kubectl/pkg/describe) for pods,
// services and nodes.
//
// Everything is computed from the objects handed in and a virtual "now":
// AGE columns and describe timestamps read api.Epoch plus virtual time,
// never the wall clock. Where real kubectl depends on Go map order (the
// jsonpath wildcard and recursive descent over an object's keys), this
// package visits keys in sorted order, so the same input always prints the
// same text; real kubectl may print those values in another order.
//
// Nothing here writes to a terminal on its own: every function writes to
// the io.Writer it is given, and messages real kubectl writes to stderr
// (No resources found, jsonpath errors) come back as errors the caller
// prints where kubectl does.
package printers
