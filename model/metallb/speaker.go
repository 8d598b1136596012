package metallb

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/sim"
)

// LAN is what the speakers need of the segment the nodes sit on.
type LAN interface {
	Announce(host string, ip netip.Addr, who string)
	Withdraw(host string, ip netip.Addr)
	SendFrame(e *sim.Engine, host string, f l2.Frame)
	MAC(host string) l2.MAC
	Reachable(a, b string) bool
	SetRoutes(e *sim.Engine, dst netip.Addr, hops []netip.Addr) []netip.Addr
	RouterHost() string
}

// Speakers are MetalLB's speaker DaemonSet, one speaker per node, in
// one component: their memberlist views, the layer-2 leader election
// and gratuitous ARP of each, and their BGP sessions to the router.
type Speakers struct {
	api  *apiserver.Server
	lan  LAN
	ctrl *Controller
	ml   Memberlist
	id   sim.ComponentID

	nodes  []string
	nodeIP map[string]netip.Addr
	alive  map[string]bool
	// view is each speaker's memberlist: the members it believes alive.
	view    map[string]map[string]bool
	suspect map[string]map[string]*suspicion
	probeAt map[string]int
	// leading is what each speaker announces in layer-2 mode.
	leading map[string]map[netip.Addr]bool
	spam    map[string]*Spammer
	// session is whether the router has a BGP session with the node.
	session map[string]bool
	// holding are the silent sessions whose hold timer runs.
	holding map[string]bool
	routes  map[netip.Addr][]netip.Addr
}

// suspicion is one observer suspecting one member.
type suspicion struct {
	since time.Duration
	from  map[string]bool // who suspected it independently
	gen   int
}

// Events the speakers schedule for themselves.
type (
	probeTick    struct{ node string }
	probeTimeout struct{ observer, target string }
	suspectTimer struct {
		observer, target string
		gen              int
	}
	garpTick   struct{ node string }
	holdExpiry struct{ node string }
)

// BGP timers of MetalLB's native implementation: hold time 90 s,
// keepalives every hold/3.
const (
	HoldTime      = 90 * time.Second
	KeepaliveTime = 30 * time.Second
)

// NewSpeakers returns the speakers of the nodes.
func NewSpeakers(s *apiserver.Server, lan LAN, ctrl *Controller, nodes map[string]netip.Addr) *Speakers {
	sp := &Speakers{api: s, lan: lan, ctrl: ctrl, ml: DefaultMemberlist(), nodeIP: nodes,
		alive: map[string]bool{}, view: map[string]map[string]bool{}, suspect: map[string]map[string]*suspicion{},
		probeAt: map[string]int{}, leading: map[string]map[netip.Addr]bool{}, spam: map[string]*Spammer{},
		session: map[string]bool{}, holding: map[string]bool{}, routes: map[netip.Addr][]netip.Addr{}}
	for n := range nodes {
		sp.nodes = append(sp.nodes, n)
	}
	slices.Sort(sp.nodes)
	for _, n := range sp.nodes {
		sp.alive[n] = true
		sp.view[n] = map[string]bool{}
		for _, m := range sp.nodes {
			sp.view[n][m] = true
		}
		sp.suspect[n] = map[string]*suspicion{}
		sp.leading[n] = map[netip.Addr]bool{}
		sp.spam[n] = NewSpammer()
	}
	return sp
}

// Name returns the component's name in the trace.
func (s *Speakers) Name() string { return "metallb-speaker" }

// Start registers the watches and starts each speaker's probe ticker at
// a phase drawn from the seed.
func (s *Speakers) Start(e *sim.Engine, id sim.ComponentID) {
	s.id = id
	s.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Service", "EndpointSlice", "Node", "L2Advertisement", "BGPAdvertisement", "BGPPeer", "IPAddressPool"}})
	r := e.Rand("metallb/memberlist")
	for _, n := range s.nodes {
		e.Schedule(time.Duration(r.Int64N(int64(s.ml.ProbeInterval))), id, probeTick{n})
	}
}

// NodeStopped is a node going off: its speaker dies with it.
func (s *Speakers) NodeStopped(e *sim.Engine, node string) {
	s.alive[node] = false
	s.spam[node] = NewSpammer() // its ticker dies with it
	s.checkSessions(e)
}

