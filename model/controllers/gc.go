package controllers

import (
	"fmt"
	"time"

	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// GarbageCollector deletes objects whose owner is gone (background
// cascading deletion): the ReplicaSets of a deleted Deployment, the pods
// of a deleted ReplicaSet, the EndpointSlices of a deleted Service. It
// hears only of deletions and finds the dependents with the API server's
// owner index.
type GarbageCollector struct {
	api   *apiserver.Server
	id    sim.ComponentID
	queue workQueue
}

// dependentKinds are the kinds that name owners svcsim deletes.
var dependentKinds = []string{"ReplicaSet", "Pod", "EndpointSlice", "Endpoints"}

// NewGarbageCollector returns the garbage collector.
func NewGarbageCollector(s *apiserver.Server, delay time.Duration) *GarbageCollector {
	return &GarbageCollector{api: s, queue: newWorkQueue(delay)}
}

// Name returns the controller's name in the trace.
func (c *GarbageCollector) Name() string { return "garbage-collector" }

// Start registers the collector's watch on deletions.
func (c *GarbageCollector) Start(e *sim.Engine, id sim.ComponentID) {
	c.id = id
	c.api.Watch(id, apiserver.WatchFilter{
		Kinds: []string{"Deployment", "ReplicaSet", "ReplicationController", "Service", "Endpoints"},
		Wants: func(ev apiserver.WatchEvent) bool { return ev.Type == apiserver.Deleted },
	})
}

// Handle queues the dependents of deleted owners and deletes them.
func (c *GarbageCollector) Handle(e *sim.Engine, ev sim.Event) {
	if w, ok := isWatch(ev); ok {
		m := w.Object.Meta()
		for _, kind := range dependentKinds {
			for _, dep := range c.api.ListOwnedBy(kind, m.Namespace, m.UID) {
				c.queue.add(e, c.id, kind+"/"+m.Namespace+"/"+dep.Meta().Name)
			}
		}
		return
	}
	for _, key := range c.queue.drain() {
		c.collect(e, key)
	}
}

func (c *GarbageCollector) collect(e *sim.Engine, key string) {
	parts := splitN(key, 3)
	kind, ns, name := parts[0], parts[1], parts[2]
	o, ok := c.api.Get(kind, ns, name)
	if !ok {
		return
	}
	for _, ref := range o.Meta().OwnerReferences {
		if owner, exists := c.api.Get(ref.Kind, ns, ref.Name); exists && owner.Meta().UID == ref.UID {
			return // an owner is still there
		}
	}
	if err := c.api.Delete(kind, ns, name, apiserver.DeleteOptions{}); err == nil {
		e.Emit("gc.deleted", fmt.Sprintf("deleted %s %s/%s: its owner is gone", kind, ns, name), nil)
	}
}

func splitN(key string, n int) []string {
	out := make([]string, 0, n)
	start := 0
	for i := 0; i < len(key) && len(out) < n-1; i++ {
		if key[i] == '/' {
			out = append(out, key[start:i])
			start = i + 1
		}
	}
	return append(out, key[start:])
}
