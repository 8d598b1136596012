package sim

import (
	"sort"
	"strings"
)

// Change is one write to the engine's Store: the value under Key before
// and after. A nil Before means the key did not exist; a nil After means it
// was deleted. Values are treated as immutable: a component that wants to
// change a stored value stores a new one.
type Change struct {
	Key    string
	Before any
	After  any
}

// Slot is one key of the store, held by the component that writes it
// (the API server keeps one per object) so that a write does not look
// the key up. A slot is in the store while it holds a value.
type Slot struct {
	key string
	v   any
	in  bool // e.store[key] is this slot
}

// Get returns the value stored under key.
func (e *Engine) Get(key string) (any, bool) {
	if s := e.store[key]; s != nil {
		return s.v, true
	}
	return nil, false
}

// Set stores v under key and records the change. v must not be nil and
// must not be modified afterwards (store a copy instead).
func (e *Engine) Set(key string, v any) {
	s := e.store[key]
	if s == nil {
		s = &Slot{key: key}
	}
	e.SetSlot(s, v)
}

// NewSlot returns a slot for key that the first SetSlot puts in the
// store. It does not look the key up: the API server makes one per new
// object, whose key is free. Should the key be stored already, SetSlot
// and DeleteSlot act on the stored slot instead.
func (e *Engine) NewSlot(key string) *Slot {
	return &Slot{key: key}
}

// SetSlot is Set for the slot's key.
func (e *Engine) SetSlot(s *Slot, v any) {
	if v == nil {
		panic("sim: Set with a nil value for " + s.key)
	}
	if !s.in {
		if other := e.store[s.key]; other != nil {
			s = other // the key was stored again since this slot was made
		} else {
			e.store[s.key] = s
			s.in = true
		}
	}
	before := s.v
	s.v = v
	if e.record {
		e.pending = append(e.pending, Change{Key: s.key, Before: before, After: v})
	}
}

// Delete removes key and records the change. Deleting a missing key does
// nothing.
func (e *Engine) Delete(key string) {
	if s := e.store[key]; s != nil {
		e.DeleteSlot(s)
	}
}

// DeleteSlot is Delete for the slot's key.
func (e *Engine) DeleteSlot(s *Slot) {
	if !s.in {
		if other := e.store[s.key]; other != nil {
			e.DeleteSlot(other)
		}
		return
	}
	delete(e.store, s.key)
	before := s.v
	s.v, s.in = nil, false
	if e.record {
		e.pending = append(e.pending, Change{Key: s.key, Before: before})
	}
}

// Keys returns the stored keys with the given prefix, sorted. It scans the
// whole store: components keep their own indexes for hot paths.
func (e *Engine) Keys(prefix string) []string {
	var keys []string
	for k := range e.store {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// Snapshot returns a copy of the whole store. Tests use it to compare the
// live state with a View.
func (e *Engine) Snapshot() map[string]any {
	out := make(map[string]any, len(e.store))
	for k, s := range e.store {
		out[k] = s.v
	}
	return out
}

func sortedKeys(m map[string]any, prefix string) []string {
	var keys []string
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}
