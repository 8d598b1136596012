package apiserver

import (
	"slices"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// ownerIndex finds an owner's dependents without listing a kind: the
// ReplicaSets of a Deployment, the EndpointSlices of a Service. It maps
// an owner UID to its dependents by "Kind/ns/name".
type ownerIndex map[string]map[string]api.Object

func (x ownerIndex) add(obj api.Object) {
	m := obj.Meta()
	for _, ref := range m.OwnerReferences {
		if x[ref.UID] == nil {
			x[ref.UID] = map[string]api.Object{}
		}
		x[ref.UID][indexKey(obj)] = obj
	}
}

func (x ownerIndex) remove(obj api.Object) {
	m := obj.Meta()
	for _, ref := range m.OwnerReferences {
		delete(x[ref.UID], indexKey(obj))
		if len(x[ref.UID]) == 0 {
			delete(x, ref.UID)
		}
	}
}

func indexKey(obj api.Object) string {
	m := obj.Meta()
	return api.KindOf(obj).Kind + "/" + m.Namespace + "/" + m.Name
}

// ListOwnedBy returns the objects of a kind in namespace ns that name
// ownerUID among their owners, sorted by name.
func (s *Server) ListOwnedBy(kind, ns, ownerUID string) []api.Object {
	var out []api.Object
	prefix := kind + "/" + ns + "/"
	for k, o := range s.owned[ownerUID] {
		if strings.HasPrefix(k, prefix) {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b api.Object) int { return strings.Compare(a.Meta().Name, b.Meta().Name) })
	return out
}
