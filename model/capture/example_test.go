package capture_test

import (
	"bytes"
	"fmt"
	"net/netip"
	"time"

	"github.com/svcsim/svcsim/model/capture"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
)

// A capture of an ARP exchange on the wire and of a packet seen where
// there is no layer 2, between its addresses' l2.MACFromIP.
func ExampleWriter() {
	var file bytes.Buffer
	w, err := capture.NewWriter(&file)
	if err != nil {
		panic(err)
	}
	node1, node2 := netip.MustParseAddr("10.0.0.2"), netip.MustParseAddr("10.0.0.1")
	arp := l2.NewARP(l2.ARP{Op: l2.ARPRequest, SenderMAC: l2.MACFromIP(node1), SenderIP: node1, TargetIP: node2})
	if err := w.WriteFrame(0, arp); err != nil {
		panic(err)
	}
	syn := network.Packet{ID: 1, Flow: 1, Proto: network.TCP, Flags: network.SYN,
		Src: netip.MustParseAddrPort("10.244.1.5:41234"), Dst: netip.MustParseAddrPort("10.96.0.20:80")}
	if err := w.WritePacket(3*time.Millisecond, l2.MACFromIP(syn.Src.Addr()), l2.MACFromIP(syn.Dst.Addr()), syn); err != nil {
		panic(err)
	}
	fmt.Println(file.Len(), "bytes:", 24, "of file header,", 16+60, "for the ARP request,", 16+66, "for the SYN")
	// Output: 182 bytes: 24 of file header, 76 for the ARP request, 82 for the SYN
}
