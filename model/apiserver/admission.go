package apiserver

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// The mutating admission plugins a kubeadm API server runs on every new
// pod, after the defaults and before validation: ServiceAccount (the
// service account and its token volume), Priority and
// DefaultTolerationSeconds. What they add is what `kubectl get pod -o
// yaml` and `kubectl describe pod` show on a real cluster.

// The built-in PriorityClasses and their values; kubeadm clusters have no
// global default class, so a pod without a class gets priority 0.
var systemPriorities = map[string]int32{
	"system-node-critical":    2000001000,
	"system-cluster-critical": 2000000000,
}

const preemptLowerPriority = "PreemptLowerPriority"

var (
	zeroPriority = ptr(int32(0))
	// defaultTolerations is what DefaultTolerationSeconds gives a pod
	// without tolerations, shared by all such pods: five minutes on a
	// node that is not ready or unreachable before it is evicted.
	defaultTolerations = api.OpaqueOf([]any{tolerationFor(taintNotReady), tolerationFor(taintUnreachable)})
)

const (
	taintNotReady    = "node.kubernetes.io/not-ready"
	taintUnreachable = "node.kubernetes.io/unreachable"
)

func tolerationFor(key string) map[string]any {
	return map[string]any{"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": int64(300)}
}

// admitPod runs the plugins on a new pod. The pod's containers may be
// shared with its controller's template: they are copied before a mount
// is added.
func (s *Server) admitPod(p *api.Pod) error {
	extra := p.Spec.Extra()
	if err := admitPriority(p, &extra); err != nil {
		return err
	}
	extra.Tolerations = withDefaultTolerations(extra.Tolerations)
	if p.Spec.ServiceAccountName == "" {
		p.Spec.ServiceAccountName = "default"
	}
	extra.DeprecatedServiceAccount = p.Spec.ServiceAccountName
	if extra.AutomountServiceAccountToken == nil || *extra.AutomountServiceAccountToken {
		s.mountServiceAccountToken(p, &extra)
	}
	p.Spec.PodSpecExtra = &extra
	return nil
}

func forbidden(resource, name, msg string) error {
	return &StatusError{Reason: ReasonForbidden, Message: fmt.Sprintf("%s %q is forbidden: %s", resource, name, msg)}
}

// admitPriority sets the priority and preemption policy from the pod's
// PriorityClass, refusing values that disagree with it, as the Priority
// plugin does.
func admitPriority(p *api.Pod, extra *api.PodSpecExtra) error {
	priority := int32(0)
	if name := extra.PriorityClassName; name != "" {
		v, ok := systemPriorities[name]
		if !ok {
			return forbidden("pods", p.Name, fmt.Sprintf("no PriorityClass with name %s was found", name))
		}
		priority = v
	}
	if extra.Priority != nil && *extra.Priority != priority {
		return forbidden("pods", p.Name, fmt.Sprintf("the integer value of priority (%d) must not be provided in pod spec; priority admission controller computed %d from the given PriorityClass name", *extra.Priority, priority))
	}
	if extra.PreemptionPolicy != "" && extra.PreemptionPolicy != preemptLowerPriority {
		return forbidden("pods", p.Name, fmt.Sprintf("the string value of PreemptionPolicy (%s) must not be provided in pod spec; priority admission controller computed %s from the given PriorityClass name", extra.PreemptionPolicy, preemptLowerPriority))
	}
	if priority == 0 {
		extra.Priority = zeroPriority
	} else {
		extra.Priority = ptr(priority)
	}
	extra.PreemptionPolicy = preemptLowerPriority
	return nil
}

// withDefaultTolerations adds DefaultTolerationSeconds' tolerations for
// the taints the pod does not already tolerate with NoExecute.
func withDefaultTolerations(tols api.Opaque) api.Opaque {
	if tols.IsZero() {
		return defaultTolerations
	}
	list, _ := tols.Value().([]any)
	notReady, unreachable := false, false
	for _, x := range list {
		t, _ := x.(map[string]any)
		key, _ := t["key"].(string)
		effect, _ := t["effect"].(string)
		if effect != "" && effect != "NoExecute" {
			continue
		}
		notReady = notReady || key == "" || key == taintNotReady
		unreachable = unreachable || key == "" || key == taintUnreachable
	}
	if notReady && unreachable {
		return tols
	}
	out := append([]any(nil), list...)
	if !notReady {
		out = append(out, tolerationFor(taintNotReady))
	}
	if !unreachable {
		out = append(out, tolerationFor(taintUnreachable))
	}
	return api.OpaqueOf(out)
}

