package kubeproxy

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPartialSync(t *testing.T) {
	svc2 := tcpPort("ns2", "svc2", "p80")
	tc := testCluster{
		services: []ServicePort{{Name: svc1, ClusterIP: ip("172.30.0.41"), Port: 80}, {Name: svc2, ClusterIP: ip("172.30.0.42"), Port: 80}},
		eps: map[ServicePortName][]Endpoint{
			svc1: {readyEP("10.180.0.1", 80, "")},
			svc2: {readyEP("10.180.0.2", 80, ""), readyEP("10.180.0.3", 80, "")},
		},
	}
	p := tc.proxier(t)
	if res := p.Sync(); !res.Full {
		t.Fatalf("first Sync().Full = false, want true")
	}
	steps := []struct {
		name     string
		change   func()
		wantFull bool
		want     []string // nat chain declarations and rules of per-service chains, and -X lines
	}{
		{
			name:   "no change: fixed chains and KUBE-SERVICES only",
			change: func() {},
			want:   nil,
		},
		{
			name:   "same endpoints again: no change",
			change: func() { p.SetEndpoints(svc1, []Endpoint{readyEP("10.180.0.1", 80, "")}) },
			want:   nil,
		},
		{
			name:   "one endpoint of svc2 removed: svc2 chains rewritten, its SEP deleted",
			change: func() { p.SetEndpoints(svc2, []Endpoint{readyEP("10.180.0.2", 80, "")}) },
			want: []string{
				":KUBE-SVC-GNZBNJ2PO5MGZ6GT - [0:0]",
				":KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]",
				":" + EndpointChain(svc2, netip.MustParseAddrPort("10.180.0.3:80")) + " - [0:0]",
				"-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment \"ns2/svc2:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.42 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ",
				"-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment \"ns2/svc2:p80 -> 10.180.0.2:80\" -j KUBE-SEP-RS4RBKLTHTF2IUXJ",
				"-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ",
				"-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80",
				"-X " + EndpointChain(svc2, netip.MustParseAddrPort("10.180.0.3:80")),
			},
		},
		{
			name:   "svc1 deleted: its chains flushed and deleted",
			change: func() { p.DeleteService(svc1) },
			want: []string{
				":KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]",
				":KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]",
				"-X KUBE-SEP-SXIVWICOYRO3J4NJ",
				"-X KUBE-SVC-XPGD46QRK7WJZT7O",
			},
		},
		{
			name:     "forced full sync writes every chain",
			change:   p.ForceFullSync,
			wantFull: true,
			want: []string{
				":KUBE-SVC-GNZBNJ2PO5MGZ6GT - [0:0]",
				":KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]",
				"-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment \"ns2/svc2:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.42 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ",
				"-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment \"ns2/svc2:p80 -> 10.180.0.2:80\" -j KUBE-SEP-RS4RBKLTHTF2IUXJ",
				"-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ",
				"-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80",
			},
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.change()
			res := p.Sync()
			if res.Full != st.wantFull {
				t.Errorf("Sync().Full = %v, want %v", res.Full, st.wantFull)
			}
			got := linesWithPrefix(res.Payload, ":KUBE-SVC", ":KUBE-SEP", "-A KUBE-SVC", "-A KUBE-SEP", "-X ")
			if diff := cmp.Diff(st.want, got); diff != "" {
				t.Errorf("partial payload mismatch (-want +got):\n%s", diff)
			}
			if !strings.Contains(string(res.Payload), "-A KUBE-SERVICES -m comment --comment \"ns2/svc2:p80 cluster IP\"") {
				t.Errorf("payload lacks svc2's KUBE-SERVICES rule: every sync rewrites KUBE-SERVICES")
			}
		})
	}
	t.Run("kernel view keeps unchanged chains", func(t *testing.T) {
		save := string(p.Ruleset().AppendSave(nil, SaveOptions{}))
		if strings.Contains(save, "KUBE-SVC-XPGD46QRK7WJZT7O") {
			t.Errorf("iptables-save still shows deleted svc1 chain:\n%s", save)
		}
		if !strings.Contains(save, ":KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]") {
			t.Errorf("iptables-save lacks svc2's endpoint chain:\n%s", save)
		}
	})
}

func TestLargeClusterMode(t *testing.T) {
	var many []Endpoint
	for i := range 1001 {
		many = append(many, readyEP(fmt.Sprintf("10.1.%d.%d", i/250, i%250+1), 80, ""))
	}
	tests := []struct {
		name    string
		eps     []Endpoint
		present []string
	}{
		{"1000 endpoints keep comments", many[:1000], []string{
			"-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ",
			// "10.1.0.100:80" sorts first as a string.
			"-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment \"ns1/svc1:p80 -> 10.1.0.100:80\" -m statistic --mode random --probability 0.0010000000 -j " + EndpointChain(svc1, netip.MustParseAddrPort("10.1.0.100:80")),
			"-A " + EndpointChain(svc1, netip.MustParseAddrPort("10.1.0.1:80")) + " -m comment --comment ns1/svc1:p80 -s 10.1.0.1 -j KUBE-MARK-MASQ",
		}},
		{"1001 endpoints drop SEP and SVC->SEP comments only", many, []string{
			"-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O",
			"-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ",
			"-A KUBE-SVC-XPGD46QRK7WJZT7O -m statistic --mode random --probability 0.0009990010 -j " + EndpointChain(svc1, netip.MustParseAddrPort("10.1.0.100:80")),
			"-A " + EndpointChain(svc1, netip.MustParseAddrPort("10.1.0.1:80")) + " -s 10.1.0.1 -j KUBE-MARK-MASQ",
			"-A " + EndpointChain(svc1, netip.MustParseAddrPort("10.1.0.1:80")) + " -m tcp -p tcp -j DNAT --to-destination 10.1.0.1:80",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := testCluster{services: []ServicePort{{Name: svc1, ClusterIP: ip("172.30.0.41"), Port: 80}},
				eps: map[ServicePortName][]Endpoint{svc1: tc.eps}}.proxier(t)
			payload := string(p.Sync().Payload)
			for _, want := range tc.present {
				if !strings.Contains(payload, want+"\n") {
					t.Errorf("payload lacks line\n%s", want)
				}
			}
		})
	}
}
