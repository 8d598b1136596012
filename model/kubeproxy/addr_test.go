package kubeproxy

import (
	"net/netip"
	"testing"
)

func TestAppendAddr(t *testing.T) {
	addrs := []netip.Addr{{}, ip("0.0.0.0"), ip("255.255.255.255"), ip("10.0.100.9"), ip("172.16.0.1"),
		ip("1.22.133.4"), ip("::1"), ip("2001:db8::1"), ip("::ffff:10.1.2.3"), ip("fe80::1%eth0")}
	for x := range 256 {
		addrs = append(addrs, netip.AddrFrom4([4]byte{byte(x), byte(255 - x), byte(x / 3), 7}))
	}
	for _, a := range addrs {
		t.Run(a.String(), func(t *testing.T) {
			if got, want := string(appendAddr([]byte("x"), a)), "x"+string(a.AppendTo(nil)); got != want {
				t.Errorf("appendAddr(%v) = %q, want %q", a, got, want)
			}
			for _, port := range []uint16{0, 9, 80, 8080, 65535} {
				ap := netip.AddrPortFrom(a, port)
				if got, want := string(appendAddrPort(nil, ap)), string(ap.AppendTo(nil)); got != want {
					t.Errorf("appendAddrPort(%v) = %q, want %q", ap, got, want)
				}
			}
		})
	}
}
