package kubectl

import (
	"fmt"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// weekTimeout is what kubectl wait uses for a negative --timeout.
const weekTimeout = 168 * time.Hour

// waitCond is a parsed --for: delete, create or condition=NAME[=VALUE].
type waitCond struct {
	isDelete, isCreate bool
	name, value        string
}

func parseWaitFor(forWhat string) (waitCond, error) {
	switch strings.ToLower(forWhat) {
	case "delete":
		return waitCond{isDelete: true}, nil
	case "create":
		return waitCond{isCreate: true}, nil
	}
	if cond, ok := strings.CutPrefix(forWhat, "condition="); ok {
		name, value, hasValue := strings.Cut(cond, "=")
		if !hasValue {
			value = "true"
		}
		return waitCond{name: name, value: value}, nil
	}
	if strings.HasPrefix(forWhat, "jsonpath=") {
		return waitCond{}, fmt.Errorf("error: svcsim does not model `kubectl wait --for=jsonpath`; use --for=condition=NAME or --for=delete")
	}
	return waitCond{}, fmt.Errorf("error: unrecognized condition: %q", forWhat)
}

// wait runs `kubectl wait --for=...`. Like kubectl, it takes the objects
// one after the other, each against the same deadline, and prints
// "KIND/NAME condition met" for each in that order.
func (k *Kubectl) wait(f *flags, done func(Result)) {
	cond, err := parseWaitFor(f.get("for"))
	if err != nil {
		done(fail(err.Error()))
		return
	}
	timeout := 30 * time.Second
	if t := f.get("timeout"); t != "" {
		d, err := time.ParseDuration(t)
		if err != nil {
			done(fail(fmt.Sprintf("error: invalid argument %q for \"--timeout\" flag: time: invalid duration %q\nSee 'kubectl wait --help' for usage.", t, t)))
			return
		}
		timeout = d
	}
	if timeout < 0 {
		timeout = weekTimeout
	}
	kd, names, err := targets(f.words)
	if err != nil {
		done(fail(err.Error()))
		return
	}
	ns := k.namespace(f)
	if !kd.Namespaced {
		ns = ""
	}
	sel, err := selector(f)
	if err != nil {
		done(fail(err.Error()))
		return
	}
	if len(names) == 0 {
		if sel.Empty() && !f.bools["all"] {
			done(fail("error: resource(s) were provided, but no name was specified"))
			return
		}
		for _, o := range filter(k.C.API.List(kd.Kind, ns), sel) {
			names = append(names, o.Meta().Name)
		}
	} else if !cond.isDelete && !cond.isCreate {
		for _, n := range names {
			if _, ok := k.C.API.Get(kd.Kind, ns, n); !ok {
				done(fail(fmt.Sprintf("Error from server (NotFound): %s %q not found", kd.GroupResource(), n)))
				return
			}
		}
	}
	if cond.isDelete {
		// kubectl ignores what is already gone.
		var left []string
		for _, n := range names {
			if _, ok := k.C.API.Get(kd.Kind, ns, n); ok {
				left = append(left, n)
			}
		}
		names = left
		if len(names) == 0 {
			done(Result{})
			return
		}
	}
	if len(names) == 0 {
		done(fail("error: no matching resources found"))
		return
	}
	met := func(name string) bool {
		o, ok := k.C.API.Get(kd.Kind, ns, name)
		switch {
		case cond.isDelete:
			return !ok
		case cond.isCreate:
			return ok
		}
		return ok && hasCondition(o, cond.name, cond.value)
	}
	k.waitFor(kd, names, met, timeout, done)
}

// waitFor polls met for names in order until all hold or timeout passes.
// A zero timeout checks once.
func (k *Kubectl) waitFor(kd *api.Kind, names []string, met func(string) bool, timeout time.Duration, done func(Result)) {
	var out strings.Builder
	next := 0
	check := func() bool {
		for next < len(names) && met(names[next]) {
			fmt.Fprintf(&out, "%s/%s condition met\n", kindPrefix(kd), names[next])
			next++
		}
		return next == len(names)
	}
	finish := func(ok bool) {
		res := Result{Stdout: out.String()}
		if !ok {
			res.Stderr = fmt.Sprintf("error: timed out waiting for the condition on %s/%s\n", kd.Resource, names[next])
			if timeout == 0 {
				res.Stderr = fmt.Sprintf("error: condition not met for %s/%s\n", kd.Resource, names[next])
			}
			res.Exit = 1
		}
		done(res)
	}
	if timeout == 0 {
		finish(check())
		return
	}
	k.poll(100*time.Millisecond, timeout, check, finish)
}
