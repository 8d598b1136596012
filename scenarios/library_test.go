package scenarios

import (
	"bytes"
	"testing"
)

// TestLibrary runs every built-in scenario; each must pass.
func TestLibrary(t *testing.T) {
	lib, err := Library()
	if err != nil {
		t.Fatalf("Library() = %v", err)
	}
	if len(lib) == 0 {
		t.Fatal("the library is empty")
	}
	for _, s := range lib {
		t.Run(s.Metadata.Name, func(t *testing.T) {
			rep := Run(s, Options{})
			if !rep.Passed {
				var b bytes.Buffer
				WriteText(&b, []*Report{rep}, true)
				t.Errorf("scenario %s failed:\n%s", s.Metadata.Name, b.String())
			}
		})
	}
}
