package apiserver

import (
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
)

func deployment(mod func(*api.Deployment)) *api.Deployment {
	d := &api.Deployment{
		ObjectMeta: api.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: api.DeploymentSpec{
			Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: api.PodTemplateSpec{
				ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       api.PodSpec{Containers: []api.Container{{Name: "web", Image: "nginx"}}},
			},
		},
	}
	mod(d)
	return d
}

func TestCreateOtherKindsErrors(t *testing.T) {
	tests := []struct {
		name       string
		in         api.Object
		want       string
		wantReason string
	}{
		{"deployment without selector", deployment(func(d *api.Deployment) { d.Spec.Selector = nil }),
			"Deployment \"web\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`]", ReasonInvalid},
		{"deployment selector not matching", deployment(func(d *api.Deployment) { d.Spec.Template.Labels = map[string]string{"app": "api"} }),
			"Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"api\"}: `selector` does not match template `labels`", ReasonInvalid},
		{"deployment negative replicas", deployment(func(d *api.Deployment) { d.Spec.Replicas = ptrTo(int32(-1)) }),
			`Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`, ReasonInvalid},
		{"pod without containers", pod("p", func(p *api.Pod) { p.Spec.Containers = nil }),
			`Pod "p" is invalid: spec.containers: Required value`, ReasonInvalid},
		{"pod without image", pod("p", func(p *api.Pod) { p.Spec.Containers[0].Image = "" }),
			`Pod "p" is invalid: spec.containers[0].image: Required value`, ReasonInvalid},
		{"container port out of range", pod("p", func(p *api.Pod) { p.Spec.Containers[0].Ports = []api.ContainerPort{{ContainerPort: 70000}} }),
			`Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`, ReasonInvalid},
		{"container port missing", pod("p", func(p *api.Pod) { p.Spec.Containers[0].Ports = []api.ContainerPort{{Name: "http"}} }),
			`Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Required value`, ReasonInvalid},
		{"endpoints with a bad IP", &api.Endpoints{ObjectMeta: api.ObjectMeta{Name: "web", Namespace: "default"},
			Subsets: []api.EndpointSubset{{Addresses: []api.EndpointAddress{{IP: "10.244.1.300"}}}}},
			`Endpoints "web" is invalid: subsets[0].addresses[0].ip: Invalid value: "10.244.1.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`, ReasonInvalid},
		{"namespace not found", svc("web", func(s *api.Service) { s.Namespace = "foo" }),
			`namespaces "foo" not found`, ReasonNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newServer(t, 1)
			_, err := s.Create(tc.in)
			if got := errString(err); got != tc.want {
				t.Errorf("Create(...) error = %q, want %q", got, tc.want)
			}
			if got := reasonOf(err); got != tc.wantReason {
				t.Errorf("Create(...) reason = %q, want %q", got, tc.wantReason)
			}
		})
	}
}

