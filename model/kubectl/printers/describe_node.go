package printers

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// describeNode is describe.go's describeNode, without the Lease section
// (svcsim stores no Lease objects) and with resource requests read as
// zero (svcsim does not model container resources).
func describeNode(d *describer, n *api.Node, ctx DescribeContext) {
	d.line(0, "Name:\t%s\n", n.Name)
	d.line(0, "Roles:\t%s\n", orNone(strings.Join(nodeRoles(n), ",")))
	d.labels("Labels", n.Labels)
	d.annotations("Annotations", n.Annotations)
	d.line(0, "CreationTimestamp:\t%s\n", wallClock(n.CreationTimestamp))
	describeTaints(d, n.Spec.Taints)
	d.line(0, "Unschedulable:\t%v\n", n.Spec.Unschedulable)
	if len(n.Status.Conditions) > 0 {
		d.line(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
		d.line(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
		for _, c := range n.Status.Conditions {
			d.line(1, "%v \t%v \t%s \t%s \t%v \t%v\n", c.Type, c.Status,
				wallClock(c.LastHeartbeatTime), wallClock(c.LastTransitionTime), c.Reason, c.Message)
		}
	}
	d.line(0, "Addresses:\n")
	for _, a := range n.Status.Addresses {
		d.line(1, "%s:\t%s\n", a.Type, a.Address)
	}
	describeResourceList(d, "Capacity", n.Status.Capacity)
	describeResourceList(d, "Allocatable", n.Status.Allocatable)
	info := n.Status.NodeInfo
	d.line(0, "System Info:\n")
	for _, kv := range [][2]string{
		{"Machine ID", info.MachineID}, {"System UUID", info.SystemUUID}, {"Boot ID", info.BootID},
		{"Kernel Version", info.KernelVersion}, {"OS Image", info.OSImage},
		{"Operating System", info.OperatingSystem}, {"Architecture", info.Architecture},
		{"Container Runtime Version", info.ContainerRuntimeVersion}, {"Kubelet Version", info.KubeletVersion},
	} {
		d.line(0, "  %s:\t%s\n", kv[0], kv[1])
	}
	if info.KubeProxyVersion != "" {
		d.line(0, "  Kube-Proxy Version:\t%s\n", info.KubeProxyVersion)
	}
	if n.Spec.PodCIDR != "" {
		d.line(0, "PodCIDR:\t%s\n", n.Spec.PodCIDR)
	}
	if len(n.Spec.PodCIDRs) > 0 {
		d.line(0, "PodCIDRs:\t%s\n", strings.Join(n.Spec.PodCIDRs, ","))
	}
	if n.Spec.ProviderID != "" {
		d.line(0, "ProviderID:\t%s\n", n.Spec.ProviderID)
	}
	describeNodePods(d, n, ctx.Pods)
	d.events(ctx.Events)
}

func describeTaints(d *describer, taints []api.Taint) {
	d.line(0, "Taints:\t")
	if len(taints) == 0 {
		d.line(0, "<none>\n")
		return
	}
	for i, t := range taints {
		if i > 0 {
			d.line(0, "\t")
		}
		if t.Value != "" {
			d.line(0, "%s=%s:%s\n", t.Key, t.Value, t.Effect)
		} else {
			d.line(0, "%s:%s\n", t.Key, t.Effect)
		}
	}
}

func describeResourceList(d *describer, title string, o api.Opaque) {
	m, _ := o.Value().(map[string]any)
	if len(m) == 0 {
		return
	}
	d.line(0, "%s:\n", title)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d.line(0, "  %s:\t%v\n", k, m[k])
	}
}

// describeNodePods prints Non-terminated Pods and Allocated resources.
// svcsim models no resource requests, so every figure is "0 (0%)".
func describeNodePods(d *describer, n *api.Node, pods []*api.Pod) {
	var running []*api.Pod
	for _, p := range pods {
		if p.Status.Phase != "Succeeded" && p.Status.Phase != "Failed" {
			running = append(running, p)
		}
	}
	slices.SortStableFunc(running, func(a, b *api.Pod) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	d.line(0, "Non-terminated Pods:\t(%d in total)\n", len(running))
	d.line(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
	d.line(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
	for _, p := range running {
		d.line(1, "%s\t%s\t\t0 (0%%)\t0 (0%%)\t0 (0%%)\t0 (0%%)\t%s\n", p.Namespace, p.Name, since(p.CreationTimestamp, d.now))
	}
	d.line(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
	d.line(1, "Resource\tRequests\tLimits\n")
	d.line(1, "--------\t--------\t------\n")
	for _, r := range []string{"cpu", "memory", "ephemeral-storage"} {
		d.line(1, "%s\t0 (0%%)\t0 (0%%)\n", r)
	}
	alloc, _ := n.Status.Allocatable.Value().(map[string]any)
	if len(alloc) == 0 {
		alloc, _ = n.Status.Capacity.Value().(map[string]any)
	}
	var huge []string
	for k := range alloc {
		if strings.HasPrefix(k, "hugepages-") {
			huge = append(huge, k)
		}
	}
	slices.Sort(huge)
	for _, r := range huge {
		d.line(1, "%s\t%s\n", r, fmt.Sprintf("0 (0%%)\t0 (0%%)"))
	}
}