// Handle dispatches the speakers' events.
func (s *Speakers) Handle(e *sim.Engine, ev sim.Event) {
	switch p := ev.Payload.(type) {
	case apiserver.WatchEvent:
		touched := ""
		switch o := p.Object.(type) {
		case *api.Service:
			touched = o.Namespace + "/" + o.Name
		case *api.EndpointSlice:
			touched = o.Namespace + "/" + o.Labels["kubernetes.io/service-name"]
		}
		s.reconcile(e, touched)
	case probeTick:
		s.probe(e, p.node)
	case probeTimeout:
		s.probeFailed(e, p.observer, p.target)
	case suspectTimer:
		s.suspectExpired(e, p)
	case garpTick:
		s.tick(e, p.node)
	case holdExpiry:
		s.holdExpired(e, p.node)
	}
}

// probe is one memberlist probe round of node: ping the next member in
// round-robin order; no ack within the probe timeout makes it suspect.
func (s *Speakers) probe(e *sim.Engine, node string) {
	if !s.alive[node] {
		return
	}
	e.Schedule(s.ml.ProbeInterval, s.id, probeTick{node})
	s.checkSessions(e)
	var others []string
	for _, m := range s.nodes {
		if m != node {
			others = append(others, m)
		}
	}
	if len(others) == 0 {
		return
	}
	i := s.probeAt[node] % len(others)
	s.probeAt[node]++
	target := others[i]
	if s.alive[target] && s.lan.Reachable(node, target) {
		if !s.view[node][target] {
			s.rejoin(e, node, target)
		}
		delete(s.suspect[node], target)
		return
	}
	e.Schedule(s.ml.ProbeTimeout, s.id, probeTimeout{node, target})
}

// rejoin is two speakers finding each other again (memberlist's
// push-pull sync after a partition heals).
func (s *Speakers) rejoin(e *sim.Engine, a, b string) {
	s.view[a][b], s.view[b][a] = true, true
	delete(s.suspect[a], b)
	delete(s.suspect[b], a)
	e.Emit("memberlist.alive", fmt.Sprintf("memberlist: speakers on %s and %s see each other again", a, b), nil)
	s.reconcile(e, "")
}

// probeFailed starts (or confirms) the suspicion of target, at the
// observer and at every member the observer can still reach (gossip).
func (s *Speakers) probeFailed(e *sim.Engine, observer, target string) {
	if !s.alive[observer] || !s.view[observer][target] {
		return
	}
	if su, ok := s.suspect[observer][target]; ok && su.from[observer] {
		return // already suspected it; the timer runs
	}
	e.Emit("memberlist.suspect", fmt.Sprintf("memberlist on %s: no ack from %s within %s; suspecting it", observer, target, s.ml.ProbeTimeout), nil)
	for _, r := range s.nodes {
		if r == target || !s.alive[r] || (r != observer && !s.lan.Reachable(observer, r)) || !s.view[r][target] {
			continue
		}
		su, ok := s.suspect[r][target]
		if !ok {
			su = &suspicion{since: e.Now(), from: map[string]bool{}}
			s.suspect[r][target] = su
		}
		su.from[observer] = true
		su.gen++
		c := len(su.from) - 1 // confirmations beyond the first suspicion
		deadline := su.since + s.ml.SuspicionTimeout(len(s.nodes), c)
		d := deadline - e.Now()
		if d < 0 {
			d = 0
		}
		e.Schedule(d, s.id, suspectTimer{r, target, su.gen})
	}
}

// suspectExpired declares target dead in observer's view.
func (s *Speakers) suspectExpired(e *sim.Engine, p suspectTimer) {
	su, ok := s.suspect[p.observer][p.target]
	if !ok || su.gen != p.gen || !s.alive[p.observer] {
		return
	}
	delete(s.suspect[p.observer], p.target)
	s.view[p.observer][p.target] = false
	e.Emit("memberlist.dead", fmt.Sprintf("memberlist on %s: %s is dead (suspected for %s)", p.observer, p.target, e.Now()-su.since), nil)
	s.reconcile(e, "")
}

