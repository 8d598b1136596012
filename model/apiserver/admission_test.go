package apiserver

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/manifest"
)

// admitted is what a test reads back of a created pod: the fields the
// admission plugins fill in, in generic form.
type admitted struct {
	ServiceAccount, Deprecated string
	Priority                   int32
	Preemption                 string
	Tolerations                any
	Volumes                    any
	Mounts, InitMounts         []any
}

func readAdmitted(p *api.Pod) admitted {
	x := p.Spec.Extra()
	a := admitted{ServiceAccount: p.Spec.ServiceAccountName, Deprecated: x.DeprecatedServiceAccount,
		Preemption: x.PreemptionPolicy, Tolerations: x.Tolerations.Value(), Volumes: x.Volumes.Value()}
	if x.Priority != nil {
		a.Priority = *x.Priority
	}
	for _, c := range p.Spec.Containers {
		a.Mounts = append(a.Mounts, c.VolumeMounts.Value())
	}
	for _, c := range p.Spec.InitContainers {
		a.InitMounts = append(a.InitMounts, c.VolumeMounts.Value())
	}
	return a
}

func TestPodAdmission(t *testing.T) {
	tolerate := func(key string) map[string]any {
		return map[string]any{"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": int64(300)}
	}
	defaultTols := []any{tolerate(taintNotReady), tolerate(taintUnreachable)}
	mount := func(name string) []any {
		return []any{map[string]any{"mountPath": api.TokenMountPath, "name": name, "readOnly": true}}
	}
	// The first name the seed-1 stream draws, as the API server names it.
	s0, _ := newServer(t, 1)
	vol := s0.randomName("kube-apiserver/serviceaccount", api.TokenVolumePrefix, 5)
	volumes := api.NewServiceAccountToken(vol).Volumes().Value()
	extra := func(p *api.Pod) *api.PodSpecExtra {
		if p.Spec.PodSpecExtra == nil {
			p.Spec.PodSpecExtra = &api.PodSpecExtra{}
		}
		return p.Spec.PodSpecExtra
	}
	tests := []struct {
		name    string
		mod     func(*api.Pod)
		want    admitted
		wantErr string
	}{
		{"plain pod", nil, admitted{"default", "default", 0, "PreemptLowerPriority", defaultTols, volumes,
			[]any{mount(vol)}, nil}, ""},
		{"init containers are mounted too", func(p *api.Pod) {
			p.Spec.InitContainers = []api.Container{{Name: "init", Image: "busybox"}}
		}, admitted{"default", "default", 0, "PreemptLowerPriority", defaultTols, volumes, []any{mount(vol)}, []any{mount(vol)}}, ""},
		{"no automount", func(p *api.Pod) { extra(p).AutomountServiceAccountToken = ptrTo(false) },
			admitted{"default", "default", 0, "PreemptLowerPriority", defaultTols, nil, []any{nil}, nil}, ""},
		{"something mounted at the token path already", func(p *api.Pod) {
			p.Spec.Containers = append(p.Spec.Containers, api.Container{Name: "side", Image: "busybox",
				VolumeMounts: api.OpaqueOf([]any{map[string]any{"mountPath": api.TokenMountPath, "name": "mine"}})})
		}, admitted{"default", "default", 0, "PreemptLowerPriority", defaultTols, volumes,
			[]any{mount(vol), []any{map[string]any{"mountPath": api.TokenMountPath, "name": "mine"}}}, nil}, ""},
		{"own mounts keep theirs", func(p *api.Pod) {
			p.Spec.Containers[0].VolumeMounts = api.OpaqueOf([]any{map[string]any{"mountPath": "/data", "name": "data"}})
			extra(p).Volumes = api.OpaqueOf([]any{map[string]any{"name": "data", "emptyDir": map[string]any{}}})
		}, admitted{"default", "default", 0, "PreemptLowerPriority", defaultTols,
			append([]any{map[string]any{"name": "data", "emptyDir": map[string]any{}}}, volumes.([]any)...),
			[]any{append([]any{map[string]any{"mountPath": "/data", "name": "data"}}, mount(vol)...)}, nil}, ""},
		{"deprecated serviceAccount names the account", func(p *api.Pod) { extra(p).DeprecatedServiceAccount = "builder" },
			admitted{"builder", "builder", 0, "PreemptLowerPriority", defaultTols, volumes, []any{mount(vol)}, nil}, ""},
		{"tolerates not-ready already", func(p *api.Pod) {
			extra(p).Tolerations = api.OpaqueOf([]any{map[string]any{"key": taintNotReady, "operator": "Exists"}})
		}, admitted{"default", "default", 0, "PreemptLowerPriority",
			[]any{map[string]any{"key": taintNotReady, "operator": "Exists"}, tolerate(taintUnreachable)}, volumes, []any{mount(vol)}, nil}, ""},
		{"tolerates everything", func(p *api.Pod) {
			extra(p).Tolerations = api.OpaqueOf([]any{map[string]any{"operator": "Exists"}})
		}, admitted{"default", "default", 0, "PreemptLowerPriority",
			[]any{map[string]any{"operator": "Exists"}}, volumes, []any{mount(vol)}, nil}, ""},
		{"a NoSchedule toleration does not count", func(p *api.Pod) {
			extra(p).Tolerations = api.OpaqueOf([]any{map[string]any{"key": taintNotReady, "operator": "Exists", "effect": "NoSchedule"}})
		}, admitted{"default", "default", 0, "PreemptLowerPriority",
			[]any{map[string]any{"key": taintNotReady, "operator": "Exists", "effect": "NoSchedule"}, tolerate(taintNotReady), tolerate(taintUnreachable)},
			volumes, []any{mount(vol)}, nil}, ""},
		{"system-cluster-critical", func(p *api.Pod) { extra(p).PriorityClassName = "system-cluster-critical" },
			admitted{"default", "default", 2000000000, "PreemptLowerPriority", defaultTols, volumes, []any{mount(vol)}, nil}, ""},
		{"priority given and matching", func(p *api.Pod) { extra(p).Priority = ptrTo(int32(0)) },
			admitted{"default", "default", 0, "PreemptLowerPriority", defaultTols, volumes, []any{mount(vol)}, nil}, ""},
		{"unknown class", func(p *api.Pod) { extra(p).PriorityClassName = "high" }, admitted{},
			`pods "web" is forbidden: no PriorityClass with name high was found`},
		{"priority given and wrong", func(p *api.Pod) { extra(p).Priority = ptrTo(int32(5)) }, admitted{},
			`pods "web" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name`},
		{"preemption policy given and wrong", func(p *api.Pod) { extra(p).PreemptionPolicy = "Never" }, admitted{},
			`pods "web" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newServer(t, 1)
			o, err := s.Create(pod("web", tc.mod))
			if got := errString(err); got != tc.wantErr {
				t.Fatalf("Create() error = %q, want %q", got, tc.wantErr)
			}
			if err != nil {
				if reasonOf(err) != ReasonForbidden {
					t.Errorf("reason = %q, want Forbidden", reasonOf(err))
				}
				return
			}
			if diff := cmp.Diff(tc.want, readAdmitted(o.(*api.Pod))); diff != "" {
				t.Errorf("admitted fields (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReapplyAdmittedPod: applying a pod's own manifest again, or what
// `kubectl get pod -o yaml` printed of it, changes nothing: the fields
// admission added are kept, and their printed form equals the compact one
// stored.
func TestReapplyAdmittedPod(t *testing.T) {
	s, _ := newServer(t, 1)
	stored, err := s.Create(pod("web", nil))
	if err != nil {
		t.Fatal(err)
	}
	printed, err := manifest.EncodeYAML(stored)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := manifest.Decode("saved.yaml", printed)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		obj  api.Object
	}{{"own manifest", pod("web", nil)}, {"get -o yaml", docs[0].Object}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Update(tc.obj)
			if err != nil {
				t.Fatalf("Update() error = %v", err)
			}
			if got != stored {
				t.Errorf("Update() stored a new version, want none (unchanged):\n%s", cmp.Diff(stored, got))
			}
		})
	}
}