// mountServiceAccountToken adds the projected token volume, named
// kube-api-access-<5 random characters> unless the pod has one already,
// and mounts it in every container that has nothing mounted at its path.
func (s *Server) mountServiceAccountToken(p *api.Pod, extra *api.PodSpecExtra) {
	name := ""
	vols, _ := extra.Volumes.Value().([]any)
	for _, v := range vols {
		if n, _ := v.(map[string]any)["name"].(string); strings.HasPrefix(n, api.TokenVolumePrefix) {
			name = n
			break
		}
	}
	hasVolume := name != ""
	if !hasVolume {
		name = s.randomName("kube-apiserver/serviceaccount", api.TokenVolumePrefix, 5)
	}
	token := api.NewServiceAccountToken(name)
	mount := map[string]any{"mountPath": api.TokenMountPath, "name": name, "readOnly": true}
	needed := false
	mountIn := func(cs []api.Container) []api.Container {
		var out []api.Container
		for i, c := range cs {
			existing, _ := c.VolumeMounts.Value().([]any)
			if hasMountAt(existing, api.TokenMountPath) {
				continue
			}
			if out == nil {
				out = append([]api.Container(nil), cs...) // shared with the template
			}
			if len(existing) == 0 {
				out[i].VolumeMounts = token.Mounts()
			} else {
				out[i].VolumeMounts = api.OpaqueOf(append(append([]any(nil), existing...), mount))
			}
			needed = true
		}
		if out == nil {
			return cs
		}
		return out
	}
	p.Spec.InitContainers = mountIn(p.Spec.InitContainers)
	p.Spec.Containers = mountIn(p.Spec.Containers)
	if hasVolume || !needed {
		return
	}
	if len(vols) == 0 {
		extra.Volumes = token.Volumes()
	} else {
		extra.Volumes = api.OpaqueOf(append(append([]any(nil), vols...), token.Volumes().Value().([]any)...))
	}
}

func hasMountAt(mounts []any, path string) bool {
	for _, m := range mounts {
		if p, _ := m.(map[string]any)["mountPath"].(string); p == path {
			return true
		}
	}
	return false
}

// keepAdmitted carries what admission added to a stored pod over to an
// update that leaves those fields out, as `kubectl apply`'s merge keeps
// the fields it never set: the service account, priority, tolerations,
// volumes and each container's volume mounts. The update is the API
// server's own copy.
func keepAdmitted(p, cur *api.Pod) {
	if p.Spec.ServiceAccountName == "" {
		p.Spec.ServiceAccountName = cur.Spec.ServiceAccountName
	}
	x, c := p.Spec.Extra(), cur.Spec.Extra()
	if x.DeprecatedServiceAccount == "" {
		x.DeprecatedServiceAccount = c.DeprecatedServiceAccount
	}
	if x.Priority == nil {
		x.Priority = c.Priority
	}
	if x.PreemptionPolicy == "" {
		x.PreemptionPolicy = c.PreemptionPolicy
	}
	if x.Tolerations.IsZero() {
		x.Tolerations = c.Tolerations
	}
	if x.Volumes.IsZero() {
		x.Volumes = c.Volumes
	}
	if x != (api.PodSpecExtra{}) {
		p.Spec.PodSpecExtra = &x
	}
	keepMounts(p.Spec.InitContainers, cur.Spec.InitContainers)
	keepMounts(p.Spec.Containers, cur.Spec.Containers)
}

func keepMounts(cs, cur []api.Container) {
	for i := range cs {
		if i < len(cur) && cs[i].Name == cur[i].Name && cs[i].VolumeMounts.IsZero() {
			cs[i].VolumeMounts = cur[i].VolumeMounts
		}
	}
}
