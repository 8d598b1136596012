package kubectl

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/kubectl/printers"
	"github.com/svcsim/svcsim/model/manifest"
)

// watchNote tells the learner that svcsim's -w does not keep watching.
const watchNote = "svcsim: kubectl get -w lists once here; a real kubectl goes on printing a line for each change until you press Ctrl-C\n"

// get runs `kubectl get`.
func (k *Kubectl) get(f *flags) Result {
	if f.bools["watch"] {
		r := k.getOnce(f)
		r.Stderr += watchNote
		if r.Combined != "" {
			r.Combined += watchNote
		}
		return r
	}
	return k.getOnce(f)
}

// getOnce is `kubectl get` without -w.
func (k *Kubectl) getOnce(f *flags) Result {
	if len(f.words) == 0 {
		return fail("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples")
	}
	ns := k.namespace(f)
	all := f.bools["all-namespaces"]
	if all {
		ns = ""
	}
	sel, err := selector(f)
	if err != nil {
		return fail(err.Error())
	}
	var stderr bytes.Buffer
	var objs []api.Object
	single, missing := false, false
	switch strings.ToLower(f.words[0]) {
	case "events", "event", "ev":
		return k.getEvents(f)
	}
	if f.words[0] == "all" {
		for _, kind := range []string{"Pod", "ReplicationController", "Service", "Deployment", "ReplicaSet"} {
			objs = append(objs, filter(k.C.API.List(kind, ns), sel)...)
		}
		return k.print(f, objs, true, false, false, ns, &stderr)
	}
	var kinds []*api.Kind
	var names []string
	if strings.Contains(f.words[0], ",") && !strings.Contains(f.words[0], "/") {
		for _, w := range strings.Split(f.words[0], ",") {
			kd, err := resolveKind(w)
			if err != nil {
				return fail(err.Error())
			}
			kinds = append(kinds, kd)
		}
	} else {
		kd, n, err := targets(f.words)
		if err != nil {
			return fail(err.Error())
		}
		kinds, names = []*api.Kind{kd}, n
	}
	for _, kd := range kinds {
		if kd.Kind == "Endpoints" {
			stderr.WriteString(printers.EndpointsDeprecationWarning + "\n")
		}
		objNS := ns
		if !kd.Namespaced {
			objNS = ""
		}
		if len(names) > 0 {
			single = len(names) == 1
			for _, n := range names {
				getNS := objNS
				if getNS == "" && kd.Namespaced {
					getNS = k.Namespace
				}
				o, ok := k.C.API.Get(kd.Kind, getNS, n)
				if !ok {
					fmt.Fprintf(&stderr, "Error from server (NotFound): %s %q not found\n", kd.GroupResource(), n)
					missing = true
					continue
				}
				objs = append(objs, o)
			}
			continue
		}
		objs = append(objs, filter(k.C.API.List(kd.Kind, objNS), sel)...)
	}
	res := k.print(f, objs, len(kinds) > 1, single, missing, ns, &stderr)
	if len(names) > 0 && len(objs) < len(names) {
		res.Exit = 1
	}
	if w, rest, ok := strings.Cut(res.Stderr, "\n"); ok && strings.HasPrefix(w, "Warning:") {
		res.Combined = w + "\n" + res.Stdout + rest
	}
	return res
}

func selector(f *flags) (api.Selector, error) {
	text := f.get("selector")
	if text == "" {
		return api.Selector{}, nil
	}
	sel, err := api.ParseSelector(text)
	if err != nil {
		return api.Selector{}, fmt.Errorf("error: unable to parse requirement: %v", err)
	}
	return sel, nil
}

func filter(objs []api.Object, sel api.Selector) []api.Object {
	if sel.Empty() {
		return objs
	}
	var out []api.Object
	for _, o := range objs {
		if sel.Matches(o.Meta().Labels) {
			out = append(out, o)
		}
	}
	return out
}

