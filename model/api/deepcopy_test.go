package api

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func fullPod() *Pod {
	t := true
	g := int64(30)
	at := At(5)
	prio := int32(7)
	return &Pod{
		TypeMeta: TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: ObjectMeta{Name: "p", Namespace: "default", Labels: map[string]string{"app": "x"},
			Annotations: map[string]string{"a": "b"}, DeletionTimestamp: &at, DeletionGracePeriodSeconds: &g,
			OwnerReferences: []OwnerReference{{Name: "rs", Controller: &t}}, Finalizers: []string{"f"},
			ManagedFields: OpaqueOf([]any{map[string]any{"manager": "kubectl"}})},
		Spec: PodSpec{
			Containers: []Container{{Name: "c", Image: "i", Command: []string{"sleep"}, Args: []string{"1"},
				Ports: []ContainerPort{{ContainerPort: 80}}, Env: []EnvVar{{Name: "A", Value: "1"}},
				ReadinessProbe: &Probe{HTTPGet: &HTTPGetAction{Path: "/", Port: FromInt(80)}, Exec: &ExecAction{Command: []string{"true"}}}}},
			NodeSelector: map[string]string{"k": "v"}, TerminationGracePeriodSeconds: &g,
			PodSpecExtra: &PodSpecExtra{Priority: &prio, ActiveDeadlineSeconds: &g, HostPID: true,
				Tolerations: OpaqueOf([]any{map[string]any{"operator": "Exists"}})},
		},
		Status: PodStatus{Conditions: []PodCondition{{Type: "Ready", Status: "True"}}, PodIPs: []PodIP{{IP: "10.0.0.1"}},
			StartTime: &at, ContainerStatuses: []ContainerStatus{{Name: "c", Started: &t,
				State: ContainerState{Running: &ContainerStateRunning{StartedAt: at}}}},
			PodStatusExtra: &PodStatusExtra{NominatedNodeName: "n", ObservedGeneration: 2}},
	}
}

// TestDeepCopyPodMatchesReflection checks the hand-written Pod copy
// against the reflective one and that it shares nothing but Opaque
// values.
func TestDeepCopyPodMatchesReflection(t *testing.T) {
	p := fullPod()
	fast := deepCopyPod(p)
	slow := deepCopyValue(reflect.ValueOf(p)).Interface().(*Pod)
	if diff := cmp.Diff(slow, fast); diff != "" {
		t.Fatalf("deepCopyPod differs from the reflective copy (-reflect +fast):\n%s", diff)
	}
	fast.Labels["app"] = "changed"
	fast.Spec.Containers[0].Ports[0].ContainerPort = 1
	fast.Spec.Containers[0].ReadinessProbe.HTTPGet.Path = "/x"
	fast.Spec.Containers[0].ReadinessProbe.Exec.Command[0] = "false"
	fast.Status.Conditions[0].Status = "False"
	fast.Status.ContainerStatuses[0].State.Running.StartedAt = At(9)
	*fast.DeletionTimestamp = At(9)
	*fast.OwnerReferences[0].Controller = false
	*fast.Spec.Priority = 8
	fast.Spec.HostPID = false
	fast.Status.NominatedNodeName = "m"
	if diff := cmp.Diff(fullPod(), p); diff != "" {
		t.Errorf("changing the copy changed the original (-want +got):\n%s", diff)
	}
}

func TestDeepCopyOtherKinds(t *testing.T) {
	r := int32(2)
	d := &Deployment{ObjectMeta: ObjectMeta{Name: "d", Labels: map[string]string{"a": "b"}}, Spec: DeploymentSpec{Replicas: &r,
		Selector: &LabelSelector{MatchLabels: map[string]string{"a": "b"}}}}
	c := DeepCopy(d)
	*c.Spec.Replicas = 5
	c.Spec.Selector.MatchLabels["a"] = "x"
	if *d.Spec.Replicas != 2 || d.Spec.Selector.MatchLabels["a"] != "b" {
		t.Errorf("DeepCopy(deployment) shares memory with the original: %+v", d.Spec)
	}
}

// TestDeepCopyAppsMatchesReflection checks the hand-written ReplicaSet and
// Deployment copies against the reflective one, and that changing a
// copy leaves the original alone.
func TestDeepCopyAppsMatchesReflection(t *testing.T) {
	p := fullPod()
	n, m := int32(3), int32(4)
	sel := func() *LabelSelector {
		return &LabelSelector{MatchLabels: map[string]string{"a": "b"},
			MatchExpressions: []LabelSelectorRequirement{{Key: "k", Operator: "In", Values: []string{"v"}}}}
	}
	tmpl := PodTemplateSpec{ObjectMeta: p.ObjectMeta, Spec: p.Spec}
	objs := []Object{
		&ReplicaSet{ObjectMeta: p.ObjectMeta, Spec: ReplicaSetSpec{Replicas: &n, Selector: sel(), Template: tmpl},
			Status: ReplicaSetStatus{Replicas: 2, TerminatingReplicas: &m, Conditions: OpaqueOf([]any{"c"})}},
		&Deployment{ObjectMeta: p.ObjectMeta, Spec: DeploymentSpec{Replicas: &n, Selector: sel(), Template: tmpl,
			Strategy: OpaqueOf(map[string]any{"type": "Recreate"}), RevisionHistoryLimit: &m, ProgressDeadlineSeconds: &m},
			Status: DeploymentStatus{Replicas: 2, TerminatingReplicas: &m, CollisionCount: &n,
				Conditions: []DeploymentCondition{{Type: "Available", Status: "True", LastUpdateTime: At(3)}}}},
	}
	for _, o := range objs {
		t.Run(KindOf(o).Kind, func(t *testing.T) {
			fast := DeepCopy(o)
			slow := deepCopyValue(reflect.ValueOf(o)).Interface().(Object)
			if diff := cmp.Diff(slow, fast); diff != "" {
				t.Fatalf("DeepCopy differs from the reflective copy (-reflect +fast):\n%s", diff)
			}
			before := deepCopyValue(reflect.ValueOf(o)).Interface().(Object)
			mutate(reflect.ValueOf(fast))
			if diff := cmp.Diff(before, o); diff != "" {
				t.Errorf("changing the copy changed the original (-want +got):\n%s", diff)
			}
		})
	}
}

