package netfilter

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/kubeproxy"
)

// packetFlowTest is a row of upstream proxier_test.go's packet-flow tables:
// output is the set of possible DNAT destinations ("10.180.0.1:80,
// 10.180.0.2:80"), "REJECT", "DROP", "ACCEPT" (a filter rule accepted it
// without DNAT), or "" (no rule touched it).
type packetFlowTest struct {
	name     string
	sourceIP string
	protocol Protocol // default TCP
	destIP   string
	destPort uint16
	output   string
	masq     bool
}

// tracePacket plays upstream's tracePacket against the evaluator: a packet
// from a node address is locally generated, any other arrives on eth0.
func tracePacket(t *testing.T, rs *kubeproxy.Ruleset, tc packetFlowTest) (output string, masq bool) {
	t.Helper()
	local := NewNodeAddrs(testNodeAddrs...)
	p := Packet{Src: addr(tc.sourceIP), Dst: addr(tc.destIP), Proto: tc.protocol, SrcPort: 40000, DstPort: tc.destPort, CT: CTNew, In: "eth0"}
	if p.Proto == 0 {
		p.Proto = ProtoTCP
	}
	if p.Proto == ProtoTCP {
		p.Flags = FlagSYN
	}
	if local.IsLocal(p.Src) {
		p.In = ""
	}
	env := Env{Trace: true, MasqueradeAddr: addr(testNodeIP)}
	var dests []string
	masqs := map[bool]bool{}
	for _, path := range possiblePaths(t, rs, local, p, env) {
		switch {
		case path.Verdict.Dropped():
			dests = append(dests, path.Verdict.Kind.String())
		case path.DNAT:
			dests = append(dests, path.After.DstAddrPort().String())
		case explicitAccept(path):
			dests = append(dests, "ACCEPT")
		default:
			dests = append(dests, "")
		}
		masqs[path.Masquerade] = true
	}
	slices.Sort(dests)
	dests = slices.Compact(dests)
	if len(masqs) > 1 {
		t.Errorf("tracePacket(%v): masquerade differs between endpoints", p)
	}
	return strings.Join(dests, ", "), masqs[true]
}

func explicitAccept(p Path) bool {
	for _, h := range p.Hooks {
		for _, s := range h.Steps {
			if s.Table == kubeproxy.TableFilter && s.Rule > 0 && s.Verdict == "ACCEPT" {
				return true
			}
		}
	}
	return false
}

func runPacketFlowTests(t *testing.T, rs *kubeproxy.Ruleset, tests []packetFlowTest) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			output, masq := tracePacket(t, rs, tc)
			if diff := cmp.Diff(tc.output, output); diff != "" {
				t.Errorf("tracePacket(%s -> %s:%d) output mismatch (-want +got):\n%s", tc.sourceIP, tc.destIP, tc.destPort, diff)
			}
			if tc.output != "DROP" && tc.output != "REJECT" && masq != tc.masq {
				t.Errorf("tracePacket(%s -> %s:%d) masq = %v, want %v", tc.sourceIP, tc.destIP, tc.destPort, masq, tc.masq)
			}
		})
	}
}

