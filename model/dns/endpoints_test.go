package dns

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEndpointNames checks the names an endpoint answers to, as laid out
// in its slice's one string: spec hostname, pod name (under
// endpoint_pod_names, if shorter than 64), dashed IP.
func TestEndpointNames(t *testing.T) {
	long := strings.Repeat("h", 70000)
	x := NewIndex()
	x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "ns", Name: "s-1", ServiceName: "s", Endpoints: []Endpoint{
		{Addresses: ips("10.0.0.1"), Hostname: "web-0", TargetRef: PodRef{"ns", "web-0-pod"}},
		{Addresses: ips("10.0.0.2", "fd00::2"), TargetRef: PodRef{"ns", "Pod-Two"}},
		{Addresses: ips("10.0.0.3"), TargetRef: PodRef{"ns", strings.Repeat("p", 64)}},
		{Addresses: ips("10.0.0.4"), Conditions: Conditions{Ready: CondFalse}, Hostname: "not-ready"},
		{Addresses: ips("fd00::"), Hostname: long, TargetRef: PodRef{"ns", "long-host"}},
		{Addresses: ips("10.0.0.6"), Hostname: "ÄBC"},
	}})
	sl := x.slices[objKey{"ns", "s-1"}]
	tests := []struct {
		podNames   bool
		want       []string
		matches    string
		wantMatchs []bool
	}{
		{false, []string{"web-0", "10-0-0-2", "fd00--2", "10-0-0-3", long, "ÄBC"}, "web-0", []bool{true, false, false, false, false, false}},
		{true, []string{"web-0", "Pod-Two", "Pod-Two", "10-0-0-3", long, "ÄBC"}, "pod-two", []bool{false, true, true, false, false, false}},
		{false, nil, "fd00--2", []bool{false, false, true, false, false, false}},
		{false, nil, "äbc", []bool{false, false, false, false, false, true}},
	}
	for _, tc := range tests {
		t.Run(tc.matches, func(t *testing.T) {
			var got []string
			var matched []bool
			for i := range sl.addrs {
				got = append(got, sl.name(i, tc.podNames))
				matched = append(matched, sl.nameMatches(i, tc.podNames, tc.matches))
			}
			if tc.want != nil {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("names (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tc.wantMatchs, matched); diff != "" {
				t.Errorf("nameMatches(%q) (-want +got):\n%s", tc.matches, diff)
			}
		})
	}
}

// TestEndpointsByIPOrder: the endpoints sharing an address stay in the
// order they were indexed when one of them goes.
func TestEndpointsByIPOrder(t *testing.T) {
	x := NewIndex()
	for _, n := range []string{"a", "b", "c"} {
		x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "ns", Name: n, ServiceName: "s",
			Endpoints: []Endpoint{{Addresses: ips("10.0.0.1")}}})
	}
	names := func() []string {
		var out []string
		for _, r := range x.endpointsAt(ip("10.0.0.1")) {
			out = append(out, r.slice.key.name)
		}
		return out
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, names()); diff != "" {
		t.Fatalf("indexed (-want +got):\n%s", diff)
	}
	x.DeleteEndpointSlice(t0, "ns", "a")
	if diff := cmp.Diff([]string{"b", "c"}, names()); diff != "" {
		t.Errorf("after deleting a (-want +got):\n%s", diff)
	}
	x.DeleteEndpointSlice(t0, "ns", "b")
	x.DeleteEndpointSlice(t0, "ns", "c")
	if len(x.epByIP) != 0 || len(x.epMore) != 0 || len(x.services) != 0 {
		t.Errorf("after deleting all: %d, %d endpoint and %d service entries left", len(x.epByIP), len(x.epMore), len(x.services))
	}
}

// TestEndpointAddresses: addresses round-trip through the pointer-free
// layout, including the kinds Kubernetes never sends (zoned, invalid), and
// a zoned address is found under its own zone only.
func TestEndpointAddresses(t *testing.T) {
	addrs := []netip.Addr{ip("10.0.0.1"), ip("::ffff:10.0.0.1"), ip("fd00::1"), ip("fe80::1%eth0"), ip("fe80::1%eth1"), {}}
	x := NewIndex()
	x.UpsertEndpointSlice(t0, EndpointSlice{Namespace: "ns", Name: "s-1", ServiceName: "s",
		Endpoints: []Endpoint{{Addresses: addrs}}})
	sl := x.slices[objKey{"ns", "s-1"}]
	var got []netip.Addr
	for i := range sl.addrs {
		got = append(got, sl.ip(i))
	}
	if diff := cmp.Diff(addrs, got, cmp.Comparer(func(a, b netip.Addr) bool { return a == b })); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	for i, a := range addrs {
		refs := x.endpointsAt(a)
		if len(refs) != 1 || refs[0].i != int32(i) {
			t.Errorf("endpointsAt(%v) = %v, want address %d only", a, refs, i)
		}
	}
	x.DeleteEndpointSlice(t0, "ns", "s-1")
	if len(x.epByIP) != 0 || len(x.epMore) != 0 {
		t.Errorf("after delete: %d, %d endpoint entries left", len(x.epByIP), len(x.epMore))
	}
}
