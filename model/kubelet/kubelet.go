// Package kubelet models the kubelet v1.36 of one node as far as Service
// networking sees it: it starts the pods bound to its node (a sandbox
// with an IP from the node's pod CIDR, as the host-local IPAM plugin
// hands them out: in order, never the one just freed), runs their
// readiness probes, and stops them gracefully (SIGTERM, then SIGKILL at
// the end of the grace period) before it removes them.
package kubelet

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/apps"
	"github.com/svcsim/svcsim/model/dns"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// Params are the kubelet's delays, named cluster parameters.
type Params struct {
	// PodStartDelay is from binding to running containers: sandbox,
	// CNI, image present, container start. A few seconds on a real node.
	PodStartDelay time.Duration
}

// DefaultParams returns typical figures: 2 s to start a pod whose image
// is already pulled.
func DefaultParams() Params { return Params{PodStartDelay: 2 * time.Second} }

// Kubelet is the kubelet of one node.
type Kubelet struct {
	node   string
	name   string // "kubelet/<node>"
	api    *apiserver.Server
	net    *network.Network
	images *apps.Registry
	params Params
	id     sim.ComponentID
	host   *network.Host
	ipam   *ipam

	pods  map[string]*podState // "ns/name" → what the kubelet runs
	dns   DNSConfig
	confs map[string]dns.ResolvConf // by namespace, see resolvConf
	// imageIDs caches imagePrefix by image reference.
	imageIDs map[string]string
	// unready caches the unready message of one-container pods by the
	// container's name: most pods of a node share a few.
	unready map[string]string
	// down is set while the node is stopped: the kubelet does nothing.
	down bool
	// hostIP is host.IP as the pod status spells it.
	hostIP string
	// ids is the random stream container and image IDs are drawn from.
	ids *rand.Rand
}

type podState struct {
	key         string
	uid         string
	ns          *network.NetNS
	image       []*apps.Image
	started     bool
	terminating bool
	ready       bool
	probeEvent  sim.EventID
	failures    int // readiness probe failures in a row
	successes   int // readiness probe passes in a row
	// files are the files written in the container (the kubelet's view
	// of its filesystem: enough for exec probes that test a file); nil
	// until Files is first asked.
	files map[string]string
}

// New returns the kubelet of node, whose pods get addresses from podCIDR.
func New(node string, s *apiserver.Server, n *network.Network, host *network.Host, images *apps.Registry, p Params) *Kubelet {
	return &Kubelet{node: node, name: "kubelet/" + node, api: s, net: n, host: host, hostIP: host.IP.String(),
		images: images, params: p, ipam: newIPAM(host.PodCIDR), pods: map[string]*podState{}}
}

// Name returns the component's name.
func (k *Kubelet) Name() string { return k.name }

// Start registers the kubelet's watch on the pods bound to its node.
func (k *Kubelet) Start(e *sim.Engine, id sim.ComponentID) {
	k.id = id
	k.ids = e.Rand("kubelet/ids")
	k.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Pod"}, NodeName: k.node, Wants: k.wants})
}

// wants drops, when the API server sends it, an update that observe
// would ignore: of a pod the kubelet already runs (same UID), on this
// node before and after, without a deletion time - its own status
// writes, mostly. Nothing the kubelet handles before the event arrives
// can remove that pod's state: only a deletion, a move or another UID
// can, and their events pass.
func (k *Kubelet) wants(ev apiserver.WatchEvent) bool {
	if ev.Type != apiserver.Modified {
		return true
	}
	pod, old := ev.Object.(*api.Pod), ev.Old.(*api.Pod)
	if pod.Spec.NodeName != k.node || old.Spec.NodeName != k.node || pod.DeletionTimestamp != nil || old.DeletionTimestamp != nil {
		return true
	}
	var buf [128]byte // the key without a string allocation
	key := append(append(append(buf[:0], pod.Namespace...), '/'), pod.Name...)
	st := k.pods[string(key)]
	return st == nil || st.uid != pod.UID
}

// Stop is the node going off (`docker stop`): from now on the kubelet
// neither runs probes nor reports status, and its pods' containers are
// gone with the node.
func (k *Kubelet) Stop() { k.down = true }

