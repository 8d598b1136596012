package controllers_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/cluster"
)

func boot(t *testing.T) *cluster.Cluster {
	t.Helper()
	c, err := cluster.New(cluster.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func run(t *testing.T, c *cluster.Cluster, d time.Duration) {
	t.Helper()
	if err := c.Engine.RunUntil(c.Engine.Now() + d); err != nil {
		t.Fatal(err)
	}
}

func create(t *testing.T, c *cluster.Cluster, objs ...api.Object) {
	t.Helper()
	for _, o := range objs {
		if _, err := c.API.Create(o); err != nil {
			t.Fatal(err)
		}
	}
}

func deployment(name, image string, replicas int32) *api.Deployment {
	labels := map[string]string{"app": name}
	return &api.Deployment{
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"},
		Spec: api.DeploymentSpec{Replicas: &replicas, Selector: &api.LabelSelector{MatchLabels: labels},
			Template: api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: labels},
				Spec: api.PodSpec{Containers: []api.Container{{Name: "c", Image: image, Ports: []api.ContainerPort{{Name: "http", ContainerPort: 80}}}}}}},
	}
}

func service(name string, targetPort api.IntOrString) *api.Service {
	return &api.Service{
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"},
		Spec:       api.ServiceSpec{Selector: map[string]string{"app": name}, Ports: []api.ServicePort{{Port: 80, TargetPort: targetPort}}},
	}
}

// conditions lists a Service's slice endpoints as "ip ready serving
// terminating".
func conditions(t *testing.T, c *cluster.Cluster, svc string) []string {
	t.Helper()
	s, _ := c.API.Get("Service", "default", svc)
	var out []string
	for _, o := range c.API.ListOwnedBy("EndpointSlice", "default", s.Meta().UID) {
		for _, ep := range o.(*api.EndpointSlice).Endpoints {
			out = append(out, ep.Addresses[0]+" "+flag(ep.Conditions.Ready, "ready")+" "+flag(ep.Conditions.Serving, "serving")+" "+flag(ep.Conditions.Terminating, "terminating"))
		}
	}
	return out
}

func flag(b *bool, name string) string {
	if b == nil {
		return name + "=nil"
	}
	if *b {
		return name
	}
	return "not-" + name
}

func podIP(t *testing.T, c *cluster.Cluster, app string) (string, string) {
	t.Helper()
	pods := c.API.PodsMatching("default", api.SelectorFromMap(map[string]string{"app": app}))
	if len(pods) != 1 {
		t.Fatalf("%d pods for app=%s, want 1", len(pods), app)
	}
	return pods[0].Name, pods[0].Status.PodIP
}

