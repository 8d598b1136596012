package printers

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// deploymentCells is printers.go's printDeployment.
func deploymentCells(d *api.Deployment, now time.Duration) []string {
	names, images := containerCells(d.Spec.Template.Spec.Containers)
	return []string{
		d.Name, fmt.Sprintf("%d/%d", d.Status.ReadyReplicas, replicasOrOne(d.Spec.Replicas)),
		itoa(d.Status.UpdatedReplicas), itoa(d.Status.AvailableReplicas), since(d.CreationTimestamp, now),
		names, images, selectorString(d.Spec.Selector),
	}
}

// replicaSetCells is printers.go's printReplicaSet.
func replicaSetCells(rs *api.ReplicaSet, now time.Duration) []string {
	names, images := containerCells(rs.Spec.Template.Spec.Containers)
	sel := selectorString(rs.Spec.Selector)
	if sel == "" {
		sel = "<none>"
	}
	return []string{
		rs.Name, itoa(replicasOrOne(rs.Spec.Replicas)), itoa(rs.Status.Replicas), itoa(rs.Status.ReadyReplicas),
		since(rs.CreationTimestamp, now), names, images, sel,
	}
}

// rcCells is printers.go's printReplicationController.
func rcCells(rc *api.ReplicationController, now time.Duration) []string {
	var containers []api.Container
	if rc.Spec.Template != nil {
		containers = rc.Spec.Template.Spec.Containers
	}
	names, images := containerCells(containers)
	return []string{
		rc.Name, itoa(replicasOrOne(rc.Spec.Replicas)), itoa(rc.Status.Replicas), itoa(rc.Status.ReadyReplicas),
		since(rc.CreationTimestamp, now), names, images, formatLabels(rc.Spec.Selector),
	}
}

// configMapCells is printers.go's printConfigMap: DATA counts data and
// binaryData keys.
func configMapCells(cm *api.ConfigMap, now time.Duration) []string {
	n := len(cm.Data)
	if m, ok := cm.BinaryData.Value().(map[string]any); ok {
		n += len(m)
	}
	return []string{cm.Name, strconv.Itoa(n), since(cm.CreationTimestamp, now)}
}

// replicasOrOne is spec.replicas as the API server defaults it.
func replicasOrOne(r *int32) int32 {
	if r == nil {
		return 1
	}
	return *r
}

func itoa(i int32) string { return strconv.Itoa(int(i)) }

// containerCells are the CONTAINERS and IMAGES cells: names and images
// joined by commas.
func containerCells(cs []api.Container) (names, images string) {
	n := make([]string, len(cs))
	im := make([]string, len(cs))
	for i, c := range cs {
		n[i], im[i] = c.Name, c.Image
	}
	return strings.Join(n, ","), strings.Join(im, ",")
}

// selectorString prints a label selector as labels.Selector.String does:
// requirements sorted by key, "k=v", "k!=v", "k in (a,b)", "k notin (a,b)",
// "k", "!k"; "" for an empty selector.
func selectorString(sel *api.LabelSelector) string {
	if sel == nil {
		return ""
	}
	type req struct{ key, text string }
	var reqs []req
	for k, v := range sel.MatchLabels {
		reqs = append(reqs, req{k, k + "=" + v})
	}
	for _, e := range sel.MatchExpressions {
		vals := append([]string(nil), e.Values...)
		sortStrings(vals)
		var t string
		switch e.Operator {
		case "In":
			t = e.Key + " in (" + strings.Join(vals, ",") + ")"
		case "NotIn":
			t = e.Key + " notin (" + strings.Join(vals, ",") + ")"
		case "Exists":
			t = e.Key
		case "DoesNotExist":
			t = "!" + e.Key
		default:
			return "<error>"
		}
		reqs = append(reqs, req{e.Key, t})
	}
	sortStableBy(reqs, func(r req) string { return r.key + "\x00" + r.text })
	texts := make([]string, len(reqs))
	for i, r := range reqs {
		texts[i] = r.text
	}
	return strings.Join(texts, ",")
}
