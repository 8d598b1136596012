package scenarios

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/kubectl/printers"
)

// evaluate checks one expectation against the present state.
func (r *runner) evaluate(x *Expectation) Check {
	var c Check
	switch {
	case x.Output != nil:
		c = r.checkOutput(x.Output)
	case x.Object != nil:
		c = r.checkObject(x.Object)
	case x.Endpoints != nil:
		c = r.checkEndpoints(x.Endpoints)
	case x.Trace != nil:
		c = r.checkTrace(x.Trace)
	}
	if x.Description != "" {
		c.What = x.Description
	}
	return c
}

func (r *runner) checkOutput(in *OutputExpect) Check {
	out := r.result.Output()
	o := r.expandOutput(in)
	var what []string
	var bad []string
	for _, s := range o.Contains {
		what = append(what, fmt.Sprintf("contains %q", s))
		if !strings.Contains(out, s) {
			bad = append(bad, fmt.Sprintf("does not contain %q", s))
		}
	}
	for _, s := range o.NotContains {
		what = append(what, fmt.Sprintf("does not contain %q", s))
		if strings.Contains(out, s) {
			bad = append(bad, fmt.Sprintf("contains %q", s))
		}
	}
	if o.Matches != "" {
		what = append(what, fmt.Sprintf("matches /%s/", o.Matches))
		if re, err := regexp.Compile(o.Matches); err != nil || !re.MatchString(out) {
			bad = append(bad, fmt.Sprintf("does not match /%s/", o.Matches))
		}
	}
	if o.Equals != nil {
		what = append(what, "equals the expected text")
		if out != *o.Equals {
			bad = append(bad, fmt.Sprintf("is %q, want %q", out, *o.Equals))
		}
	}
	if o.ExitCode != nil {
		what = append(what, fmt.Sprintf("exits with %d", *o.ExitCode))
		if r.result.Exit != *o.ExitCode {
			bad = append(bad, fmt.Sprintf("exit code is %d", r.result.Exit))
		}
	}
	c := Check{What: "output " + strings.Join(what, ", "), Passed: len(bad) == 0}
	if !c.Passed {
		c.Detail = "the output " + strings.Join(bad, "; ") + "; output was:\n" + indent(out)
	}
	return c
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return "    (nothing)"
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// objects returns the objects an ObjectExpect names.
func (r *runner) objects(o *ObjectExpect) ([]api.Object, string) {
	kd, _ := api.KindByName(o.Kind)
	ns := o.Namespace
	if ns == "" && kd.Namespaced {
		ns = "default"
	}
	if !kd.Namespaced {
		ns = ""
	}
	if o.Name != "" {
		if obj, ok := r.c.API.Get(kd.Kind, ns, o.Name); ok {
			return []api.Object{obj}, fmt.Sprintf("%s %s", kd.Kind, join(ns, o.Name))
		}
		return nil, fmt.Sprintf("%s %s", kd.Kind, join(ns, o.Name))
	}
	sel, _ := api.ParseSelector(o.Selector)
	var out []api.Object
	for _, obj := range r.c.API.List(kd.Kind, ns) {
		if sel.Matches(obj.Meta().Labels) {
			out = append(out, obj)
		}
	}
	what := fmt.Sprintf("%ss in %s", kd.Kind, nsWord(ns))
	if o.Selector != "" {
		what = fmt.Sprintf("%ss with %s in %s", kd.Kind, o.Selector, nsWord(ns))
	}
	return out, what
}

func join(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "/" + name
}

func nsWord(ns string) string {
	if ns == "" {
		return "the cluster"
	}
	return "namespace " + ns
}

func (r *runner) checkObject(o *ObjectExpect) Check {
	objs, what := r.objects(o)
	c := Check{Passed: true}
	var parts []string
	fail := func(format string, args ...any) {
		c.Passed = false
		if c.Detail == "" {
			c.Detail = fmt.Sprintf(format, args...)
		}
	}
	exists := o.Exists == nil || *o.Exists
	if o.Exists != nil && !*o.Exists {
		parts = append(parts, what+" does not exist")
		if len(objs) > 0 {
			fail("%s exists", what)
		}
	}
	if o.Count != nil {
		parts = append(parts, fmt.Sprintf("%s: %d", what, *o.Count))
		if len(objs) != *o.Count {
			fail("found %d, want %d", len(objs), *o.Count)
		}
	} else if exists {
		if o.Exists != nil || o.JSONPath == "" {
			parts = append(parts, what+" exists")
		}
		if len(objs) == 0 {
			fail("%s: not found", what)
		}
	}
	if o.JSONPath != "" && len(objs) > 0 {
		val := r.objectValue(o)
		label := fmt.Sprintf("%s %s", what, o.JSONPath)
		switch {
		case o.Equals != nil:
			parts = append(parts, fmt.Sprintf("%s = %q", label, *o.Equals))
			if val != *o.Equals {
				fail("%s is %q, want %q", o.JSONPath, val, *o.Equals)
			}
		case o.NotEquals != nil:
			parts = append(parts, fmt.Sprintf("%s != %q", label, *o.NotEquals))
			if val == *o.NotEquals {
				fail("%s is %q", o.JSONPath, val)
			}
		case o.EqualsSaved != "":
			saved := r.saved[o.EqualsSaved]
			parts = append(parts, fmt.Sprintf("%s equals the saved %s (%q)", label, o.EqualsSaved, saved))
			if val != saved {
				fail("%s is %q, want the saved %q", o.JSONPath, val, saved)
			}
		case o.NotEqualsSaved != "":
			saved := r.saved[o.NotEqualsSaved]
			parts = append(parts, fmt.Sprintf("%s differs from the saved %s (%q)", label, o.NotEqualsSaved, saved))
			if val == saved {
				fail("%s is still %q", o.JSONPath, val)
			}
		case o.Save != "":
			parts = append(parts, fmt.Sprintf("%s is saved as %s", label, o.Save))
			if val == "" {
				fail("%s is empty", o.JSONPath)
			}
		}
	}
	c.What = strings.Join(parts, ", ")
	return c
}

// objectValue evaluates the JSONPath on the first object (by name).
func (r *runner) objectValue(o *ObjectExpect) string {
	objs, _ := r.objects(o)
	if len(objs) == 0 {
		return ""
	}
	tmpl := o.JSONPath
	if !strings.HasPrefix(tmpl, "{") {
		tmpl = "{" + tmpl + "}"
	}
	var b bytes.Buffer
	if err := printers.PrintJSONPath(&b, tmpl, objs[:1], printers.OutputOptions{Single: true}); err != nil {
		return "<error: " + err.Error() + ">"
	}
	return b.String()
}

func (r *runner) checkEndpoints(x *EndpointsExpect) Check {
	ns := x.Namespace
	if ns == "" {
		ns = "default"
	}
	var parts []string
	if x.Ready != nil {
		parts = append(parts, fmt.Sprintf("%d ready", *x.Ready))
	}
	if x.NotReady != nil {
		parts = append(parts, fmt.Sprintf("%d not ready", *x.NotReady))
	}
	c := Check{What: fmt.Sprintf("Endpoints %s/%s has %s", ns, x.Service, strings.Join(parts, " and ")), Passed: true}
	if len(parts) == 0 {
		c.What = fmt.Sprintf("Endpoints %s/%s exists", ns, x.Service)
	}
	o, ok := r.c.API.Get("Endpoints", ns, x.Service)
	if !ok {
		c.Passed, c.Detail = false, fmt.Sprintf("there is no Endpoints object %s/%s", ns, x.Service)
		return c
	}
	var ready, notReady []string
	for _, ss := range o.(*api.Endpoints).Subsets {
		for _, a := range ss.Addresses {
			ready = append(ready, a.IP)
		}
		for _, a := range ss.NotReadyAddresses {
			notReady = append(notReady, a.IP)
		}
	}
	if (x.Ready != nil && len(ready) != *x.Ready) || (x.NotReady != nil && len(notReady) != *x.NotReady) {
		c.Passed = false
		c.Detail = fmt.Sprintf("ready addresses: [%s]; not ready: [%s]", strings.Join(ready, " "), strings.Join(notReady, " "))
	}
	return c
}

func (r *runner) checkTrace(x *TraceExpect) Check {
	desc := "the trace of this step has a record"
	if x.Never {
		desc = "the trace of this step has no record"
	}
	if x.Kind != "" {
		desc += " of kind " + x.Kind
	}
	if x.Contains != "" {
		desc += fmt.Sprintf(" saying %q", x.Contains)
	}
	c := Check{What: desc}
	first := r.rep.Steps[r.step].FirstRecord
	var found string
	for rec := range r.c.Engine.Trace().From(first) {
		if x.Kind != "" && rec.Kind != x.Kind && !(strings.HasSuffix(x.Kind, ".") && strings.HasPrefix(rec.Kind, x.Kind)) {
			continue
		}
		if x.Contains != "" && !strings.Contains(rec.Summary, x.Contains) {
			continue
		}
		found = fmt.Sprintf("[%s] %s: %s", rec.Kind, rec.Component, rec.Summary)
		break
	}
	c.Passed = (found != "") != x.Never
	switch {
	case !c.Passed && x.Never:
		c.Detail = "it happened: " + found
	case !c.Passed:
		c.Detail = "no such record"
	}
	return c
}

// expandOutput replaces ${NAME} in an output expectation's texts with
// values saved by earlier steps.
func (r *runner) expandOutput(in *OutputExpect) *OutputExpect {
	o := *in
	o.Contains, o.NotContains = nil, nil
	for _, s := range in.Contains {
		o.Contains = append(o.Contains, r.savedVars(s))
	}
	for _, s := range in.NotContains {
		o.NotContains = append(o.NotContains, r.savedVars(s))
	}
	if in.Equals != nil {
		e := r.savedVars(*in.Equals)
		o.Equals = &e
	}
	o.Matches = r.savedVarsQuoted(in.Matches)
	return &o
}
