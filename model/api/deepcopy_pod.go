package api

// deepCopyPod is DeepCopy for the object the simulation copies most, by
// hand: about ten times faster than the reflective walk. Opaque values
// are shared, as everywhere (they are never changed in place).
// TestDeepCopyPodMatchesReflection keeps it in step with the struct.
func deepCopyPod(p *Pod) *Pod {
	c := *p
	c.ObjectMeta = copyMeta(p.ObjectMeta)
	c.Spec.Containers = copyContainers(p.Spec.Containers)
	c.Spec.InitContainers = copyContainers(p.Spec.InitContainers)
	c.Spec.NodeSelector = copyStringMap(p.Spec.NodeSelector)
	c.Spec.TerminationGracePeriodSeconds = copyPtr(p.Spec.TerminationGracePeriodSeconds)
	c.Spec.AutomountServiceAccountToken = copyPtr(p.Spec.AutomountServiceAccountToken)
	c.Spec.Priority = copyPtr(p.Spec.Priority)
	c.Spec.EnableServiceLinks = copyPtr(p.Spec.EnableServiceLinks)
	c.Spec.ShareProcessNamespace = copyPtr(p.Spec.ShareProcessNamespace)
	c.Spec.ActiveDeadlineSeconds = copyPtr(p.Spec.ActiveDeadlineSeconds)
	c.Spec.RuntimeClassName = copyPtr(p.Spec.RuntimeClassName)
	c.Spec.SetHostnameAsFQDN = copyPtr(p.Spec.SetHostnameAsFQDN)
	c.Spec.HostUsers = copyPtr(p.Spec.HostUsers)
	c.Status.Conditions = copySlice(p.Status.Conditions)
	c.Status.HostIPs = copySlice(p.Status.HostIPs)
	c.Status.PodIPs = copySlice(p.Status.PodIPs)
	c.Status.StartTime = copyPtr(p.Status.StartTime)
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
