package printers

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// describePod is describe.go's describePod.
func describePod(d *describer, p *api.Pod, ctx DescribeContext) {
	d.line(0, "Name:\t%s\n", p.Name)
	d.line(0, "Namespace:\t%s\n", p.Namespace)
	spec, status := p.Spec.Extra(), p.Status.Extra()
	if spec.Priority != nil {
		d.line(0, "Priority:\t%d\n", *spec.Priority)
	}
	if spec.PriorityClassName != "" {
		d.line(0, "Priority Class Name:\t%s\n", spec.PriorityClassName)
	}
	if spec.RuntimeClassName != nil && *spec.RuntimeClassName != "" {
		d.line(0, "Runtime Class Name:\t%s\n", *spec.RuntimeClassName)
	}
	if p.Spec.ServiceAccountName != "" {
		d.line(0, "Service Account:\t%s\n", p.Spec.ServiceAccountName)
	}
	if p.Spec.NodeName == "" {
		d.line(0, "Node:\t<none>\n")
	} else {
		d.line(0, "Node:\t%s\n", p.Spec.NodeName+"/"+p.Status.HostIP)
	}
	if p.Status.StartTime != nil {
		d.line(0, "Start Time:\t%s\n", wallClock(*p.Status.StartTime))
	}
	d.labels("Labels", p.Labels)
	d.annotations("Annotations", p.Annotations)
	if p.DeletionTimestamp != nil && p.Status.Phase != "Failed" && p.Status.Phase != "Succeeded" {
		d.line(0, "Status:\tTerminating (lasts %s)\n", HumanDuration(p.DeletionTimestamp.At-ctx.Now))
		d.line(0, "Termination Grace Period:\t%ds\n", deref(p.DeletionGracePeriodSeconds))
	} else {
		d.line(0, "Status:\t%s\n", p.Status.Phase)
	}
	if status.Reason != "" {
		d.line(0, "Reason:\t%s\n", status.Reason)
	}
	if status.Message != "" {
		d.line(0, "Message:\t%s\n", status.Message)
	}
	d.line(0, "IP:\t%s\n", p.Status.PodIP)
	if len(p.Status.PodIPs) == 0 {
		d.line(0, "IPs:\t<none>\n")
	} else {
		d.line(0, "IPs:\n")
		for _, ip := range p.Status.PodIPs {
			d.line(1, "IP:\t%s\n", ip.IP)
		}
	}
	if c := controller(p.OwnerReferences); c != "" {
		d.line(0, "Controlled By:\t%s\n", c)
	}
	if status.NominatedNodeName != "" {
		d.line(0, "NominatedNodeName:\t%s\n", status.NominatedNodeName)
	}
	if len(p.Spec.InitContainers) > 0 {
		describeContainers(d, "", "Init Containers", p.Spec.InitContainers, nil)
	}
	describeContainers(d, "", "Containers", p.Spec.Containers, p.Status.ContainerStatuses)
	if len(p.Status.Conditions) > 0 {
		d.line(0, "Conditions:\n  Type\tStatus\n")
		for _, c := range p.Status.Conditions {
			d.line(1, "%v \t%v \n", c.Type, c.Status)
		}
	}
	describeVolumes(d, "", spec.Volumes)
	qos := p.Status.QOSClass
	if qos == "" {
		qos = "BestEffort"
	}
	d.line(0, "QoS Class:\t%s\n", qos)
	d.labels("Node-Selectors", p.Spec.NodeSelector)
	describeTolerations(d, "Tolerations", spec.Tolerations)
	d.events(ctx.Events)
}

// controller is "Kind/name" of the controlling owner reference.
func controller(refs []api.OwnerReference) string {
	for _, r := range refs {
		if r.Controller != nil && *r.Controller {
			return r.Kind + "/" + r.Name
		}
	}
	return ""
}

// describeContainers prints a pod's containers, or with space "  " a
// pod template's (its container names one space further in, as
// kubectl's nameIndent puts them).
func describeContainers(d *describer, space, label string, cs []api.Container, statuses []api.ContainerStatus) {
	nameIndent := ""
	if space != "" {
		nameIndent = " "
	}
	if len(cs) == 0 {
		d.line(0, "%s%s: <none>\n", space, label)
	} else {
		d.line(0, "%s%s:\n", space, label)
	}
	for _, c := range cs {
		var st *api.ContainerStatus
		for i := range statuses {
			if statuses[i].Name == c.Name {
				st = &statuses[i]
			}
		}
		d.line(1, "%s%v:\n", nameIndent, c.Name)
		if st != nil {
			d.line(2, "Container ID:\t%s\n", st.ContainerID)
		}
		d.line(2, "Image:\t%s\n", c.Image)
		if st != nil {
			d.line(2, "Image ID:\t%s\n", st.ImageID)
		}
		describeContainerPorts(d, c.Ports)
		if c.RestartPolicy != "" {
			d.line(2, "Restart Policy:\t%s\n", c.RestartPolicy)
		}
		describeCommand(d, "Command", c.Command)
		describeCommand(d, "Args", c.Args)
		if st != nil {
			describeState(d, "State", st.State)
			if st.LastTerminationState.Terminated != nil {
				describeState(d, "Last State", st.LastTerminationState)
			}
			d.line(2, "Ready:\t%v\n", printBool(st.Ready))
			d.line(2, "Restart Count:\t%d\n", st.RestartCount)
		}
		describeProbe(d, "Liveness", c.LivenessProbe)
		describeProbe(d, "Readiness", c.ReadinessProbe)
		describeProbe(d, "Startup", c.StartupProbe)
		describeEnv(d, c.Env)
		describeMounts(d, c.VolumeMounts)
	}
}

