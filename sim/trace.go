package sim

import (
	"iter"
	"time"
)

// Record is one entry of the trace: something a component did, in one
// line, with the state it changed.
type Record struct {
	// Index is the record's position in the trace, from 0.
	Index int
	// At is the virtual time at which it happened.
	At time.Duration
	// Event is the engine event during which it was recorded; 0 for work
	// done outside any event (setting up the cluster).
	Event EventID
	// Component is the name of the component that did it.
	Component string
	// Kind is a short dotted name of what happened ("pod.created",
	// "packet.dnat"); views and filters key on it.
	Kind string
	// Summary says what happened in one line of plain text.
	Summary string
	// Detail carries the typed facts a view needs (a packet before and
	// after, the rules it matched); nil when the summary says it all.
	Detail any
	// Changes are the writes to the store this record accounts for, in
	// the order they were made.
	Changes []Change
}

// Trace is the ordered list of records of a run.
//
// Records are kept in a head slice followed by fixed-size blocks. A
// growing single slice would be copied whole each time it doubles: for a
// run of half a million records that is a hundred megabytes of copying
// with write barriers and fresh pages, which measured 10% of the scale
// benchmark. Blocks are never copied; Records joins them when a reader
// wants one slice.
type Trace struct {
	head   []Record   // records 0 … len(head)-1
	blocks [][]Record // then blocks of recordBlock records, the last one filling
	n      int
}

// recordBlock is the number of records in a trace block.
const recordBlock = 1 << 12

// Len returns the number of records.
func (t *Trace) Len() int { return t.n }

// At returns record i.
func (t *Trace) At(i int) *Record {
	if i < len(t.head) {
		return &t.head[i]
	}
	i -= len(t.head)
	return &t.blocks[i/recordBlock][i%recordBlock]
}

// From yields records i, i+1, … up to the last one, including any added
// while the loop runs.
func (t *Trace) From(i int) iter.Seq[*Record] {
	return func(yield func(*Record) bool) {
		for ; i < t.n; i++ {
			if !yield(t.At(i)) {
				return
			}
		}
	}
}

// add appends a record.
func (t *Trace) add(r Record) {
	if (t.n-len(t.head))%recordBlock == 0 {
		t.blocks = append(t.blocks, make([]Record, 0, recordBlock))
	}
	b := &t.blocks[len(t.blocks)-1]
	*b = append(*b, r)
	t.n++
}

// Records returns the records as one slice; the caller must not modify
// them. The first call after records were added joins the blocks into
// one slice, a copy of every record: loops that run while the engine
// runs should use Len and At instead.
func (t *Trace) Records() []Record {
	if len(t.blocks) == 0 {
		return t.head
	}
	if len(t.head) == 0 && len(t.blocks) == 1 {
		return t.blocks[0]
	}
	all := make([]Record, 0, t.n)
	all = append(all, t.head...)
	for _, b := range t.blocks {
		all = append(all, b...)
	}
	t.head, t.blocks = all, nil
	return all
}

// Trace returns the engine's trace so far.
func (e *Engine) Trace() *Trace { return &e.trace }

// Emit records what the current component just did, with every store
// change it made since its last record. Outside of an event the component
// is "setup".
func (e *Engine) Emit(kind, summary string, detail any) {
	if !e.record {
		e.pending = e.pending[:0]
		return
	}
	rec := Record{
		Index:     e.trace.n,
		At:        e.now,
		Component: e.ComponentName(e.current),
		Kind:      kind,
		Summary:   summary,
		Detail:    detail,
	}
	if e.current != 0 {
		rec.Event = e.nextEventIDOfDispatch()
	}
	if len(e.pending) > 0 {
		rec.Changes = e.keepChanges(e.pending)
		e.pending = e.pending[:0]
	}
	if e.emitted < 0 {
		e.emitted = rec.Index
	}
	e.trace.add(rec)
}

// changeBlock is the size of the blocks keepChanges carves records'
// changes from.
const changeBlock = 4096

// keepChanges copies a record's changes into the current block of the
// trace's changes: one allocation per block rather than per record. The
// slice it returns has no room to grow, so appending to it (flushPending)
// copies it out instead of overwriting the next record's changes.
func (e *Engine) keepChanges(pending []Change) []Change {
	n := len(pending)
	if n > cap(e.changes)-len(e.changes) {
		e.changes = make([]Change, 0, max(n, changeBlock))
	}
	start := len(e.changes)
	e.changes = append(e.changes, pending...)
	return e.changes[start : start+n : start+n]
}

// Flush attaches store changes made outside any event (while a cluster is
// set up) to a record of their own. Components call it at the end of a
// setup phase; the engine does the same at the end of each event.
func (e *Engine) Flush() {
	if len(e.pending) > 0 {
		e.flushPending()
	}
}

// flushPending gives changes that no Emit accounted for to the last record
// of the current dispatch, or to a record of their own.
func (e *Engine) flushPending() {
	if !e.record {
		e.pending = e.pending[:0]
		return
	}
	if e.emitted >= 0 {
		last := e.trace.At(e.trace.n - 1)
		last.Changes = append(last.Changes, e.pending...)
		e.pending = e.pending[:0]
		return
	}
	e.Emit("state", e.ComponentName(e.current)+" updated its state", nil)
}

// nextEventIDOfDispatch is the ID of the event being dispatched. The queue
// hands out IDs in order, so the engine remembers it in dispatch.
func (e *Engine) nextEventIDOfDispatch() EventID { return e.dispatchingID }
