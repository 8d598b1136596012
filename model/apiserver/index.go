package apiserver

import (
	"slices"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// ownerIndex finds an owner's dependents without listing a kind: the
// ReplicaSets of a Deployment, the EndpointSlices of a Service. It maps
// an owner UID to the entries of its dependents.
type ownerIndex map[string]map[*entry]struct{}

// update refiles ent when its object changes from old to obj (either
// nil: created or deleted). Most updates keep the owners, and the entry
// stays where it is.
func (x ownerIndex) update(ent *entry, old, obj api.Object) {
	var before, after []api.OwnerReference
	if old != nil {
		before = old.Meta().OwnerReferences
	}
	if obj != nil {
		after = obj.Meta().OwnerReferences
	}
	if sameOwners(before, after) {
		return
	}
	for _, ref := range before {
		delete(x[ref.UID], ent)
		if len(x[ref.UID]) == 0 {
			delete(x, ref.UID)
		}
	}
	for _, ref := range after {
		if x[ref.UID] == nil {
			x[ref.UID] = map[*entry]struct{}{}
		}
		x[ref.UID][ent] = struct{}{}
	}
}

func sameOwners(a, b []api.OwnerReference) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].UID != b[i].UID {
			return false
		}
	}
	return true
}

// ListOwnedBy returns the objects of a kind in namespace ns that name
// ownerUID among their owners, sorted by name.
func (s *Server) ListOwnedBy(kind, ns, ownerUID string) []api.Object {
	var out []api.Object
	for ent := range s.owned[ownerUID] {
		if ent.kind == kind && ent.ns == ns {
			out = append(out, ent.obj)
		}
	}
	slices.SortFunc(out, func(a, b api.Object) int { return strings.Compare(a.Meta().Name, b.Meta().Name) })
	return out
}
