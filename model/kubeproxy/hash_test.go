package kubeproxy

import (
	"net/netip"
	"testing"
)

func TestChainNames(t *testing.T) {
	tests := []struct {
		name string
		spn  ServicePortName
		ep   string // empty: service chain
		want string
	}{
		{"named port", ServicePortName{"ns1", "svc1", "p80", ProtocolTCP}, "", "KUBE-SVC-XPGD46QRK7WJZT7O"},
		{"endpoint", ServicePortName{"ns1", "svc1", "p80", ProtocolTCP}, "10.180.0.1:80", "KUBE-SEP-SXIVWICOYRO3J4NJ"},
		{"udp", ServicePortName{"kube-system", "kube-dns", "dns", ProtocolUDP}, "", "KUBE-SVC-TCOU7JCQXEZGVUNU"},
		{"kubernetes", ServicePortName{"default", "kubernetes", "https", ProtocolTCP}, "", "KUBE-SVC-NPX46M4PTMTKRN6Y"},
		{"unnamed port", ServicePortName{"ns1", "svc1", "", ProtocolTCP}, "", "KUBE-SVC-AQI2S6QIMU7PVVRP"},
		{"dns-tcp", ServicePortName{"kube-system", "kube-dns", "dns-tcp", ProtocolTCP}, "", "KUBE-SVC-ERIFXISQEP7F7OF4"},
		{"dns endpoint", ServicePortName{"kube-system", "kube-dns", "dns", ProtocolUDP}, "10.244.0.2:53", "KUBE-SEP-YIL6JZP7A3QYXJU2"},
		{"ipv6 endpoint", ServicePortName{"ns1", "svc1", "p80", ProtocolTCP}, "[fd00:10::1]:80", "KUBE-SEP-RT5VHSJR44ZNF7G5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			if tc.ep == "" {
				got = ServicePortChains(tc.spn).SVC
			} else {
				got = EndpointChain(tc.spn, netip.MustParseAddrPort(tc.ep))
			}
			if got != tc.want {
				t.Errorf("chain name of %v %s = %s, want %s", tc.spn, tc.ep, got, tc.want)
			}
		})
	}
}
