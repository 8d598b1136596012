package printers

import (
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// Node role labels (node-role.kubernetes.io/<role> and kubernetes.io/role).
const (
	labelNodeRolePrefix = "node-role.kubernetes.io/"
	nodeLabelRole       = "kubernetes.io/role"
)

// nodeCells is printers.go's printNode.
func nodeCells(n *api.Node, now time.Duration) []string {
	roles := strings.Join(nodeRoles(n), ",")
	if roles == "" {
		roles = "<none>"
	}
	info := n.Status.NodeInfo
	return []string{
		n.Name, nodeStatus(n), roles, since(n.CreationTimestamp, now), info.KubeletVersion,
		nodeAddress(n, "InternalIP"), nodeAddress(n, "ExternalIP"),
		orUnknown(info.OSImage), orUnknown(info.KernelVersion), orUnknown(info.ContainerRuntimeVersion),
	}
}

// nodeStatus is Ready, NotReady or Unknown, plus SchedulingDisabled for a
// cordoned node.
func nodeStatus(n *api.Node) string {
	status := "Unknown"
	for _, c := range n.Status.Conditions {
		if c.Type == "Ready" {
			status = "NotReady"
			if c.Status == "True" {
				status = "Ready"
			}
		}
	}
	if n.Spec.Unschedulable {
		status += ",SchedulingDisabled"
	}
	return status
}

// nodeRoles are the node's roles from its labels, sorted and unique.
func nodeRoles(n *api.Node) []string {
	var roles []string
	for _, k := range api.SortedKeys(n.Labels) {
		switch v := n.Labels[k]; {
		case strings.HasPrefix(k, labelNodeRolePrefix):
			if r := strings.TrimPrefix(k, labelNodeRolePrefix); r != "" {
				roles = append(roles, r)
			}
		case k == nodeLabelRole && v != "":
			roles = append(roles, v)
		}
	}
	sortStrings(roles)
	return compact(roles)
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// nodeAddress is the node's first address of a type, or "<none>".
func nodeAddress(n *api.Node, typ string) string {
	for _, a := range n.Status.Addresses {
		if a.Type == typ {
			return a.Address
		}
	}
	return "<none>"
}

func orUnknown(s string) string {
	if s == "" {
		return "<unknown>"
	}
	return s
}