// TestPacketFlowOverall traces packets through the 01-overall cluster; the
// expectations follow the traffic semantics of upstream's packet-flow tests.
func TestPacketFlowOverall(t *testing.T) {
	rs := overallCluster().ruleset(t)
	runPacketFlowTests(t, rs, []packetFlowTest{
		{name: "pod to cluster IP", sourceIP: "10.0.0.2", destIP: "172.30.0.41", destPort: 80, output: "10.180.0.1:80"},
		{name: "external to cluster IP is masqueraded", sourceIP: testExternalClient, destIP: "172.30.0.41", destPort: 80, output: "10.180.0.1:80", masq: true},
		{name: "node to cluster IP is masqueraded", sourceIP: testNodeIP, destIP: "172.30.0.41", destPort: 80, output: "10.180.0.1:80", masq: true},
		{name: "hairpin to cluster IP", sourceIP: "10.180.0.1", destIP: "172.30.0.41", destPort: 80, output: "10.180.0.1:80", masq: true},
		{name: "UDP does not match a TCP port", sourceIP: "10.0.0.2", protocol: ProtoUDP, destIP: "172.30.0.41", destPort: 80, output: ""},
		{name: "svc1 does not accept other ports", sourceIP: "10.0.0.2", destIP: "172.30.0.41", destPort: 443, output: ""},
		{name: "pod to eTP=Local cluster IP hits remote endpoint", sourceIP: "10.0.0.2", destIP: "172.30.0.42", destPort: 80, output: "10.180.0.2:80"},
		{name: "pod to eTP=Local external IP short-circuits", sourceIP: "10.0.0.2", destIP: "192.168.99.22", destPort: 80, output: "10.180.0.2:80"},
		{name: "external to eTP=Local external IP without local endpoints", sourceIP: testExternalClient, destIP: "192.168.99.22", destPort: 80, output: "DROP"},
		{name: "external to eTP=Local LB IP without local endpoints", sourceIP: testExternalClient, destIP: "1.2.3.4", destPort: 80, output: "DROP"},
		{name: "external to eTP=Local NodePort without local endpoints", sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3001, output: "DROP"},
		{name: "node to eTP=Local NodePort is masqueraded to all endpoints", sourceIP: testNodeIP, destIP: testNodeIP, destPort: 3001, output: "10.180.0.2:80", masq: true},
		{name: "pod to eTP=Local NodePort reaches all endpoints", sourceIP: "10.0.0.2", destIP: testNodeIP, destPort: 3001, output: "10.180.0.2:80"},
		{name: "firewall accepts HealthCheckNodePort", sourceIP: "1.2.3.4", destIP: testNodeIP, destPort: 30000, output: "ACCEPT"},
		{name: "external to NodePort", sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3003, output: "10.180.0.3:80", masq: true},
		{name: "external to NodePort on secondary IP", sourceIP: testExternalClient, destIP: "192.168.1.2", destPort: 3003, output: "10.180.0.3:80", masq: true},
		{name: "localhost to NodePort gets masqueraded", sourceIP: "127.0.0.1", destIP: "127.0.0.1", destPort: 3003, output: "10.180.0.3:80", masq: true},
		{name: "pod to cluster IP with two endpoints", sourceIP: "10.0.0.2", destIP: "172.30.0.44", destPort: 80, output: "10.180.0.4:80, 10.180.0.5:80"},
		{name: "external to external IP with two endpoints", sourceIP: testExternalClient, destIP: "192.168.99.33", destPort: 80, output: "10.180.0.4:80, 10.180.0.5:80", masq: true},
		{name: "accepted external to LB", sourceIP: testExternalClient, destIP: "5.6.7.8", destPort: 80, output: "10.180.0.3:80", masq: true},
		{name: "blocked external to LB", sourceIP: testExternalClientBlocked, destIP: "5.6.7.8", destPort: 80, output: "DROP"},
		{name: "pod to LB (blocked by LoadBalancerSourceRanges)", sourceIP: "10.0.0.2", destIP: "5.6.7.8", destPort: 80, output: "DROP"},
		{name: "nodePort bypasses LoadBalancerSourceRanges", sourceIP: testExternalClientBlocked, destIP: testNodeIP, destPort: 3002, output: "10.180.0.3:80", masq: true},
		{name: "pod to cluster IP with no endpoints", sourceIP: "10.0.0.2", destIP: "172.30.0.46", destPort: 80, output: "REJECT"},
		{name: "node to cluster IP with no endpoints", sourceIP: testNodeIP, destIP: "172.30.0.46", destPort: 80, output: "REJECT"},
	})
}

