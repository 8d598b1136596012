package kubectl

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
)

// TestLastAppliedConfiguration: apply records the file's own fields in
// the last-applied-configuration annotation (create does not), applying
// the same file again changes nothing, and applying over an object made
// by create warns first, as kubectl does, then adds the annotation.
func TestLastAppliedConfiguration(t *testing.T) {
	const svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n"
	const warning = "Warning: resource services/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n"
	const recorded = `{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"ports":[{"port":80}],"selector":{"app":"web"}}}` + "\n"
	annotation := func(h *harness) string {
		o, ok := h.c.API.Get("Service", "default", "web")
		if !ok {
			t.Fatal("service web not found")
		}
		return o.Meta().Annotations[lastAppliedKey]
	}
	t.Run("apply, then again", func(t *testing.T) {
		h := newHarness(t, memFiles{"svc.yaml": svc})
		if got := h.run(t, "kubectl apply -f svc.yaml").Output(); got != "service/web created\n" {
			t.Errorf("first apply = %q", got)
		}
		if diff := cmp.Diff(recorded, annotation(h)); diff != "" {
			t.Errorf("annotation (-want +got):\n%s", diff)
		}
		if got := h.run(t, "kubectl apply -f svc.yaml").Output(); got != "service/web unchanged\n" {
			t.Errorf("second apply = %q", got)
		}
	})
	t.Run("create, then apply", func(t *testing.T) {
		h := newHarness(t, memFiles{"svc.yaml": svc})
		h.run(t, "kubectl create -f svc.yaml")
		if got := annotation(h); got != "" {
			t.Errorf("create recorded %q, want no annotation", got)
		}
		r := h.run(t, "kubectl apply -f svc.yaml")
		if diff := cmp.Diff(warning+"service/web configured\n", r.Output()); diff != "" {
			t.Errorf("apply over create (-want +got):\n%s", diff)
		}
		if r.Stderr != warning || r.Exit != 0 {
			t.Errorf("stderr %q exit %d, want the warning and 0", r.Stderr, r.Exit)
		}
		if diff := cmp.Diff(recorded, annotation(h)); diff != "" {
			t.Errorf("annotation (-want +got):\n%s", diff)
		}
	})
}

// TestApplyKeepsWhatOthersSet: apply's merge keeps the labels and
// annotations of the live object that neither the file nor the last
// applied configuration has (the deployment controller's revision, a
// label `kubectl label` added), and removes those the file dropped.
func TestApplyKeepsWhatOthersSet(t *testing.T) {
	const v1 = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web, tier: front}\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n"
	const v2 = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n"
	h := newHarness(t, memFiles{"v1.yaml": v1, "v2.yaml": v2})
	h.run(t, "kubectl apply -f v1.yaml")
	// someone else labels and annotates the live object
	o, _ := h.c.API.Get("Service", "default", "web")
	live := api.DeepCopy(o)
	live.Meta().Labels = map[string]string{"app": "web", "tier": "front", "owner": "ops"}
	live.Meta().Annotations = map[string]string{lastAppliedKey: o.Meta().Annotations[lastAppliedKey], "note": "hand-made"}
	if _, err := h.c.API.Update(live); err != nil {
		t.Fatal(err)
	}
	if got := h.run(t, "kubectl apply -f v1.yaml").Output(); got != "service/web unchanged\n" {
		t.Errorf("re-apply = %q, want unchanged", got)
	}
	h.run(t, "kubectl apply -f v2.yaml")
	o, _ = h.c.API.Get("Service", "default", "web")
	if diff := cmp.Diff(map[string]string{"app": "web", "owner": "ops"}, o.Meta().Labels); diff != "" {
		t.Errorf("labels after applying v2 (-want +got):\n%s", diff)
	}
	if got := o.Meta().Annotations["note"]; got != "hand-made" {
		t.Errorf("annotation note = %q, want it kept", got)
	}
}
