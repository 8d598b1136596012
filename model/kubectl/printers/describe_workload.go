package printers

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// The describers of Deployments, ReplicaSets and ReplicationControllers,
// as kubectl's describe.go words them.

// formatLabelSelector is metav1.FormatLabelSelector: "<none>" when empty.
func formatLabelSelector(sel *api.LabelSelector) string {
	if s := selectorString(sel); s != "" {
		return s
	}
	return "<none>"
}

// describePodTemplate is DescribePodTemplate.
func describePodTemplate(d *describer, t *api.PodTemplateSpec) {
	d.line(0, "Pod Template:\n")
	if t == nil {
		d.line(1, "<unset>")
		return
	}
	d.labels("  Labels", t.Labels)
	if len(t.Annotations) > 0 {
		d.annotations("  Annotations", t.Annotations)
	}
	if t.Spec.ServiceAccountName != "" {
		d.line(1, "Service Account:\t%s\n", t.Spec.ServiceAccountName)
	}
	if len(t.Spec.InitContainers) > 0 {
		describeContainers(d, "  ", "Init Containers", t.Spec.InitContainers, nil)
	}
	describeContainers(d, "  ", "Containers", t.Spec.Containers, nil)
	extra := t.Spec.Extra()
	describeVolumes(d, "  ", extra.Volumes)
	if extra.PriorityClassName != "" {
		d.line(1, "Priority Class Name:\t%s\n", extra.PriorityClassName)
	}
	d.labels("  Node-Selectors", t.Spec.NodeSelector)
	describeTolerations(d, "  Tolerations", extra.Tolerations)
}

// replicaSetsCreated is printReplicaSetsByLabels: "name (2/2 replicas
// created)", comma-separated, or "<none>".
func replicaSetsCreated(rss []*api.ReplicaSet) string {
	var parts []string
	for _, rs := range rss {
		parts = append(parts, fmt.Sprintf("%s (%d/%d replicas created)", rs.Name, rs.Status.Replicas, deref(rs.Spec.Replicas)))
	}
	if len(parts) == 0 {
		return "<none>"
	}
	return strings.Join(parts, ", ")
}

func describeDeployment(d *describer, dep *api.Deployment, ctx DescribeContext) {
	d.line(0, "Name:\t%s\n", dep.Name)
	d.line(0, "Namespace:\t%s\n", dep.Namespace)
	d.line(0, "CreationTimestamp:\t%s\n", wallClock(dep.CreationTimestamp))
	d.labels("Labels", dep.Labels)
	d.annotations("Annotations", dep.Annotations)
	d.line(0, "Selector:\t%s\n", formatLabelSelector(dep.Spec.Selector))
	d.line(0, "Replicas:\t%d desired | %d updated | %d total | %d available | %d unavailable\n",
		deref(dep.Spec.Replicas), dep.Status.UpdatedReplicas, dep.Status.Replicas, dep.Status.AvailableReplicas, dep.Status.UnavailableReplicas)
	strategy, _ := dep.Spec.Strategy.Value().(map[string]any)
	typ, _ := strategy["type"].(string)
	d.line(0, "StrategyType:\t%s\n", typ)
	d.line(0, "MinReadySeconds:\t%d\n", dep.Spec.MinReadySeconds)
	if ru, ok := strategy["rollingUpdate"].(map[string]any); ok {
		d.line(0, "RollingUpdateStrategy:\t%v max unavailable, %v max surge\n", intOrPercent(ru["maxUnavailable"]), intOrPercent(ru["maxSurge"]))
	}
	describePodTemplate(d, &dep.Spec.Template)
	if len(dep.Status.Conditions) > 0 {
		d.line(0, "Conditions:\n  Type\tStatus\tReason\n")
		d.line(1, "----\t------\t------\n")
		for _, c := range dep.Status.Conditions {
			d.line(1, "%v \t%v\t%v\n", c.Type, c.Status, c.Reason)
		}
	}
	var old, current []*api.ReplicaSet
	for _, rs := range ctx.ReplicaSets {
		switch {
		case rs.Annotations["deployment.kubernetes.io/revision"] == dep.Annotations["deployment.kubernetes.io/revision"]:
			current = append(current, rs)
		case deref(rs.Spec.Replicas) > 0: // FindOldReplicaSets' required ones
			old = append(old, rs)
		}
	}
	d.line(0, "OldReplicaSets:\t%s\n", replicaSetsCreated(old))
	d.line(0, "NewReplicaSet:\t%s\n", replicaSetsCreated(current))
	d.events(ctx.Events)
}

// podsStatus is the "Pods Status" line's counts of the pods by phase.
func podsStatus(pods []*api.Pod) string {
	var running, waiting, succeeded, failed int
	for _, p := range pods {
		switch p.Status.Phase {
		case "Running":
			running++
		case "Pending":
			waiting++
		case "Succeeded":
			succeeded++
		case "Failed":
			failed++
		}
	}
	return fmt.Sprintf("%d Running / %d Waiting / %d Succeeded / %d Failed", running, waiting, succeeded, failed)
}

func describeReplicaSet(d *describer, rs *api.ReplicaSet, ctx DescribeContext) {
	d.line(0, "Name:\t%s\n", rs.Name)
	d.line(0, "Namespace:\t%s\n", rs.Namespace)
	d.line(0, "Selector:\t%s\n", formatLabelSelector(rs.Spec.Selector))
	d.labels("Labels", rs.Labels)
	d.annotations("Annotations", rs.Annotations)
	if c := controller(rs.OwnerReferences); c != "" {
		d.line(0, "Controlled By:\t%s\n", c)
	}
	d.line(0, "Replicas:\t%d current / %d desired\n", rs.Status.Replicas, deref(rs.Spec.Replicas))
	d.line(0, "Pods Status:\t%s\n", podsStatus(ctx.Pods))
	describePodTemplate(d, &rs.Spec.Template)
	d.events(ctx.Events)
}

func describeReplicationController(d *describer, rc *api.ReplicationController, ctx DescribeContext) {
	d.line(0, "Name:\t%s\n", rc.Name)
	d.line(0, "Namespace:\t%s\n", rc.Namespace)
	d.line(0, "Selector:\t%s\n", formatLabels(rc.Spec.Selector))
	d.labels("Labels", rc.Labels)
	d.annotations("Annotations", rc.Annotations)
	d.line(0, "Replicas:\t%d current / %d desired\n", rc.Status.Replicas, deref(rc.Spec.Replicas))
	d.line(0, "Pods Status:\t%s\n", podsStatus(ctx.Pods))
	describePodTemplate(d, rc.Spec.Template)
	d.events(ctx.Events)
}

// intOrPercent prints maxSurge or maxUnavailable as intstr does.
func intOrPercent(v any) string {
	if v == nil {
		return "<nil>"
	}
	return fmt.Sprint(v)
}
