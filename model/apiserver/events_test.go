package apiserver

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
)

// TestEventLog: each recorder call is one occurrence about the stored
// object, with the component's words; the log keeps them in order across
// its blocks.
func TestEventLog(t *testing.T) {
	s, _ := newServer(t, 1)
	o, err := s.Create(pod("web", nil))
	if err != nil {
		t.Fatal(err)
	}
	p := o.(*api.Pod)
	svc, err := s.Create(svc("web", nil))
	if err != nil {
		t.Fatal(err)
	}
	s.EventScheduled(p, "node-1")
	s.EventReadinessFailed(p, "HTTP probe failed with statuscode: 503")
	s.Event(svc, false, "IPAllocated", "metallb-controller", `Assigned IP ["192.168.49.240"]`)
	for i := 0; i < eventBlock; i++ { // fill past a block
		s.EventKilling(p, "web")
	}
	var got []string
	s.Events().All(func(e *Event) {
		if len(got) < 4 {
			got = append(got, e.Type()+" "+e.Reason()+" "+e.From()+" "+e.Kind()+"/"+e.Namespace()+"/"+e.Name()+": "+e.Message())
		}
		if e.UID() == "" {
			t.Errorf("event without the object's UID: %+v", e)
		}
	})
	want := []string{
		"Normal Scheduled default-scheduler Pod/default/web: Successfully assigned default/web to node-1",
		"Warning Unhealthy kubelet Pod/default/web: Readiness probe failed: HTTP probe failed with statuscode: 503",
		`Normal IPAllocated metallb-controller Service/default/web: Assigned IP ["192.168.49.240"]`,
		"Normal Killing kubelet Pod/default/web: Stopping container web",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	n := 0
	s.Events().All(func(*Event) { n++ })
	if n != 3+eventBlock {
		t.Errorf("%d events, want %d", n, 3+eventBlock)
	}
}
