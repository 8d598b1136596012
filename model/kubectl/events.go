package kubectl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/kubectl/printers"
)

// listedEvent is an Event as kubectl reads it: occurrences alike (object,
// type, reason, source, message) counted as one, first and last seen, as
// the event recorder's correlator counts them.
type listedEvent struct {
	printers.Event
	namespace, object, name string
}

// events returns the Events whose occurrences keep selects, in the order
// they first happened.
func (k *Kubectl) events(keep func(*apiserver.Event) bool) []listedEvent {
	var list []listedEvent
	index := map[string]int{}
	k.C.API.Events().All(func(e *apiserver.Event) {
		if !keep(e) {
			return
		}
		msg := e.Message()
		key := e.UID() + "\x00" + e.Type() + "\x00" + e.Reason() + "\x00" + e.From() + "\x00" + msg
		if i, ok := index[key]; ok {
			list[i].Last, list[i].Count = e.At, list[i].Count+1
			return
		}
		index[key] = len(list)
		list = append(list, listedEvent{
			Event:     printers.Event{Type: e.Type(), Reason: e.Reason(), From: e.From(), Message: msg, First: e.At, Last: e.At, Count: 1},
			namespace: e.Namespace(), object: strings.ToLower(e.Kind()) + "/" + e.Name(), name: e.Name(),
		})
	})
	return list
}

// eventsOf returns the Events about the object with the given UID, for
// describe.
func (k *Kubectl) eventsOf(uid string) []printers.Event {
	var out []printers.Event
	for _, e := range k.events(func(e *apiserver.Event) bool { return e.UID() == uid }) {
		out = append(out, e.Event)
	}
	return out
}

// getEvents runs `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT,
// MESSAGE, in the order the API server lists Event objects (by name,
// which is the involved object's name and a timestamp).
func (k *Kubectl) getEvents(f *flags) Result {
	if o := f.get("output"); o != "" {
		return fail(fmt.Sprintf("error: svcsim prints events only as the default table, not -o %s", o))
	}
	all := f.bools["all-namespaces"]
	ns := k.namespace(f)
	list := k.events(func(e *apiserver.Event) bool { return all || e.Namespace() == ns })
	if len(list) == 0 {
		n := ns
		if all {
			n = ""
		}
		return Result{Stderr: (&printers.NoResourcesError{Namespace: n}).Error() + "\n"}
	}
	// An Event is named "<object>.<first timestamp in hex>": the "."
	// sorts after "-", so a pod's events come before its ReplicaSet's.
	slices.SortStableFunc(list, func(a, b listedEvent) int {
		return cmp.Or(cmp.Compare(a.namespace, b.namespace), cmp.Compare(a.name+".", b.name+"."), cmp.Compare(a.First, b.First))
	})
	if by := f.get("sort-by"); by != "" {
		var key func(e listedEvent) int64
		switch strings.Trim(strings.TrimPrefix(strings.Trim(by, "{}"), "."), " ") {
		case "lastTimestamp":
			key = func(e listedEvent) int64 { return int64(e.Last) }
		case "firstTimestamp", "metadata.creationTimestamp", "eventTime":
			key = func(e listedEvent) int64 { return int64(e.First) }
		case "count":
			key = func(e listedEvent) int64 { return int64(e.Count) }
		default:
			return fail(fmt.Sprintf("error: svcsim sorts events by .lastTimestamp, .firstTimestamp, .metadata.creationTimestamp or .count, not %s", by))
		}
		slices.SortStableFunc(list, func(a, b listedEvent) int { return cmp.Compare(key(a), key(b)) })
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 6, 4, 3, ' ', 0)
	now := k.engine().Now()
	if all {
		fmt.Fprint(tw, "NAMESPACE\t")
	}
	fmt.Fprintln(tw, "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE")
	for _, e := range list {
		if all {
			fmt.Fprint(tw, e.namespace+"\t")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", printers.HumanDuration(now-e.Last), e.Type, e.Reason, e.object, e.Message)
	}
	tw.Flush()
	return Result{Stdout: b.String()}
}
