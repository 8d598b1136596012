package apiserver

import (
	"strconv"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// Event is one occurrence of a core/v1 Event, as a component's event
// recorder reports it about an object: what `kubectl describe` lists
// under Events and `kubectl get events` prints. Occurrences with the
// same object, type, reason, source and message are one Event whose
// count grows, as the recorder's correlator makes them.
//
// The log is append-only and stamped with virtual time (the events up to
// any past moment are those stamped before it), so nothing is recorded
// in the engine's store. Events are kept for the whole run (a real server
// keeps them an hour). An occurrence takes 56 bytes: the object is its
// stored metadata, the kind of event a shared description, and the
// message is made when read, from the event's argument.
type Event struct {
	At   time.Duration
	meta *api.ObjectMeta // the involved object's
	info *eventInfo      // type, reason, source and message form
	arg  string
	nums [2]int32
	kind uint8 // index in eventKinds
}

// eventInfo is one kind of event: its type, reason and source, and how
// its message is made from the event's argument (the argument itself
// when message is nil).
type eventInfo struct {
	typ, reason, from string
	message           func(e *Event) string
}

func scaledMessage(e *Event) string {
	dir := "up"
	if e.nums[1] < e.nums[0] {
		dir = "down"
	}
	return "Scaled " + dir + " replica set " + e.arg + " from " + strconv.Itoa(int(e.nums[0])) + " to " + strconv.Itoa(int(e.nums[1]))
}

var (
	evScheduled = &eventInfo{"Normal", "Scheduled", "default-scheduler", func(e *Event) string {
		return "Successfully assigned " + e.meta.Namespace + "/" + e.meta.Name + " to " + e.arg
	}}
	evFailedScheduling = &eventInfo{"Warning", "FailedScheduling", "default-scheduler", nil}
	evImagePresent     = &eventInfo{"Normal", "Pulled", "kubelet", func(e *Event) string {
		return `Container image "` + e.arg + `" already present on machine`
	}}
	evPulling = &eventInfo{"Normal", "Pulling", "kubelet", func(e *Event) string { return `Pulling image "` + e.arg + `"` }}
	evPulled  = &eventInfo{"Normal", "Pulled", "kubelet", func(e *Event) string {
		d := (time.Duration(e.nums[0]) * time.Millisecond).String()
		return `Successfully pulled image "` + e.arg + `" in ` + d + " (" + d + " including waiting)"
	}}
	evCreated         = &eventInfo{"Normal", "Created", "kubelet", func(e *Event) string { return "Created container: " + e.arg }}
	evStarted         = &eventInfo{"Normal", "Started", "kubelet", func(e *Event) string { return "Started container " + e.arg }}
	evKilling         = &eventInfo{"Normal", "Killing", "kubelet", func(e *Event) string { return "Stopping container " + e.arg }}
	evReadinessFailed = &eventInfo{"Warning", "Unhealthy", "kubelet", func(e *Event) string { return "Readiness probe failed: " + e.arg }}
	createdPod        = func(e *Event) string { return "Created pod: " + e.arg }
	deletedPod        = func(e *Event) string { return "Deleted pod: " + e.arg }
	evRSCreatedPod    = &eventInfo{"Normal", "SuccessfulCreate", "replicaset-controller", createdPod}
	evRSDeletedPod    = &eventInfo{"Normal", "SuccessfulDelete", "replicaset-controller", deletedPod}
	evRCCreatedPod    = &eventInfo{"Normal", "SuccessfulCreate", "replication-controller", createdPod}
	evRCDeletedPod    = &eventInfo{"Normal", "SuccessfulDelete", "replication-controller", deletedPod}
	evScaled          = &eventInfo{"Normal", "ScalingReplicaSet", "deployment-controller", scaledMessage}
)

// eventKinds are the kinds events are about.
var eventKinds = [...]string{"Pod", "ReplicaSet", "ReplicationController", "Deployment", "Service", "Node"}

func eventKind(o api.Object) uint8 {
	k := api.KindOf(o).Kind
	for i, n := range eventKinds {
		if n == k {
			return uint8(i)
		}
	}
	panic("apiserver: no events about " + k)
}

// The involved object and what happened to it.
func (e *Event) Kind() string   { return eventKinds[e.kind] }
func (e *Event) Name() string   { return e.meta.Name }
func (e *Event) UID() string    { return e.meta.UID }
func (e *Event) Type() string   { return e.info.typ }
func (e *Event) Reason() string { return e.info.reason }
func (e *Event) From() string   { return e.info.from }

// Namespace is the Event's: its object's, or default for a node's.
func (e *Event) Namespace() string {
	if e.meta.Namespace == "" {
		return "default"
	}
	return e.meta.Namespace
}

// Message returns the event's message as the component words it.
func (e *Event) Message() string {
	if e.info.message == nil {
		return e.arg
	}
	return e.info.message(e)
}

// eventBlock is how many events a block of the log holds: the log grows
// by blocks, never copying what it holds.
const eventBlock = 1024

// EventLog is the events recorded so far, in the order they happened.
type EventLog struct {
	blocks [][]Event
	infos  map[[3]string]*eventInfo // of Event's free-form events
}

func (l *EventLog) add(e Event) {
	if n := len(l.blocks); n == 0 || len(l.blocks[n-1]) == eventBlock {
		l.blocks = append(l.blocks, make([]Event, 0, eventBlock))
	}
	b := &l.blocks[len(l.blocks)-1]
	*b = append(*b, e)
}

// All calls f with every event, oldest first.
func (l *EventLog) All(f func(*Event)) {
	for _, b := range l.blocks {
		for i := range b {
			f(&b[i])
		}
	}
}

// Events returns the log of the events recorded so far.
func (s *Server) Events() *EventLog { return &s.events }

func (s *Server) event(o api.Object, info *eventInfo, arg string, n0, n1 int32) {
	s.events.add(Event{At: s.e.Now(), meta: o.Meta(), info: info, kind: eventKind(o), arg: arg, nums: [2]int32{n0, n1}})
}

// Event records an event in the component's own words (MetalLB's,
// the service controller's), for a kind of event only it reports.
func (s *Server) Event(o api.Object, warning bool, reason, from, message string) {
	typ := "Normal"
	if warning {
		typ = "Warning"
	}
	key := [3]string{typ, reason, from}
	info := s.events.infos[key]
	if info == nil {
		if s.events.infos == nil {
			s.events.infos = map[[3]string]*eventInfo{}
		}
		info = &eventInfo{typ: typ, reason: reason, from: from}
		s.events.infos[key] = info
	}
	s.event(o, info, message, 0, 0)
}

// The events the components record, in their own words. Each takes the
// object it is about, as stored.

// EventScheduled is the scheduler's "Successfully assigned ... to NODE".
func (s *Server) EventScheduled(pod *api.Pod, node string) {
	s.event(pod, evScheduled, node, 0, 0)
}

// EventFailedScheduling is the scheduler's warning for a pod no node
// can take, with the reasons.
func (s *Server) EventFailedScheduling(pod *api.Pod, why string) {
	s.event(pod, evFailedScheduling, why, 0, 0)
}

// EventPulled is the kubelet's image event for a container it starts:
// "already present on machine" for IfNotPresent and Never, Successfully
// pulled (taking took, after EventPulling) for Always. svcsim does not
// know image sizes, so that message stops before "Image size: N bytes".
func (s *Server) EventPulled(pod *api.Pod, c *api.Container, took time.Duration) {
	if c.ImagePullPolicy != "Always" {
		s.event(pod, evImagePresent, c.Image, 0, 0)
		return
	}
	s.event(pod, evPulled, c.Image, int32(took/time.Millisecond), 0)
}

// EventPulling is the kubelet's "Pulling image" for an Always image.
func (s *Server) EventPulling(pod *api.Pod, c *api.Container) {
	if c.ImagePullPolicy == "Always" {
		s.event(pod, evPulling, c.Image, 0, 0)
	}
}

// EventContainerStarted records the kubelet's Created and Started.
func (s *Server) EventContainerStarted(pod *api.Pod, container string) {
	s.event(pod, evCreated, container, 0, 0)
	s.event(pod, evStarted, container, 0, 0)
}

// EventKilling is the kubelet's "Stopping container".
func (s *Server) EventKilling(pod *api.Pod, container string) {
	s.event(pod, evKilling, container, 0, 0)
}

// EventReadinessFailed is the kubelet's Unhealthy warning for a failed
// readiness probe, with the probe's output.
func (s *Server) EventReadinessFailed(pod *api.Pod, output string) {
	s.event(pod, evReadinessFailed, output, 0, 0)
}

// EventPodCreated and EventPodDeleted are a ReplicaSet's or
// ReplicationController's SuccessfulCreate and SuccessfulDelete.
func (s *Server) EventPodCreated(owner api.Object, pod string) {
	if _, rc := owner.(*api.ReplicationController); rc {
		s.event(owner, evRCCreatedPod, pod, 0, 0)
		return
	}
	s.event(owner, evRSCreatedPod, pod, 0, 0)
}

func (s *Server) EventPodDeleted(owner api.Object, pod string) {
	if _, rc := owner.(*api.ReplicationController); rc {
		s.event(owner, evRCDeletedPod, pod, 0, 0)
		return
	}
	s.event(owner, evRSDeletedPod, pod, 0, 0)
}

// EventScaled is the deployment controller's ScalingReplicaSet.
func (s *Server) EventScaled(d *api.Deployment, rs string, from, to int32) {
	s.event(d, evScaled, rs, from, to)
}
