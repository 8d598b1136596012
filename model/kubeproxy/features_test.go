package kubeproxy

import (
	"flag"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var dumpCases = flag.Bool("dump", false, "print the generated lines of the feature cases")

func TestServiceRules(t *testing.T) {
	for _, tc := range featureCases {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.tc.proxier(t)
			p.Sync()
			got := serviceRuleLines(p.AppendPayload(nil, FormTest))
			if *dumpCases {
				for _, l := range got {
					fmt.Printf("\t\t\t%q,\n", l)
				}
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("service rules mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
