package kubelet

import (
	"fmt"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/apps"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

func hasReadinessProbe(p *api.Pod) bool { return firstProbe(p) != nil }

func firstProbe(p *api.Pod) *api.Probe {
	for _, c := range p.Spec.Containers {
		if c.ReadinessProbe != nil {
			return c.ReadinessProbe
		}
	}
	return nil
}

// probe runs the readiness probes, every periodSeconds for as long as
// the pod runs, as the kubelet's prober does: an HTTP or TCP probe
// passes when the container listens on the probed port, an exec probe
// that reads a file (cat, test -e/-f, ls) passes when the file exists in
// the container, any other exec probe passes. failureThreshold failures
// in a row make the pod unready, successThreshold passes ready again.
func (k *Kubelet) probe(e *sim.Engine, key, uid string) {
	pod, st, ok := k.current(key, uid)
	if !ok || st.terminating || st.ns == nil {
		return
	}
	pr := firstProbe(pod)
	var failed string
	for _, c := range pod.Spec.Containers {
		if c.ReadinessProbe == nil {
			continue
		}
		if why := k.probeFails(st, c); why != "" && failed == "" {
			failed = why
		}
	}
	st.probeEvent = e.Schedule(time.Duration(pr.PeriodSeconds)*time.Second, k.id, probe{key, uid})
	if failed != "" {
		st.successes = 0
		st.failures++
		k.api.EventReadinessFailed(pod, failed)
		e.Emit("probe.failed", fmt.Sprintf("%s: %s: Readiness probe failed: %s", k.node, key, failed), nil)
		if st.ready && st.failures >= int(pr.FailureThreshold) {
			st.ready = false
			k.setReady(e, pod, false, fmt.Sprintf("%s: %d readiness probes of %s failed in a row; the pod is not Ready", k.node, st.failures, key))
		}
		return
	}
	st.failures = 0
	st.successes++
	if !st.ready && st.successes >= int(pr.SuccessThreshold) {
		st.ready = true
		k.setReady(e, pod, true, fmt.Sprintf("%s: readiness probe of %s succeeded; the pod is Ready", k.node, key))
	}
}

func (k *Kubelet) setReady(e *sim.Engine, pod *api.Pod, ready bool, summary string) {
	next := statusCopy(pod, 0)
	if ready {
		k.markReady(next, e.Now())
	} else {
		setNotReady(next, e.Now())
		for i := range next.Status.ContainerStatuses {
			next.Status.ContainerStatuses[i].Ready = false
		}
	}
	kind := "pod.ready"
	if !ready {
		kind = "pod.unready"
	}
	if _, err := k.api.UpdateStatus(next); err == nil {
		e.Emit(kind, summary, nil)
	}
}

// probeFails runs one container's readiness probe and says why it
// failed, or "" when it passed.
func (k *Kubelet) probeFails(st *podState, c api.Container) string {
	pr := c.ReadinessProbe
	if pr.Exec != nil {
		cmd := pr.Exec.Command
		if file := probedFile(cmd); file != "" {
			if _, ok := st.files[file]; !ok {
				return fmt.Sprintf("%s: can't open '%s': No such file or directory", cmd[0], file)
			}
		}
		return ""
	}
	port, what := probePort(pr, c)
	if what == "" {
		return ""
	}
	if port == 0 || !st.ns.Listening(network.TCP, port) {
		return what
	}
	return ""
}

// probedFile returns the file an exec probe checks for: `cat F`,
// `test -e F`, `test -f F`, `ls F`.
func probedFile(cmd []string) string {
	switch {
	case len(cmd) == 2 && (cmd[0] == "cat" || cmd[0] == "ls"):
		return cmd[1]
	case len(cmd) == 3 && cmd[0] == "test" && (cmd[1] == "-e" || cmd[1] == "-f"):
		return cmd[2]
	}
	return ""
}

// Files returns the files a running pod's container has written (touch,
// echo > F, wget), keyed by path. The caller may add and remove entries:
// this is the container's filesystem as far as svcsim models it.
func (k *Kubelet) Files(key string) (map[string]string, bool) {
	st := k.pods[key]
	if st == nil || st.ns == nil {
		return nil, false
	}
	if st.files == nil {
		st.files = map[string]string{} // made when a caller first looks
	}
	return st.files, true
}

// probePort resolves the probed port and describes the failure the
// kubelet would report.
func probePort(pr *api.Probe, c api.Container) (uint16, string) {
	var target api.IntOrString
	switch {
	case pr.HTTPGet != nil:
		target = pr.HTTPGet.Port
	case pr.TCPSocket != nil:
		target = pr.TCPSocket.Port
	default:
		return 0, "" // exec and grpc probes pass
	}
	port := uint16(target.IntVal)
	if target.IsString {
		port = 0
		for _, p := range c.Ports {
			if p.Name == target.StrVal {
				port = uint16(p.ContainerPort)
			}
		}
	}
	if pr.HTTPGet != nil {
		return port, fmt.Sprintf("Get \"http://<pod-ip>:%d%s\": dial tcp <pod-ip>:%d: connect: connection refused", port, pr.HTTPGet.Path, port)
	}
	return port, fmt.Sprintf("dial tcp <pod-ip>:%d: connect: connection refused", port)
}

// terminate starts a graceful stop: SIGTERM now; the containers exit at
// once if their program honours it, else at the end of the grace period.
func (k *Kubelet) terminate(e *sim.Engine, st *podState, pod *api.Pod) {
	st.terminating = true
	if st.probeEvent != 0 {
		e.Cancel(st.probeEvent)
	}
	if !st.started {
		k.stopped(e, st.key, st.uid)
		return
	}
	grace := time.Duration(0)
	if pod.DeletionGracePeriodSeconds != nil {
		grace = time.Duration(*pod.DeletionGracePeriodSeconds) * time.Second
	}
	wait := grace
	exits := true
	for _, im := range st.image {
		exits = exits && im.ExitsOnTerm
	}
	how := fmt.Sprintf("its program ignores SIGTERM, so it runs until SIGKILL in %s", grace)
	if exits && grace > 0 {
		wait = min(grace, 100*time.Millisecond)
		how = "its program exits on SIGTERM"
	}
	for _, c := range pod.Spec.Containers {
		k.api.EventKilling(pod, c.Name)
	}
	e.Emit("pod.killing", fmt.Sprintf("%s: stopping %s (grace period %s): %s", k.node, st.key, grace, how), nil)
	e.Schedule(wait, k.id, killPod{st.key, st.uid})
}

// stopped is the end of a pod's containers: sockets close, the status
// says so, and the kubelet finishes the deletion.
func (k *Kubelet) stopped(e *sim.Engine, key, uid string) {
	pod, st, ok := k.current(key, uid)
	if !ok {
		return
	}
	if st.ns != nil {
		for _, port := range st.ns.ListeningPorts(network.TCP) {
			st.ns.Close(network.TCP, port)
		}
	}
	next := statusCopy(pod, 0)
	setNotReady(next, e.Now())
	for i := range next.Status.ContainerStatuses {
		cs := &next.Status.ContainerStatuses[i]
		cs.Ready = false
		cs.State = api.ContainerState{Terminated: &api.ContainerStateTerminated{ExitCode: 137, Reason: "Error", FinishedAt: api.At(e.Now())}}
	}
	_, _ = k.api.UpdateStatus(next)
	zero := int64(0)
	if err := k.api.Delete("Pod", pod.Namespace, pod.Name, apiserver.DeleteOptions{GracePeriod: &zero}); err == nil {
		e.Emit("pod.deleted", fmt.Sprintf("%s: containers of %s stopped; pod removed, IP %s released", k.node, key, pod.Status.PodIP), nil)
	}
	k.teardown(e, st)
}

func (k *Kubelet) teardown(e *sim.Engine, st *podState) {
	if st.ns != nil {
		k.net.RemovePod(st.ns)
		k.ipam.release(st.ns.IP)
		st.ns = nil
	}
	if k.pods[st.key] == st {
		delete(k.pods, st.key)
	}
}

// NetNS returns the network namespace of a running pod.
func (k *Kubelet) NetNS(key string) (*network.NetNS, bool) {
	st := k.pods[key]
	if st == nil || st.ns == nil {
		return nil, false
	}
	return st.ns, true
}

// Image returns the behaviour of a running pod's first container.
func (k *Kubelet) Image(key string) (*apps.Image, bool) {
	st := k.pods[key]
	if st == nil || len(st.image) == 0 {
		return nil, false
	}
	return st.image[0], true
}
