package capture

import (
	"net/netip"

	"github.com/svcsim/svcsim/model/l2"
)

// MACFor returns a locally administered unicast MAC derived from an IPv4
// address the way Docker's bridge driver derives a container's MAC
// (libnetwork's GenerateMACFromIP): 02:42 followed by the four address
// bytes, so 172.17.0.2 is 02:42:ac:11:00:02 and 10.244.1.5 is
// 02:42:0a:f4:01:05. The first byte 0x02 sets the locally administered
// bit and clears the group bit. An IPv4-mapped IPv6 address is unmapped
// first; another IPv6 address contributes its last four bytes; the zero
// Addr gives 02:42:00:00:00:00.
func MACFor(ip netip.Addr) l2.MAC {
	m := l2.MAC{0x02, 0x42}
	if !ip.IsValid() {
		return m
	}
	b := ip.Unmap().As16()
	copy(m[2:], b[12:])
	return m
}
