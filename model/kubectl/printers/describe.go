package printers

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// Event is the part of a core/v1 Event that kubectl describe prints.
type Event struct {
	Type    string // Normal or Warning
	Reason  string // Scheduled, Pulled, Killing, ...
	From    string // source.component, or reportingController
	Message string
	// First and Last are the virtual times the event was first and last
	// seen; Count is how many times (more than 1 prints "(x3 over 5m)").
	First, Last time.Duration
	Count       int32
}

// DescribeContext is what kubectl describe fetches besides the object.
type DescribeContext struct {
	// Now is the virtual time of the describe, for ages.
	Now time.Duration
	// Events are the events whose involvedObject is the object.
	Events []Event
	// EndpointSlices are a Service's slices (label
	// kubernetes.io/service-name), for its Endpoints lines.
	EndpointSlices []*api.EndpointSlice
	// Pods are the pods bound to a Node, for its Non-terminated Pods, or
	// those a ReplicaSet or ReplicationController owns, for its Pods
	// Status.
	Pods []*api.Pod
	// ReplicaSets are a Deployment's, for its Old and New ReplicaSets.
	ReplicaSets []*api.ReplicaSet
}

// CanDescribe reports whether Describe prints the kind.
func CanDescribe(kind string) bool {
	switch kind {
	case "Pod", "Service", "Node", "Deployment", "ReplicaSet", "ReplicationController", "Endpoints", "EndpointSlice":
		return true
	}
	return false
}

// Describe prints a Pod, Service, Node, Deployment, ReplicaSet,
// ReplicationController, Endpoints or EndpointSlice as kubectl describe
// does. Several
// objects are separated by "\n\n" by the caller, as kubectl does.
func Describe(w io.Writer, obj api.Object, ctx DescribeContext) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	d := &describer{w: tw, now: ctx.Now}
	switch o := obj.(type) {
	case *api.Pod:
		describePod(d, o, ctx)
	case *api.Service:
		describeService(d, o, ctx)
	case *api.Node:
		describeNode(d, o, ctx)
	case *api.Deployment:
		describeDeployment(d, o, ctx)
	case *api.ReplicaSet:
		describeReplicaSet(d, o, ctx)
	case *api.ReplicationController:
		describeReplicationController(d, o, ctx)
	case *api.Endpoints:
		describeEndpoints(d, o, ctx)
	case *api.EndpointSlice:
		describeEndpointSlice(d, o, ctx)
	default:
		return fmt.Errorf("printers: no describer for kind %s", api.KindOf(obj).Kind)
	}
	return tw.Flush()
}

// describer is kubectl's PrefixWriter: each level indents two spaces.
type describer struct {
	w   *tabwriter.Writer
	now time.Duration
}

func (d *describer) line(level int, format string, args ...any) {
	fmt.Fprintf(d.w, strings.Repeat("  ", level)+format, args...)
}

// flush ends the current column block, as PrefixWriter.Flush does before
// a table.
func (d *describer) flush() { d.w.Flush() }

// labels prints "Title:\tk=v" lines, one label a line, "<none>" when empty.
func (d *describer) labels(title string, m map[string]string) {
	d.line(0, "%s:\t", title)
	if len(m) == 0 {
		d.line(0, "<none>\n")
		return
	}
	for i, k := range api.SortedKeys(m) {
		if i > 0 {
			d.line(0, "\t")
		}
		d.line(0, "%s=%s\n", k, m[k])
	}
}

// maxAnnotationLen is where describe cuts long annotation values.
const maxAnnotationLen = 140

// annotations prints "Title:\tk: v" lines, skipping
// kubectl.kubernetes.io/last-applied-configuration.
func (d *describer) annotations(title string, m map[string]string) {
	d.line(0, "%s:\t", title)
	var keys []string
	for _, k := range api.SortedKeys(m) {
		if k != "kubectl.kubernetes.io/last-applied-configuration" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		d.line(0, "<none>\n")
		return
	}
	for i, k := range keys {
		if i > 0 {
			d.line(0, "\t")
		}
		v := strings.TrimSuffix(m[k], "\n")
		if len(v)+len(k)+2 <= maxAnnotationLen && !strings.Contains(v, "\n") {
			d.line(0, "%s: %s\n", k, v)
			continue
		}
		d.line(0, "%s:\n", k)
		for _, s := range strings.Split(v, "\n") {
			if len(s) > maxAnnotationLen-2 {
				s = s[:maxAnnotationLen-2] + "..."
			}
			d.line(0, "\t  %s\n", s)
		}
	}
}

// events prints the Events table, oldest last-seen first, or
// "Events:\t<none>".
func (d *describer) events(evs []Event) {
	if len(evs) == 0 {
		d.line(0, "Events:\t<none>\n")
		return
	}
	d.flush()
	sorted := append([]Event(nil), evs...)
	slices.SortStableFunc(sorted, func(a, b Event) int { return cmp.Compare(a.Last, b.Last) })
	d.line(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
	d.line(1, "----\t------\t----\t----\t-------\n")
	for _, e := range sorted {
		age := HumanDuration(d.now - e.First)
		if e.Count > 1 {
			age = fmt.Sprintf("%s (x%d over %s)", HumanDuration(d.now-e.Last), e.Count, age)
		}
		d.line(1, "%v\t%v\t%s\t%v\t%v\n", e.Type, e.Reason, age, e.From, strings.TrimSpace(e.Message))
	}
}

func printBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
