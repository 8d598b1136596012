package api

// deepCopyPod is DeepCopy for the object the simulation copies most, by
// hand: about ten times faster than the reflective walk. Opaque values
// are shared, as everywhere (they are never changed in place).
// TestDeepCopyPodMatchesReflection keeps it in step with the struct.
func deepCopyPod(p *Pod) *Pod {
	c := *p
	c.ObjectMeta = copyMeta(p.ObjectMeta)
	c.Spec = copyPodSpec(p.Spec)
	c.Status.Conditions = copySlice(p.Status.Conditions)
	c.Status.HostIPs = copySlice(p.Status.HostIPs)
	c.Status.PodIPs = copySlice(p.Status.PodIPs)
	c.Status.StartTime = copyPtr(p.Status.StartTime)
	if p.Status.PodStatusExtra != nil {
		x := *p.Status.PodStatusExtra // pointer-free but for Opaque values
		c.Status.PodStatusExtra = &x
	}
	if p.Status.ContainerStatuses != nil {
		c.Status.ContainerStatuses = make([]ContainerStatus, len(p.Status.ContainerStatuses))
		for i, cs := range p.Status.ContainerStatuses {
			cs.Started = copyPtr(cs.Started)
			cs.State = copyState(cs.State)
			cs.LastTerminationState = copyState(cs.LastTerminationState)
			c.Status.ContainerStatuses[i] = cs
		}
	}
	return &c
}

// PodFromTemplate returns a new pod with the template's metadata and
// spec, as DeepCopy(&Pod{ObjectMeta: t.ObjectMeta, Spec: t.Spec}) would
// without the intermediate pod, except that the labels and the
// containers are the template's: a controller's pods all carry them, and
// nobody changes a stored object in place (the API server's defaults
// copy containers before they fill one in).
func PodFromTemplate(t *PodTemplateSpec) *Pod {
	meta := t.ObjectMeta
	meta.Labels = nil // not copied
	meta = copyMeta(meta)
	meta.Labels = t.Labels
	spec := t.Spec
	spec.Containers, spec.InitContainers = nil, nil // not copied
	spec = copyPodSpec(spec)
	spec.Containers, spec.InitContainers = t.Spec.Containers, t.Spec.InitContainers
	return &Pod{ObjectMeta: meta, Spec: spec}
}

func copyPodSpec(s PodSpec) PodSpec {
	s.Containers = copyContainers(s.Containers)
	s.InitContainers = copyContainers(s.InitContainers)
	s.NodeSelector = copyStringMap(s.NodeSelector)
	s.TerminationGracePeriodSeconds = copyPtr(s.TerminationGracePeriodSeconds)
	s.EnableServiceLinks = copyPtr(s.EnableServiceLinks)
	if x := s.PodSpecExtra; x != nil {
		c := *x
		c.AutomountServiceAccountToken = copyPtr(x.AutomountServiceAccountToken)
		c.Priority = copyPtr(x.Priority)
		c.ShareProcessNamespace = copyPtr(x.ShareProcessNamespace)
		c.ActiveDeadlineSeconds = copyPtr(x.ActiveDeadlineSeconds)
		c.RuntimeClassName = copyPtr(x.RuntimeClassName)
		c.SetHostnameAsFQDN = copyPtr(x.SetHostnameAsFQDN)
		c.HostUsers = copyPtr(x.HostUsers)
		s.PodSpecExtra = &c
	}
	return s
}

// deepCopyReplicaSet and deepCopyDeployment are DeepCopy by hand for the
// objects every Deployment creates; TestDeepCopyAppsMatchesReflection
// keeps them in step with their structs.
func deepCopyReplicaSet(r *ReplicaSet) *ReplicaSet {
	c := *r
	c.ObjectMeta = copyMeta(r.ObjectMeta)
	c.Spec.Replicas = copyPtr(r.Spec.Replicas)
	c.Spec.Selector = copySelector(r.Spec.Selector)
	c.Spec.Template = copyTemplate(r.Spec.Template)
	c.Status.TerminatingReplicas = copyPtr(r.Status.TerminatingReplicas)
	return &c
}

