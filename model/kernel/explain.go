package kernel

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/conntrack"
	"github.com/svcsim/svcsim/model/netfilter"
	"github.com/svcsim/svcsim/sim"
)

// This file says why traffic failed, in one line that chains the causes a
// learner needs, at the moment the kernel sees the failure: a REJECT for a
// Service without endpoints, a RST answering a DNATed connection.
//
// A real kernel knows nothing of Services or pods: the explanation is
// svcsim's narration. It reads the API objects as the engine's store
// records them ("api/<Kind>/<ns>/<name>", written by the API server),
// through the small Objects interface, rather than from the API server
// component or from kube-proxy: components never call one another, the
// store is what the Netfilter contract lets a hook read, and kube-proxy
// (like the real one) never sees pods, which the explanation needs.

// Objects is the read-only view of the API objects the explanations use.
type Objects interface {
	Get(kind, ns, name string) (api.Object, bool)
	List(kind, ns string) []api.Object
}

// storeObjects reads the objects from the engine's store.
type storeObjects struct{ e *sim.Engine }

func (s storeObjects) Get(kind, ns, name string) (api.Object, bool) {
	v, ok := s.e.Get("api/" + kind + "/" + ns + "/" + name)
	o, _ := v.(api.Object)
	return o, ok && o != nil
}

func (s storeObjects) List(kind, ns string) []api.Object {
	var out []api.Object
	for _, k := range s.e.Keys("api/" + kind + "/" + ns + "/") {
		if o, ok := s.Get(kind, ns, strings.TrimPrefix(k, "api/"+kind+"/"+ns+"/")); ok {
			out = append(out, o)
		}
	}
	return out
}

// Explanation is the detail of an explain.* trace record: the causes,
// outermost first.
type Explanation struct {
	Node   string
	Causes []string
}

// explainReject runs when a first packet is rejected by a "has no
// endpoints" rule.
func explainReject(e *sim.Engine, node string, p netfilter.Packet, path netfilter.Path) {
	spn := ""
	for _, h := range path.Hooks {
		for _, s := range h.Steps {
			if c := commentOf(s.Text); strings.HasSuffix(c, " has no endpoints") && strings.HasPrefix(s.Verdict, "REJECT") {
				spn = strings.TrimSuffix(c, " has no endpoints")
			}
		}
	}
	if spn == "" {
		return
	}
	causes := []string{fmt.Sprintf("%s rejected: %s has no endpoints", p.DstAddrPort(), spn)}
	causes = append(causes, selectorCauses(storeObjects{e}, spn)...)
	emitExplain(e, "explain.noendpoints", node, causes)
}

// selectorCauses says why a Service has no endpoints: its selector matches
// no pod (and the nearest label), or the pods it matches are not ready.
func selectorCauses(objs Objects, spn string) []string {
	nsName, _, _ := strings.Cut(spn, ":")
	ns, name, _ := strings.Cut(nsName, "/")
	o, ok := objs.Get("Service", ns, name)
	if !ok {
		return nil
	}
	sel := o.(*api.Service).Spec.Selector
	if len(sel) == 0 {
		return []string{"it has no selector: its Endpoints are written by hand and list none"}
	}
	var pods []*api.Pod
	for _, po := range objs.List("Pod", ns) {
		pods = append(pods, po.(*api.Pod))
	}
	var matched int
	for _, po := range pods {
		if labelsMatch(sel, po.Labels) {
			matched++
		}
	}
	selText := selectorText(sel)
	if matched > 0 {
		return []string{fmt.Sprintf("its selector %s matches %d pod(s) in %s, but none is ready", selText, matched, ns)}
	}
	causes := []string{fmt.Sprintf("because selector %s matches no pod in %s", selText, ns)}
	for _, k := range sortedKeys(sel) {
		want := k + "=" + sel[k]
		if near, d := nearestLabel(want, pods); near != "" && d > 0 {
			causes = append(causes, fmt.Sprintf("the nearest existing label is %s (edit distance %d from %s)", near, d, want))
		}
	}
	return causes
}

// explainRST runs when a RST answers the first packet of a DNATed
// connection: the connection reached the endpoint, nothing listened.
func explainRST(e *sim.Engine, node string, ent *conntrack.Entry, listening func(netip.Addr) []uint16) {
	to := netip.AddrPortFrom(ent.Reply.Src, ent.Reply.SrcPort)
	causes := []string{fmt.Sprintf("%s:%d refused: the DNAT went to %s", ent.Orig.Dst, ent.Orig.DstPort, to)}
	objs := storeObjects{e}
	for _, ns := range namespaces(e) {
		for _, o := range objs.List("Pod", ns) {
			po := o.(*api.Pod)
			if po.Status.PodIP != to.Addr().String() {
				continue
			}
			causes = append(causes, fmt.Sprintf("no container of pod %s/%s listens on port %d", ns, po.Name, to.Port()))
			if ports := listeningPorts(listening, to.Addr()); len(ports) > 0 {
				causes = append(causes, "it listens on "+strings.Join(ports, ", ")+": the Service's targetPort should be one of them")
			} else if ports := declaredPorts(po); len(ports) > 0 {
				causes = append(causes, "it listens on "+strings.Join(ports, ", ")+": the Service's targetPort should be one of them")
			} else {
				causes = append(causes, "its containers declare no ports: check the Service's targetPort against the port the application listens on")
			}
		}
	}
	emitExplain(e, "explain.targetport", node, causes)
}

func emitExplain(e *sim.Engine, kind, node string, causes []string) {
	e.Emit(kind, node+": "+strings.Join(causes, " → "), &Explanation{Node: node, Causes: causes})
}

func namespaces(e *sim.Engine) []string {
	var out []string
	for _, k := range e.Keys("api/Namespace/") {
		out = append(out, strings.TrimPrefix(k, "api/Namespace/"))
	}
	return out
}

func declaredPorts(po *api.Pod) []string {
	var out []string
	for _, c := range po.Spec.Containers {
		for _, p := range c.Ports {
			out = append(out, strconv.Itoa(int(p.ContainerPort)))
		}
	}
	return out
}

// commentOf returns the --comment of a rule as iptables-save prints it.
func commentOf(rule string) string {
	i := strings.Index(rule, "--comment ")
	if i < 0 {
		return ""
	}
	s := rule[i+len("--comment "):]
	if strings.HasPrefix(s, "\"") {
		if j := strings.Index(s[1:], "\""); j >= 0 {
			return s[1 : 1+j]
		}
		return ""
	}
	s, _, _ = strings.Cut(s, " ")
	return s
}

func labelsMatch(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func selectorText(sel map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(sel) {
		parts = append(parts, k+"="+sel[k])
	}
	return strings.Join(parts, ",")
}

// nearestLabel returns the pod label "key=value" closest to want by edit
// distance (ties: the first in sorted order), with the distance.
func nearestLabel(want string, pods []*api.Pod) (string, int) {
	best, bestD := "", -1
	seen := map[string]bool{}
	var all []string
	for _, po := range pods {
		for k, v := range po.Labels {
			if l := k + "=" + v; !seen[l] {
				seen[l] = true
				all = append(all, l)
			}
		}
	}
	slices.Sort(all)
	for _, l := range all {
		if d := editDistance(want, l); bestD < 0 || d < bestD {
			best, bestD = l, d
		}
	}
	return best, bestD
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func listeningPorts(f func(netip.Addr) []uint16, ip netip.Addr) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, p := range f(ip) {
		out = append(out, fmt.Sprint(p))
	}
	return out
}