// Events the kubelet schedules for itself.
type (
	startPod struct{ key, uid string }
	probe    struct{ key, uid string }
	killPod  struct{ key, uid string }
)

// Handle reacts to its pods' changes and to its own timers.
func (k *Kubelet) Handle(e *sim.Engine, ev sim.Event) {
	if k.down {
		return
	}
	switch p := ev.Payload.(type) {
	case apiserver.WatchEvent:
		k.observe(e, p)
	case startPod:
		k.start(e, p.key, p.uid)
	case probe:
		k.probe(e, p.key, p.uid)
	case killPod:
		k.stopped(e, p.key, p.uid)
	}
}

func (k *Kubelet) observe(e *sim.Engine, w apiserver.WatchEvent) {
	pod := w.Object.(*api.Pod)
	key := pod.Namespace + "/" + pod.Name
	st := k.pods[key]
	if w.Type == apiserver.Deleted || pod.Spec.NodeName != k.node {
		if st != nil && st.uid == pod.UID {
			k.teardown(e, st)
		}
		return
	}
	if st == nil || st.uid != pod.UID {
		if st != nil {
			k.teardown(e, st)
		}
		st = &podState{key: key, uid: pod.UID}
		k.pods[key] = st
		if k.adopt(e, st, pod) {
			return
		}
		if pod.DeletionTimestamp == nil {
			k.containerCreating(e, pod)
			e.Schedule(k.params.PodStartDelay, k.id, startPod{key, pod.UID})
		}
	}
	if pod.DeletionTimestamp != nil && !st.terminating {
		k.terminate(e, st, pod)
	}
}

func (k *Kubelet) current(key, uid string) (*api.Pod, *podState, bool) {
	st := k.pods[key]
	if st == nil || st.uid != uid {
		return nil, nil, false
	}
	ns, name, _ := strings.Cut(key, "/")
	o, ok := k.api.Get("Pod", ns, name)
	if !ok || o.Meta().UID != uid {
		return nil, nil, false
	}
	return o.(*api.Pod), st, true
}

func (k *Kubelet) containerCreating(e *sim.Engine, pod *api.Pod) {
	next := new(api.Pod)
	*next = *pod // its status is made anew below; the rest is shared
	next.Status.HostIP = k.hostIP
	next.Status.HostIPs = []api.HostIP{{IP: k.hostIP}}
	next.Status.StartTime = ptr(api.At(e.Now()))
	next.Status.Conditions = k.creatingConditions(pod, e.Now())
	next.Status.ContainerStatuses = nil
	for _, c := range pod.Spec.Containers {
		next.Status.ContainerStatuses = append(next.Status.ContainerStatuses, api.ContainerStatus{
			Name: c.Name, Image: c.Image, Started: no,
			State: api.ContainerState{Waiting: containerCreating},
		})
	}
	if _, err := k.api.UpdateStatus(next); err == nil {
		for i := range pod.Spec.Containers {
			k.api.EventPulling(pod, &pod.Spec.Containers[i])
		}
		e.Emit("pod.creating", k.node+": creating the sandbox and containers of "+pod.Namespace+"/"+pod.Name, nil)
	}
}

func (k *Kubelet) start(e *sim.Engine, key, uid string) {
	pod, st, ok := k.current(key, uid)
	if !ok || st.terminating || st.started {
		return
	}
	ip, err := k.ipam.allocate()
	if err != nil {
		e.Emit("pod.failed", fmt.Sprintf("%s: failed to set up the sandbox of %s: %v", k.node, key, err), nil)
		return
	}
	k.runContainers(e, st, pod, ip)
	next := statusCopy(pod, 0)
	next.Status.Phase = "Running"
	podIP := ip.String()
	next.Status.PodIP = podIP
	next.Status.PodIPs = []api.PodIP{{IP: podIP}}
	setCond(next, "PodReadyToStartContainers", "True", e.Now())
	for i := range next.Status.ContainerStatuses {
		cs := &next.Status.ContainerStatuses[i]
		cs.State = api.ContainerState{Running: &api.ContainerStateRunning{StartedAt: api.At(e.Now())}}
		cs.Started = yes
		cs.ContainerID = hex64("containerd://", k.ids.Uint64())
		cs.ImageID = hex64(k.imagePrefix(cs.Image), k.ids.Uint64())
		if i < len(pod.Spec.Containers) { // the statuses follow the containers
			cs.VolumeMounts = api.MountStatuses(pod.Spec.Containers[i].VolumeMounts)
		}
	}
	probes := hasReadinessProbe(pod)
	if !probes {
		k.markReady(next, e.Now())
		st.ready = true
	}
	if _, err := k.api.UpdateStatus(next); err != nil {
		return
	}
	for i := range pod.Spec.Containers {
		c := &pod.Spec.Containers[i]
		k.api.EventPulled(pod, c, k.params.PodStartDelay) // pulled while the sandbox was made
		k.api.EventContainerStarted(pod, c.Name)
	}
	e.Emit("pod.started", k.node+": started "+key+" with IP "+podIP+readyNote(probes), nil)
	k.startProbing(e, st, pod)
}

