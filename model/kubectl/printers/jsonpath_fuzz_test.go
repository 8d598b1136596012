package printers

import (
	"strings"
	"testing"
)

// FuzzJSONPath checks that no template makes the parser or the evaluator
// panic, over a pod list and over the empty list.
func FuzzJSONPath(f *testing.F) {
	for _, s := range []string{
		"{.items[0].status.podIP}", "{.items[*].metadata.name}",
		`{range .items[*]}{.metadata.name}{"\n"}{end}`, "http://{.status.loadBalancer.ingress[0].*}:8080",
		`{.items[?(@.status.podIP=="10.244.2.7")].metadata.name}`, "{..podIP}", "{.items[-1:]}",
		"{.items[::2]}", `{.items[0]['kind','apiVersion']}`, "{range .items[*]}{range .spec.containers[*]}{.name}{end}{end}",
		"{end}", "{.items[1:0]}", `{"\t"}`, "{@}", "{$.kind}", "{.items[?(@.x<1.5)]}",
	} {
		f.Add(s)
	}
	data, err := Unstructured(objects(fixturePods()[:2]), false)
	if err != nil {
		f.Fatal(err)
	}
	empty, _ := Unstructured(nil, false)
	f.Fuzz(func(t *testing.T, tmpl string) {
		j, err := ParseJSONPath(tmpl)
		if err != nil {
			return
		}
		for _, d := range []any{data, empty} {
			var b strings.Builder
			_ = j.Execute(&b, d, true)
			_ = j.Execute(&b, d, false)
		}
	})
}