// TestPacketFlowUpstream replays rows of upstream TestNoEndpointsReject,
// TestClusterIPGeneral, TestLoadBalancer and TestExternalTrafficPolicyLocal.
func TestPacketFlowUpstream(t *testing.T) {
	svc1 := tcpPort("ns1", "svc1", "p80")
	t.Run("TestNoEndpointsReject", func(t *testing.T) {
		rs := cluster{services: []kubeproxy.ServicePort{{Name: svc1, Type: kubeproxy.ServiceTypeLoadBalancer, ClusterIP: addr("172.30.0.41"), Port: 80, NodePort: 3001,
			ExternalIPs: []netip.Addr{addr("192.168.99.11")}, LoadBalancerIPs: []netip.Addr{addr("1.2.3.4")}}}}.ruleset(t)
		runPacketFlowTests(t, rs, []packetFlowTest{
			{name: "pod to cluster IP with no endpoints", sourceIP: "10.0.0.2", destIP: "172.30.0.41", destPort: 80, output: "REJECT"},
			{name: "external to external IP with no endpoints", sourceIP: testExternalClient, destIP: "192.168.99.11", destPort: 80, output: "REJECT"},
			{name: "pod to NodePort with no endpoints", sourceIP: "10.0.0.2", destIP: testNodeIP, destPort: 3001, output: "REJECT"},
			{name: "external to NodePort with no endpoints", sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3001, output: "REJECT"},
			{name: "pod to LoadBalancer IP with no endpoints", sourceIP: "10.0.0.2", destIP: "1.2.3.4", destPort: 80, output: "REJECT"},
			{name: "external to LoadBalancer IP with no endpoints", sourceIP: testExternalClient, destIP: "1.2.3.4", destPort: 80, output: "REJECT"},
		})
	})
	t.Run("TestClusterIPGeneral", func(t *testing.T) {
		port := func(name string, p kubeproxy.Protocol) kubeproxy.ServicePortName {
			return kubeproxy.ServicePortName{Namespace: "ns2", Name: "svc2", Port: name, Protocol: p}
		}
		c := cluster{
			services: []kubeproxy.ServicePort{
				{Name: tcpPort("ns1", "svc1", "http"), ClusterIP: addr("172.30.0.41"), Port: 80},
				{Name: port("http", kubeproxy.ProtocolTCP), ClusterIP: addr("172.30.0.42"), Port: 80},
				{Name: port("https", kubeproxy.ProtocolTCP), ClusterIP: addr("172.30.0.42"), Port: 443},
				{Name: port("dns-udp", kubeproxy.ProtocolUDP), ClusterIP: addr("172.30.0.42"), Port: 53},
				{Name: port("dns-tcp", kubeproxy.ProtocolTCP), ClusterIP: addr("172.30.0.42"), Port: 53},
				{Name: port("dns-sctp", kubeproxy.ProtocolSCTP), ClusterIP: addr("172.30.0.42"), Port: 53},
			},
			eps: map[kubeproxy.ServicePortName][]kubeproxy.Endpoint{
				tcpPort("ns1", "svc1", "http"):           {ep("10.180.0.1", 80, "test-node")},
				port("http", kubeproxy.ProtocolTCP):      {ep("10.180.0.1", 80, "test-node"), ep("10.180.2.1", 80, "node2")},
				port("https", kubeproxy.ProtocolTCP):     {ep("10.180.0.1", 8443, "test-node"), ep("10.180.2.1", 8443, "node2")},
				port("dns-udp", kubeproxy.ProtocolUDP):   {ep("10.180.0.1", 53, "test-node"), ep("10.180.2.1", 53, "node2")},
				port("dns-tcp", kubeproxy.ProtocolTCP):   {ep("10.180.0.1", 5353, "test-node"), ep("10.180.2.1", 5353, "node2")},
				port("dns-sctp", kubeproxy.ProtocolSCTP): {ep("10.180.0.1", 53, "test-node"), ep("10.180.2.1", 53, "node2")},
			},
		}
		rs := c.ruleset(t)
		runPacketFlowTests(t, rs, []packetFlowTest{
			{name: "simple clusterIP", sourceIP: "10.180.0.2", destIP: "172.30.0.41", destPort: 80, output: "10.180.0.1:80"},
			{name: "hairpin to cluster IP", sourceIP: "10.180.0.1", destIP: "172.30.0.41", destPort: 80, output: "10.180.0.1:80", masq: true},
			{name: "clusterIP with multiple endpoints", sourceIP: "10.180.0.2", destIP: "172.30.0.42", destPort: 80, output: "10.180.0.1:80, 10.180.2.1:80"},
			{name: "clusterIP with TargetPort", sourceIP: "10.180.0.2", destIP: "172.30.0.42", destPort: 443, output: "10.180.0.1:8443, 10.180.2.1:8443"},
			{name: "clusterIP with TCP, UDP, and SCTP on same port (TCP)", sourceIP: "10.180.0.2", protocol: ProtoTCP, destIP: "172.30.0.42", destPort: 53, output: "10.180.0.1:5353, 10.180.2.1:5353"},
			{name: "clusterIP with TCP, UDP, and SCTP on same port (UDP)", sourceIP: "10.180.0.2", protocol: ProtoUDP, destIP: "172.30.0.42", destPort: 53, output: "10.180.0.1:53, 10.180.2.1:53"},
			{name: "clusterIP with TCP, UDP, and SCTP on same port (SCTP)", sourceIP: "10.180.0.2", protocol: ProtoSCTP, destIP: "172.30.0.42", destPort: 53, output: "10.180.0.1:53, 10.180.2.1:53"},
			{name: "TCP-only port does not match UDP traffic", sourceIP: "10.180.0.2", protocol: ProtoUDP, destIP: "172.30.0.42", destPort: 80, output: ""},
			{name: "svc1 does not accept svc2's ports", sourceIP: "10.180.0.2", destIP: "172.30.0.41", destPort: 443, output: ""},
		})
	})
	t.Run("TestLoadBalancer", func(t *testing.T) {
		rs := cluster{
			services: []kubeproxy.ServicePort{{Name: svc1, Type: kubeproxy.ServiceTypeLoadBalancer, ClusterIP: addr("172.30.0.41"), Port: 80, NodePort: 3001,
				LoadBalancerIPs:          []netip.Addr{addr("1.2.3.4"), addr("5.6.7.8")},
				LoadBalancerSourceRanges: []netip.Prefix{prefix("192.168.0.0/24"), prefix("203.0.113.0/25")}}},
			eps: map[kubeproxy.ServicePortName][]kubeproxy.Endpoint{svc1: {ep("10.180.0.1", 80, "")}},
		}.ruleset(t)
		out := "10.180.0.1:80"
		runPacketFlowTests(t, rs, []packetFlowTest{
			{name: "pod to cluster IP", sourceIP: "10.0.0.2", destIP: "172.30.0.41", destPort: 80, output: out},
			{name: "external to nodePort", sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3001, output: out, masq: true},
			{name: "nodePort bypasses LoadBalancerSourceRanges", sourceIP: testExternalClientBlocked, destIP: testNodeIP, destPort: 3001, output: out, masq: true},
			{name: "accepted external to LB1", sourceIP: testExternalClient, destIP: "1.2.3.4", destPort: 80, output: out, masq: true},
			{name: "accepted external to LB2", sourceIP: testExternalClient, destIP: "5.6.7.8", destPort: 80, output: out, masq: true},
			{name: "blocked external to LB1", sourceIP: testExternalClientBlocked, destIP: "1.2.3.4", destPort: 80, output: "DROP"},
			{name: "blocked external to LB2", sourceIP: testExternalClientBlocked, destIP: "5.6.7.8", destPort: 80, output: "DROP"},
			{name: "pod to LB1 (blocked by LoadBalancerSourceRanges)", sourceIP: "10.0.0.2", destIP: "1.2.3.4", destPort: 80, output: "DROP"},
			{name: "pod to LB2 (blocked by LoadBalancerSourceRanges)", sourceIP: "10.0.0.2", destIP: "5.6.7.8", destPort: 80, output: "DROP"},
			{name: "node to LB1 (allowed by LoadBalancerSourceRanges)", sourceIP: testNodeIP, destIP: "1.2.3.4", destPort: 80, output: out, masq: true},
			{name: "node to LB2 (allowed by LoadBalancerSourceRanges)", sourceIP: testNodeIP, destIP: "5.6.7.8", destPort: 80, output: out, masq: true},
			{name: "same node to LB1, SNATted to LB1 (implicitly allowed)", sourceIP: "1.2.3.4", destIP: "1.2.3.4", destPort: 80, output: out, masq: true},
			{name: "same node to LB2, SNATted to LB2 (implicitly allowed)", sourceIP: "5.6.7.8", destIP: "5.6.7.8", destPort: 80, output: out, masq: true},
		})
	})
	t.Run("TestExternalTrafficPolicyLocal", func(t *testing.T) {
		rs := cluster{
			services: []kubeproxy.ServicePort{{Name: svc1, Type: kubeproxy.ServiceTypeLoadBalancer, ClusterIP: addr("172.30.0.41"), Port: 80, NodePort: 3001,
				ExternalIPs: []netip.Addr{addr("192.168.99.11")}, LoadBalancerIPs: []netip.Addr{addr("1.2.3.4")},
				ExternalTrafficPolicy: kubeproxy.TrafficPolicyLocal, HealthCheckNodePort: 30000}},
			eps: map[kubeproxy.ServicePortName][]kubeproxy.Endpoint{svc1: {ep("10.180.0.1", 80, ""), ep("10.180.2.1", 80, "test-node")}},
		}.ruleset(t)
		both := "10.180.0.1:80, 10.180.2.1:80"
		runPacketFlowTests(t, rs, []packetFlowTest{
			{name: "pod to cluster IP hits both endpoints, unmasqueraded", sourceIP: "10.0.0.2", destIP: "172.30.0.41", destPort: 80, output: both},
			{name: "pod to external IP hits both endpoints, unmasqueraded", sourceIP: "10.0.0.2", destIP: "192.168.99.11", destPort: 80, output: both},
			{name: "external to external IP hits only local endpoint, unmasqueraded", sourceIP: testExternalClient, destIP: "192.168.99.11", destPort: 80, output: "10.180.2.1:80"},
			{name: "pod to LB IP hits only both endpoints, unmasqueraded", sourceIP: "10.0.0.2", destIP: "1.2.3.4", destPort: 80, output: both},
			{name: "external to LB IP hits only local endpoint, unmasqueraded", sourceIP: testExternalClient, destIP: "1.2.3.4", destPort: 80, output: "10.180.2.1:80"},
			{name: "pod to NodePort hits both endpoints, unmasqueraded", sourceIP: "10.0.0.2", destIP: testNodeIP, destPort: 3001, output: both},
			{name: "external to NodePort hits only local endpoint, unmasqueraded", sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3001, output: "10.180.2.1:80"},
		})
	})
}