func TestAlreadyExistsAndNotFound(t *testing.T) {
	s, _ := newServer(t, 1)
	mustCreate(t, s, svc("x", nil))
	_, err := s.Create(svc("x", nil))
	if got, want := errString(err), `services "x" already exists`; got != want || !IsAlreadyExists(err) {
		t.Errorf("Create(x) again error = %q (AlreadyExists %v), want %q with Reason AlreadyExists", got, IsAlreadyExists(err), want)
	}
	_, err = s.Create(deployment(func(*api.Deployment) {}))
	_, err = s.Create(deployment(func(*api.Deployment) {}))
	if got, want := errString(err), `deployments.apps "web" already exists`; got != want {
		t.Errorf("Create(deployment web) again error = %q, want %q", got, want)
	}
	if _, ok := s.Get("Service", "default", "nope"); ok {
		t.Errorf("Get(nope) found an object")
	}
	err = s.Delete("Service", "default", "nope", DeleteOptions{})
	if got, want := errString(err), `services "nope" not found`; got != want || !IsNotFound(err) {
		t.Errorf("Delete(nope) error = %q, want %q with Reason NotFound", got, want)
	}
	_, err = s.Update(svc("nope", nil))
	if got, want := errString(err), `services "nope" not found`; got != want {
		t.Errorf("Update(nope) error = %q, want %q", got, want)
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestMetadata(t *testing.T) {
	uids := func(seed uint64) []string {
		s, _ := newServer(t, seed)
		var out []string
		for _, n := range []string{"a", "b", "c"} {
			out = append(out, mustCreate(t, s, pod(n, nil)).Meta().UID)
		}
		return out
	}
	a, b := uids(5), uids(5)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("UIDs differ between runs with one seed:\n%s", diff)
	}
	for _, u := range a {
		if !uuidV4.MatchString(u) {
			t.Errorf("UID %q is not UUID v4 shaped", u)
		}
	}
	s, _ := newServer(t, 1)
	p := mustCreate(t, s, pod("", func(p *api.Pod) { p.GenerateName = "web-" }))
	if !regexp.MustCompile(`^web-[bcdfghjklmnpqrstvwxz2456789]{5}$`).MatchString(p.Meta().Name) {
		t.Errorf("generateName gave %q, want web- and 5 characters of the name alphabet", p.Meta().Name)
	}
	d := mustCreate(t, s, deployment(func(*api.Deployment) {})).(*api.Deployment)
	rv1 := d.ResourceVersion
	scaled := api.DeepCopy(d)
	scaled.Spec.Replicas = ptrTo(int32(3))
	d2, err := s.Update(scaled)
	if err != nil {
		t.Fatalf("Update(scale) error = %q", err)
	}
	labelled := api.DeepCopy(d2.(*api.Deployment))
	labelled.Labels = map[string]string{"tier": "front"}
	d3, err := s.Update(labelled)
	if err != nil {
		t.Fatalf("Update(labels) error = %q", err)
	}
	gens := []int64{d.Generation, d2.Meta().Generation, d3.Meta().Generation}
	if diff := cmp.Diff([]int64{1, 2, 2}, gens); diff != "" {
		t.Errorf("generations after create, spec change, label change (-want +got):\n%s", diff)
	}
	if !(rv1 < d2.Meta().ResourceVersion || len(rv1) < len(d2.Meta().ResourceVersion)) || d2.Meta().ResourceVersion == d3.Meta().ResourceVersion {
		t.Errorf("resourceVersions %s, %s, %s do not increase", rv1, d2.Meta().ResourceVersion, d3.Meta().ResourceVersion)
	}
}

func TestDefaults(t *testing.T) {
	s, _ := newServer(t, 1)
	got := mustCreate(t, s, &api.Service{ObjectMeta: api.ObjectMeta{Name: "web"},
		Spec: api.ServiceSpec{Ports: []api.ServicePort{{Port: 80}}}}).(*api.Service)
	want := api.ServiceSpec{
		Type: "ClusterIP", Ports: []api.ServicePort{{Protocol: "TCP", Port: 80, TargetPort: api.FromInt(80)}},
		ClusterIP: got.Spec.ClusterIP, ClusterIPs: []string{got.Spec.ClusterIP},
		IPFamilies: []string{"IPv4"}, IPFamilyPolicy: ptrTo("SingleStack"),
		SessionAffinity: "None", InternalTrafficPolicy: ptrTo("Cluster"),
	}
	if diff := cmp.Diff(want, got.Spec); diff != "" {
		t.Errorf("Service defaults (-want +got):\n%s", diff)
	}
	p := mustCreate(t, s, pod("p", func(p *api.Pod) {
		p.Spec.Containers = []api.Container{{Name: "a", Image: "nginx:latest"}, {Name: "b", Image: "nginx"},
			{Name: "c", Image: "nginx:1.27"}, {Name: "d", Image: "registry:5000/app"}}
	})).(*api.Pod)
	gotPod := []any{p.Spec.RestartPolicy, p.Spec.DNSPolicy, *p.Spec.TerminationGracePeriodSeconds, p.Spec.SchedulerName}
	for _, c := range p.Spec.Containers {
		gotPod = append(gotPod, c.ImagePullPolicy)
	}
	wantPod := []any{"Always", "ClusterFirst", int64(30), "default-scheduler", "Always", "Always", "IfNotPresent", "Always"}
	if diff := cmp.Diff(wantPod, gotPod); diff != "" {
		t.Errorf("Pod defaults (-want +got):\n%s", diff)
	}
}

// TestDefaultsCopyBeforeFillingIn: a pod that shares its containers with
// a stored template (PodFromTemplate) gets them copied when one lacks a
// default or gets the service account token mounted, and shared as they
// are when neither happens; the template is never written to.
func TestDefaultsCopyBeforeFillingIn(t *testing.T) {
	defaulted := []api.Container{{Name: "web", Image: "nginx:1.27", ImagePullPolicy: "IfNotPresent",
		TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: "File", Resources: emptyObject,
		Ports: []api.ContainerPort{{ContainerPort: 80, Protocol: "TCP"}}}}
	for _, tc := range []struct {
		name      string
		template  []api.Container
		automount *bool
		shared    bool
	}{
		{"bare template", []api.Container{{Name: "web", Image: "nginx:1.27", Ports: []api.ContainerPort{{ContainerPort: 80}},
			ReadinessProbe: &api.Probe{HTTPGet: &api.HTTPGetAction{Path: "/", Port: api.FromInt(80)}}}}, nil, false},
		{"defaulted template, token mounted", defaulted, nil, false},
		{"defaulted template, no token", defaulted, ptr(false), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newServer(t, 1)
			tmpl := &api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec: api.PodSpec{Containers: tc.template}}
			if tc.automount != nil {
				tmpl.Spec.PodSpecExtra = &api.PodSpecExtra{AutomountServiceAccountToken: tc.automount}
			}
			before := api.CopyContainers(tc.template)
			p := api.PodFromTemplate(tmpl)
			p.Name, p.Namespace = "p", "default"
			o, err := s.CreateOwned(p) // as the replica controllers create pods
			if err != nil {
				t.Fatal(err)
			}
			got := o.(*api.Pod)
			if diff := cmp.Diff(before, tmpl.Spec.Containers); diff != "" {
				t.Errorf("creating the pod changed the template (-before +after):\n%s", diff)
			}
			if shared := &got.Spec.Containers[0] == &tmpl.Spec.Containers[0]; shared != tc.shared {
				t.Errorf("pod shares the template's containers = %v, want %v", shared, tc.shared)
			}
			if c := got.Spec.Containers[0]; c.ImagePullPolicy != "IfNotPresent" || c.Ports[0].Protocol != "TCP" {
				t.Errorf("pod container = %+v, want its defaults", c)
			}
			if mounted := !got.Spec.Containers[0].VolumeMounts.IsZero(); mounted == tc.shared {
				t.Errorf("pod container has volume mounts = %v, want %v", mounted, !tc.shared)
			}
		})
	}
}

