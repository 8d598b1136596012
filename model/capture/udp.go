package capture

import (
	"fmt"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	mdns "github.com/miekg/dns"

	"github.com/svcsim/svcsim/model/network"
)

// udp is a UDP datagram (RFC 768) with its checksum. Its payload is a DNS
// message (what the resolver and CoreDNS put in it), raw bytes, or
// nothing.
func udp(p network.Packet, ip *layers.IPv4) ([]gopacket.SerializableLayer, error) {
	var data []byte
	switch x := p.Payload.(type) {
	case nil:
	case *mdns.Msg:
		b, err := packDNS(x)
		if err != nil {
			return nil, fmt.Errorf("capture: %s: dns message: %w", p, err)
		}
		data = b
	case []byte:
		data = x
	default:
		return nil, fmt.Errorf("capture: %s: udp payload %T: %w", p, p.Payload, ErrUnsupported)
	}
	u := &layers.UDP{SrcPort: layers.UDPPort(p.Src.Port()), DstPort: layers.UDPPort(p.Dst.Port())}
	if err := u.SetNetworkLayerForChecksum(ip); err != nil {
		return nil, err
	}
	return []gopacket.SerializableLayer{u, gopacket.Payload(data)}, nil
}

// packDNS packs m in the DNS wire format (RFC 1035 §4). The payload is
// immutable: an extended RCODE, which Pack writes into the OPT record, is
// packed from a copy.
func packDNS(m *mdns.Msg) ([]byte, error) {
	if m.Rcode > 0xF {
		m = m.Copy()
	}
	return m.Pack()
}
