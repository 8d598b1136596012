package kubeproxy_test

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/kernel"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// This file tests the kube-proxy component in a small world: an API
// server, one node's kernel and kube-proxy, EndpointSlices written by hand.

const (
	node1   = "node-1"
	node1IP = "192.168.0.2"
	client  = "10.244.1.5:40000"
)

type world struct {
	t      *testing.T
	e      *sim.Engine
	api    *apiserver.Server
	kernel *kernel.Kernel
	vip    netip.Addr
	nextID uint64
}

// newWorld starts kube-proxy on node-1 (pods 10.244.1.0/24) with the
// Service dns (ports dns 53/UDP and dns-tcp 53/TCP) whose one endpoint is ep.
func newWorld(t *testing.T, ep string) *world {
	t.Helper()
	e := sim.New(1)
	w := &world{t: t, e: e, api: apiserver.New(e, apiserver.DefaultConfig()), kernel: kernel.New()}
	w.create(&api.Namespace{ObjectMeta: api.ObjectMeta{Name: "default"}})
	w.create(&api.Node{ObjectMeta: api.ObjectMeta{Name: node1},
		Status: api.NodeStatus{Addresses: []api.NodeAddress{{Type: "InternalIP", Address: node1IP}}}})
	w.kernel.AddNode(node1, netip.MustParseAddr(node1IP), netip.MustParsePrefix("10.244.1.0/24"))
	cfg := kubeproxy.DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{netip.MustParsePrefix("10.244.0.0/16")}
	kp := kubeproxy.NewComponent(w.api, node1, cfg, w.kernel)
	kp.Start(e, e.Register(kp))
	svc := w.create(&api.Service{ObjectMeta: api.ObjectMeta{Name: "dns", Namespace: "default"},
		Spec: api.ServiceSpec{Selector: map[string]string{"app": "dns"}, Ports: []api.ServicePort{
			{Name: "dns", Port: 53, Protocol: "UDP", TargetPort: api.FromInt(53)},
			{Name: "dns-tcp", Port: 53, Protocol: "TCP", TargetPort: api.FromInt(53)}}}}).(*api.Service)
	w.vip = netip.MustParseAddr(svc.Spec.ClusterIP)
	w.create(slice(ep))
	w.runUntil(2 * time.Second)
	return w
}

func slice(ips ...string) *api.EndpointSlice {
	udp, tcp, dns, dnsTCP, port := "UDP", "TCP", "dns", "dns-tcp", int32(53)
	es := &api.EndpointSlice{ObjectMeta: api.ObjectMeta{Name: "dns-x1", Namespace: "default",
		Labels: map[string]string{api.LabelServiceName: "dns"}}, AddressType: "IPv4",
		Ports: []api.EndpointPort{{Name: &dns, Port: &port, Protocol: &udp}, {Name: &dnsTCP, Port: &port, Protocol: &tcp}}}
	for _, ip := range ips {
		es.Endpoints = append(es.Endpoints, api.Endpoint{Addresses: []string{ip}})
	}
	return es
}

func (w *world) create(o api.Object) api.Object {
	w.t.Helper()
	out, err := w.api.Create(o)
	if err != nil {
		w.t.Fatalf("Create(%T) error = %v", o, err)
	}
	return out
}

func (w *world) update(o api.Object) {
	w.t.Helper()
	cur, _ := w.api.Get(api.KindOf(o).Kind, o.Meta().Namespace, o.Meta().Name)
	o.Meta().ResourceVersion = cur.Meta().ResourceVersion
	if _, err := w.api.Update(o); err != nil {
		w.t.Fatalf("Update(%T) error = %v", o, err)
	}
}

func (w *world) runUntil(at time.Duration) {
	w.t.Helper()
	if err := w.e.RunUntil(at); err != nil {
		w.t.Fatalf("RunUntil(%v) error = %v", at, err)
	}
}

// send sends a first packet from a pod on node-1 to the VIP's port 53.
func (w *world) send(proto network.Protocol) {
	w.nextID++
	p := network.Packet{ID: w.nextID, Src: netip.MustParseAddrPort(client), Dst: netip.AddrPortFrom(w.vip, 53), Proto: proto, TTL: 64}
	if proto == network.TCP {
		p.Flags = network.SYN
	}
	w.kernel.Filter(w.e, node1, network.Prerouting, p)
}

