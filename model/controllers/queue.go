package controllers

import (
	"sort"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// syncNow is the payload of the event that drains a controller's queue.
type syncNow struct{}

// workQueue deduplicates keys and schedules one drain after delay, like
// client-go's rate-limited work queue with a batch period.
type workQueue struct {
	delay     time.Duration
	pending   map[string]bool
	scheduled bool
}

func newWorkQueue(delay time.Duration) workQueue {
	return workQueue{delay: delay, pending: map[string]bool{}}
}

// add queues key and makes sure a drain is scheduled for component id.
func (q *workQueue) add(e *sim.Engine, id sim.ComponentID, key string) {
	q.pending[key] = true
	if !q.scheduled {
		q.scheduled = true
		e.Schedule(q.delay, id, syncNow{})
	}
}

// drain returns the queued keys sorted, so syncs happen in a stable order.
func (q *workQueue) drain() []string {
	keys := make([]string, 0, len(q.pending))
	for k := range q.pending {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	clear(q.pending)
	q.scheduled = false
	return keys
}

// isWatch tells a watch event from a controller's own drain event.
func isWatch(ev sim.Event) (apiserver.WatchEvent, bool) {
	w, ok := ev.Payload.(apiserver.WatchEvent)
	return w, ok
}

func splitKey(key string) (ns, name string) {
	for i := 0; i < len(key); i++ {
		if key[i] == '/' {
			return key[:i], key[i+1:]
		}
	}
	return "", key
}

// podChangeMatters reports whether a pod event can change what the
// replica and endpoint controllers compute (each sync reads the pods
// afresh, so a change that alters no decision needs no sync): creation
// and deletion, and changes of labels, phase, IP, readiness or deletion
// time (the node only matters once the pod has an IP, and the IP and
// node change together then). A kubelet's intermediate status updates
// (ContainerCreating) and the binding of a pod without an IP are not
// worth an event to them.
func podChangeMatters(ev apiserver.WatchEvent) bool {
	p, ok := ev.Object.(*api.Pod)
	if !ok || ev.Type != apiserver.Modified {
		return true
	}
	o := ev.Old.(*api.Pod)
	return p.Status.Phase != o.Status.Phase || p.Status.PodIP != o.Status.PodIP ||
		PodReady(p) != PodReady(o) || (p.DeletionTimestamp == nil) != (o.DeletionTimestamp == nil) ||
		!sameLabels(p.Labels, o.Labels)
}

// endpointPodChangeMatters is podChangeMatters for the endpoint
// controllers, which list only pods with an IP: a pod that has none,
// before and after the change (created, bound, deleted while pending),
// is in no Endpoints and no slice, so it is not worth an event to them.
func endpointPodChangeMatters(ev apiserver.WatchEvent) bool {
	if p, ok := ev.Object.(*api.Pod); ok && p.Status.PodIP == "" {
		if old, _ := ev.Old.(*api.Pod); old == nil || old.Status.PodIP == "" {
			return false
		}
	}
	return podChangeMatters(ev)
}

func sameLabels(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}
