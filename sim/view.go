package sim

import (
	"sort"
	"strings"
)

// View is the recorded state as it was at one point of a trace. It moves
// forward and back by replaying the changes of the records in between, so
// stepping is exact: the state a View shows at record N is the state the
// store held right after record N was made.
//
// A View reads a trace that may still grow; it never changes the trace or
// the live store.
type View struct {
	trace *Trace
	pos   int // index of the last applied record; -1 before the first
	state map[string]any
	// groups indexes keys by their group, the text up to and including
	// their second '/' ("api/Pod/"), so that listing one kind of object
	// does not scan the whole state.
	groups map[string]map[string]struct{}
}

// groupOf returns a key's group: up to and including its second '/', or
// "" when it has fewer than two.
func groupOf(key string) string {
	n := 0
	for i := 0; i < len(key); i++ {
		if key[i] == '/' {
			n++
			if n == 2 {
				return key[:i+1]
			}
		}
	}
	return ""
}

// NewView returns a view of t positioned before its first record, with
// the given initial state (nil for empty). The initial map is copied.
func NewView(t *Trace, initial map[string]any) *View {
	v := &View{trace: t, pos: -1, state: make(map[string]any, len(initial)), groups: map[string]map[string]struct{}{}}
	for k, val := range initial {
		v.apply(k, val)
	}
	return v
}

// Pos returns the index of the record the view is at; -1 is before the
// first record.
func (v *View) Pos() int { return v.pos }

// Seek moves the view so that records 0..n have been applied. n is
// clamped to [-1, Len()-1].
func (v *View) Seek(n int) {
	if n >= v.trace.Len() {
		n = v.trace.Len() - 1
	}
	if n < -1 {
		n = -1
	}
	for v.pos < n {
		v.pos++
		for _, c := range v.trace.At(v.pos).Changes {
			v.apply(c.Key, c.After)
		}
	}
	for v.pos > n {
		ch := v.trace.At(v.pos).Changes
		for i := len(ch) - 1; i >= 0; i-- {
			v.apply(ch[i].Key, ch[i].Before)
		}
		v.pos--
	}
}

func (v *View) apply(key string, val any) {
	g := groupOf(key)
	if val == nil {
		delete(v.state, key)
		if set := v.groups[g]; set != nil {
			delete(set, key)
		}
		return
	}
	v.state[key] = val
	if v.groups[g] == nil {
		v.groups[g] = map[string]struct{}{}
	}
	v.groups[g][key] = struct{}{}
}

// Get returns the value under key at the view's position.
func (v *View) Get(key string) (any, bool) {
	val, ok := v.state[key]
	return val, ok
}

// Keys returns the keys with the given prefix at the view's position,
// sorted. A prefix that is a whole group ("api/Pod/") or lies inside one
// ("api/Pod/default/") costs only that group's keys.
func (v *View) Keys(prefix string) []string {
	g := groupOf(prefix)
	if g == "" {
		return sortedKeys(v.state, prefix)
	}
	var keys []string
	for k := range v.groups[g] {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// Len returns how many keys the view holds.
func (v *View) Len() int { return len(v.state) }

// Snapshot returns a copy of the state at the view's position.
func (v *View) Snapshot() map[string]any {
	out := make(map[string]any, len(v.state))
	for k, val := range v.state {
		out[k] = val
	}
	return out
}
