package kubectl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/controllers"
)

// scale runs `kubectl scale --replicas=N TYPE/NAME`.
func (k *Kubectl) scale(f *flags) Result {
	rs := f.get("replicas")
	if rs == "" {
		return fail("error: required flag(s) \"replicas\" not set")
	}
	n, err := strconv.Atoi(rs)
	if err != nil || n < 0 {
		return fail(fmt.Sprintf("error: invalid argument %q for \"--replicas\" flag: strconv.ParseInt: parsing %q: invalid syntax", rs, rs))
	}
	kd, names, err := targets(f.words)
	if err != nil {
		return fail(err.Error())
	}
	if len(names) == 0 {
		return fail("error: resource(s) were provided, but no name was specified")
	}
	ns := k.namespace(f)
	var out strings.Builder
	for _, name := range names {
		cur, ok := k.C.API.Get(kd.Kind, ns, name)
		if !ok {
			return fail(fmt.Sprintf("Error from server (NotFound): %s %q not found", kd.GroupResource(), name))
		}
		next := api.DeepCopy(cur)
		r := int32(n)
		switch o := next.(type) {
		case *api.Deployment:
			o.Spec.Replicas = &r
		case *api.ReplicaSet:
			o.Spec.Replicas = &r
		case *api.ReplicationController:
			o.Spec.Replicas = &r
		default:
			return fail(fmt.Sprintf("error: no scaler has been implemented for {%q %q}", kd.Group(), kd.Kind))
		}
		if _, err := k.C.API.Update(next); err != nil {
			return fail(serverError(err, ""))
		}
		fmt.Fprintf(&out, "%s/%s scaled\n", kindPrefix(kd), name)
		k.engine().Emit("kubectl.scale", fmt.Sprintf("kubectl scale: %s/%s to %d replicas", kindPrefix(kd), name, n), nil)
	}
	return Result{Stdout: out.String()}
}

// expose runs `kubectl expose TYPE NAME --port=P`: a Service with the
// workload's selector.
func (k *Kubectl) expose(f *flags) Result {
	kd, names, err := targets(f.words)
	if err != nil {
		return fail(err.Error())
	}
	if len(names) != 1 {
		return fail("error: exactly one resource name is required")
	}
	ns := k.namespace(f)
	o, ok := k.C.API.Get(kd.Kind, ns, names[0])
	if !ok {
		return fail(fmt.Sprintf("Error from server (NotFound): %s %q not found", kd.GroupResource(), names[0]))
	}
	var sel map[string]string
	var ports []api.ContainerPort
	switch x := o.(type) {
	case *api.Deployment:
		if x.Spec.Selector != nil {
			sel = x.Spec.Selector.MatchLabels
		}
		ports = containerPorts(x.Spec.Template.Spec)
	case *api.ReplicaSet:
		if x.Spec.Selector != nil {
			sel = x.Spec.Selector.MatchLabels
		}
		ports = containerPorts(x.Spec.Template.Spec)
	case *api.ReplicationController:
		sel = x.Spec.Selector
		if x.Spec.Template != nil {
			ports = containerPorts(x.Spec.Template.Spec)
		}
	case *api.Pod:
		sel = x.Labels
		ports = containerPorts(x.Spec)
	case *api.Service:
		sel = x.Spec.Selector
		for _, p := range x.Spec.Ports {
			ports = append(ports, api.ContainerPort{ContainerPort: p.Port, Protocol: p.Protocol})
		}
	default:
		return fail(fmt.Sprintf("error: cannot expose a %s", kd.Kind))
	}
	if s := f.get("selector"); s != "" {
		sel = map[string]string{}
		for _, kv := range strings.Split(s, ",") {
			a, b, _ := strings.Cut(kv, "=")
			sel[a] = b
		}
	}
	if len(sel) == 0 {
		return fail(fmt.Sprintf("error: couldn't retrieve selectors via --selector flag or introspection: the %s has no selector", strings.ToLower(kd.Kind)))
	}
	port := f.get("port")
	if port == "" {
		if len(ports) == 0 {
			return fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples")
		}
		port = strconv.Itoa(int(ports[0].ContainerPort))
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return fail(fmt.Sprintf("error: invalid argument %q for \"--port\" flag", port))
	}
	name := f.get("name")
	if name == "" {
		name = names[0]
	}
	proto := f.get("protocol")
	if proto == "" {
		proto = "TCP"
	}
	sp := api.ServicePort{Port: int32(p), Protocol: proto}
	if tp := f.get("target-port"); tp != "" {
		if v, err := strconv.Atoi(tp); err == nil {
			sp.TargetPort = api.FromInt(int32(v))
		} else {
			sp.TargetPort = api.FromString(tp)
		}
	}
	svc := &api.Service{
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: ns, Labels: o.Meta().Labels},
		Spec:       api.ServiceSpec{Selector: sel, Ports: []api.ServicePort{sp}, Type: f.get("type"), ClusterIP: f.get("cluster-ip")},
	}
	if ip := f.get("external-ip"); ip != "" {
		svc.Spec.ExternalIPs = []string{ip}
	}
	if _, err := k.C.API.Create(svc); err != nil {
		return fail(serverError(err, ""))
	}
	k.engine().Emit("kubectl.expose", fmt.Sprintf("kubectl expose: service/%s created", name), nil)
	return Result{Stdout: fmt.Sprintf("service/%s exposed\n", name)}
}

func containerPorts(ps api.PodSpec) []api.ContainerPort {
	var out []api.ContainerPort
	for _, c := range ps.Containers {
		out = append(out, c.Ports...)
	}
	return out
}

func hasCondition(o api.Object, name, value string) bool {
	switch x := o.(type) {
	case *api.Pod:
		if strings.EqualFold(name, "ready") {
			return controllers.PodReady(x) == strings.EqualFold(value, "true")
		}
		for _, c := range x.Status.Conditions {
			if strings.EqualFold(c.Type, name) {
				return strings.EqualFold(c.Status, value)
			}
		}
	case *api.Deployment:
		// Available and Progressing, as the deployment controller sets
		// them (Available once the rollout's maxUnavailable allows).
		for _, c := range x.Status.Conditions {
			if strings.EqualFold(c.Type, name) {
				return strings.EqualFold(c.Status, value)
			}
		}
	case *api.Node:
		for _, c := range x.Status.Conditions {
			if strings.EqualFold(c.Type, name) {
				return strings.EqualFold(c.Status, value)
			}
		}
	}
	return false
}