// TestEndpointConditionsThroughDeletion follows behaviours.md §2's pod
// deletion timeline: ready → terminating (serving, not ready) → gone,
// with the replacement appearing beside it.
func TestEndpointConditionsThroughDeletion(t *testing.T) {
	c := boot(t)
	create(t, c, deployment("web", "kiamol/ch03-sleep", 1), service("web", api.FromInt(80)))
	run(t, c, 5*time.Second)
	name, ip := podIP(t, c, "web")
	if diff := cmp.Diff([]string{ip + " ready serving not-terminating"}, conditions(t, c, "web")); diff != "" {
		t.Fatalf("before deletion (-want +got):\n%s", diff)
	}
	if err := c.API.Delete("Pod", "default", name, apiserver.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	run(t, c, time.Second)
	// The replacement has no IP yet (it starts in 2s): only the old pod,
	// now terminating: still serving, no longer ready.
	if diff := cmp.Diff([]string{ip + " not-ready serving terminating"}, conditions(t, c, "web")); diff != "" {
		t.Fatalf("1s into termination (-want +got):\n%s", diff)
	}
	run(t, c, 3*time.Second)
	got := conditions(t, c, "web")
	if len(got) != 2 || (got[0] != ip+" not-ready serving terminating" && got[1] != ip+" not-ready serving terminating") {
		t.Fatalf("4s into termination: slice = %q, want the old pod terminating and its ready replacement", got)
	}
	eps, _ := c.API.Get("Endpoints", "default", "web")
	for _, ss := range eps.(*api.Endpoints).Subsets {
		for _, a := range append(ss.Addresses, ss.NotReadyAddresses...) {
			if a.IP == ip {
				t.Errorf("legacy Endpoints still lists the terminating pod %s", ip)
			}
		}
	}
	run(t, c, 31*time.Second)
	got = conditions(t, c, "web")
	if len(got) != 1 || got[0][:len(ip)] == ip {
		t.Errorf("after the grace period: slice = %q, want only the replacement", got)
	}
}

// TestNamedTargetPort resolves a Service's named targetPort to each
// pod's container port.
func TestNamedTargetPort(t *testing.T) {
	c := boot(t)
	create(t, c, deployment("web", "nginx", 1), service("web", api.FromString("http")))
	run(t, c, 5*time.Second)
	s, _ := c.API.Get("Service", "default", "web")
	slices := c.API.ListOwnedBy("EndpointSlice", "default", s.Meta().UID)
	if len(slices) != 1 || len(slices[0].(*api.EndpointSlice).Ports) != 1 || *slices[0].(*api.EndpointSlice).Ports[0].Port != 80 {
		t.Fatalf("slices = %+v, want one slice with port 80", slices)
	}
}

// TestSelectorTypoLeavesEndpointsEmpty: the Endpoints object exists with
// no subsets, and a placeholder slice with no endpoints.
func TestSelectorTypoLeavesEndpointsEmpty(t *testing.T) {
	c := boot(t)
	svc := service("numbers-api", api.FromInt(80))
	svc.Spec.Selector = map[string]string{"app": "numbres-api"}
	create(t, c, deployment("numbers-api", "kiamol/ch03-numbers-api", 1), svc)
	run(t, c, 5*time.Second)
	eps, ok := c.API.Get("Endpoints", "default", "numbers-api")
	if !ok || len(eps.(*api.Endpoints).Subsets) != 0 {
		t.Errorf("Endpoints = %+v (exists %v), want an empty object", eps, ok)
	}
	if got := conditions(t, c, "numbers-api"); len(got) != 0 {
		t.Errorf("slice endpoints = %q, want none", got)
	}
}

// TestDeleteDeploymentKeepsServiceAndGarbageCollects: the ReplicaSet and
// pods go (garbage collector), the Service and its empty Endpoints stay.
func TestDeleteDeploymentKeepsServiceAndGarbageCollects(t *testing.T) {
	c := boot(t)
	create(t, c, deployment("web", "nginx", 2), service("web", api.FromInt(80)))
	run(t, c, 5*time.Second)
	if err := c.API.Delete("Deployment", "default", "web", apiserver.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	run(t, c, 5*time.Second)
	if n := len(c.API.List("ReplicaSet", "default")); n != 0 {
		t.Errorf("%d ReplicaSets left, want 0", n)
	}
	if n := len(c.API.List("Pod", "default")); n != 0 {
		t.Errorf("%d pods left, want 0", n)
	}
	if _, ok := c.API.Get("Service", "default", "web"); !ok {
		t.Error("the Service was deleted with the Deployment")
	}
	if eps, ok := c.API.Get("Endpoints", "default", "web"); !ok || len(eps.(*api.Endpoints).Subsets) != 0 {
		t.Errorf("Endpoints = %+v, want an empty object", eps)
	}
	// Deleting the Service removes its slices too.
	if err := c.API.Delete("Service", "default", "web", apiserver.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	run(t, c, time.Second)
	for _, o := range c.API.List("EndpointSlice", "default") {
		if o.Meta().Labels[api.LabelServiceName] == "web" {
			t.Errorf("slice %s outlived its Service", o.Meta().Name)
		}
	}
	if _, ok := c.API.Get("Endpoints", "default", "web"); ok {
		t.Error("Endpoints outlived the Service")
	}
}

// TestMirroringSelectorless copies hand-written Endpoints into a slice.
func TestMirroringSelectorless(t *testing.T) {
	c := boot(t)
	port := int32(80)
	svc := &api.Service{ObjectMeta: api.ObjectMeta{Name: "numbers-api", Namespace: "default"},
		Spec: api.ServiceSpec{Ports: []api.ServicePort{{Port: 80}}}}
	eps := &api.Endpoints{ObjectMeta: api.ObjectMeta{Name: "numbers-api", Namespace: "default"},
		Subsets: []api.EndpointSubset{{Addresses: []api.EndpointAddress{{IP: "192.168.123.234"}}, Ports: []api.EndpointPort{{Port: &port}}}}}
	create(t, c, svc, eps)
	run(t, c, time.Second)
	var got []string
	for _, o := range c.API.List("EndpointSlice", "default") {
		es := o.(*api.EndpointSlice)
		if es.Labels[api.LabelServiceName] == "numbers-api" {
			got = append(got, es.Labels[api.LabelManagedBy]+" "+es.Endpoints[0].Addresses[0])
		}
	}
	if diff := cmp.Diff([]string{"endpointslicemirroring-controller.k8s.io 192.168.123.234"}, got); diff != "" {
		t.Errorf("mirrored slices (-want +got):\n%s", diff)
	}
}

// TestReplicationControllerScales: kbe's rcsise scaled from 1 to 2 and
// back, the newest pod going first.
func TestReplicationControllerScales(t *testing.T) {
	c := boot(t)
	one := int32(1)
	rc := &api.ReplicationController{
		ObjectMeta: api.ObjectMeta{Name: "rcsise", Namespace: "default"},
		Spec: api.ReplicationControllerSpec{Replicas: &one, Selector: map[string]string{"app": "sise"},
			Template: &api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": "sise"}},
				Spec: api.PodSpec{Containers: []api.Container{{Name: "sise", Image: "mhausenblas/simpleservice:0.5.0"}}}}},
	}
	create(t, c, rc)
	run(t, c, 5*time.Second)
	first, _ := podIP(t, c, "sise")
	cur, _ := c.API.Get("ReplicationController", "default", "rcsise")
	next := api.DeepCopy(cur.(*api.ReplicationController))
	two := int32(2)
	next.Spec.Replicas = &two
	if _, err := c.API.Update(next); err != nil {
		t.Fatal(err)
	}
	run(t, c, 5*time.Second)
	if n := len(c.API.PodsMatching("default", api.SelectorFromMap(map[string]string{"app": "sise"}))); n != 2 {
		t.Fatalf("%d pods after scaling to 2", n)
	}
	cur, _ = c.API.Get("ReplicationController", "default", "rcsise")
	if got := cur.(*api.ReplicationController).Status.ReadyReplicas; got != 2 {
		t.Errorf("status.readyReplicas = %d, want 2", got)
	}
	back := api.DeepCopy(cur.(*api.ReplicationController))
	back.Spec.Replicas = &one
	if _, err := c.API.Update(back); err != nil {
		t.Fatal(err)
	}
	run(t, c, 35*time.Second)
	if name, _ := podIP(t, c, "sise"); name != first {
		t.Errorf("after scaling down, %s is left; want the older %s", name, first)
	}
}

// TestDeploymentRolloutStatus follows a Deployment's revisions and
// conditions as the deployment controller writes them: revision 1 and
// "has successfully progressed" once its pods are available, revision 2
// for a new template, and revision 3 for the old ReplicaSet when the
// template goes back to it; the Deployment carries its current revision.
func TestDeploymentRolloutStatus(t *testing.T) {
	type cond struct{ Type, Status, Reason, Message string }
	get := func(c *cluster.Cluster) *api.Deployment {
		o, _ := c.API.Get("Deployment", "default", "web")
		return o.(*api.Deployment)
	}
	conds := func(d *api.Deployment) []cond {
		var out []cond
		for _, x := range d.Status.Conditions {
			out = append(out, cond{x.Type, x.Status, x.Reason, x.Message})
		}
		return out
	}
	revisions := func(c *cluster.Cluster) map[string]string {
		out := map[string]string{}
		for _, o := range c.API.List("ReplicaSet", "default") {
			out[o.Meta().Labels["pod-template-hash"]+" replicas="+fmt.Sprint(*o.(*api.ReplicaSet).Spec.Replicas)] = o.Meta().Annotations["deployment.kubernetes.io/revision"]
		}
		return out
	}
	setImage := func(c *cluster.Cluster, image string) {
		d := api.DeepCopy(get(c))
		d.Spec.Template.Spec.Containers[0].Image = image
		if _, err := c.API.Update(d); err != nil {
			t.Fatal(err)
		}
	}
	c := boot(t)
	create(t, c, deployment("web", "nginx:1.27", 2))
	run(t, c, 5*time.Second)
	d := get(c)
	first := d.Spec.Template.Spec.Containers[0].Image
	rs1 := "web-" + controllersHash(t, c, d)
	// The first status the controller wrote, from the trace.
	var written *api.Deployment
	for r := range c.Engine.Trace().From(0) {
		for _, ch := range r.Changes {
			if x, ok := ch.After.(*api.Deployment); ok && x.Name == "web" && written == nil && len(x.Status.Conditions) > 0 {
				written = x
			}
		}
	}
	if written == nil {
		t.Fatal("no Deployment version with conditions in the trace")
	}
	if diff := cmp.Diff([]cond{
		{"Progressing", "True", "NewReplicaSetCreated", `Created new replica set "` + rs1 + `"`},
		{"Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."},
	}, conds(written)); diff != "" {
		t.Errorf("conditions after the ReplicaSet is made (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]cond{
		{"Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."},
		{"Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "` + rs1 + `" has successfully progressed.`},
	}, conds(d)); diff != "" {
		t.Errorf("conditions once available (-want +got):\n%s", diff)
	}
	if got := d.Annotations["deployment.kubernetes.io/revision"]; got != "1" {
		t.Errorf("deployment revision = %q, want 1", got)
	}
	setImage(c, "nginx:1.28")
	run(t, c, 5*time.Second)
	h1 := rs1[len("web-"):]
	h2 := controllersHash(t, c, get(c))
	if diff := cmp.Diff(map[string]string{h1 + " replicas=0": "1", h2 + " replicas=2": "2"}, revisions(c)); diff != "" {
		t.Errorf("ReplicaSet revisions after a new template (-want +got):\n%s", diff)
	}
	setImage(c, first)
	run(t, c, 5*time.Second)
	if diff := cmp.Diff(map[string]string{h1 + " replicas=2": "3", h2 + " replicas=0": "2"}, revisions(c)); diff != "" {
		t.Errorf("ReplicaSet revisions after going back (-want +got):\n%s", diff)
	}
	if got := get(c).Annotations["deployment.kubernetes.io/revision"]; got != "3" {
		t.Errorf("deployment revision = %q, want 3", got)
	}
}

func controllersHash(t *testing.T, c *cluster.Cluster, d *api.Deployment) string {
	t.Helper()
	for _, o := range c.API.ListOwnedBy("ReplicaSet", "default", d.UID) {
		rs := o.(*api.ReplicaSet)
		if rs.Spec.Template.Spec.Containers[0].Image == d.Spec.Template.Spec.Containers[0].Image {
			return rs.Labels["pod-template-hash"]
		}
	}
	t.Fatalf("no ReplicaSet of %s runs %s", d.Name, d.Spec.Template.Spec.Containers[0].Image)
	return ""
}