func (k *Kubelet) startProbing(e *sim.Engine, st *podState, pod *api.Pod) {
	if pr := firstProbe(pod); pr != nil {
		delay := time.Duration(pr.InitialDelaySeconds) * time.Second
		st.probeEvent = e.Schedule(delay, k.id, probe{st.key, st.uid})
	}
}

// runContainers creates the pod's network namespace with ip and starts
// its programs listening.
func (k *Kubelet) runContainers(e *sim.Engine, st *podState, pod *api.Pod, ip netip.Addr) {
	key := st.key
	st.started = true
	st.ns = k.net.AddPod(k.host, ip, key)
	env := apps.Env{Pod: key, Hostname: pod.Name, Random: func(n int) int { return e.Rand("app/" + key).IntN(n) }}
	for _, c := range pod.Spec.Containers {
		im := k.images.Lookup(c.Image)
		st.image = append(st.image, im)
		cenv := env
		cenv.Vars = nil // read only: none without env vars
		if len(c.Env) > 0 {
			cenv.Vars = make(map[string]string, len(c.Env))
		}
		for _, v := range c.Env {
			cenv.Vars[v.Name] = v.Value
		}
		for _, port := range listenPorts(im, c) {
			st.ns.Listen(network.TCP, port, handler{im: im, env: cenv})
		}
		for _, port := range im.UDPPorts {
			if im.UDPHandler != nil {
				st.ns.ListenUDP(port, udpHandler{im: im, env: cenv})
			}
		}
	}
	k.setResolver(st, pod)
}

// adopt takes over a pod that arrives already running, as from a
// `kubectl get pod -o yaml` file applied with its status: it keeps the
// pod's IP (if it belongs to this node and is free) and its conditions,
// and starts its programs without a restart.
func (k *Kubelet) adopt(e *sim.Engine, st *podState, pod *api.Pod) bool {
	if pod.Status.Phase != "Running" || pod.DeletionTimestamp != nil {
		return false
	}
	ip, err := netip.ParseAddr(pod.Status.PodIP)
	if err != nil || !k.host.PodCIDR.Contains(ip) || !k.ipam.reserve(ip) {
		return false
	}
	k.runContainers(e, st, pod, ip)
	for _, c := range pod.Status.Conditions {
		if c.Type == "Ready" && c.Status == "True" {
			st.ready = true
		}
	}
	e.Emit("pod.adopted", fmt.Sprintf("%s: %s arrived running with IP %s; its status is kept", k.node, st.key, ip), nil)
	k.startProbing(e, st, pod)
	return true
}

func readyNote(probes bool) string {
	if probes {
		return "; Ready waits for its readiness probe"
	}
	return "; no readiness probe, so it is Ready"
}

func (k *Kubelet) markReady(p *api.Pod, now time.Duration) {
	setCond(p, "ContainersReady", "True", now)
	setCond(p, "Ready", "True", now)
	for i := range p.Status.ContainerStatuses {
		p.Status.ContainerStatuses[i].Ready = true
	}
}

// listenPorts returns the ports a container's program listens on.
func listenPorts(im *apps.Image, c api.Container) []uint16 {
	if !im.UseDeclaredPorts {
		return im.Ports
	}
	var out []uint16
	for _, p := range c.Ports {
		if p.Protocol == "" || p.Protocol == "TCP" {
			out = append(out, uint16(p.ContainerPort))
		}
	}
	return out
}