// reconcile recomputes every speaker's announcements; touched is the
// Service whose change caused it (its leader re-sends its gratuitous
// ARPs, as every SetBalancer call does since metallb#736).
func (s *Speakers) reconcile(e *sim.Engine, touched string) {
	cfg := s.config()
	s.checkSessions(e)
	bgpWant := map[netip.Addr][]netip.Addr{}
	for _, o := range s.api.List("Service", "") {
		svc := o.(*api.Service)
		ip, ok := ingressIP(svc)
		if svc.Spec.Type != api.ServiceTypeLoadBalancer || !ok {
			continue
		}
		key := svc.Namespace + "/" + svc.Name
		pool := s.ctrl.Allocator().PoolOf(ip)
		local := s.readyNodes(svc)
		l2ok, bgpok := cfg.l2Selects(pool), cfg.bgpSelects(pool)
		if l2ok {
			elig := s.eligibleNodes(svc, local, cfg.l2Nodes)
			for _, n := range s.nodes {
				want := s.alive[n] && len(local) > 0 && s.l2Leader(n, ip, elig) == n
				s.setLeading(e, n, ip, key, want, touched == key)
			}
		} else {
			for _, n := range s.nodes {
				s.setLeading(e, n, ip, key, false, false)
			}
		}
		if bgpok && len(local) > 0 {
			for _, n := range s.eligibleNodes(svc, local, cfg.bgpNodes) {
				if s.session[n] {
					bgpWant[ip] = append(bgpWant[ip], s.nodeIP[n])
				}
			}
		}
	}
	s.setRoutes(e, bgpWant)
}

// l2Leader is the leader of ip as node's speaker sees it: the first in
// MetalLB's order of the eligible nodes its memberlist holds alive.
func (s *Speakers) l2Leader(node string, ip netip.Addr, eligible []string) string {
	var cands []string
	for _, m := range eligible {
		if s.view[node][m] {
			cands = append(cands, m)
		}
	}
	leader, _ := L2Leader(cands, ip)
	return leader
}

// eligibleNodes are the nodes that may announce the Service, in name
// order: not excluded from load balancers, selected by the
// advertisement, and for externalTrafficPolicy Local holding a ready
// endpoint. Every speaker computes the same list; their memberlist views
// then differ.
func (s *Speakers) eligibleNodes(svc *api.Service, local map[string]bool, sel []map[string]string) []string {
	var out []string
	for _, n := range s.nodes {
		o, ok := s.api.Get("Node", "", n)
		if !ok {
			continue
		}
		labels := o.(*api.Node).Labels
		if _, excluded := labels["node.kubernetes.io/exclude-from-external-load-balancers"]; excluded {
			continue
		}
		if len(sel) > 0 && !slices.ContainsFunc(sel, func(m map[string]string) bool { return matches(m, labels) }) {
			continue
		}
		if svc.Spec.ExternalTrafficPolicy != "Local" || local[n] {
			out = append(out, n)
		}
	}
	return out
}

