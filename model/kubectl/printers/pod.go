package printers

import (
	"fmt"
	"strconv"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// nodeUnreachablePodReason is the reason the node lifecycle controller
// sets on pods of an unreachable node.
const nodeUnreachablePodReason = "NodeLost"

// podCells is printers.go's printPod: NAME READY STATUS RESTARTS AGE,
// then IP NODE NOMINATED NODE READINESS GATES.
func podCells(pod *api.Pod, now time.Duration) []string {
	ready, total := 0, len(pod.Spec.Containers)
	for _, c := range pod.Spec.InitContainers {
		if c.RestartPolicy == "Always" { // sidecars count as containers
			total++
		}
	}
	reason := podReason(pod)
	restarts, lastRestart := 0, api.Time{}
	hasRunning := false
	// kubectl walks the statuses from the last one, so the first
	// container's state wins the STATUS column.
	for i := len(pod.Status.ContainerStatuses) - 1; i >= 0; i-- {
		cs := pod.Status.ContainerStatuses[i]
		restarts += int(cs.RestartCount)
		if t := cs.LastTerminationState.Terminated; t != nil && t.FinishedAt.Set {
			if !lastRestart.Set || lastRestart.At < t.FinishedAt.At {
				lastRestart = t.FinishedAt
			}
		}
		switch st := cs.State; {
		case st.Waiting != nil && st.Waiting.Reason != "":
			reason = st.Waiting.Reason
		case st.Terminated != nil && st.Terminated.Reason != "":
			reason = st.Terminated.Reason
		case st.Terminated != nil && st.Terminated.Signal != 0:
			reason = fmt.Sprintf("Signal:%d", st.Terminated.Signal)
		case st.Terminated != nil:
			reason = fmt.Sprintf("ExitCode:%d", st.Terminated.ExitCode)
		case cs.Ready && st.Running != nil:
			hasRunning = true
			ready++
		}
	}
	// A pod whose first container completed while another still runs
	// is Running (or NotReady), not Completed.
	if reason == "Completed" && hasRunning {
		reason = "NotReady"
		if podConditionTrue(pod, "Ready") {
			reason = "Running"
		}
	}
	if pod.DeletionTimestamp != nil {
		if pod.Status.Extra().Reason == nodeUnreachablePodReason {
			reason = "Unknown"
		} else if pod.Status.Phase != "Succeeded" && pod.Status.Phase != "Failed" {
			reason = "Terminating"
		}
	}
	restartText := strconv.Itoa(restarts)
	if restarts != 0 && lastRestart.Set {
		restartText = fmt.Sprintf("%d (%s ago)", restarts, since(lastRestart, now))
	}
	return []string{
		pod.Name, fmt.Sprintf("%d/%d", ready, total), reason, restartText, since(pod.CreationTimestamp, now),
		orNone(podIP(pod)), orNone(pod.Spec.NodeName), orNone(pod.Status.Extra().NominatedNodeName), readinessGates(pod),
	}
}

// podReason is the STATUS before container states are looked at: the
// phase, the pod's reason, or SchedulingGated.
func podReason(pod *api.Pod) string {
	reason := pod.Status.Phase
	if r := pod.Status.Extra().Reason; r != "" {
		reason = r
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == "PodScheduled" && c.Reason == "SchedulingGated" {
			reason = "SchedulingGated"
		}
	}
	return reason
}

// podIP is the pod's first IP. kubectl reads status.podIPs[0]; svcsim
// falls back to status.podIP for objects that set only that.
func podIP(pod *api.Pod) string {
	if len(pod.Status.PodIPs) > 0 {
		return pod.Status.PodIPs[0].IP
	}
	return pod.Status.PodIP
}

func podConditionTrue(pod *api.Pod, typ string) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == typ {
			return c.Status == "True"
		}
	}
	return false
}

// readinessGates prints "true/total" of the pod's readiness gates, or
// "<none>". The gates are an Opaque list of {conditionType: ...}.
func readinessGates(pod *api.Pod) string {
	gates, _ := pod.Spec.Extra().ReadinessGates.Value().([]any)
	if len(gates) == 0 {
		return "<none>"
	}
	trueCount := 0
	for _, g := range gates {
		m, _ := g.(map[string]any)
		typ, _ := m["conditionType"].(string)
		if podConditionTrue(pod, typ) {
			trueCount++
		}
	}
	return fmt.Sprintf("%d/%d", trueCount, len(gates))
}

func orNone(s string) string {
	if s == "" {
		return "<none>"
	}
	return s
}
