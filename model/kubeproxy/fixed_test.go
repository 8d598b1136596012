package kubeproxy

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// linesWithPrefix returns the lines of text that start with one of the prefixes.
func linesWithPrefix(text []byte, prefixes ...string) []string {
	var out []string
	for _, l := range strings.Split(string(text), "\n") {
		for _, p := range prefixes {
			if strings.HasPrefix(l, p) {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

func TestFixedRules(t *testing.T) {
	v6node := Node{Name: "test-node", IP: ip("fd00::2"), Addresses: []netip.Addr{ip("::1"), ip("fd00::2")}}
	tests := []struct {
		name     string
		tc       testCluster
		form     Form
		prefixes []string
		want     []string
	}{
		{
			name: "payload mark is %#08x of 1<<masqueradeBit",
			tc:   testCluster{cfg: func(c *Config) { c.MasqueradeBit = 0 }},
			form: FormPayload, prefixes: []string{"-A KUBE-POSTROUTING", "-A KUBE-MARK-MASQ", "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\""},
			want: []string{
				"-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark 0x00000001/0x00000001 -j ACCEPT",
				"-A KUBE-POSTROUTING -m mark ! --mark 0x00000001/0x00000001 -j RETURN",
				"-A KUBE-POSTROUTING -j MARK --xor-mark 0x00000001",
				"-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE",
				"-A KUBE-MARK-MASQ -j MARK --or-mark 0x00000001",
			},
		},
		{
			name: "default mark in the real payload, --random-fully",
			tc:   testCluster{opts: &Options{RandomFully: true, NfacctCounters: true}},
			form: FormPayload, prefixes: []string{"-A KUBE-POSTROUTING", "-A KUBE-MARK-MASQ"},
			want: []string{
				"-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN",
				"-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000",
				"-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully",
				"-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000",
			},
		},
		{
			name: "localhostNodePorts off: no KUBE-FIREWALL, loopback excluded from NodePorts",
			tc:   testCluster{cfg: func(c *Config) { c.LocalhostNodePorts = false }},
			form: FormTest, prefixes: []string{":KUBE-FIREWALL", "-A KUBE-FIREWALL", "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports"},
			want: []string{
				"-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS",
			},
		},
		{
			name: "nodePortAddresses: one rule per matching node IP, loopback kept",
			tc:   testCluster{cfg: func(c *Config) { c.NodePortAddresses = []string{"192.168.0.0/23", "127.0.0.0/8"} }},
			form: FormTest, prefixes: []string{"-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports"},
			want: []string{
				"-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d 127.0.0.1 -j KUBE-NODEPORTS",
				"-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d 192.168.0.2 -j KUBE-NODEPORTS",
				"-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d 192.168.1.2 -j KUBE-NODEPORTS",
			},
		},
		{
			name: "nodePortAddresses primary without loopback turns localhostNodePorts off",
			tc:   testCluster{cfg: func(c *Config) { c.NodePortAddresses = []string{"primary"} }},
			form: FormTest, prefixes: []string{":KUBE-FIREWALL", "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports"},
			want: []string{
				"-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d 192.168.0.2 -j KUBE-NODEPORTS",
			},
		},
		{
			name: "tcp_be_liberal and no nfacct",
			tc:   testCluster{opts: &Options{ConntrackTCPBeLiberal: true}},
			form: FormTest, prefixes: []string{"-A KUBE-FORWARD"},
			want: []string{
				"-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark 0x4000/0x4000 -j ACCEPT",
				"-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
			},
		},
		{
			name: "IPv6: ::1 excluded from NodePorts, no KUBE-FIREWALL",
			tc:   testCluster{node: &v6node, cfg: func(c *Config) { c.ClusterCIDRs = []netip.Prefix{prefix("fd00:10::/64")} }},
			form: FormTest, prefixes: []string{":KUBE-FIREWALL", "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports"},
			want: []string{
				"-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.tc.proxier(t)
			p.Sync()
			got := linesWithPrefix(p.AppendPayload(nil, tc.form), tc.prefixes...)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("fixed rules mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKernelForm(t *testing.T) {
	v6 := ServicePortName{Namespace: "ns1", Name: "svc1", Port: "p80", Protocol: ProtocolTCP}
	tc := testCluster{
		node: &Node{Name: "test-node", IP: ip("fd00::2")},
		cfg:  func(c *Config) { c.ClusterCIDRs = []netip.Prefix{prefix("fd00:10::/64")} },
		services: []ServicePort{
			{Name: v6, ClusterIP: ip("fd00:30::41"), Port: 80, SessionAffinityClientIP: true},
			{Name: tcpPort("ns2", "svc2", "p80"), ClusterIP: ip("fd00:30::42"), Port: 80},
		},
		eps: map[ServicePortName][]Endpoint{v6: {{IP: ip("fd00:10::1"), Port: 80, Ready: true, Serving: true}}},
	}
	p := tc.proxier(t)
	p.Sync()
	got := linesWithPrefix(p.Ruleset().AppendSave(nil, SaveOptions{}), "-A KUBE-SVC", "-A KUBE-SEP", "-A KUBE-SERVICES -d")
	want := []string{
		"-A KUBE-SERVICES -d fd00:30::42/128 -p tcp -m comment --comment \"ns2/svc2:p80 has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp6-port-unreachable",
		"-A KUBE-SEP-RT5VHSJR44ZNF7G5 -s fd00:10::1/128 -m comment --comment \"ns1/svc1:p80\" -j KUBE-MARK-MASQ",
		"-A KUBE-SEP-RT5VHSJR44ZNF7G5 -p tcp -m comment --comment \"ns1/svc1:p80\" -m recent --set --name KUBE-SEP-RT5VHSJR44ZNF7G5 --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource -m tcp -j DNAT --to-destination [fd00:10::1]:80",
		"-A KUBE-SERVICES -d fd00:30::41/128 -p tcp -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O",
		"-A KUBE-SVC-XPGD46QRK7WJZT7O ! -s fd00:10::/64 -d fd00:30::41/128 -p tcp -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp --dport 80 -j KUBE-MARK-MASQ",
		"-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment \"ns1/svc1:p80 -> [fd00:10::1]:80\" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-RT5VHSJR44ZNF7G5 --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource -j KUBE-SEP-RT5VHSJR44ZNF7G5",
		"-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment \"ns1/svc1:p80 -> [fd00:10::1]:80\" -j KUBE-SEP-RT5VHSJR44ZNF7G5",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kernel form mismatch (-want +got):\n%s", diff)
	}
}

func TestKernelProbability(t *testing.T) {
	tests := []struct {
		n               int32
		written, kernel string
	}{
		{2, "0.5000000000", "0.50000000000"}, {3, "0.3333333333", "0.33333333349"}, {4, "0.2500000000", "0.25000000000"},
		{5, "0.2000000000", "0.20000000019"}, {6, "0.1666666667", "0.16666666651"}, {7, "0.1428571429", "0.14285714272"},
		{8, "0.1250000000", "0.12500000000"}, {9, "0.1111111111", "0.11111111101"}, {10, "0.1000000000", "0.10000000009"},
		{11, "0.0909090909", "0.09090909082"}, {12, "0.0833333333", "0.08333333349"}, {100, "0.0100000000", "0.00999999978"},
		{1000, "0.0010000000", "0.00100000016"}, {100001, "0.0000099999", ""},
	}
	for _, tc := range tests {
		t.Run(tc.written, func(t *testing.T) {
			if got := string(appendProbability(nil, tc.n)); got != tc.written {
				t.Errorf("appendProbability(%d) = %s, want %s", tc.n, got, tc.written)
			}
			if tc.kernel == "" {
				return
			}
			if got := string(appendKernelProbability(nil, tc.n)); got != tc.kernel {
				t.Errorf("appendKernelProbability(%d) = %s, want %s", tc.n, got, tc.kernel)
			}
		})
	}
}
