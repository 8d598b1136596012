package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/lan"
	"github.com/svcsim/svcsim/model/network"
)

// frameWindow bounds how far the packet view looks, in frame records,
// for the other records of the same frame.
const frameWindow = 64

// frameLines prints a layer-2 record for the packet view: the frame as
// tcpdump -e prints it, where it entered the switch and where it left
// (or why it did not), what it did to an ARP cache, and the other
// records of the same frame around it.
func (p *packetPane) frameLines(i int) []string {
	at := p.at
	rec := &at.recs[i]
	hosts := hostsByPort(at)
	var lines []string
	f, ok := recordFrame(rec.Detail)
	if ok {
		lines = append(lines, "", p.st.Section.Render("Frame (tcpdump -e)"))
		lines = append(lines, wrapIndent(frameText(f), p.w)...)
	}
	sw, isSw := frameDetail(rec.Detail)
	swKind, swSummary := rec.Kind, rec.Summary
	if !isSw && ok {
		if j := at.switchRecordOf(i, f); j >= 0 {
			sw, isSw = frameDetail(at.recs[j].Detail)
			swKind, swSummary = at.recs[j].Kind, at.recs[j].Summary
		}
	}
	if a, isARP := rec.Detail.(*lan.ARPDetail); isARP && a != nil {
		lines = append(lines, clip("host  "+a.Host, p.w))
		if a.Outcome != "" {
			lines = append(lines, p.st.Changed.Render(clip(fmt.Sprintf("ARP cache of %s: %s %s → %s", a.Host, a.Outcome, a.Frame.ARP.SenderIP, a.Frame.ARP.SenderMAC), p.w)))
		}
	}
	if d, isED := rec.Detail.(l2.ErrDisableDetail); isED {
		lines = append(lines, "", p.st.Fail.Render(clip(fmt.Sprintf("✗ %s err-disabled (%s): link down, %d MAC entries flushed", d.Port, d.Cause, d.Flushed), p.w)))
	}
	if isSw {
		lines = append(lines, "", p.st.Section.Render("Switch"))
		lines = append(lines, clip("in   "+portHost(sw.Port, hosts), p.w))
		lines = append(lines, p.switchOut(swKind, &sw, hosts, swSummary)...)
	}
	if ok {
		lines = append(lines, p.sameFrame(i, f)...)
	}
	return lines
}

// switchOut says where the switch sent the frame, or why it dropped it.
func (p *packetPane) switchOut(kind string, sw *l2.FrameDetail, hosts map[string]string, summary string) []string {
	if len(sw.Out) == 0 {
		why := "not forwarded"
		if _, after, found := strings.Cut(summary, " dropped on "+sw.Port+": "); found {
			why = "dropped: " + after
		}
		return []string{p.st.Fail.Render(clip("out  ✗ "+why, p.w))}
	}
	outs := make([]string, len(sw.Out))
	for j, o := range sw.Out {
		outs[j] = portHost(o, hosts)
	}
	how := "forwarded"
	if kind == "l2.flood" {
		how = "flooded"
	}
	var lines []string
	for j, l := range wrap(how+" to "+strings.Join(outs, ", "), max(1, p.w-5)) {
		lead := "     "
		if j == 0 {
			lead = "out  "
		}
		lines = append(lines, lead+l)
	}
	return lines
}

// sameFrame lists the records of the same frame near record cur (the
// request, the switch flooding it, the caches it updated), oldest
// first.
func (p *packetPane) sameFrame(cur int, f l2.Frame) []string {
	at := p.at
	j := atOrBefore(at.ix.frames, cur)
	if j < 0 {
		return nil
	}
	var idx []int
	for k := max(0, j-frameWindow); k < min(len(at.ix.frames), j+frameWindow); k++ {
		i := at.ix.frames[k]
		if g, ok := recordFrame(at.recs[i].Detail); ok && sameFrame(f, g) && near(at.recs[i].At, at.recs[cur].At) {
			idx = append(idx, i)
		}
	}
	if len(idx) < 2 {
		return nil
	}
	lines := []string{"", p.st.Section.Render("Records of this frame")}
	for _, i := range idx {
		r := &at.recs[i]
		mark := "  "
		if i == cur {
			mark = "▶ "
		}
		lines = append(lines, clip(fmt.Sprintf("%s%8s %-16s %s", mark, at.rel(r.At), r.Component, r.Kind), p.w))
	}
	return lines
}

// near reports whether two records are within a second of each other:
// the same ARP request sent again a second later is another frame.
func near(a, b time.Duration) bool { return a-b < time.Second && b-a < time.Second }

// switchRecordOf finds the switch's record of a frame a host sent (the
// forward, flood or drop after an arp.request or arp.reply), or -1.
func (at *position) switchRecordOf(i int, f l2.Frame) int {
	j := atOrBefore(at.ix.frames, i)
	for k := j + 1; k >= 0 && k < len(at.ix.frames) && k <= j+frameWindow; k++ {
		r := &at.recs[at.ix.frames[k]]
		if d, ok := frameDetail(r.Detail); ok && sameFrame(d.Frame, f) && near(r.At, at.recs[i].At) {
			return at.ix.frames[k]
		}
	}
	return -1
}

// recordFrame returns the frame a layer-2 record carries.
func recordFrame(d any) (l2.Frame, bool) {
	if fd, ok := frameDetail(d); ok {
		return fd.Frame, true
	}
	if a, ok := d.(*lan.ARPDetail); ok && a != nil {
		return a.Frame, true
	}
	return l2.Frame{}, false
}

// sameFrame compares what identifies a frame on the wire (the payload
// of an IP frame by its packet's ID).
func sameFrame(a, b l2.Frame) bool {
	if a.Src != b.Src || a.Dst != b.Dst || a.Type != b.Type || a.ARP != b.ARP {
		return false
	}
	pa, okA := a.Payload.(network.Packet)
	pb, okB := b.Payload.(network.Packet)
	return okA == okB && (!okA || pa.ID == pb.ID)
}

// frameText is the frame's line, with the IP packet it carries.
func frameText(f l2.Frame) string {
	s := f.String()
	if p, ok := f.Payload.(network.Packet); ok {
		s += ": " + p.String()
	}
	return s
}

// portHost names a port with the host on it: "Gi1/0/4 (workstation)".
func portHost(port string, hosts map[string]string) string {
	if h, ok := hosts[port]; ok {
		return port + " (" + h + ")"
	}
	return port
}

// hostsByPort maps switch ports to the hosts on them (nic/<host>).
func hostsByPort(at *position) map[string]string {
	out := map[string]string{}
	for _, k := range at.view.Keys(keyNIC) {
		if v, ok := at.view.Get(k); ok {
			if n, ok := v.(lan.NICInfo); ok {
				out[n.Port] = n.Host
			}
		}
	}
	return out
}

// wrapIndent wraps text two cells in.
func wrapIndent(s string, w int) []string {
	var out []string
	for _, l := range wrap(s, max(1, w-2)) {
		out = append(out, "  "+l)
	}
	return out
}
