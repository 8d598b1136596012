package sim

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
}

// NewView returns a view of t positioned before its first record, with
// the given initial state (nil for empty). The initial map is copied.
func NewView(t *Trace, initial map[string]any) *View {
	state := make(map[string]any, len(initial))
	for k, v := range initial {
		state[k] = v
	}
	return &View{trace: t, pos: -1, state: state}
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
		for _, c := range v.trace.records[v.pos].Changes {
			apply(v.state, c.Key, c.After)
		}
	}
	for v.pos > n {
		ch := v.trace.records[v.pos].Changes
		for i := len(ch) - 1; i >= 0; i-- {
			apply(v.state, ch[i].Key, ch[i].Before)
		}
		v.pos--
	}
}

func apply(m map[string]any, key string, val any) {
	if val == nil {
		delete(m, key)
		return
	}
	m[key] = val
}

// Get returns the value under key at the view's position.
func (v *View) Get(key string) (any, bool) {
	val, ok := v.state[key]
	return val, ok
}

// Keys returns the keys with the given prefix at the view's position,
// sorted.
func (v *View) Keys(prefix string) []string { return sortedKeys(v.state, prefix) }

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
