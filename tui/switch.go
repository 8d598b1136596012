package tui

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/lan"
)

// switchPane shows layer 2 at the current event: the switch's ports as
// `show interfaces status` would with their counters, the MAC address
// table, the router's routes, one host's ARP cache as `ip neigh` prints
// it, and each port's broadcast rate over simulated time against the
// storm-control threshold.
type switchPane struct {
	textPane
	keys switchKeys
	// pick is the host whose ARP cache is shown; "" follows the host of
	// the last frame.
	pick string
}

func newSwitchPane(st *styles) *switchPane {
	p := &switchPane{textPane: newTextPane(st, "Switch"), keys: newSwitchKeys()}
	p.build = p.rebuild
	return p
}

func (p *switchPane) ShortHelp() []key.Binding {
	return append(p.scrollBindings(), p.keys.Host, p.keys.PrevHost)
}

func (p *switchPane) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

func (p *switchPane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && p.at != nil {
		switch {
		case key.Matches(k, p.keys.Host):
			p.cycle(1)
			return nil
		case key.Matches(k, p.keys.PrevHost):
			p.cycle(-1)
			return nil
		}
	}
	return p.textPane.Update(msg)
}

// cycle picks the next or previous host, then back to "the last frame's
// host" after the last one.
func (p *switchPane) cycle(d int) {
	nics := nicInfos(p.at)
	names := []string{""}
	for _, n := range nics {
		names = append(names, n.Host)
	}
	i := max(0, slices.Index(names, p.pick))
	p.pick = names[(i+d+len(names))%len(names)]
	p.build()
}

// hasLayer2 reports whether the run has a switch (cluster.layer2, or a
// feature that turns it on).
func hasLayer2(at *position) bool {
	return at.sc.Cluster.Layer2 != nil || len(at.view.Keys(keyPort)) > 0
}

func (p *switchPane) rebuild() {
	if p.at == nil || p.w <= 0 {
		return
	}
	at := p.at
	if !hasLayer2(at) {
		p.setLines(wrap("No layer 2 in this scenario: set cluster.layer2 (cluster: {layer2: {}}) for a switch and ARP under the nodes.", p.w))
		return
	}
	x := at.l2()
	nics := nicInfos(at)
	hosts := map[string]string{}
	for _, n := range nics {
		hosts[n.Port] = n.Host
	}
	lines := []string{p.st.Section.Render(clip("Ports at "+at.rel(at.rec().At)+" (show interfaces status, counters since boot)", p.w))}
	lines = append(lines, p.portTable(x, nics)...)
	lines = append(lines, p.portNotes(x, hosts)...)
	macs := at.view.Keys(keyMAC)
	lines = append(lines, clip(fmt.Sprintf("MAC address table: %d entries", len(macs)), p.w))
	lines = append(lines, "")
	lines = append(lines, p.plot(x)...)
	lines = append(lines, "")
	lines = append(lines, p.neigh(nics)...)
	lines = append(lines, "")
	lines = append(lines, p.macTable(macs)...)
	lines = append(lines, p.routes()...)
	p.setLines(lines)
}

// nicInfos lists the hosts on the switch in port order.
func nicInfos(at *position) []lan.NICInfo {
	var out []lan.NICInfo
	for _, k := range at.view.Keys(keyNIC) {
		if v, ok := at.view.Get(k); ok {
			if n, ok := v.(lan.NICInfo); ok {
				out = append(out, n)
			}
		}
	}
	ix := at.l2().byName
	slices.SortStableFunc(out, func(a, b lan.NICInfo) int { return ix[a.Port] - ix[b.Port] })
	return out
}

// portStatus is port i's recorded state at the position.
func portStatus(at *position, i int) (l2.PortStatus, bool) {
	v, ok := at.view.Get(fmt.Sprintf("%s%d", keyPort, i))
	st, isStatus := v.(l2.PortStatus)
	return st, ok && isStatus
}

