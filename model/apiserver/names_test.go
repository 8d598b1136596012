package apiserver

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestNameRules checks each hand-written name rule against the regex it
// replaces, on every string of up to four characters from an alphabet of
// the interesting classes, and on a few longer names.
func TestNameRules(t *testing.T) {
	rules := []struct {
		name string
		rule nameRule
		re   *regexp.Regexp
	}{
		{"dns1035Label", dns1035Label, regexp.MustCompile(`^[a-z]([-a-z0-9]*[a-z0-9])?$`)},
		{"dns1123Label", dns1123Label, regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)},
		{"dns1123Sub", dns1123Sub, regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)},
		{"ianaSvcName", ianaSvcName, regexp.MustCompile(`^[-a-z0-9]+$`)},
	}
	const alphabet = "az09-.A_\n"
	inputs := []string{"", "web-7d9f8c5b4-xk2pq", "kube-system", "a.b.c", "a..b", ".a", "a.", "my-svc-", "9lives", "x\n"}
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		inputs = append(inputs, prefix)
		if n == 0 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			gen(prefix+alphabet[i:i+1], n-1)
		}
	}
	gen("", 4)
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			for _, in := range inputs {
				if got, want := r.rule.MatchString(in), r.re.MatchString(in); got != want {
					t.Errorf("got %s.MatchString(%q) = %v, want = %v", r.name, in, got, want)
				}
			}
		})
	}
}

// TestNewUID checks the hand-formatted UID against the Printf format it
// replaces, on the same draws.
func TestNewUID(t *testing.T) {
	s := New(sim.New(7), DefaultConfig())
	ref := sim.New(7).Rand("kube-apiserver/uid")
	for i := 0; i < 1000; i++ {
		a, b := ref.Uint64(), ref.Uint64()
		want := fmt.Sprintf("%08x-%04x-%04x-%04x-%012x",
			a>>32, (a>>16)&0xffff, 0x4000|a&0x0fff, 0x8000|(b>>48)&0x3fff, b&0xffffffffffff)
		if got := s.newUID(); got != want {
			t.Fatalf("got newUID() = %q, want = %q", got, want)
		}
	}
}
