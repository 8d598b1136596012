package scenarios

import (
	"io"

	"github.com/svcsim/svcsim/model/capture"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
)

// WritePcap writes the frames of a run, from the scenario's start, as a
// libpcap capture (svcsim run --pcap). With layer 2 (cluster.layer2 or
// MetalLB) it is what the switch received: every frame once, as it
// entered its port, ARP included. Without layer 2 there are no frames:
// each packet is written once, as its sender sent it, in an Ethernet
// frame between addresses made from the IPs (l2.MACFromIP).
func WritePcap(w io.Writer, rep *Report) error {
	pw, err := capture.NewWriter(w)
	if err != nil {
		return err
	}
	c := rep.Cluster
	if c == nil {
		return nil
	}
	for r := range c.Engine.Trace().From(c.StartIndex) {
		at := r.At - c.StartTime
		if c.LAN != nil {
			if d, ok := r.Detail.(l2.FrameDetail); ok {
				if err := pw.WriteFrame(at, d.Frame); err != nil {
					return err
				}
			}
			continue
		}
		if d, ok := r.Detail.(*network.HopDetail); ok && r.Kind == "packet.sent" {
			p := d.Before
			if err := pw.WritePacket(at, l2.MACFromIP(p.Src.Addr()), l2.MACFromIP(p.Dst.Addr()), p); err != nil {
				return err
			}
		}
	}
	return nil
}