// portTable is one row per port: its host, MAC, status and counters,
// with the frames of the current interval that the rate limit counts.
func (p *switchPane) portTable(x *l2Index, nics []lan.NICInfo) []string {
	at := p.at
	byPort := map[string]lan.NICInfo{}
	for _, n := range nics {
		byPort[n.Port] = n
	}
	rateHead := "Bc"
	if x.lim.arp {
		rateHead = "ARP"
	}
	rateHead += perInterval(x.lim.interval)
	rows := [][]string{{"Port", "Host", "MAC", "Status", "Rx", "Bcast", rateHead, "Drops", "Tx"}}
	cur := x.interval(at.rec().At)
	counts := x.countersAt(at.recs, at.pos)
	for i, name := range x.names {
		if name == "" {
			continue
		}
		st, _ := portStatus(at, i)
		c := counts[i]
		n := byPort[name]
		mac := ""
		if n.Host != "" {
			mac = n.MAC.String()
		}
		status := st.State.String()
		if st.Filtering {
			status += "*"
		}
		if st.State != l2.PortConnected || st.Filtering {
			status = p.st.Fail.Render(status)
		}
		rows = append(rows, []string{name, n.Host, mac, status,
			fmt.Sprint(c.RxFrames), fmt.Sprint(c.RxBroadcast), fmt.Sprint(x.rateAt(at.recs, i, cur, at.pos)),
			fmt.Sprint(c.StormDrops + c.DisabledDrops), fmt.Sprint(c.TxFrames)})
	}
	return fitTable(rows, p.w, 2, 1)
}

// fitTable lays rows out with the numeric columns (from the fifth)
// right-aligned; if the table is wider than w it drops column drop, then
// shortens column shrink.
func fitTable(rows [][]string, w, drop, shrink int) []string {
	alignRight(rows, 4)
	if tableWidth(rows) > w {
		for i := range rows {
			rows[i] = slices.Delete(slices.Clone(rows[i]), drop, drop+1)
		}
	}
	if over := tableWidth(rows) - w; over > 0 {
		colW := 0
		for _, r := range rows {
			colW = max(colW, width(r[shrink]))
		}
		for _, r := range rows {
			r[shrink] = clip(r[shrink], max(4, colW-over))
		}
	}
	return table(rows, w)
}

// alignRight pads the cells of columns from..end to their column's
// width, on the left.
func alignRight(rows [][]string, from int) {
	for c := from; c < len(rows[0]); c++ {
		cw := 0
		for _, r := range rows {
			cw = max(cw, width(r[c]))
		}
		for _, r := range rows {
			r[c] = strings.Repeat(" ", cw-width(r[c])) + r[c]
		}
	}
}

// tableWidth is the width table() would lay rows out in.
func tableWidth(rows [][]string) int {
	total := 0
	for c := range rows[0] {
		cw := 0
		for _, r := range rows {
			cw = max(cw, width(r[c]))
		}
		total += cw + 2
	}
	return total - 2
}

// portNotes explains what the table cannot: the limit the switch
// applies, and why a port is down or filtering.
func (p *switchPane) portNotes(x *l2Index, hosts map[string]string) []string {
	at := p.at
	var lines []string
	words := x.lim.words
	if words == "" {
		words = "no storm control or DAI (cluster.layer2.stormControl, .arpInspection)"
	} else {
		words += " on host ports"
	}
	lines = append(lines, wrap(words, p.w)...)
	for i, name := range x.names {
		st, ok := portStatus(at, i)
		if !ok {
			continue
		}
		who := portHost(name, hosts)
		switch {
		case st.State == l2.PortErrDisabled:
			lines = append(lines, p.st.Fail.Render(clip(fmt.Sprintf("✗ %s err-disabled (%s) since %s", who, st.Cause, at.rel(st.Since)), p.w)))
		case st.State == l2.PortNotConnect:
			lines = append(lines, clip(fmt.Sprintf("✗ %s notconnect since %s: its host is off", who, at.rel(st.Since)), p.w))
		case st.Filtering:
			lines = append(lines, p.st.Changed.Render(clip("* "+who+": storm control is dropping its broadcast", p.w)))
		}
	}
	return lines
}

