package kernel

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/api"
)

// fakeObjects is an Objects over a fixed list.
type fakeObjects []api.Object

func (f fakeObjects) Get(kind, ns, name string) (api.Object, bool) {
	for _, o := range f {
		if api.KindOf(o).Kind == kind && o.Meta().Namespace == ns && o.Meta().Name == name {
			return o, true
		}
	}
	return nil, false
}

func (f fakeObjects) List(kind, ns string) []api.Object {
	var out []api.Object
	for _, o := range f {
		if api.KindOf(o).Kind == kind && o.Meta().Namespace == ns {
			out = append(out, o)
		}
	}
	return out
}

func TestSelectorCauses(t *testing.T) {
	svc := func(sel map[string]string) *api.Service {
		return &api.Service{ObjectMeta: api.ObjectMeta{Name: "numbers-api", Namespace: "default"}, Spec: api.ServiceSpec{Selector: sel}}
	}
	pod := func(name string, labels map[string]string) *api.Pod {
		return &api.Pod{ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default", Labels: labels}}
	}
	pods := []api.Object{pod("numbers-api-1", map[string]string{"app": "numbers-api"}), pod("sleep-1", map[string]string{"app": "sleep"})}
	tests := []struct {
		name string
		objs fakeObjects
		want []string
	}{
		{"selector typo", append(fakeObjects{svc(map[string]string{"app": "numbres-api"})}, pods...), []string{
			"because selector app=numbres-api matches no pod in default",
			"the nearest existing label is app=numbers-api (edit distance 2 from app=numbres-api)",
		}},
		{"pods match but none ready", append(fakeObjects{svc(map[string]string{"app": "numbers-api"})}, pods...), []string{
			"its selector app=numbers-api matches 1 pod(s) in default, but none is ready",
		}},
		{"no selector", fakeObjects{svc(nil)}, []string{"it has no selector: its Endpoints are written by hand and list none"}},
		{"no such Service", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := selectorCauses(tc.objs, "default/numbers-api:http")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("selectorCauses() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"app=numbres-api", "app=numbers-api", 2}, {"kitten", "sitting", 3}, {"abc", "", 3}} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestCommentOf(t *testing.T) {
	for _, tc := range []struct{ rule, want string }{
		{`-A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment "default/broken:http has no endpoints" -m tcp --dport 80 -j REJECT`, "default/broken:http has no endpoints"},
		{`-A X -m comment --comment plain -j ACCEPT`, "plain"},
		{`-A X -j ACCEPT`, ""},
	} {
		if got := commentOf(tc.rule); got != tc.want {
			t.Errorf("commentOf(%q) = %q, want %q", tc.rule, got, tc.want)
		}
	}
}
