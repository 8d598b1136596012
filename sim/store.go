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

// Get returns the value stored under key.
func (e *Engine) Get(key string) (any, bool) {
	v, ok := e.store[key]
	return v, ok
}

// Set stores v under key and records the change. v must not be nil and
// must not be modified afterwards (store a copy instead).
func (e *Engine) Set(key string, v any) {
	if v == nil {
		panic("sim: Set with a nil value for " + key)
	}
	before := e.store[key]
	e.store[key] = v
	if e.record {
		e.pending = append(e.pending, Change{Key: key, Before: before, After: v})
	}
}

// Delete removes key and records the change. Deleting a missing key does
// nothing.
func (e *Engine) Delete(key string) {
	before, ok := e.store[key]
	if !ok {
		return
	}
	delete(e.store, key)
	if e.record {
		e.pending = append(e.pending, Change{Key: key, Before: before})
	}
}

// Keys returns the stored keys with the given prefix, sorted. It scans the
// whole store: components keep their own indexes for hot paths.
func (e *Engine) Keys(prefix string) []string {
	return sortedKeys(e.store, prefix)
}

// Snapshot returns a copy of the whole store. Tests use it to compare the
// live state with a View.
func (e *Engine) Snapshot() map[string]any {
	out := make(map[string]any, len(e.store))
	for k, v := range e.store {
		out[k] = v
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