func TestGracefulPodDeletion(t *testing.T) {
	s, e := newServer(t, 1)
	all := &recorder{name: "all"}
	node1 := &recorder{name: "kubelet/node-1"}
	s.Watch(e.Register(all), WatchFilter{Kinds: []string{"Pod"}})
	s.Watch(e.Register(node1), WatchFilter{NodeName: "node-1"})
	bound := func(node string) func(*api.Pod) { return func(p *api.Pod) { p.Spec.NodeName = node } }
	mustCreate(t, s, pod("on1", bound("node-1")))
	mustCreate(t, s, pod("on2", bound("node-2")))
	mustCreate(t, s, pod("unbound", nil))
	if err := e.Run(); err != nil {
		t.Fatal(err)
	}
	all.events, all.at, node1.events, node1.at = nil, nil, nil, nil

	if err := s.Delete("Pod", "default", "on1", DeleteOptions{}); err != nil {
		t.Fatalf("Delete(on1) error = %q", err)
	}
	o, ok := s.Get("Pod", "default", "on1")
	if !ok {
		t.Fatalf("Delete(on1): a bound pod went at once, want it terminating")
	}
	if got, want := o.Meta().DeletionTimestamp, api.At(e.Now()+30*time.Second); got == nil || *got != want {
		t.Errorf("deletionTimestamp = %v, want %v", got, want)
	}
	if err := s.Delete("Pod", "default", "unbound", DeleteOptions{}); err != nil {
		t.Fatalf("Delete(unbound) error = %q", err)
	}
	if _, ok := s.Get("Pod", "default", "unbound"); ok {
		t.Errorf("Delete(unbound): an unbound pod stayed")
	}
	zero := int64(0)
	if err := s.Delete("Pod", "default", "on1", DeleteOptions{GracePeriod: &zero}); err != nil {
		t.Fatalf("Delete(on1, grace 0) error = %q", err)
	}
	if _, ok := s.Get("Pod", "default", "on1"); ok {
		t.Errorf("Delete(on1, grace 0): pod stayed")
	}
	if err := s.Delete("Pod", "default", "on2", DeleteOptions{GracePeriod: &zero}); err != nil {
		t.Fatalf("Delete(on2, grace 0) error = %q", err)
	}
	start := e.Now()
	if err := e.Run(); err != nil {
		t.Fatal(err)
	}
	type seen struct {
		Type, Name string
		After      time.Duration
	}
	summary := func(r *recorder) []seen {
		var out []seen
		for i, ev := range r.events {
			out = append(out, seen{ev.Type, ev.Object.Meta().Name, time.Duration(r.at[i]) - start})
		}
		return out
	}
	d := DefaultConfig().WatchDelay
	wantAll := []seen{{Modified, "on1", d}, {Deleted, "unbound", d}, {Deleted, "on1", d}, {Deleted, "on2", d}}
	if diff := cmp.Diff(wantAll, summary(all)); diff != "" {
		t.Errorf("Pod watcher events (-want +got):\n%s", diff)
	}
	wantNode1 := []seen{{Modified, "on1", d}, {Deleted, "on1", d}}
	if diff := cmp.Diff(wantNode1, summary(node1)); diff != "" {
		t.Errorf("node-1 watcher events (-want +got):\n%s", diff)
	}
}