func deepCopyDeployment(d *Deployment) *Deployment {
	c := *d
	c.ObjectMeta = copyMeta(d.ObjectMeta)
	c.Spec.Replicas = copyPtr(d.Spec.Replicas)
	c.Spec.Selector = copySelector(d.Spec.Selector)
	c.Spec.Template = copyTemplate(d.Spec.Template)
	c.Spec.RevisionHistoryLimit = copyPtr(d.Spec.RevisionHistoryLimit)
	c.Spec.ProgressDeadlineSeconds = copyPtr(d.Spec.ProgressDeadlineSeconds)
	c.Status.TerminatingReplicas = copyPtr(d.Status.TerminatingReplicas)
	c.Status.Conditions = copySlice(d.Status.Conditions)
	c.Status.CollisionCount = copyPtr(d.Status.CollisionCount)
	return &c
}

func copyTemplate(t PodTemplateSpec) PodTemplateSpec {
	return PodTemplateSpec{ObjectMeta: copyMeta(t.ObjectMeta), Spec: copyPodSpec(t.Spec)}
}

func copySelector(s *LabelSelector) *LabelSelector {
	if s == nil {
		return nil
	}
	c := LabelSelector{MatchLabels: copyStringMap(s.MatchLabels)}
	if s.MatchExpressions != nil {
		c.MatchExpressions = make([]LabelSelectorRequirement, len(s.MatchExpressions))
		for i, r := range s.MatchExpressions {
			r.Values = copySlice(r.Values)
			c.MatchExpressions[i] = r
		}
	}
	return &c
}

func copyMeta(m ObjectMeta) ObjectMeta {
	m.Labels = copyStringMap(m.Labels)
	m.Annotations = copyStringMap(m.Annotations)
	m.DeletionTimestamp = copyPtr(m.DeletionTimestamp)
	m.DeletionGracePeriodSeconds = copyPtr(m.DeletionGracePeriodSeconds)
	m.Finalizers = copySlice(m.Finalizers)
	if m.OwnerReferences != nil {
		refs := make([]OwnerReference, len(m.OwnerReferences))
		for i, r := range m.OwnerReferences {
			r.Controller = copyPtr(r.Controller)
			r.BlockOwnerDeletion = copyPtr(r.BlockOwnerDeletion)
			refs[i] = r
		}
		m.OwnerReferences = refs
	}
	return m
}

// CopyContainers returns a deep copy of a pod's containers.
func CopyContainers(in []Container) []Container { return copyContainers(in) }

func copyContainers(in []Container) []Container {
	if in == nil {
		return nil
	}
	out := make([]Container, len(in))
	for i, c := range in {
		c.Command = copySlice(c.Command)
		c.Args = copySlice(c.Args)
		c.Ports = copySlice(c.Ports)
		c.Env = copySlice(c.Env)
		c.LivenessProbe = copyProbe(c.LivenessProbe)
		c.ReadinessProbe = copyProbe(c.ReadinessProbe)
		c.StartupProbe = copyProbe(c.StartupProbe)
		out[i] = c
	}
	return out
}

func copyProbe(p *Probe) *Probe {
	if p == nil {
		return nil
	}
	c := *p
	if p.Exec != nil {
		e := ExecAction{Command: copySlice(p.Exec.Command)}
		c.Exec = &e
	}
	c.HTTPGet = copyPtr(p.HTTPGet)
	c.TCPSocket = copyPtr(p.TCPSocket)
	c.TerminationGracePeriodSeconds = copyPtr(p.TerminationGracePeriodSeconds)
	return &c
}

func copyState(s ContainerState) ContainerState {
	return ContainerState{Waiting: copyPtr(s.Waiting), Running: copyPtr(s.Running), Terminated: copyPtr(s.Terminated)}
}

func copyPtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func copySlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func copyStringMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
