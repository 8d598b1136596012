package kubectl

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
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
	for _, e := range manifest.Errors(err) {
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
	mode, err := dryRun(f)
	if err != nil {
		return fail(err.Error())
	}
	docs, errs := k.decodeFiles(f)
	// Each object's line goes to stdout as it is applied, a warning about
	// it to stderr just before; errors come together at the end.
	var out, warnings, combined strings.Builder
	for _, d := range docs {
		if d.Object == nil {
			errs = append(errs, fmt.Sprintf("error: resource mapping not found for name: \"\" namespace: \"\" from %q: no matches for kind %q in version %q\nensure CRDs are installed first", d.File, configKind(d.Config), "kubeproxy.config.k8s.io/v1alpha1"))
			continue
		}
		line, warning, err := k.applyOne(cmd, f, d, mode)
		warnings.WriteString(warning)
		combined.WriteString(warning)
		if err != "" {
			errs = append(errs, err)
			continue
		}
		out.WriteString(line + "\n")
		combined.WriteString(line + "\n")
	}
	res := Result{Stdout: out.String(), Stderr: warnings.String()}
	if len(errs) > 0 {
		res.Stderr += strings.Join(errs, "\n") + "\n"
		res.Exit = 1
	}
	if warnings.Len() > 0 {
		res.Combined = combined.String() + res.Stderr[warnings.Len():]
	}
	return res
}

func configKind(c any) string {
	if c == nil {
		return "Unknown"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", c), "*manifest.")
}

// lastAppliedKey is the annotation in which `kubectl apply` keeps the
// configuration it last applied.
const lastAppliedKey = "kubectl.kubernetes.io/last-applied-configuration"

// setLastApplied records the document in the object's last-applied
// annotation as kubectl apply does: the file's own fields as compact JSON
// with sorted keys and a final newline, the namespace filled in, and the
// annotations without this one (an empty object when there are none).
func setLastApplied(d manifest.Document, kd *api.Kind, m *api.ObjectMeta) {
	cfg := d.Generic()
	if cfg == nil {
		return
	}
	meta, _ := cfg["metadata"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
		cfg["metadata"] = meta
	}
	if kd.Namespaced && meta["namespace"] == nil {
		meta["namespace"] = m.Namespace
	}
	annotations, _ := meta["annotations"].(map[string]any)
	if annotations == nil {
		annotations = map[string]any{}
	}
	delete(annotations, lastAppliedKey)
	meta["annotations"] = annotations
	b, err := json.Marshal(cfg)
	if err != nil {
		return
	}
	out := make(map[string]string, len(m.Annotations)+1)
	for k, v := range m.Annotations {
		out[k] = v
	}
	out[lastAppliedKey] = string(b) + "\n"
	m.Annotations = out
}

// keepUnmanaged carries over the labels and annotations of the live
// object that neither the file nor the configuration last applied has:
// someone else set them (the deployment controller's revision), and
// apply's three-way merge leaves them, while one the last configuration
// had and the file no longer has is removed.
func keepUnmanaged(m, live *api.ObjectMeta) {
	var last struct {
		Metadata struct {
			Labels      map[string]any `json:"labels"`
			Annotations map[string]any `json:"annotations"`
		} `json:"metadata"`
	}
	_ = json.Unmarshal([]byte(live.Annotations[lastAppliedKey]), &last) // absent or unreadable: nothing was applied
	m.Labels = mergeUnmanaged(m.Labels, live.Labels, last.Metadata.Labels)
	m.Annotations = mergeUnmanaged(m.Annotations, live.Annotations, last.Metadata.Annotations)
}

func mergeUnmanaged(applied, live map[string]string, last map[string]any) map[string]string {
	var out map[string]string
	for k, v := range live {
		if _, ok := applied[k]; ok {
			continue
		}
		if _, ok := last[k]; ok {
			continue
		}
		if out == nil {
			out = make(map[string]string, len(applied)+1)
			for a, b := range applied {
				out[a] = b
			}
		}
		out[k] = v
	}
	if out == nil {
		return applied
	}
	return out
}

// applyOne creates or updates one object and returns kubectl's line for
// it, the warning it printed first, or its error text. A dry run changes
// nothing: client-side it prints what would be done; server-side svcsim
// only checks that the object does not exist yet for create (the real
// server also validates).
func (k *Kubectl) applyOne(cmd string, f *flags, d manifest.Document, mode string) (line, warning, errText string) {
	obj := d.Object
	kd := api.KindOf(obj)
	m := obj.Meta()
	if kd.Namespaced {
		want := k.namespace(f)
		if m.Namespace == "" {
			m.Namespace = want
		} else if f.get("namespace") != "" && m.Namespace != want {
			return "", "", fmt.Sprintf("error: the namespace from the provided object %q does not match the namespace %q. You must pass '--namespace=%s' to perform this operation.", m.Namespace, want, m.Namespace)
		}
	}
	label := kindPrefix(kd) + "/" + m.Name
	verb := "created"
	cur, exists := k.C.API.Get(kd.Kind, m.Namespace, m.Name)
	if mode != "" {
		switch {
		case exists && cmd == "apply":
			verb = "configured"
		case exists && mode == "server":
			return "", "", fmt.Sprintf("Error from server (AlreadyExists): error when creating %q: %s %q already exists", d.File, kd.GroupResource(), m.Name)
		}
		return label + " " + verb + dryRunSuffix(mode), "", ""
	}
	var err error
	var stored api.Object
	if cmd == "apply" {
		if exists {
			if _, ok := cur.Meta().Annotations[lastAppliedKey]; !ok {
				warning = fmt.Sprintf("Warning: resource %s/%s is missing the %s annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n", kd.Resource, m.Name, lastAppliedKey)
			}
		}
		setLastApplied(d, kd, m)
		if exists {
			keepUnmanaged(m, cur.Meta())
		}
	}
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
		return "", warning, serverError(err, fmt.Sprintf("error when %s %q: ", what, d.File))
	}
	k.engine().Emit("kubectl."+cmd, fmt.Sprintf("kubectl %s: %s %s", cmd, label, verb), nil)
	_ = stored
	return label + " " + verb, warning, ""
}

// poll calls cond every interval until it holds or timeout passes (0:
// never), then calls done with whether it held. It runs on kubectl's own
// timer component. Real kubectl watches and reacts at once; svcsim
// checks every 100ms for the first minute, which is what a learner can
// tell apart, then every second and after ten minutes every ten seconds,
// so that a week-long wait stays a bounded number of events. When nothing
// else is queued nothing can change, and it sleeps to the deadline.
func (k *Kubectl) poll(interval, timeout time.Duration, cond func() bool, done func(ok bool)) {
	e := k.engine()
	id := k.timerID()
	start := e.Now()
	deadline := start + timeout
	var tick func(e *sim.Engine)
	next := func() {
		d := interval
		switch waited := e.Now() - start; {
		case waited >= 10*time.Minute:
			d = max(d, 10*time.Second)
		case waited >= time.Minute:
			d = max(d, time.Second)
		}
		if timeout > 0 && (e.Pending() == 0 || e.Now()+d > deadline) {
			d = max(deadline-e.Now(), 0)
		}
		e.Schedule(d, id, tick)
	}
	tick = func(e *sim.Engine) {
		if cond() {
			done(true)
			return
		}
		if timeout > 0 && e.Now() >= deadline {
			done(false)
			return
		}
		next()
	}
	if cond() {
		done(true)
		return
	}
	next()
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