type handler struct {
	im  *apps.Image
	env apps.Env
}

func (h handler) ServeHTTP(ctx *network.ServeCtx, req *network.HTTPRequest) {
	if h.im.Handler == nil {
		ctx.Respond(&network.HTTPResponse{Status: 200, Body: "ok"})
		return
	}
	h.im.Handler(h.env, ctx, req)
}

type udpHandler struct {
	im  *apps.Image
	env apps.Env
}

func (h udpHandler) ServeUDP(ctx *network.UDPCtx, payload any) { h.im.UDPHandler(h.env, ctx, payload) }

// setResolver gives a ClusterFirst pod its stub resolver: the kubelet's
// resolv.conf (cluster DNS, the namespace's search list, ndots:5) and the
// libc of its first container's image. Pods with dnsPolicy Default or
// None, and host-network pods, keep none here (the node's resolver is not
// modelled).
func (k *Kubelet) setResolver(st *podState, pod *api.Pod) {
	switch pod.Spec.DNSPolicy {
	case "", "ClusterFirst", "ClusterFirstWithHostNet":
	default:
		return
	}
	if len(k.dns.ClusterDNS) == 0 || pod.Spec.HostNetwork {
		return
	}
	libc := dns.Glibc
	if len(st.image) > 0 && st.image[0].Libc == "musl" {
		libc = dns.Musl
	}
	conf := k.resolvConf(pod.Namespace)
	st.ns.Resolver = NewPodDNS(k.net, st.ns, conf, libc)
}

// setCond sets a condition's status, moving its transition time only when
// the status changes, with no reason or message.
func setCond(p *api.Pod, typ, status string, now time.Duration) {
	setCondReason(p, typ, status, "", "", now)
}

func setCondReason(p *api.Pod, typ, status, reason, message string, now time.Duration) {
	for i := range p.Status.Conditions {
		c := &p.Status.Conditions[i]
		if c.Type == typ {
			if c.Status != status {
				c.Status, c.LastTransitionTime = status, api.At(now)
			}
			c.Reason, c.Message = reason, message
			return
		}
	}
	p.Status.Conditions = append(p.Status.Conditions, api.PodCondition{Type: typ, Status: status, LastTransitionTime: api.At(now), Reason: reason, Message: message})
}

// setNotReady sets Ready and ContainersReady to False with the reason and
// message the kubelet gives: every container is counted unready.
func setNotReady(p *api.Pod, now time.Duration) {
	msg := unreadyMessage(p)
	setCondReason(p, "Ready", "False", "ContainersNotReady", msg, now)
	setCondReason(p, "ContainersReady", "False", "ContainersNotReady", msg, now)
}

// unreadyMessage is "containers with unready status: [web sidecar]".
func unreadyMessage(p *api.Pod) string {
	var b strings.Builder
	b.WriteString("containers with unready status: [")
	for i, c := range p.Spec.Containers {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.Name)
	}
	b.WriteByte(']')
	return b.String()
}

// unreadyMessage is unreadyMessage, cached for one-container pods.
func (k *Kubelet) unreadyMessage(p *api.Pod) string {
	if len(p.Spec.Containers) != 1 {
		return unreadyMessage(p)
	}
	name := p.Spec.Containers[0].Name
	if m, ok := k.unready[name]; ok {
		return m
	}
	m := unreadyMessage(p)
	if k.unready == nil {
		k.unready = map[string]string{}
	}
	k.unready[name] = m
	return m
}

