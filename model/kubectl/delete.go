package kubectl

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
)

// forceWarning is what kubectl v1.36 prints before a --force
// --grace-period=0 delete (delete.go Validate, through its warning
// printer).
const forceWarning = "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"

// deleteTarget is one object kubectl deletes.
type deleteTarget struct {
	kd       *api.Kind
	ns, name string
	source   string // the -f file it came from, for "error when deleting"
}

// deleteOptions are delete's flags after kubectl's Complete and Validate:
// grace < 0 means the object's own grace period.
type deleteOptions struct {
	dryRun     string
	grace      int64
	force      bool
	outputName bool
	ignoreNF   bool
}

// deleteFlags applies kubectl's rules: --now is a grace period of 1,
// --grace-period=0 without --force becomes 1, --force alone becomes 0.
func deleteFlags(f *flags) (deleteOptions, string) {
	o := deleteOptions{grace: -1, force: f.bools["force"], ignoreNF: f.bools["ignore-not-found"]}
	mode, err := dryRun(f)
	if err != nil {
		return o, err.Error()
	}
	o.dryRun = mode
	if g := f.get("grace-period"); g != "" {
		v, err := strconv.ParseInt(g, 10, 64)
		if err != nil {
			return o, fmt.Sprintf("error: invalid argument %q for \"--grace-period\" flag: strconv.ParseInt: parsing %q: invalid syntax\nSee 'kubectl delete --help' for usage.", g, g)
		}
		o.grace = v
	}
	if f.bools["now"] {
		if o.grace != -1 {
			return o, "error: --now and --grace-period cannot be specified together"
		}
		o.grace = 1
	}
	if o.grace == 0 && !o.force {
		o.grace = 1
	}
	if o.force && o.grace < 0 {
		o.grace = 0
	}
	if out := f.get("output"); out != "" && out != "name" {
		return o, fmt.Sprintf("error: unexpected -o output mode: %v. We only support '-o name'", out)
	}
	o.outputName = f.get("output") == "name"
	if f.bools["all"] && f.get("selector") != "" {
		return o, "error: cannot set --all and --selector at the same time"
	}
	if o.grace > 0 && o.force {
		return o, "error: --force and --grace-period greater than 0 cannot be specified together"
	}
	if f.bools["all"] || f.get("selector") != "" {
		if _, set := f.bools["ignore-not-found"]; !set {
			o.ignoreNF = true
		}
	}
	return o, ""
}

// delete runs `kubectl delete`, which waits until what it deleted is gone.
func (k *Kubectl) delete(f *flags, done func(Result)) {
	o, msg := deleteFlags(f)
	if msg != "" {
		done(fail(msg))
		return
	}
	list, errs, msg := k.deleteTargets(f)
	if msg != "" {
		done(fail(msg))
		return
	}
	var stderr strings.Builder
	if o.grace == 0 && o.force {
		stderr.WriteString(forceWarning)
	}
	if len(list) == 0 && len(errs) == 0 {
		done(Result{Stdout: "No resources found\n", Stderr: stderr.String()})
		return
	}
	var out strings.Builder
	var waiting []deleteTarget
	warnScope := f.get("namespace") != "" && !f.bools["all-namespaces"]
	for _, t := range list {
		if warnScope && !t.kd.Namespaced {
			stderr.WriteString("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n")
			warnScope = false
		}
		if o.dryRun != "" {
			_, there := k.C.API.Get(t.kd.Kind, t.ns, t.name)
			if o.dryRun == "server" && !there && !o.ignoreNF {
				errs = append(errs, fmt.Sprintf("Error from server (NotFound): %s %q not found", t.kd.GroupResource(), t.name))
				continue
			}
			out.WriteString(deletedLine(t, o))
			continue
		}
		var opts apiserver.DeleteOptions
		if o.grace >= 0 {
			g := o.grace
			opts.GracePeriod = &g
		}
		if err := k.C.API.Delete(t.kd.Kind, t.ns, t.name, opts); err != nil {
			if apiserver.IsNotFound(err) && o.ignoreNF {
				continue
			}
			ctx := ""
			if t.source != "" {
				ctx = fmt.Sprintf("error when deleting %q: ", t.source)
			}
			errs = append(errs, serverError(err, ctx))
			continue
		}
		out.WriteString(deletedLine(t, o))
		k.engine().Emit("kubectl.delete", "kubectl delete: "+strings.TrimSuffix(deletedLine(t, o), "\n"), nil)
		waiting = append(waiting, t)
	}
	res := Result{Stdout: out.String()}
	if len(errs) > 0 {
		stderr.WriteString(strings.Join(errs, "\n") + "\n")
		res.Exit = 1
	}
	res.Stderr = stderr.String()
	if strings.HasPrefix(res.Stderr, "Warning:") {
		res.Combined = res.Stderr[:strings.IndexByte(res.Stderr, '\n')+1] + res.Stdout + res.Stderr[strings.IndexByte(res.Stderr, '\n')+1:]
	}
	// kubectl returns an error before waiting when any delete failed,
	// and does not wait with --wait=false.
	if len(errs) > 0 || len(waiting) == 0 || (f.has("wait") && !f.bools["wait"]) {
		done(res)
		return
	}
	gone := func() bool {
		for _, t := range waiting {
			if _, ok := k.C.API.Get(t.kd.Kind, t.ns, t.name); ok {
				return false
			}
		}
		return true
	}
	// kubectl waits a week at most (--timeout=0, the default).
	k.poll(100*time.Millisecond, weekTimeout, gone, func(ok bool) {
		if !ok {
			for _, t := range waiting {
				if _, there := k.C.API.Get(t.kd.Kind, t.ns, t.name); there {
					res.Stderr += fmt.Sprintf("error: timed out waiting for the condition on %s/%s\n", t.kd.Resource, t.name)
					res.Exit = 1
					break
				}
			}
		}
		done(res)
	})
}

