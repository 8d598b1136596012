package kubelet

import (
	"fmt"
	"testing"
)

func TestHex64(t *testing.T) {
	for _, v := range []uint64{0, 1, 0xabc, 1<<63 | 5, ^uint64(0)} {
		if got, want := hex64("p:", v), fmt.Sprintf("p:%064x", v); got != want {
			t.Errorf("got hex64(\"p:\", %#x) = %q, want = %q", v, got, want)
		}
	}
}