// print writes objects in the -o format asked for. missing says a named
// object was not found: its error is already in stderr, and kubectl then
// prints neither "No resources found" nor, for one name, anything else.
func (k *Kubectl) print(f *flags, objs []api.Object, mixed, single, missing bool, ns string, stderr *bytes.Buffer) Result {
	if single && len(objs) == 0 {
		return Result{Stderr: stderr.String(), Exit: 1}
	}
	if by := f.get("sort-by"); by != "" {
		if err := printers.SortBy(objs, by); err != nil {
			return fail("error: " + err.Error())
		}
	}
	var out bytes.Buffer
	output := f.get("output")
	opts := printers.TableOptions{
		Now: k.engine().Now(), AllNamespaces: f.bools["all-namespaces"], ShowLabels: f.bools["show-labels"],
		NoHeaders: f.bools["no-headers"], ShowKind: mixed || f.bools["show-kind"], Namespace: ns,
	}
	var err error
	switch {
	case output == "" || output == "wide":
		opts.Wide = output == "wide"
		if len(objs) == 0 {
			if !missing {
				stderr.WriteString((&printers.NoResourcesError{Namespace: ns}).Error() + "\n")
			}
			break
		}
		if mixed {
			err = printers.PrintGetAll(&out, objs, opts)
		} else {
			err = printers.PrintTable(&out, objs, opts)
		}
	case output == "yaml" || output == "json":
		var b []byte
		var target any = manifest.List{Items: objs}
		if single {
			target = objs[0]
		}
		if output == "yaml" {
			b, err = manifest.EncodeYAML(target)
		} else {
			b, err = manifest.EncodeJSON(target)
		}
		out.Write(b)
	case output == "name":
		err = printers.PrintNames(&out, objs)
	case strings.HasPrefix(output, "jsonpath="), strings.HasPrefix(output, "jsonpath-as-json="):
		tmpl := output[strings.Index(output, "=")+1:]
		err = printers.PrintJSONPath(&out, tmpl, objs, printers.OutputOptions{Single: single, AsJSON: strings.HasPrefix(output, "jsonpath-as-json")})
	case strings.HasPrefix(output, "custom-columns="):
		err = printers.PrintCustomColumns(&out, strings.TrimPrefix(output, "custom-columns="), objs, printers.OutputOptions{Single: single, NoHeaders: f.bools["no-headers"]})
	default:
		return fail(fmt.Sprintf("error: unable to match a printer suitable for the output format %q, allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml", output))
	}
	res := Result{Stdout: out.String(), Stderr: stderr.String()}
	if err != nil {
		var nr *printers.NoResourcesError
		if errors.As(err, &nr) {
			res.Stderr += nr.Error() + "\n"
		} else {
			res.Stderr += printers.ErrorText(err)
			res.Exit = 1
		}
	}
	return res
}

// describe runs `kubectl describe`.
func (k *Kubectl) describe(f *flags) Result {
	kd, names, err := targets(f.words)
	if err != nil {
		return fail(err.Error())
	}
	if !printers.CanDescribe(kd.Kind) {
		return fail(fmt.Sprintf("error: svcsim's kubectl describe covers pods, services, nodes, deployments, replicasets, replicationcontrollers, endpoints and endpointslices, not %s (kubectl get %s NAME -o yaml shows the whole object)", kd.Resource, kd.Resource))
	}
	ns := k.namespace(f)
	if !kd.Namespaced {
		ns = ""
	}
	var objs []api.Object
	if len(names) == 0 {
		sel, err := selector(f)
		if err != nil {
			return fail(err.Error())
		}
		objs = filter(k.C.API.List(kd.Kind, ns), sel)
	}
	var stderr strings.Builder
	for _, n := range names {
		if o, ok := k.C.API.Get(kd.Kind, ns, n); ok {
			objs = append(objs, o)
		} else {
			fmt.Fprintf(&stderr, "Error from server (NotFound): %s %q not found\n", kd.GroupResource(), n)
		}
	}
	var out bytes.Buffer
	for i, o := range objs {
		if i > 0 {
			out.WriteString("\n\n")
		}
		ctx := printers.DescribeContext{Now: k.engine().Now(), Events: k.eventsOf(o.Meta().UID)}
		switch x := o.(type) {
		case *api.Service:
			for _, s := range k.C.API.List("EndpointSlice", x.Namespace) {
				if s.Meta().Labels[api.LabelServiceName] == x.Name {
					ctx.EndpointSlices = append(ctx.EndpointSlices, s.(*api.EndpointSlice))
				}
			}
		case *api.Node:
			for _, p := range k.C.API.List("Pod", "") {
				if p.(*api.Pod).Spec.NodeName == x.Name {
					ctx.Pods = append(ctx.Pods, p.(*api.Pod))
				}
			}
		case *api.Deployment:
			for _, rs := range k.C.API.ListOwnedBy("ReplicaSet", x.Namespace, x.UID) {
				ctx.ReplicaSets = append(ctx.ReplicaSets, rs.(*api.ReplicaSet))
			}
		case *api.ReplicaSet, *api.ReplicationController:
			for _, p := range k.C.API.ListOwnedBy("Pod", o.Meta().Namespace, o.Meta().UID) {
				ctx.Pods = append(ctx.Pods, p.(*api.Pod))
			}
		}
		if err := printers.Describe(&out, o, ctx); err != nil {
			return fail(printers.ErrorText(err))
		}
	}
	res := Result{Stdout: out.String(), Stderr: stderr.String()}
	if stderr.Len() > 0 {
		res.Exit = 1
	}
	if len(objs) == 0 && len(names) == 0 {
		res.Stderr = (&printers.NoResourcesError{Namespace: ns}).Error() + "\n"
	}
	if kd.Kind == "Endpoints" { // the server's warning comes before the output
		w := printers.EndpointsDeprecationWarning + "\n"
		res.Combined = w + res.Stdout + res.Stderr
		res.Stderr = w + res.Stderr
	}
	return res
}
