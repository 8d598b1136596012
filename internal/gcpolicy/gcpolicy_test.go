package gcpolicy

import (
	"runtime/debug"
	"testing"
)

func TestApply(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tc := range []struct {
		env  string
		want int
	}{
		{"", Percent}, // unset or empty: svcsim's value
		{"150", 150},  // the user's value stands
		{"off", -1},   // off too
	} {
		t.Run("GOGC="+tc.env, func(t *testing.T) {
			t.Setenv("GOGC", tc.env)
			if tc.env != "" {
				// The runtime reads GOGC at start; emulate that reading.
				debug.SetGCPercent(tc.want)
			}
			if got := Apply(); got != tc.want {
				t.Errorf("Apply() = %d, want %d", got, tc.want)
			}
			if got := debug.SetGCPercent(100); got != tc.want {
				t.Errorf("GC percent in force = %d, want %d", got, tc.want)
			}
		})
	}
}
