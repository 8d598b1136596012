package apiserver

import (
	"slices"
	"strings"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/sim"
)

// entry is one stored object and what the indexes need of it. It lives
// as long as the object: an update replaces obj in place, so indexes that
// hold the entry need no change when the labels and owners stay.
type entry struct {
	obj      api.Object
	slot     *sim.Slot // the engine's store key, "api/<Kind>/<ns>/<name>"
	kind, ns string
	name     string
}

// kindStore holds the objects of one kind by namespace and name.
type kindStore struct {
	byNS map[string]map[string]*entry
	n    int
	// sorted caches the entries by namespace and name for List; an
	// update keeps it (the entry stays), a create or delete drops it.
	sorted []*entry
}

// sortedEntries returns the kind's entries sorted by namespace and name.
func (ks *kindStore) sortedEntries() []*entry {
	if ks.sorted == nil {
		ks.sorted = make([]*entry, 0, ks.n)
		for _, names := range ks.byNS {
			for _, ent := range names {
				ks.sorted = append(ks.sorted, ent)
			}
		}
		slices.SortFunc(ks.sorted, func(a, b *entry) int {
			if c := strings.Compare(a.ns, b.ns); c != 0 {
				return c
			}
			return strings.Compare(a.name, b.name)
		})
	}
	return ks.sorted
}

func storeKey(kind, ns, name string) string {
	if ns == "" {
		return "api/" + kind + "/" + name
	}
	return "api/" + kind + "/" + ns + "/" + name
}

func (s *Server) lookup(kind, ns, name string) *entry {
	ks := s.objects[kind]
	if ks == nil {
		return nil
	}
	return ks.byNS[ns][name]
}

// Get returns the stored object, which the caller must not modify.
func (s *Server) Get(kind, ns, name string) (api.Object, bool) {
	if ent := s.lookup(kind, ns, name); ent != nil {
		return ent.obj, true
	}
	return nil, false
}

// List returns the objects of a kind in namespace ns ("" for all
// namespaces), sorted by namespace and name.
func (s *Server) List(kind, ns string) []api.Object {
	ks := s.objects[kind]
	if ks == nil {
		return []api.Object{}
	}
	if ns != "" {
		out := make([]api.Object, 0, len(ks.byNS[ns]))
		for _, ent := range ks.byNS[ns] {
			out = append(out, ent.obj)
		}
		slices.SortFunc(out, func(a, b api.Object) int { return strings.Compare(a.Meta().Name, b.Meta().Name) })
		return out
	}
	sorted := ks.sortedEntries()
	out := make([]api.Object, len(sorted))
	for i, ent := range sorted {
		out[i] = ent.obj
	}
	return out
}

// Count returns how many objects of a kind exist.
func (s *Server) Count(kind string) int {
	if ks := s.objects[kind]; ks != nil {
		return ks.n
	}
	return 0
}