// neigh prints a host's ARP cache as `ip neigh show` does (iproute2:
// "IP dev eth0 lladdr MAC STATE", no lladdr while INCOMPLETE or FAILED).
func (p *switchPane) neigh(nics []lan.NICInfo) []string {
	host := p.pick
	if host == "" {
		host = p.lastFrameHost()
	}
	if host == "" && len(nics) > 0 {
		host = nics[0].Host
	}
	head := "ARP cache of " + host + " (ip neigh)"
	if p.pick == "" {
		head += ", the last frame's host"
	}
	lines := []string{p.st.Section.Render(clip(head, p.w))}
	v, _ := p.at.view.Get(keyNeigh + host)
	entries, _ := v.([]l2.NeighEntry)
	if len(entries) == 0 {
		return append(lines, p.st.Dim.Render("(empty)"))
	}
	for _, en := range entries {
		s := en.IP.String() + " dev eth0 "
		if en.State != l2.NUDIncomplete && en.State != l2.NUDFailed {
			s += "lladdr " + en.MAC.String() + " "
		}
		lines = append(lines, clip(s+en.State.String(), p.w))
	}
	return lines
}

// lastFrameHost is the host of the last ARP record, or of the ingress
// port of the last switch record, at or before the position.
func (p *switchPane) lastFrameHost() string {
	at := p.at
	j := atOrBefore(at.ix.frames, at.pos)
	var hosts map[string]string
	for n := 0; j >= 0 && n < frameWindow; j, n = j-1, n+1 {
		d := at.recs[at.ix.frames[j]].Detail
		if a, ok := d.(*lan.ARPDetail); ok && a != nil {
			return a.Host
		}
		if f, ok := frameDetail(d); ok {
			if hosts == nil {
				hosts = hostsByPort(at)
			}
			if h, ok := hosts[f.Port]; ok {
				return h
			}
		}
	}
	return ""
}

// macTable prints the MAC address table as `show mac address-table`
// does (Cisco's dotted MAC, VLAN 1, learned entries DYNAMIC).
func (p *switchPane) macTable(keys []string) []string {
	lines := []string{p.st.Section.Render(clip("MAC address table (show mac address-table)", p.w))}
	row := func(vlan, mac, typ, port string) string {
		return clip(fmt.Sprintf("%4s    %-14s    %-8s    %s", vlan, mac, typ, port), p.w)
	}
	lines = append(lines, row("Vlan", "Mac Address", "Type", "Ports"), row("----", "-----------", "--------", "-----"))
	n := 0
	for _, k := range keys {
		v, _ := p.at.view.Get(k)
		port, _ := v.(string)
		m, err := l2.ParseMAC(strings.TrimPrefix(k, keyMAC))
		if err != nil {
			continue
		}
		lines = append(lines, row("1", ciscoMAC(m), "DYNAMIC", port))
		n++
	}
	return append(lines, clip(fmt.Sprintf("Total Mac Addresses for this criterion: %d", n), p.w))
}

// ciscoMAC prints a MAC as IOS does: 0242.c0a8.0004.
func ciscoMAC(m l2.MAC) string {
	return fmt.Sprintf("%02x%02x.%02x%02x.%02x%02x", m[0], m[1], m[2], m[3], m[4], m[5])
}

// routes prints the router's BGP routes as `ip route` shows them.
func (p *switchPane) routes() []string {
	keys := p.at.view.Keys(keyRoute)
	if len(keys) == 0 {
		return nil
	}
	lines := []string{"", p.st.Section.Render(clip("Router's routes (ip route)", p.w))}
	for _, k := range keys {
		v, _ := p.at.view.Get(k)
		hops, _ := v.([]netip.Addr)
		dst := strings.TrimPrefix(k, keyRoute)
		if len(hops) == 1 {
			lines = append(lines, clip(fmt.Sprintf("%s via %s dev eth0 proto bgp metric 20", dst, hops[0]), p.w))
			continue
		}
		lines = append(lines, clip(dst+" proto bgp metric 20", p.w))
		for _, h := range hops {
			lines = append(lines, clip(fmt.Sprintf("    nexthop via %s dev eth0 weight 1", h), p.w))
		}
	}
	return lines
}