func describeContainerPorts(d *describer, ports []api.ContainerPort) {
	var cp, hp []string
	for _, p := range ports {
		cp = append(cp, fmt.Sprintf("%d/%s", p.ContainerPort, protocolOrTCP(p.Protocol)))
		hp = append(hp, fmt.Sprintf("%d/%s", p.HostPort, protocolOrTCP(p.Protocol)))
	}
	if len(cp) > 1 {
		d.line(2, "Ports:\t%s\n", strings.Join(cp, ", "))
		d.line(2, "Host Ports:\t%s\n", strings.Join(hp, ", "))
		return
	}
	d.line(2, "Port:\t%s\n", orNone(strings.Join(cp, "")))
	d.line(2, "Host Port:\t%s\n", orNone(strings.Join(hp, "")))
}

func describeCommand(d *describer, title string, args []string) {
	if len(args) == 0 {
		return
	}
	d.line(2, "%s:\n", title)
	for _, a := range args {
		for _, s := range strings.Split(a, "\n") {
			d.line(3, "%s\n", s)
		}
	}
}

func describeState(d *describer, name string, s api.ContainerState) {
	switch {
	case s.Running != nil:
		d.line(2, "%s:\tRunning\n", name)
		d.line(3, "Started:\t%v\n", wallClock(s.Running.StartedAt))
	case s.Waiting != nil:
		d.line(2, "%s:\tWaiting\n", name)
		if s.Waiting.Reason != "" {
			d.line(3, "Reason:\t%s\n", s.Waiting.Reason)
		}
	case s.Terminated != nil:
		t := s.Terminated
		d.line(2, "%s:\tTerminated\n", name)
		if t.Reason != "" {
			d.line(3, "Reason:\t%s\n", t.Reason)
		}
		if t.Message != "" {
			d.line(3, "Message:\t%s\n", t.Message)
		}
		d.line(3, "Exit Code:\t%d\n", t.ExitCode)
		if t.Signal > 0 {
			d.line(3, "Signal:\t%d\n", t.Signal)
		}
		d.line(3, "Started:\t%s\n", wallClock(t.StartedAt))
		d.line(3, "Finished:\t%s\n", wallClock(t.FinishedAt))
	default:
		d.line(2, "%s:\tWaiting\n", name)
	}
}

// describeProbe prints a probe as DescribeProbe does:
// "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3".
func describeProbe(d *describer, title string, p *api.Probe) {
	if p == nil {
		return
	}
	attrs := fmt.Sprintf("delay=%ds timeout=%ds period=%ds #success=%d #failure=%d",
		p.InitialDelaySeconds, p.TimeoutSeconds, p.PeriodSeconds, p.SuccessThreshold, p.FailureThreshold)
	var s string
	switch {
	case p.Exec != nil:
		s = fmt.Sprintf("exec %v %s", p.Exec.Command, attrs)
	case p.HTTPGet != nil:
		u := &url.URL{Scheme: strings.ToLower(p.HTTPGet.Scheme), Path: p.HTTPGet.Path}
		if port := p.HTTPGet.Port.String(); port != "" {
			u.Host = net.JoinHostPort(p.HTTPGet.Host, port)
		} else {
			u.Host = p.HTTPGet.Host
		}
		s = fmt.Sprintf("http-get %s %s", u.String(), attrs)
	case p.TCPSocket != nil:
		s = fmt.Sprintf("tcp-socket %s:%s %s", p.TCPSocket.Host, p.TCPSocket.Port.String(), attrs)
	default:
		s = fmt.Sprintf("unknown %s", attrs)
	}
	d.line(2, "%s:\t%s\n", title, s)
}

func describeEnv(d *describer, env []api.EnvVar) {
	if len(env) == 0 {
		d.line(2, "Environment:\t<none>\n")
		return
	}
	d.line(2, "Environment:\n")
	for _, e := range env {
		if !e.ValueFrom.IsZero() {
			d.line(3, "%s:\t<set from a source svcsim does not model>\n", e.Name)
			continue
		}
		for i, s := range strings.Split(e.Value, "\n") {
			if i == 0 {
				d.line(3, "%s:\t%s\n", e.Name, s)
			} else {
				d.line(3, "\t%s\n", s)
			}
		}
	}
}