// mutate changes every string, number and bool reachable from v through
// pointers, slices, maps and structs (Opaque values, shared by design,
// are left alone).
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == opaqueType {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			mutate(v.Field(i))
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			mutate(v.Index(i))
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			v.SetMapIndex(iter.Key(), reflect.ValueOf(iter.Value().String()+"!"))
		}
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Int32, reflect.Int64, reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	}
}

// TestPodFromTemplate checks that the pod made from a template is the
// DeepCopy of the pod with its metadata and spec, and shares nothing
// with the template but its labels map and its containers.
func TestPodFromTemplate(t *testing.T) {
	p := fullPod()
	tmpl := &PodTemplateSpec{ObjectMeta: p.ObjectMeta, Spec: p.Spec}
	got := PodFromTemplate(tmpl)
	want := DeepCopy(&Pod{ObjectMeta: tmpl.ObjectMeta, Spec: tmpl.Spec})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("PodFromTemplate differs from DeepCopy (-want +got):\n%s", diff)
	}
	if reflect.ValueOf(got.Labels).UnsafePointer() != reflect.ValueOf(tmpl.Labels).UnsafePointer() {
		t.Errorf("got a copy of the template's labels, want = the template's map")
	}
	if &got.Spec.Containers[0] != &tmpl.Spec.Containers[0] {
		t.Errorf("got a copy of the template's containers, want = the template's")
	}
	before := deepCopyValue(reflect.ValueOf(tmpl)).Interface().(*PodTemplateSpec)
	got.Labels = nil // shared by design
	got.Spec.Containers, got.Spec.InitContainers = nil, nil
	mutate(reflect.ValueOf(got))
	if diff := cmp.Diff(before, tmpl); diff != "" {
		t.Errorf("changing the pod changed the template (-want +got):\n%s", diff)
	}
}

// TestDeepCopyDiscoveryMatchesReflection checks the hand-written
// Endpoints and EndpointSlice copies against the reflective one, and
// that changing a copy leaves the original alone.
func TestDeepCopyDiscoveryMatchesReflection(t *testing.T) {
	meta := fullPod().ObjectMeta
	str := func(s string) *string { return &s }
	yes, port := true, int32(80)
	ref := func() *ObjectReference { return &ObjectReference{Kind: "Pod", Name: "p", UID: "u"} }
	ports := func() []EndpointPort {
		return []EndpointPort{{Name: str("http"), Port: &port, Protocol: str("TCP"), AppProtocol: str("h2c")}}
	}
	addr := func() []EndpointAddress {
		return []EndpointAddress{{IP: "10.0.0.1", Hostname: "h", NodeName: str("n"), TargetRef: ref()}}
	}
	objs := []Object{
		&Endpoints{ObjectMeta: meta, Subsets: []EndpointSubset{{Addresses: addr(), NotReadyAddresses: addr(), Ports: ports()}}},
		&EndpointSlice{ObjectMeta: meta, AddressType: "IPv4", Ports: ports(), Endpoints: []Endpoint{{
			Addresses: []string{"10.0.0.1"}, Conditions: EndpointConditions{Ready: &yes, Serving: &yes, Terminating: &yes},
			Hostname: str("h"), TargetRef: ref(), DeprecatedTopology: map[string]string{"a": "b"}, NodeName: str("n"),
			Zone: str("z"), Hints: OpaqueOf(map[string]any{"forZones": "a"})}}},
	}
	for _, o := range objs {
		t.Run(KindOf(o).Kind, func(t *testing.T) {
			fast := DeepCopy(o)
			slow := deepCopyValue(reflect.ValueOf(o)).Interface().(Object)
			if diff := cmp.Diff(slow, fast); diff != "" {
				t.Fatalf("DeepCopy differs from the reflective copy (-reflect +fast):\n%s", diff)
			}
			before := deepCopyValue(reflect.ValueOf(o)).Interface().(Object)
			mutate(reflect.ValueOf(fast))
			if diff := cmp.Diff(before, o); diff != "" {
				t.Errorf("changing the copy changed the original (-want +got):\n%s", diff)
			}
		})
	}
}
