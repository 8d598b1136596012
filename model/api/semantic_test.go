package api

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSemanticEqual(t *testing.T) {
	generic := func(name string) Opaque { return OpaqueOf(NewServiceAccountToken(name).Volumes().Value()) }
	compact := func(name string) Opaque { return NewServiceAccountToken(name).Volumes() }
	withVolumes := func(v Opaque) *Pod {
		return &Pod{ObjectMeta: ObjectMeta{Name: "p", Labels: map[string]string{"app": "web"}},
			Spec: PodSpec{Containers: []Container{{Name: "c"}}, PodSpecExtra: &PodSpecExtra{Volumes: v}}}
	}
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{"compact and the generic value it stands for", withVolumes(compact("kube-api-access-abcde")), withVolumes(generic("kube-api-access-abcde")), true},
		{"two compact values of the same name", withVolumes(compact("kube-api-access-abcde")), withVolumes(compact("kube-api-access-abcde")), true},
		{"compact values apart", withVolumes(compact("kube-api-access-abcde")), withVolumes(compact("kube-api-access-fghjk")), false},
		{"compact and a different generic value", withVolumes(compact("kube-api-access-abcde")), withVolumes(generic("kube-api-access-fghjk")), false},
		{"absent and present", withVolumes(Opaque{}), withVolumes(compact("kube-api-access-abcde")), false},
		{"nil and empty extra fields differ, as in reflect.DeepEqual", &PodSpec{}, &PodSpec{PodSpecExtra: &PodSpecExtra{}}, false},
		{"nil and empty labels differ", &ObjectMeta{}, &ObjectMeta{Labels: map[string]string{}}, false},
		{"different types", &Pod{}, &Service{}, false},
		{"maps by content", map[string]any{"a": []any{int64(1)}}, map[string]any{"a": []any{int64(1)}}, true},
		{"numbers keep their types", map[string]any{"a": int64(1)}, map[string]any{"a": float64(1)}, false},
		{"nil and nil", nil, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SemanticEqual(tc.a, tc.b); got != tc.want {
				t.Errorf("SemanticEqual() = %v, want %v", got, tc.want)
			}
			if got := SemanticEqual(tc.b, tc.a); got != tc.want {
				t.Errorf("SemanticEqual() swapped = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMountStatuses(t *testing.T) {
	tests := []struct {
		name   string
		mounts Opaque
		want   any
	}{
		{"none", Opaque{}, nil},
		{"the token mount", NewServiceAccountToken("kube-api-access-abcde").Mounts(), []any{map[string]any{
			"mountPath": TokenMountPath, "name": "kube-api-access-abcde", "readOnly": true, "recursiveReadOnly": "Disabled"}}},
		{"generic, read-write and read-only", OpaqueOf([]any{
			map[string]any{"mountPath": "/data", "name": "data", "subPath": "x"},
			map[string]any{"mountPath": "/conf", "name": "conf", "readOnly": true, "recursiveReadOnly": "Enabled"},
		}), []any{
			map[string]any{"mountPath": "/data", "name": "data"},
			map[string]any{"mountPath": "/conf", "name": "conf", "readOnly": true, "recursiveReadOnly": "Enabled"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, MountStatuses(tc.mounts).Value()); diff != "" {
				t.Errorf("MountStatuses() (-want +got):\n%s", diff)
			}
		})
	}
}
