package sim

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSlots checks that writes through a slot and by key are the same
// store and the same recorded changes, including a slot kept across a
// delete, a second slot made for a stored key, and a key stored again
// meanwhile.
func TestSlots(t *testing.T) {
	e := New(1)
	a := e.NewSlot("k/a")
	if _, ok := e.Get("k/a"); ok {
		t.Fatalf("got Get(k/a) ok before any write, want = missing")
	}
	e.SetSlot(a, 1)
	e.Set("k/a", 2)
	e.SetSlot(a, 3)
	b := e.NewSlot("k/a") // made while k/a is stored: it writes the stored slot
	e.SetSlot(b, 33)
	if got, _ := e.Get("k/a"); got != 33 {
		t.Errorf("got Get(k/a) = %v after a write through a second slot, want 33", got)
	}
	e.Delete("k/a")
	e.Set("k/a", 4) // stored again by key: the old slot must follow
	e.SetSlot(a, 5)
	e.DeleteSlot(a)
	e.DeleteSlot(a) // nothing left: no change
	e.Emit("test", "slots", nil)
	want := []Change{
		{Key: "k/a", After: 1},
		{Key: "k/a", Before: 1, After: 2},
		{Key: "k/a", Before: 2, After: 3},
		{Key: "k/a", Before: 3, After: 33},
		{Key: "k/a", Before: 33},
		{Key: "k/a", After: 4},
		{Key: "k/a", Before: 4, After: 5},
		{Key: "k/a", Before: 5},
	}
	if diff := cmp.Diff(want, e.Trace().At(0).Changes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{}, e.Snapshot()); diff != "" {
		t.Errorf("Snapshot (-want +got):\n%s", diff)
	}
}