// deletedLine is kubectl v1.36's line for one deleted object:
// `pod "x" deleted from default namespace`, `node "n" deleted`,
// `pod/x` with -o name.
func deletedLine(t deleteTarget, o deleteOptions) string {
	if o.outputName {
		return kindPrefix(t.kd) + "/" + t.name + "\n"
	}
	op := "deleted"
	if o.grace == 0 {
		op = "force deleted"
	}
	if t.kd.Namespaced {
		op += " from " + t.ns + " namespace"
	}
	return fmt.Sprintf("%s %q %s%s\n", kindPrefix(t.kd), t.name, op, dryRunSuffix(o.dryRun))
}

// deleteTargets resolves what to delete from -f files or from
// TYPE[,TYPE] [NAME...] | TYPE/NAME... with -l, --all and -A. It returns
// the targets, the errors of files that did not decode, and a message
// when the command line itself is wrong.
func (k *Kubectl) deleteTargets(f *flags) ([]deleteTarget, []string, string) {
	var list []deleteTarget
	ns := k.namespace(f)
	if len(f.values["filename"]) > 0 {
		docs, errs := k.decodeFiles(f)
		for _, d := range docs {
			if d.Object == nil {
				continue
			}
			t := deleteTarget{kd: api.KindOf(d.Object), name: d.Object.Meta().Name, source: d.File}
			if t.kd.Namespaced {
				t.ns = d.Object.Meta().Namespace
				if t.ns == "" {
					t.ns = ns
				}
			}
			list = append(list, t)
		}
		return list, errs, ""
	}
	if len(f.words) == 0 {
		return nil, nil, "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"
	}
	kinds, names, err := deleteArgs(f.words)
	if err != nil {
		return nil, nil, err.Error()
	}
	sel, err := selector(f)
	if err != nil {
		return nil, nil, err.Error()
	}
	if len(names) == 0 && sel.Empty() && !f.bools["all"] {
		return nil, nil, "error: resource(s) were provided, but no name was specified"
	}
	if len(names) > 0 && (!sel.Empty() || f.bools["all"]) {
		return nil, nil, "error: name cannot be provided when a selector is specified"
	}
	if f.bools["all-namespaces"] {
		if len(names) > 0 {
			return nil, nil, "error: a resource cannot be retrieved by name across all namespaces"
		}
		ns = ""
	}
	for _, kd := range kinds {
		objNS := ns
		if !kd.Namespaced {
			objNS = ""
		}
		if len(names) > 0 {
			for _, n := range names {
				list = append(list, deleteTarget{kd: kd, ns: objNS, name: n})
			}
			continue
		}
		for _, o := range filter(k.C.API.List(kd.Kind, objNS), sel) {
			list = append(list, deleteTarget{kd: kd, ns: o.Meta().Namespace, name: o.Meta().Name})
		}
	}
	return list, nil, ""
}

// deleteArgs reads TYPE[,TYPE...] [NAME...] or TYPE/NAME....
func deleteArgs(words []string) ([]*api.Kind, []string, error) {
	if strings.Contains(words[0], "/") || !strings.Contains(words[0], ",") {
		kd, names, err := targets(words)
		if err != nil {
			return nil, nil, err
		}
		return []*api.Kind{kd}, names, nil
	}
	var kinds []*api.Kind
	for _, w := range strings.Split(words[0], ",") {
		kd, err := resolveKind(w)
		if err != nil {
			return nil, nil, err
		}
		kinds = append(kinds, kd)
	}
	return kinds, words[1:], nil
}
