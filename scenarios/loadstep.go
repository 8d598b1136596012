package scenarios

import (
	"fmt"
	"sort"
	"strings"

	"github.com/svcsim/svcsim/model/kubectl"
)

// runLoad sends the requests one after the other through kubectl exec
// and curl, then reports how many were answered and by which pod. The
// servers are found in the trace: each request a server handles is an
// "app.request" record that names its pod.
func (r *runner) runLoad(l *LoadStep, done func(kubectl.Result)) {
	ns := l.Namespace
	if ns == "" {
		ns = "default"
	}
	first := r.c.Engine.Trace().Len()
	answered, failed := 0, map[string]int{}
	var next func(i int)
	next = func(i int) {
		if i == l.Count {
			done(kubectl.Result{Stdout: r.loadReport(l, first, answered, failed)})
			return
		}
		r.k.Run([]string{"exec", "-n", ns, l.From, "--", "curl", "-s", "-S", "-m", "5", l.URL}, func(res kubectl.Result) {
			if res.Exit == 0 {
				answered++
			} else {
				failed[firstLine(res.Stderr)]++
			}
			r.later(0, func() { next(i + 1) })
		})
	}
	next(0)
}

func (r *runner) loadReport(l *LoadStep, first, answered int, failed map[string]int) string {
	by := map[string]int{}
	for rec := range r.c.Engine.Trace().From(first) {
		if rec.Kind != "app.request" {
			continue
		}
		pod, _, ok := strings.Cut(rec.Summary, ": ")
		if ok && !strings.HasPrefix(rec.Component, "scenario") {
			by[pod]++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d requests to %s from %s: %d answered\n", l.Count, l.URL, l.From, answered)
	pods := make([]string, 0, len(by))
	for p := range by {
		pods = append(pods, p)
	}
	sort.Strings(pods)
	for _, p := range pods {
		fmt.Fprintf(&b, "  answered by %s: %d\n", p, by[p])
	}
	errs := make([]string, 0, len(failed))
	for e := range failed {
		errs = append(errs, e)
	}
	sort.Strings(errs)
	for _, e := range errs {
		fmt.Fprintf(&b, "  failed (%d): %s\n", failed[e], e)
	}
	return b.String()
}
