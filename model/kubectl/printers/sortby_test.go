package printers

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
)

func TestSortBy(t *testing.T) {
	pod := func(name, ip string, restarts int32) api.Object {
		p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: name}, Status: api.PodStatus{PodIP: ip}}
		if restarts >= 0 {
			p.Status.ContainerStatuses = []api.ContainerStatus{{Name: "c", RestartCount: restarts}}
		}
		return p
	}
	names := func(objs []api.Object) []string {
		var out []string
		for _, o := range objs {
			out = append(out, o.Meta().Name)
		}
		return out
	}
	tests := []struct {
		name, expr string
		want       []string
		wantErr    string
	}{
		{"text, as kubectl compares IPs", ".status.podIP", []string{"c", "b", "a"}, ""},
		{"numbers by value, missing first", "{.status.containerStatuses[0].restartCount}", []string{"c", "b", "a"}, ""},
		{"relaxed path", "metadata.name", []string{"a", "b", "c"}, ""},
		{"no object has it", ".spec.nope", nil, `couldn't find any field with path "{.spec.nope}" in the list of objects`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			objs := []api.Object{pod("a", "10.244.2.5", 10), pod("b", "10.244.2.10", 9), pod("c", "10.244.10.1", -1)}
			err := SortBy(objs, tc.expr)
			if got := errText(err); got != tc.wantErr {
				t.Fatalf("SortBy() error = %q, want %q", got, tc.wantErr)
			}
			if err == nil {
				if diff := cmp.Diff(tc.want, names(objs)); diff != "" {
					t.Errorf("order (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
