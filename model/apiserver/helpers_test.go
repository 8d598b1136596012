package apiserver

import (
	"testing"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/sim"
)

// newServer returns a server on a fresh engine with the namespaces
// "default" and "other".
func newServer(t testing.TB, seed uint64) (*Server, *sim.Engine) {
	t.Helper()
	e := sim.New(seed)
	s := New(e, DefaultConfig())
	for _, ns := range []string{"default", "other"} {
		if _, err := s.Create(&api.Namespace{ObjectMeta: api.ObjectMeta{Name: ns}}); err != nil {
			t.Fatalf("Create(namespace %s) error = %v", ns, err)
		}
	}
	return s, e
}

func svc(name string, mod func(*api.Service)) *api.Service {
	o := &api.Service{
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"},
		Spec: api.ServiceSpec{
			Selector: map[string]string{"app": "web"},
			Ports:    []api.ServicePort{{Port: 80, TargetPort: api.FromInt(8080)}},
		},
	}
	if mod != nil {
		mod(o)
	}
	return o
}

func pod(name string, mod func(*api.Pod)) *api.Pod {
	o := &api.Pod{
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": "web"}},
		Spec:       api.PodSpec{Containers: []api.Container{{Name: "web", Image: "nginx:1.27"}}},
	}
	if mod != nil {
		mod(o)
	}
	return o
}

func ptrTo[T any](v T) *T { return &v }

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// recorder is a test component that keeps the watch events it receives.
type recorder struct {
	name   string
	events []WatchEvent
	at     []int64
}

func (r *recorder) Name() string { return r.name }

func (r *recorder) Handle(e *sim.Engine, ev sim.Event) {
	r.events = append(r.events, ev.Payload.(WatchEvent))
	r.at = append(r.at, int64(e.Now()))
}
