package kubectl

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/manifest"
	"github.com/svcsim/svcsim/sim"
)

// decodeFiles reads every -f file into documents, collecting kubectl's
// error lines for what does not decode.
func (k *Kubectl) decodeFiles(f *flags) ([]manifest.Document, []string) {
	var docs []manifest.Document
	var errs []string
	names := f.values["filename"]
	if len(names) == 0 {
		return nil, []string{"error: must specify one of -f and -k"}
	}
	for _, name := range names {
		data, err := k.Files.ReadFile(name)
		if err != nil {
			errs = append(errs, fmt.Sprintf("error: the path %q does not exist", name))
			continue
		}
		d, err := manifest.Decode(name, data)
		docs = append(docs, d...)
		if err != nil {
			errs = append(errs, decodeMessages(err)...)
		}
	}
	return docs, errs
}

// decodeMessages returns kubectl's text for each decoding error.
func decodeMessages(err error) []string {
	var out []string
	var joined interface{ Unwrap() []error }
	list := []error{err}
	if errors.As(err, &joined) {
		list = joined.Unwrap()
	}
	for _, e := range list {
		var me *manifest.Error
		if errors.As(e, &me) {
			out = append(out, me.Msg)
		} else {
			out = append(out, "error: "+e.Error())
		}
	}
	return out
}

// applyFiles runs `kubectl apply -f` and `kubectl create -f`.
func (k *Kubectl) applyFiles(cmd string, f *flags) Result {
	docs, errs := k.decodeFiles(f)
	var out strings.Builder
	for _, d := range docs {
		if d.Object == nil {
			errs = append(errs, fmt.Sprintf("error: resource mapping not found for name: \"\" namespace: \"\" from %q: no matches for kind %q in version %q\nensure CRDs are installed first", d.File, configKind(d.Config), "kubeproxy.config.k8s.io/v1alpha1"))
			continue
		}
		line, err := k.applyOne(cmd, f, d)
		if err != "" {
			errs = append(errs, err)
			continue
		}
		out.WriteString(line + "\n")
	}
	res := Result{Stdout: out.String()}
	if len(errs) > 0 {
		res.Stderr = strings.Join(errs, "\n") + "\n"
		res.Exit = 1
	}
	return res
}