// PodsMatching returns the pods of namespace ns that sel matches, sorted
// by name. An empty selector matches every pod of the namespace.
func (s *Server) PodsMatching(ns string, sel api.Selector) []*api.Pod {
	// Start from the smallest index bucket among the equality
	// requirements: "tier=front" may hold every pod, "app=web" a few.
	// Its pods meet that requirement; only the others are checked.
	var candidates map[string]*entry
	from := -1
	for i, r := range sel.Reqs {
		if r.Op != "=" {
			continue
		}
		bucket := s.podsByLabel[labelKey{ns, r.Key, r.Values[0]}]
		if from < 0 || len(bucket) < len(candidates) {
			candidates, from = bucket, i
		}
	}
	if from < 0 {
		if ks := s.objects["Pod"]; ks != nil {
			candidates = ks.byNS[ns]
		}
	}
	out := make([]*api.Pod, 0, len(candidates))
	for _, ent := range candidates {
		p := ent.obj.(*api.Pod)
		if matchesBut(sel, from, p.Labels) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortFunc(out, func(a, b *api.Pod) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// matchesBut is sel.Matches without requirement skip.
func matchesBut(sel api.Selector, skip int, labels map[string]string) bool {
	for i, r := range sel.Reqs {
		if i != skip && !r.Matches(labels) {
			return false
		}
	}
	return true
}

// put stores obj (already validated, defaulted and given a new
// resourceVersion) in place of old (nil for a new object), keeps the
// indexes and notifies watchers.
func (s *Server) put(obj api.Object, old api.Object) {
	kind := api.KindOf(obj).Kind
	m := obj.Meta()
	var ent *entry
	if old == nil {
		ent = s.insert(kind, m.Namespace, m.Name) // Create checked the name is free
	} else {
		ent = s.lookup(kind, m.Namespace, m.Name)
	}
	s.store(ent, kind, obj, old)
}

// store is put for the entry of the object, found by the caller.
func (s *Server) store(ent *entry, kind string, obj api.Object, old api.Object) {
	ent.obj = obj
	s.owned.update(ent, old, obj)
	if kind == "Pod" {
		s.reindexPod(ent, old, obj.(*api.Pod))
	}
	s.e.SetSlot(ent.slot, obj)
	typ := Added
	if old != nil {
		typ = Modified
	}
	s.notify(WatchEvent{Type: typ, Object: obj, Old: old})
}

func (s *Server) insert(kind, ns, name string) *entry {
	ks := s.objects[kind]
	if ks == nil {
		ks = &kindStore{byNS: map[string]map[string]*entry{}}
		s.objects[kind] = ks
	}
	names := ks.byNS[ns]
	if names == nil {
		names = map[string]*entry{}
		ks.byNS[ns] = names
	}
	ent := &entry{slot: s.e.NewSlot(storeKey(kind, ns, name)), kind: kind, ns: ns, name: name}
	names[name] = ent
	ks.n++
	ks.sorted = nil
	return ent
}

// remove deletes obj from the store for good.
func (s *Server) remove(obj api.Object) {
	kind := api.KindOf(obj).Kind
	m := obj.Meta()
	ent := s.lookup(kind, m.Namespace, m.Name)
	if ent == nil {
		return
	}
	ks := s.objects[kind]
	delete(ks.byNS[m.Namespace], m.Name)
	if len(ks.byNS[m.Namespace]) == 0 {
		delete(ks.byNS, m.Namespace)
	}
	ks.n--
	ks.sorted = nil
	s.owned.update(ent, obj, nil)
	if kind == "Pod" {
		s.unindexPod(ent, obj.(*api.Pod).Labels)
	}
	s.e.DeleteSlot(ent.slot)
	s.notify(WatchEvent{Type: Deleted, Object: obj, Old: obj})
}

// labelKey files a pod under one of its labels in its namespace.
type labelKey struct{ ns, key, value string }

// reindexPod files p under its labels, unless old (the version it
// replaces) had the same labels: the entry is already filed.
func (s *Server) reindexPod(ent *entry, old api.Object, p *api.Pod) {
	if old != nil {
		ol := old.(*api.Pod).Labels
		if sameLabels(ol, p.Labels) {
			return
		}
		s.unindexPod(ent, ol)
	}
	for k, v := range p.Labels {
		lk := labelKey{p.Namespace, k, v}
		bucket := s.podsByLabel[lk]
		if bucket == nil {
			bucket = map[string]*entry{}
			s.podsByLabel[lk] = bucket
		}
		bucket[p.Name] = ent
	}
}

func (s *Server) unindexPod(ent *entry, labels map[string]string) {
	for k, v := range labels {
		lk := labelKey{ent.ns, k, v}
		bucket := s.podsByLabel[lk]
		delete(bucket, ent.name)
		if len(bucket) == 0 {
			delete(s.podsByLabel, lk)
		}
	}
}

func sameLabels(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}
