package tui

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// The row builders of the cluster view: a header row, then one row an
// object, each starting with the object's mark.

func nodeRows(objs []marked) [][]string {
	rows := [][]string{{" ", "NAME", "STATUS", "INTERNAL-IP"}}
	for _, m := range objs {
		n, ok := m.obj.(*api.Node)
		if !ok {
			continue
		}
		status := "NotReady"
		for _, c := range n.Status.Conditions {
			if c.Type == "Ready" && c.Status == "True" {
				status = "Ready"
			}
		}
		ip := ""
		for _, a := range n.Status.Addresses {
			if a.Type == "InternalIP" {
				ip = a.Address
			}
		}
		rows = append(rows, []string{markCol(m.mark), name(n), status, ip})
	}
	return rows
}

// podReady says whether a pod is ready in words (never by colour).
func podReady(p *api.Pod) string {
	if p.DeletionTimestamp != nil {
		return "terminating"
	}
	for _, c := range p.Status.Conditions {
		if c.Type == "Ready" {
			if c.Status == "True" {
				return "✓ ready"
			}
			return "✗ not ready"
		}
	}
	if p.Status.Phase == "" {
		return "pending"
	}
	return strings.ToLower(p.Status.Phase)
}

func podRows(objs []marked) [][]string {
	rows := [][]string{{" ", "NAME", "READY", "IP", "NODE", "LABELS"}}
	for _, m := range objs {
		p, ok := m.obj.(*api.Pod)
		if !ok {
			continue
		}
		ip := p.Status.PodIP
		if ip == "" {
			ip = "<none>"
		}
		node := p.Spec.NodeName
		if node == "" {
			node = "<none>"
		}
		rows = append(rows, []string{markCol(m.mark), name(p), podReady(p), ip, node, labels(p.Labels)})
	}
	return rows
}

func labels(l map[string]string) string {
	var parts []string
	for _, k := range api.SortedKeys(l) {
		if k == "pod-template-hash" {
			continue // noise for a learner; kubectl shows it with --show-labels
		}
		parts = append(parts, k+"="+l[k])
	}
	return strings.Join(parts, ",")
}

func serviceRows(objs []marked) [][]string {
	rows := [][]string{{" ", "NAME", "TYPE", "CLUSTER-IP", "PORT(S)"}}
	for _, m := range objs {
		s, ok := m.obj.(*api.Service)
		if !ok {
			continue
		}
		var ports []string
		for _, p := range s.Spec.Ports {
			txt := fmt.Sprintf("%d", p.Port)
			if p.NodePort != 0 {
				txt += fmt.Sprintf(":%d", p.NodePort)
			}
			proto := p.Protocol
			if proto == "" {
				proto = "TCP"
			}
			ports = append(ports, txt+"/"+proto)
		}
		ip := s.Spec.ClusterIP
		if ip == "" {
			ip = "<none>"
		}
		rows = append(rows, []string{markCol(m.mark), name(s), s.TypeOrDefault(), ip, strings.Join(ports, ",")})
	}
	return rows
}

func endpointsRows(objs []marked) [][]string {
	rows := [][]string{{" ", "NAME", "ENDPOINTS"}}
	for _, m := range objs {
		e, ok := m.obj.(*api.Endpoints)
		if !ok {
			continue
		}
		rows = append(rows, []string{markCol(m.mark), name(e), endpointList(e)})
	}
	return rows
}

// endpointList prints ready addresses as kubectl does (ip:port), then
// the not-ready ones, named so.
func endpointList(e *api.Endpoints) string {
	var ready, notReady []string
	for _, s := range e.Subsets {
		for _, a := range s.Addresses {
			ready = append(ready, withPorts(a.IP, s.Ports)...)
		}
		for _, a := range s.NotReadyAddresses {
			notReady = append(notReady, withPorts(a.IP, s.Ports)...)
		}
	}
	out := strings.Join(ready, ",")
	if out == "" {
		out = "<none>"
	}
	if len(notReady) > 0 {
		out += "  not ready: " + strings.Join(notReady, ",")
	}
	return out
}

func withPorts(ip string, ports []api.EndpointPort) []string {
	if len(ports) == 0 {
		return []string{ip}
	}
	var out []string
	for _, p := range ports {
		if p.Port != nil {
			out = append(out, fmt.Sprintf("%s:%d", ip, *p.Port))
		}
	}
	return out
}