// creatingConditions returns a new pod's conditions as the kubelet first
// reports them, in its order (generateAPIPodStatus): the conditions it
// does not own, then PodReadyToStartContainers, Initialized, Ready,
// ContainersReady and last PodScheduled, kept as the scheduler set it.
func (k *Kubelet) creatingConditions(pod *api.Pod, now time.Duration) []api.PodCondition {
	at := api.At(now)
	msg := k.unreadyMessage(pod)
	scheduled := api.PodCondition{Type: "PodScheduled", Status: "True", LastTransitionTime: at}
	out := make([]api.PodCondition, 0, len(pod.Status.Conditions)+4)
	for _, c := range pod.Status.Conditions {
		switch c.Type {
		case "PodScheduled":
			scheduled = c
		case "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady":
		default:
			out = append(out, c)
		}
	}
	return append(out,
		api.PodCondition{Type: "PodReadyToStartContainers", Status: "False", LastTransitionTime: at},
		api.PodCondition{Type: "Initialized", Status: "True", LastTransitionTime: at},
		api.PodCondition{Type: "Ready", Status: "False", LastTransitionTime: at, Reason: "ContainersNotReady", Message: msg},
		api.PodCondition{Type: "ContainersReady", Status: "False", LastTransitionTime: at, Reason: "ContainersNotReady", Message: msg},
		scheduled)
}

func ptr[T any](v T) *T { return &v }

// Values every pod's status points to: one of each for all pods, as
// nothing changes a stored object in place.
var (
	yes               = ptr(true)
	no                = ptr(false)
	containerCreating = &api.ContainerStateWaiting{Reason: "ContainerCreating"}
)

// ipam is the host-local IPAM plugin's allocator for one node: addresses
// from the pod CIDR in order, starting after the gateway (.1), skipping
// those in use, and continuing after the last one handed out, so a
// replaced pod gets a new address.
type ipam struct {
	cidr netip.Prefix
	last netip.Addr
	used map[netip.Addr]bool
}

func newIPAM(cidr netip.Prefix) *ipam {
	return &ipam{cidr: cidr, last: cidr.Addr().Next(), used: map[netip.Addr]bool{}}
}

func (a *ipam) allocate() (netip.Addr, error) {
	ip := a.last
	for i := 0; i < 1<<16; i++ {
		ip = ip.Next()
		if !a.cidr.Contains(ip) || isBroadcast(a.cidr, ip) {
			ip = a.cidr.Addr().Next().Next() // wrap to .2
		}
		if !a.used[ip] {
			a.used[ip] = true
			a.last = ip
			return ip, nil
		}
	}
	return netip.Addr{}, fmt.Errorf("failed to allocate for range 0: no IP addresses available in range set: %s", a.cidr)
}

func isBroadcast(cidr netip.Prefix, ip netip.Addr) bool {
	return !cidr.Contains(ip.Next())
}

func (a *ipam) release(ip netip.Addr) { delete(a.used, ip) }

// reserve marks a given address used; false if it already is.
func (a *ipam) reserve(ip netip.Addr) bool {
	if a.used[ip] || !a.cidr.Contains(ip) {
		return false
	}
	a.used[ip] = true
	return true
}

// statusCopy returns a copy of a stored pod whose status the kubelet may
// change: the conditions (with room for more new ones) and container
// statuses are copied, the rest (spec, labels) is shared, since stored
// objects are never changed in place.
func statusCopy(p *api.Pod, more int) *api.Pod {
	c := *p
	if n := len(p.Status.Conditions) + more; n > 0 {
		c.Status.Conditions = append(make([]api.PodCondition, 0, n), p.Status.Conditions...)
	}
	c.Status.ContainerStatuses = append([]api.ContainerStatus(nil), p.Status.ContainerStatuses...)
	return &c
}

// imagePrefix returns "docker.io/<repository>@sha256:" for an image
// reference, made once per image.
func (k *Kubelet) imagePrefix(image string) string {
	if p, ok := k.imageIDs[image]; ok {
		return p
	}
	p := "docker.io/" + apps.Repository(image) + "@sha256:"
	if k.imageIDs == nil {
		k.imageIDs = map[string]string{}
	}
	k.imageIDs[image] = p
	return p
}

// hex64 returns prefix followed by v as %064x prints it: 48 zeros, then
// its 16 hex digits.
func hex64(prefix string, v uint64) string {
	const digits = "0123456789abcdef"
	var hex [64]byte
	for i := range hex {
		hex[i] = '0'
	}
	for i := 63; v != 0; i-- {
		hex[i] = digits[v&0xf]
		v >>= 4
	}
	var b strings.Builder // one allocation for prefix and digits
	b.Grow(len(prefix) + len(hex))
	b.WriteString(prefix)
	b.Write(hex[:])
	return b.String()
}