// conntrack returns `conntrack -L`'s protocols and reply sources.
func (w *world) conntrack() []string {
	var out []string
	for _, e := range w.kernel.Node(node1).CT.Entries(w.e.Now()) {
		out = append(out, e.Orig.Proto.String()+" → "+e.Reply.Src.String())
	}
	return out
}

func (w *world) records(kind string) []sim.Record {
	var out []sim.Record
	for _, r := range w.e.Trace().Records() {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

func TestUDPConntrackCleanupAfterSync(t *testing.T) {
	tests := []struct {
		name string
		// change is applied at 3s; kube-proxy sees it WatchDelay later (T)
		// and syncs at once, its last sync being long past.
		change         func(w *world)
		before, after  []string
		cleanupRecords int
	}{{
		name:   "endpoint replaced: the UDP flow to the old one is flushed, the TCP one stays",
		change: func(w *world) { w.update(slice("10.244.2.8")) },
		before: []string{"tcp → 10.244.2.7", "udp → 10.244.2.7"},
		after:  []string{"tcp → 10.244.2.7"}, cleanupRecords: 1,
	}, {
		name:   "endpoint added: flows to a still serving endpoint stay",
		change: func(w *world) { w.update(slice("10.244.2.7", "10.244.2.8")) },
		before: []string{"tcp → 10.244.2.7", "udp → 10.244.2.7"},
		after:  []string{"tcp → 10.244.2.7", "udp → 10.244.2.7"}, cleanupRecords: 1,
	}, {
		name: "all endpoints gone: a Service without endpoints needs no cleanup",
		change: func(w *world) {
			if err := w.api.Delete("EndpointSlice", "default", "dns-x1", apiserver.DeleteOptions{}); err != nil {
				w.t.Fatal(err)
			}
		},
		before: []string{"tcp → 10.244.2.7", "udp → 10.244.2.7"},
		after:  []string{"tcp → 10.244.2.7", "udp → 10.244.2.7"}, cleanupRecords: 1,
	}, {
		name: "a Service-only change does not run the cleanup",
		change: func(w *world) {
			o, _ := w.api.Get("Service", "default", "dns")
			svc := *o.(*api.Service)
			svc.Spec.ExternalIPs = []string{"203.0.113.7"}
			w.update(&svc)
		},
		before: []string{"tcp → 10.244.2.7", "udp → 10.244.2.7"},
		after:  []string{"tcp → 10.244.2.7", "udp → 10.244.2.7"}, cleanupRecords: 0,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, "10.244.2.7")
			boot := len(w.records("kubeproxy.conntrack"))
			w.send(network.UDP)
			w.send(network.TCP)
			w.runUntil(3 * time.Second)
			tc.change(w)
			T := 3*time.Second + apiserver.DefaultConfig().WatchDelay
			w.runUntil(T - time.Nanosecond)
			if diff := cmp.Diff(tc.before, w.conntrack()); diff != "" {
				t.Errorf("conntrack at T-1ns (-want +got):\n%s", diff)
			}
			w.runUntil(T)
			if diff := cmp.Diff(tc.after, w.conntrack()); diff != "" {
				t.Errorf("conntrack at T, after the sync (-want +got):\n%s", diff)
			}
			recs := w.records("kubeproxy.conntrack")[boot:]
			if len(recs) != tc.cleanupRecords {
				t.Fatalf("kubeproxy.conntrack records = %d, want %d", len(recs), tc.cleanupRecords)
			}
			if len(recs) == 0 {
				return
			}
			if recs[0].At != T {
				t.Errorf("cleanup at %v, want %v (right after the sync)", recs[0].At, T)
			}
			deleted := recs[0].Detail.(*kubeproxy.ConntrackRecord).Deleted
			if flushed := len(tc.before) - len(tc.after); len(deleted) != flushed {
				t.Errorf("cleanup record lists %d entries, want %d: %q", len(deleted), flushed, deleted)
			}
			if len(deleted) == 1 {
				want := "udp      17 28 src=10.244.1.5 dst=" + w.vip.String() + " sport=40000 dport=53 [UNREPLIED] src=10.244.2.7 dst=10.244.1.5 sport=53 dport=40000 mark=0 use=1"
				if deleted[0] != want || !strings.Contains(recs[0].Summary, "deleted 1 stale entry: "+want) {
					t.Errorf("cleanup record = %q, %q; want the entry %q", recs[0].Summary, deleted, want)
				}
			}
		})
	}
}