func matches(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// readyNodes returns the nodes with a ready endpoint of the Service
// (empty: no ready endpoint, nothing is announced).
func (s *Speakers) readyNodes(svc *api.Service) map[string]bool {
	out := map[string]bool{}
	for _, o := range s.api.List("EndpointSlice", svc.Namespace) {
		sl := o.(*api.EndpointSlice)
		if sl.Labels["kubernetes.io/service-name"] != svc.Name {
			continue
		}
		for _, ep := range sl.Endpoints {
			if ep.Conditions.Ready != nil && *ep.Conditions.Ready && ep.NodeName != nil {
				out[*ep.NodeName] = true
			}
		}
	}
	return out
}

// setLeading starts or stops node announcing ip in layer-2 mode.
func (s *Speakers) setLeading(e *sim.Engine, node string, ip netip.Addr, key string, want, resync bool) {
	has := s.leading[node][ip]
	if !s.alive[node] {
		if has { // died with its node: nothing to say
			delete(s.leading[node], ip)
			s.lan.Withdraw(node, ip)
		}
		return
	}
	switch {
	case want && !has:
		s.leading[node][ip] = true
		s.lan.Announce(node, ip, "metallb speaker on "+node)
		e.Set("metallb/l2/"+ip.String(), node)
		if ns, name, ok := strings.Cut(key, "/"); ok {
			if svc, found := s.api.Get("Service", ns, name); found {
				s.api.Event(svc, false, "nodeAssigned", "metallb-speaker", fmt.Sprintf("announcing from node %q with protocol \"layer2\"", node))
			}
		}
		e.Emit("metallb.announce", fmt.Sprintf("Normal nodeAssigned service/%s: announcing from node %q with protocol \"layer2\" (%s)", strings.SplitN(key, "/", 2)[1], node, ip), nil)
		s.trigger(e, node, ip)
	case !want && has:
		delete(s.leading[node], ip)
		s.lan.Withdraw(node, ip)
		e.Emit("metallb.withdraw", fmt.Sprintf("speaker on %s stops announcing %s (service %s)", node, ip, key), nil)
	case want && resync:
		s.trigger(e, node, ip)
	}
}

// trigger is SetBalancer pushing ip to node's spam queue: sent at once
// unless already in its window, then re-sent on the 1.1 s ticker until
// 5 s after the latest trigger.
func (s *Speakers) trigger(e *sim.Engine, node string, ip netip.Addr) {
	send, start := s.spam[node].Trigger(e.Now(), ip)
	if send {
		s.garp(e, node, ip)
	}
	if start {
		e.Schedule(GARPInterval, s.id, garpTick{node})
	}
}

func (s *Speakers) tick(e *sim.Engine, node string) {
	if !s.alive[node] {
		return
	}
	ips, more := s.spam[node].Tick(e.Now())
	for _, ip := range ips {
		s.garp(e, node, ip)
	}
	if more {
		e.Schedule(GARPInterval, s.id, garpTick{node})
	}
}

// garp sends one round: an ARP request and an ARP reply, both
// gratuitous and broadcast.
func (s *Speakers) garp(e *sim.Engine, node string, ip netip.Addr) {
	if !s.alive[node] {
		return
	}
	frames := GARPFrames(ip, s.lan.MAC(node))
	e.Emit("metallb.garp", fmt.Sprintf("speaker on %s: gratuitous ARP for %s (request + reply, broadcast)", node, ip), frames)
	for _, f := range frames {
		s.lan.SendFrame(e, node, f)
	}
}

// checkSessions brings BGP sessions up for live speakers that reach the
// router, and starts the hold timer of those that went silent.
func (s *Speakers) checkSessions(e *sim.Engine) {
	if !s.bgpConfigured() {
		return
	}
	router := s.lan.RouterHost()
	for _, n := range s.nodes {
		up := s.alive[n] && s.lan.Reachable(n, router)
		switch {
		case up && !s.session[n]:
			s.session[n] = true
			e.Emit("metallb.bgp.established", fmt.Sprintf("BGP session %s ↔ router established", n), nil)
		case !up && s.session[n] && !s.holding[n]:
			s.holding[n] = true
			// The router notices only when no keepalive arrived for the
			// hold time: the last one came at the latest 30 s mark.
			last := e.Now() - e.Now()%KeepaliveTime
			e.Schedule(last+HoldTime-e.Now(), s.id, holdExpiry{n})
		}
	}
}

func (s *Speakers) holdExpired(e *sim.Engine, node string) {
	s.holding[node] = false
	if !s.session[node] || (s.alive[node] && s.lan.Reachable(node, s.lan.RouterHost())) {
		return
	}
	s.session[node] = false
	e.Emit("metallb.bgp.holdexpired", fmt.Sprintf("router: BGP hold timer expired for %s (no keepalive for %s); its routes are withdrawn", node, HoldTime), nil)
	s.reconcile(e, "")
}

func (s *Speakers) bgpConfigured() bool {
	return len(s.api.List("BGPPeer", "")) > 0 && s.lan.RouterHost() != ""
}

// setRoutes installs what the router learnt: one ECMP route per IP.
func (s *Speakers) setRoutes(e *sim.Engine, want map[netip.Addr][]netip.Addr) {
	var ips []netip.Addr
	for ip := range want {
		ips = append(ips, ip)
	}
	for ip := range s.routes {
		if _, ok := want[ip]; !ok {
			ips = append(ips, ip)
		}
	}
	slices.SortFunc(ips, netip.Addr.Compare)
	ips = slices.Compact(ips)
	for _, ip := range ips {
		hops := want[ip]
		slices.SortFunc(hops, netip.Addr.Compare)
		if slices.Equal(hops, s.routes[ip]) {
			continue
		}
		s.lan.SetRoutes(e, ip, hops)
		if len(hops) == 0 {
			delete(s.routes, ip)
			e.Emit("metallb.bgp.withdraw", fmt.Sprintf("router: route %s/32 withdrawn", ip), nil)
			continue
		}
		s.routes[ip] = hops
		e.Emit("metallb.bgp.route", fmt.Sprintf("router: %s/32 via %s (%d equal-cost paths)", ip, joinAddrs(hops), len(hops)), nil)
	}
}

func joinAddrs(a []netip.Addr) string {
	s := make([]string, len(a))
	for i, x := range a {
		s[i] = x.String()
	}
	return strings.Join(s, ", ")
}
