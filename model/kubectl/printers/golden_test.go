package printers

import (
	"github.com/svcsim/svcsim/internal/golden"
	"testing"
)

// checkGolden compares got with testdata/<name>.golden, rewriting the file
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, name, got)
}
