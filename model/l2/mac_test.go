package l2

import (
	"net/netip"
	"testing"
)

func TestMACFromIP(t *testing.T) {
	tests := []struct {
		ip   netip.Addr
		want string
	}{
		{netip.MustParseAddr("172.17.0.2"), "02:42:ac:11:00:02"},
		{netip.MustParseAddr("10.244.1.5"), "02:42:0a:f4:01:05"},
		{netip.MustParseAddr("::ffff:10.0.0.1"), "02:42:0a:00:00:01"},
		{netip.MustParseAddr("fd00::a:b"), "02:42:00:0a:00:0b"},
		{netip.Addr{}, "02:42:00:00:00:00"},
	}
	for _, tc := range tests {
		t.Run(tc.ip.String(), func(t *testing.T) {
			if got := MACFromIP(tc.ip).String(); got != tc.want {
				t.Errorf("MACFromIP(%s) = %s, want %s", tc.ip, got, tc.want)
			}
		})
	}
}