func configKind(c any) string {
	if c == nil {
		return "Unknown"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", c), "*manifest.")
}

func (k *Kubectl) applyOne(cmd string, f *flags, d manifest.Document) (string, string) {
	obj := d.Object
	kd := api.KindOf(obj)
	m := obj.Meta()
	if kd.Namespaced {
		want := k.namespace(f)
		if m.Namespace == "" {
			m.Namespace = want
		} else if f.get("namespace") != "" && m.Namespace != want {
			return "", fmt.Sprintf("error: the namespace from the provided object %q does not match the namespace %q. You must pass '--namespace=%s' to perform this operation.", m.Namespace, want, m.Namespace)
		}
	}
	label := kindPrefix(kd) + "/" + m.Name
	verb := "created"
	cur, exists := k.C.API.Get(kd.Kind, m.Namespace, m.Name)
	var err error
	var stored api.Object
	switch {
	case exists && cmd == "apply":
		stored, err = k.C.API.Update(obj)
		verb = "configured"
		if err == nil && stored == cur {
			verb = "unchanged"
		}
	default:
		stored, err = k.C.API.Create(obj)
	}
	if err != nil {
		what := "creating"
		if exists && cmd == "apply" {
			what = "applying patch:"
		}
		return "", serverError(err, fmt.Sprintf("error when %s %q: ", what, d.File))
	}
	k.engine().Emit("kubectl."+cmd, fmt.Sprintf("kubectl %s: %s %s", cmd, label, verb), nil)
	_ = stored
	return label + " " + verb, ""
}

// delete runs `kubectl delete`, which waits until what it deleted is gone.
func (k *Kubectl) delete(f *flags, done func(Result)) {
	type target struct {
		kd       *api.Kind
		ns, name string
	}
	var list []target
	var errs []string
	if len(f.values["filename"]) > 0 {
		docs, derr := k.decodeFiles(f)
		errs = append(errs, derr...)
		for _, d := range docs {
			if d.Object == nil {
				continue
			}
			ns := d.Object.Meta().Namespace
			if ns == "" {
				ns = k.namespace(f)
			}
			list = append(list, target{api.KindOf(d.Object), ns, d.Object.Meta().Name})
		}
	} else {
		if len(f.words) == 0 {
			done(fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"))
			return
		}
		var kinds []*api.Kind
		var names []string
		for _, w := range strings.Split(f.words[0], ",") {
			if strings.Contains(f.words[0], "/") {
				break
			}
			kd, err := resolveKind(w)
			if err != nil {
				done(fail(err.Error()))
				return
			}
			kinds = append(kinds, kd)
		}
		if len(kinds) <= 1 {
			kd, n, err := targets(f.words)
			if err != nil {
				done(fail(err.Error()))
				return
			}
			kinds, names = []*api.Kind{kd}, n
		}
		sel, err := selector(f)
		if err != nil {
			done(fail(err.Error()))
			return
		}
		if len(names) == 0 && sel.Empty() && !f.bools["all"] {
			done(fail("error: resource(s) were provided, but no name was specified"))
			return
		}
		ns := k.namespace(f)
		for _, kd := range kinds {
			objNS := ns
			if !kd.Namespaced {
				objNS = ""
			}
			if len(names) > 0 {
				for _, n := range names {
					list = append(list, target{kd, objNS, n})
				}
				continue
			}
			for _, o := range filter(k.C.API.List(kd.Kind, objNS), sel) {
				list = append(list, target{kd, objNS, o.Meta().Name})
			}
		}
		if len(list) == 0 && len(names) == 0 {
			done(Result{Stderr: "No resources found\n"})
			return
		}
	}
	var out strings.Builder
	var grace *int64
	if g := f.get("grace-period"); g != "" {
		var v int64
		fmt.Sscan(g, &v)
		grace = &v
	}
	if f.bools["now"] {
		one := int64(1)
		grace = &one
	}
	var waiting []target
	for _, t := range list {
		err := k.C.API.Delete(t.kd.Kind, t.ns, t.name, apiserver.DeleteOptions{GracePeriod: grace})
		if err != nil {
			if apiserver.IsNotFound(err) && f.bools["ignore-not-found"] {
				continue
			}
			errs = append(errs, serverError(err, ""))
			continue
		}
		fmt.Fprintf(&out, "%s %q deleted\n", kindPrefix(t.kd), t.name)
		k.engine().Emit("kubectl.delete", fmt.Sprintf("kubectl delete: %s %q deleted", kindPrefix(t.kd), t.name), nil)
		waiting = append(waiting, t)
	}
	res := Result{Stdout: out.String()}
	if len(errs) > 0 {
		res.Stderr, res.Exit = strings.Join(errs, "\n")+"\n", 1
	}
	gone := func() bool {
		for _, t := range waiting {
			if _, ok := k.C.API.Get(t.kd.Kind, t.ns, t.name); ok {
				return false
			}
		}
		return true
	}
	if f.has("wait") && !f.bools["wait"] {
		done(res)
		return
	}
	k.poll(100*time.Millisecond, 0, gone, func(bool) { done(res) })
}

// poll calls cond every interval until it holds or timeout passes (0:
// never), then calls done with whether it held. It runs on kubectl's own
// timer component.
func (k *Kubectl) poll(interval, timeout time.Duration, cond func() bool, done func(ok bool)) {
	e := k.engine()
	id := k.timerID()
	deadline := e.Now() + timeout
	var tick func(e *sim.Engine)
	tick = func(e *sim.Engine) {
		if cond() {
			done(true)
			return
		}
		if timeout > 0 && e.Now() >= deadline {
			done(false)
			return
		}
		e.Schedule(interval, id, tick)
	}
	if cond() {
		done(true)
		return
	}
	e.Schedule(interval, id, tick)
}

// timerID returns the engine ID of kubectl's timer component, creating it
// on first use.
func (k *Kubectl) timerID() sim.ComponentID {
	e := k.engine()
	if id, ok := e.Lookup("kubectl"); ok {
		return id
	}
	return e.Register(sim.HandlerFunc{N: "kubectl", F: func(e *sim.Engine, ev sim.Event) {
		ev.Payload.(func(*sim.Engine))(e)
	}})
}
