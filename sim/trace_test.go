package sim

import (
	"fmt"
	"testing"
)

// TestTraceBlocks: records spread over blocks, joined by Records and then
// added to again, read back the same through At, From and Records, and a
// change flushed after a join lands on the last record wherever it is.
func TestTraceBlocks(t *testing.T) {
	e := New(1)
	emit := func(from, to int) {
		for i := from; i < to; i++ {
			e.Emit("n", fmt.Sprint(i), nil)
		}
	}
	check := func(when string) {
		t.Helper()
		tr := e.Trace()
		for i := range tr.Len() {
			if r := tr.At(i); r.Index != i || r.Summary != fmt.Sprint(i) {
				t.Fatalf("%s: At(%d) = #%d %q", when, i, r.Index, r.Summary)
			}
		}
		n := 0
		for r := range tr.From(5) {
			if r.Index != 5+n {
				t.Fatalf("%s: From(5) yielded #%d at step %d", when, r.Index, n)
			}
			n++
		}
		if n != tr.Len()-5 {
			t.Errorf("%s: From(5) yielded %d records, want %d", when, n, tr.Len()-5)
		}
		recs := tr.Records()
		if len(recs) != tr.Len() {
			t.Fatalf("%s: Records() has %d, Len() = %d", when, len(recs), tr.Len())
		}
		for i := range recs {
			if recs[i].Index != i {
				t.Fatalf("%s: Records()[%d] is #%d", when, i, recs[i].Index)
			}
		}
	}
	emit(0, recordBlock+10)
	check("two blocks")
	emit(recordBlock+10, 3*recordBlock+1) // after the join: head, then blocks
	check("head and blocks")
	e.Set("late", 1)
	e.emitted = 0 // as during a dispatch that emitted: the change joins the last record
	e.flushPending()
	if ch := e.Trace().At(e.Trace().Len() - 1).Changes; len(ch) != 1 || ch[0].Key != "late" {
		t.Errorf("last record's changes = %+v, want the late write", ch)
	}
}
