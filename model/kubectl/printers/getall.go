package printers

import (
	"io"

	"github.com/svcsim/svcsim/model/api"
)

// getAllKinds are the kinds of the "all" category that svcsim models, in
// the order kubectl get all prints them (discovery order: pods,
// replicationcontrollers, services, daemonsets, deployments, replicasets,
// statefulsets, ...).
var getAllKinds = []string{"Pod", "ReplicationController", "Service", "Deployment", "ReplicaSet"}

// PrintGetAll prints objects as kubectl get all does: one table per kind,
// in kubectl's order, each with its own header and column widths, names
// prefixed with their kind, a blank line between tables. Objects of kinds
// outside the "all" category are ignored. With nothing to print it
// returns a *NoResourcesError.
func PrintGetAll(w io.Writer, objs []api.Object, opts TableOptions) error {
	opts.ShowKind = true
	printed := false
	for _, kind := range getAllKinds {
		var group []api.Object
		for _, o := range objs {
			if api.KindOf(o).Kind == kind {
				group = append(group, o)
			}
		}
		if len(group) == 0 {
			continue
		}
		if printed && !opts.NoHeaders {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := PrintTable(w, group, opts); err != nil {
			return err
		}
		printed = true
	}
	if !printed {
		return noResources(opts)
	}
	return nil
}
