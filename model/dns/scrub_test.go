package dns

import (
	"net/netip"
	"strings"
	"testing"

	mdns "github.com/miekg/dns"
)

// TestFitsUncompressed: the bound scrub uses to skip Truncate must never
// claim a reply fits when its uncompressed length is larger.
func TestFitsUncompressed(t *testing.T) {
	long := strings.Repeat("a", 60) + "." + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + ".cluster.local."
	tests := []struct {
		name    string
		qname   string
		answers int
		v6      bool
		other   bool
		want    bool
	}{
		{"one A", "svc1.testns.svc.cluster.local.", 1, false, false, true},
		{"ten A", "hdls.testns.svc.cluster.local.", 10, false, false, true},
		{"escaped", "a\\.b.testns.svc.cluster.local.", 1, false, false, true},
		{"not fqdn", "svc1.testns.svc.cluster.local", 1, false, false, true},
		{"long name", long, 1, false, false, true},
		{"long name, two A", long, 2, false, false, false},
		{"many AAAA", "hdls.testns.svc.cluster.local.", 12, true, false, false},
		{"CNAME", "svc1.testns.svc.cluster.local.", 1, false, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newReply(query(tc.qname, mdns.TypeA))
			for i := range tc.answers {
				addr := netip.AddrFrom4([4]byte{10, 0, 0, byte(i)})
				if tc.v6 {
					addr = netip.AddrFrom16([16]byte{0xfd, 15: byte(i)})
				}
				m.Answer = append(m.Answer, newAddress(tc.qname, addr, 30))
			}
			if tc.other {
				m.Answer = append(m.Answer, &mdns.CNAME{Hdr: hdr(tc.qname, mdns.TypeCNAME, 30), Target: "x."})
			}
			got := fitsUncompressed(m, mdns.MinMsgSize)
			if got != tc.want {
				t.Errorf("fitsUncompressed = %v, want %v (length %d)", got, tc.want, m.Len())
			}
			if got && m.Len() > mdns.MinMsgSize {
				t.Errorf("fitsUncompressed = true for a %d-byte reply", m.Len())
			}
		})
	}
}
