package manifest

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzDecode checks that Decode never panics or hangs, and that what it
// accepts prints and reads back to the same object (empty and absent
// maps and lists being the same).  Its seed corpus is
// in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(svcHead + "  ports:\n  - port: 80\n"))
	// the fields behind PodSpecExtra and PodStatusExtra, null and set
	f.Add([]byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  priority: null\n  hostPID: false\n  preemptionPolicy: Never\nstatus:\n  nominatedNodeName: n\n  reason: Evicted\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := Decode("f.yaml", data)
		if !utf8.Valid(data) {
			return
		}
		for _, d := range docs {
			if d.Object == nil {
				continue
			}
			b, err := EncodeYAML(d.Object)
			if err != nil {
				t.Fatalf("EncodeYAML() = %v", err)
			}
			again, err := Decode("out.yaml", b)
			if err != nil {
				t.Fatalf("Decode(EncodeYAML(x)) = %v\n%s", err, b)
			}
			if len(again) != 1 {
				t.Fatalf("Decode(EncodeYAML(x)) = %d documents, want 1\n%s", len(again), b)
			}
			// omitempty drops empty maps and lists, as the real API's does
			if diff := cmp.Diff(d.Object, again[0].Object, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("Decode(EncodeYAML(x)) != x (-x +got):\n%s\n%s", diff, b)
			}
		}
	})
}
