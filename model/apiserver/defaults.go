package apiserver

import (
	"reflect"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// emptyObject is the `{}` the defaults put in securityContext and
// resources: one value shared by every pod, as Opaque values are.
var emptyObject = api.OpaqueOf(map[string]any{})

// enableServiceLinks is the default of every pod's spec.enableServiceLinks.
var enableServiceLinks = ptr(true)

// applyDefaults fills in what the API server's defaulting functions fill
// in (pkg/apis/*/v1/defaults.go), so that `kubectl get -o yaml` shows
// what a real server would.
func applyDefaults(obj api.Object) {
	switch o := obj.(type) {
	case *api.Service:
		defaultService(o)
	case *api.Pod:
		defaultPodSpec(&o.Spec)
		if o.Spec.EnableServiceLinks == nil { // SetDefaults_Pod: pods, not templates
			o.Spec.EnableServiceLinks = enableServiceLinks
		}
		if o.Status.Phase == "" {
			o.Status.Phase = "Pending"
		}
		if o.Status.QOSClass == "" {
			o.Status.QOSClass = "BestEffort"
		}
	case *api.Deployment:
		if o.Spec.Replicas == nil {
			o.Spec.Replicas = ptr(int32(1))
		}
		if o.Spec.RevisionHistoryLimit == nil {
			o.Spec.RevisionHistoryLimit = ptr(int32(10))
		}
		if o.Spec.ProgressDeadlineSeconds == nil {
			o.Spec.ProgressDeadlineSeconds = ptr(int32(600))
		}
		if o.Spec.Strategy.IsZero() {
			o.Spec.Strategy = api.OpaqueOf(map[string]any{
				"type":          "RollingUpdate",
				"rollingUpdate": map[string]any{"maxSurge": "25%", "maxUnavailable": "25%"},
			})
		}
		defaultPodSpec(&o.Spec.Template.Spec)
	case *api.ReplicaSet:
		if o.Spec.Replicas == nil {
			o.Spec.Replicas = ptr(int32(1))
		}
		defaultPodSpec(&o.Spec.Template.Spec)
	case *api.ReplicationController:
		if o.Spec.Replicas == nil {
			o.Spec.Replicas = ptr(int32(1))
		}
		if o.Spec.Template != nil {
			if len(o.Spec.Selector) == 0 {
				o.Spec.Selector = copyMap(o.Spec.Template.Labels)
			}
			if len(o.Labels) == 0 {
				o.Labels = copyMap(o.Spec.Template.Labels)
			}
			defaultPodSpec(&o.Spec.Template.Spec)
		}
	case *api.Namespace:
		if o.Status.Phase == "" {
			o.Status.Phase = "Active"
		}
		if len(o.Spec.Finalizers) == 0 {
			o.Spec.Finalizers = []string{"kubernetes"}
		}
		if o.Labels == nil {
			o.Labels = map[string]string{}
		}
		o.Labels["kubernetes.io/metadata.name"] = o.Name
	case *api.Endpoints:
		for i := range o.Subsets {
			for j := range o.Subsets[i].Ports {
				if o.Subsets[i].Ports[j].Protocol == nil {
					o.Subsets[i].Ports[j].Protocol = ptr("TCP")
				}
			}
		}
	case *api.EndpointSlice:
		for j := range o.Ports {
			if o.Ports[j].Protocol == nil {
				o.Ports[j].Protocol = ptr("TCP")
			}
		}
	}
}

func defaultService(s *api.Service) {
	sp := &s.Spec
	if sp.Type == "" {
		sp.Type = api.ServiceTypeClusterIP
	}
	if sp.SessionAffinity == "" {
		sp.SessionAffinity = "None"
	}
	if sp.SessionAffinity == "ClientIP" {
		if sp.SessionAffinityConfig == nil {
			sp.SessionAffinityConfig = &api.SessionAffinityConfig{}
		}
		if sp.SessionAffinityConfig.ClientIP == nil {
			sp.SessionAffinityConfig.ClientIP = &api.ClientIPConfig{}
		}
		if sp.SessionAffinityConfig.ClientIP.TimeoutSeconds == nil {
			sp.SessionAffinityConfig.ClientIP.TimeoutSeconds = ptr(int32(10800))
		}
	}
	for i := range sp.Ports {
		p := &sp.Ports[i]
		if p.Protocol == "" {
			p.Protocol = "TCP"
		}
		if p.TargetPort.IsZero() {
			p.TargetPort = api.FromInt(p.Port)
		}
	}
	if sp.Type == api.ServiceTypeExternalName {
		return
	}
	if sp.InternalTrafficPolicy == nil {
		sp.InternalTrafficPolicy = ptr("Cluster")
	}
	// Cluster for every externally-accessible Service, ClusterIP with
	// externalIPs included: validation requires it there too.
	if externallyAccessible(s) && sp.ExternalTrafficPolicy == "" {
		sp.ExternalTrafficPolicy = "Cluster"
	}
	if sp.Type == api.ServiceTypeLoadBalancer && sp.AllocateLoadBalancerNodePorts == nil {
		sp.AllocateLoadBalancerNodePorts = ptr(true)
	}
	if len(sp.IPFamilies) == 0 {
		sp.IPFamilies = []string{"IPv4"}
	}
	if sp.IPFamilyPolicy == nil {
		sp.IPFamilyPolicy = ptr("SingleStack")
	}
}

func defaultPodSpec(ps *api.PodSpec) {
	if ps.RestartPolicy == "" {
		ps.RestartPolicy = "Always"
	}
	if ps.DNSPolicy == "" {
		ps.DNSPolicy = "ClusterFirst"
	}
	if ps.SchedulerName == "" {
		ps.SchedulerName = "default-scheduler"
	}
	if ps.TerminationGracePeriodSeconds == nil {
		ps.TerminationGracePeriodSeconds = ptr(int64(30))
	}
	if ps.SecurityContext.IsZero() {
		ps.SecurityContext = emptyObject
	}
	// v1's serviceAccount is the deprecated name of serviceAccountName:
	// conversion reads it when the new one is empty and always prints
	// both alike.
	if x := ps.PodSpecExtra; x != nil && ps.ServiceAccountName == "" {
		ps.ServiceAccountName = x.DeprecatedServiceAccount
	}
	if sa := ps.ServiceAccountName; sa != "" && ps.Extra().DeprecatedServiceAccount != sa {
		x := ps.Extra()
		x.DeprecatedServiceAccount = sa
		ps.PodSpecExtra = &x
	}
	ps.Containers = defaultContainers(ps.Containers)
	ps.InitContainers = defaultContainers(ps.InitContainers)
}

// defaultContainers returns cs with their defaults. A pod made from its
// controller's template shares the template's containers (a stored
// object, never changed in place), so containers that need a default are
// copied first; those of a defaulted template need none.
func defaultContainers(cs []api.Container) []api.Container {
	for i := range cs {
		if containerDefaults(&cs[i], false) {
			cs = api.CopyContainers(cs)
			for i := range cs {
				containerDefaults(&cs[i], true)
			}
			return cs
		}
	}
	return cs
}

// containerDefaults reports whether c lacks a default, and sets them when
// apply is true.
func containerDefaults(c *api.Container, apply bool) bool {
	missing := false
	set := func(zero bool, f func()) {
		if zero {
			missing = true
			if apply {
				f()
			}
		}
	}
	for i := range c.Ports {
		set(c.Ports[i].Protocol == "", func() { c.Ports[i].Protocol = "TCP" })
	}
	set(c.ImagePullPolicy == "", func() {
		c.ImagePullPolicy = "IfNotPresent"
		if tag := imageTag(c.Image); tag == "" || tag == "latest" {
			c.ImagePullPolicy = "Always"
		}
	})
	set(c.TerminationMessagePath == "", func() { c.TerminationMessagePath = "/dev/termination-log" })
	set(c.TerminationMessagePolicy == "", func() { c.TerminationMessagePolicy = "File" })
	set(c.Resources.IsZero(), func() { c.Resources = emptyObject })
	for _, p := range []*api.Probe{c.ReadinessProbe, c.LivenessProbe, c.StartupProbe} {
		if p == nil {
			continue
		}
		set(p.TimeoutSeconds == 0, func() { p.TimeoutSeconds = 1 })
		set(p.PeriodSeconds == 0, func() { p.PeriodSeconds = 10 })
		set(p.SuccessThreshold == 0, func() { p.SuccessThreshold = 1 })
		set(p.FailureThreshold == 0, func() { p.FailureThreshold = 3 })
		set(p.HTTPGet != nil && p.HTTPGet.Scheme == "", func() { p.HTTPGet.Scheme = "HTTP" })
	}
	return missing
}

// imageTag returns the tag of an image reference ("" when none; digests
// count as a tag).
func imageTag(image string) string {
	if i := strings.Index(image, "@"); i >= 0 {
		return image[i+1:]
	}
	last := image[strings.LastIndex(image, "/")+1:]
	if i := strings.LastIndex(last, ":"); i >= 0 {
		return last[i+1:]
	}
	return ""
}

func ptr[T any](v T) *T { return &v }

func copyMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Equal reports whether two objects are the same apart from their
// resourceVersion, Opaque fields compared by value (api.SemanticEqual).
func Equal(a, b api.Object) bool {
	if reflect.TypeOf(a) != reflect.TypeOf(b) || statusDiffers(a, b) {
		return false
	}
	// Compare with a's version fields set to b's, then put them back:
	// cheaper than copying a, and nothing else runs meanwhile.
	am, bm := a.Meta(), b.Meta()
	rv, gen := am.ResourceVersion, am.Generation
	am.ResourceVersion, am.Generation = bm.ResourceVersion, bm.Generation
	eq := api.SemanticEqual(a, b)
	am.ResourceVersion, am.Generation = rv, gen
	return eq
}

// statusDiffers spots the usual difference of a controller's status
// update without walking the whole object; false means "look closer".
func statusDiffers(a, b api.Object) bool {
	switch a := a.(type) {
	case *api.ReplicaSet:
		return !reflect.DeepEqual(&a.Status, &b.(*api.ReplicaSet).Status)
	case *api.ReplicationController:
		return !reflect.DeepEqual(&a.Status, &b.(*api.ReplicationController).Status)
	case *api.Deployment:
		return !reflect.DeepEqual(&a.Status, &b.(*api.Deployment).Status)
	case *api.Endpoints:
		// The endpoint controllers' writes differ in their addresses.
		return !reflect.DeepEqual(a.Subsets, b.(*api.Endpoints).Subsets)
	case *api.EndpointSlice:
		return !reflect.DeepEqual(a.Endpoints, b.(*api.EndpointSlice).Endpoints)
	}
	return false
}

// specChanged reports whether the objects' spec fields differ.
func specChanged(a, b api.Object) bool {
	av := reflect.ValueOf(a).Elem().FieldByName("Spec")
	bv := reflect.ValueOf(b).Elem().FieldByName("Spec")
	if !av.IsValid() {
		return false
	}
	return !api.SemanticEqual(av.Interface(), bv.Interface())
}
