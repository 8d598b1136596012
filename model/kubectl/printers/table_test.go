package printers

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/api"
)

func TestPrintTableGolden(t *testing.T) {
	w := fixtureWorkloads()
	tests := []struct {
		name string
		objs []api.Object
		opts TableOptions
	}{
		{"pods", objects(fixturePods()), TableOptions{}},
		{"pods-wide", objects(fixturePods()), TableOptions{Wide: true}},
		{"pods-labels", objects(fixturePods()[:2]), TableOptions{ShowLabels: true}},
		{"pods-noheaders", objects(fixturePods()[:2]), TableOptions{NoHeaders: true}},
		{"svc", objects(fixtureServices()[:7]), TableOptions{}},
		{"svc-wide", objects(fixtureServices()[:7]), TableOptions{Wide: true}},
		{"svc-all-namespaces", objects(fixtureServices()), TableOptions{AllNamespaces: true}},
		{"endpoints", objects(fixtureEndpoints()), TableOptions{}},
		{"endpointslices", objects(fixtureSlices()), TableOptions{}},
		{"deployments", w[:2], TableOptions{}},
		{"deployments-wide", w[:2], TableOptions{Wide: true}},
		{"replicasets-wide", w[2:3], TableOptions{Wide: true}},
		{"rc", w[3:], TableOptions{}},
		{"rc-wide", w[3:], TableOptions{Wide: true}},
		{"nodes", objects(fixtureNodes()), TableOptions{}},
		{"nodes-wide", objects(fixtureNodes()), TableOptions{Wide: true}},
		{"namespaces", objects(fixtureNamespaces()), TableOptions{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Now = now
			var b strings.Builder
			if err := PrintTable(&b, tc.objs, tc.opts); err != nil {
				t.Fatalf("PrintTable() = %v", err)
			}
			checkGolden(t, "get-"+tc.name, b.String())
		})
	}
}

func TestPrintGetAllGolden(t *testing.T) {
	var objs []api.Object
	objs = append(objs, objects(fixtureServices()[:3])...)
	objs = append(objs, fixtureWorkloads()...)
	objs = append(objs, objects(fixturePods()[:3])...)
	objs = append(objs, objects(fixtureEndpoints())...) // not in "all": ignored
	var b strings.Builder
	if err := PrintGetAll(&b, objs, TableOptions{Now: now}); err != nil {
		t.Fatalf("PrintGetAll() = %v", err)
	}
	checkGolden(t, "get-all", b.String())
}

func TestNoResources(t *testing.T) {
	tests := []struct {
		name string
		opts TableOptions
		want string
	}{
		{"namespaced", TableOptions{Namespace: "default"}, "No resources found in default namespace."},
		{"all namespaces", TableOptions{Namespace: "default", AllNamespaces: true}, "No resources found"},
		{"cluster scoped", TableOptions{}, "No resources found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []func() error{
				func() error { return PrintTable(&strings.Builder{}, nil, tc.opts) },
				func() error { return PrintGetAll(&strings.Builder{}, objects(fixtureEndpoints()), tc.opts) },
			} {
				var nr *NoResourcesError
				err := f()
				if !errors.As(err, &nr) {
					t.Fatalf("err = %v, want *NoResourcesError", err)
				}
				if got := err.Error(); got != tc.want {
					t.Errorf("Error() = %q, want %q", got, tc.want)
				}
			}
		})
	}
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-2 * time.Second, "<invalid>"},
		{-time.Second, "0s"},
		{0, "0s"},
		{5 * time.Second, "5s"},
		{119 * time.Second, "119s"},
		{120 * time.Second, "2m"},
		{150 * time.Second, "2m30s"},
		{9*time.Minute + 59*time.Second, "9m59s"},
		{10 * time.Minute, "10m"},
		{179 * time.Minute, "179m"},
		{3 * time.Hour, "3h"},
		{3*time.Hour + 20*time.Minute, "3h20m"},
		{8 * time.Hour, "8h"},
		{47 * time.Hour, "47h"},
		{48 * time.Hour, "2d"},
		{53 * time.Hour, "2d5h"},
		{8 * 24 * time.Hour, "8d"},
		{729 * 24 * time.Hour, "729d"},
		{730 * 24 * time.Hour, "2y"},
		{(3*365 + 120) * 24 * time.Hour, "3y120d"},
		{9 * 365 * 24 * time.Hour, "9y"},
	}
	for _, tc := range tests {
		if got := HumanDuration(tc.d); got != tc.want {
			t.Errorf("HumanDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestServiceCells(t *testing.T) {
	lb := fixtureServices()[2]
	lb.Status.LoadBalancer.Ingress = []api.LoadBalancerIngress{{IP: "192.168.100.200"}, {Hostname: "a.example.com"}, {IP: "192.168.100.200"}}
	lb.Spec.ExternalIPs = []string{"1.2.3.4"}
	tests := []struct {
		name string
		wide bool
		want string
	}{
		{"cut at 16", false, "192.168.100.200...,1.2.3.4"},
		{"wide keeps all", true, "192.168.100.200,a.example.com,1.2.3.4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := serviceExternalIP(lb, tc.wide)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("serviceExternalIP() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKindMismatch(t *testing.T) {
	objs := []api.Object{fixturePods()[0], fixtureServices()[0]}
	if err := PrintTable(&strings.Builder{}, objs, TableOptions{}); err == nil {
		t.Errorf("PrintTable(pod, service) = nil, want error")
	}
}
