package kernel

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/svcsim/svcsim/model/conntrack"
	"github.com/svcsim/svcsim/model/netfilter"
)

// hookNotes turns one hook's walk into trace lines, led by firstNote when
// there is one: every rule that matched (as iptables-save prints it) and
// what followed, every random draw with its odds, every rewrite before →
// after.
func hookNotes(r *netfilter.Result, firstNote string) []string {
	out := make([]string, 0, 2+len(r.Steps)+len(r.Draws)+len(r.Rewrites)+len(r.Recent))
	if firstNote != "" {
		out = append(out, firstNote)
	}
	draws := r.Draws
	for _, s := range r.Steps {
		if s.Rule == 0 {
			continue // the end of a chain: only its verdict matters, shown by the caller
		}
		for len(draws) > 0 && draws[0].Chain == s.Chain && draws[0].Rule < s.Rule {
			out = append(out, drawNote(draws[0]))
			draws = draws[1:]
		}
		if len(draws) > 0 && draws[0].Chain == s.Chain && draws[0].Rule == s.Rule {
			out = append(out, drawNote(draws[0]))
			draws = draws[1:]
		}
		out = append(out, s.Table.String()+" "+s.Chain+" #"+strconv.Itoa(s.Rule)+": "+s.Text+" → "+s.Verdict)
	}
	for _, d := range draws {
		out = append(out, drawNote(d))
	}
	for i := range r.Rewrites {
		out = append(out, rewriteNote(&r.Rewrites[i]))
	}
	for _, op := range r.Recent {
		m := "no match"
		if op.Matched {
			m = "match"
		}
		out = append(out, fmt.Sprintf("recent %s --name %s %s in %s #%d: %s", op.Op, op.List, op.Addr, op.Chain, op.Rule, m))
	}
	return append(out, "verdict "+r.Verdict.String()+" ("+strconv.Itoa(r.Rules)+" rules examined)")
}

func drawNote(d netfilter.Draw) string {
	res := "no match, next rule"
	if d.Matched {
		res = "match"
	}
	return "statistic random in " + d.Chain + " #" + strconv.Itoa(d.Rule) + ": odds " + d.Odds() +
		", drew " + strconv.FormatUint(uint64(d.Value), 10) + " against threshold " + strconv.FormatUint(uint64(d.Threshold), 10) + ": " + res
}

// rewriteNote is "rewrite (<where>): <before> → <after>", the packets
// printed short.
func rewriteNote(rw *netfilter.Rewrite) string {
	var buf [256]byte
	b := append(buf[:0], "rewrite ("...)
	if rw.Chain != "" {
		b = append(b, rw.Table.String()...)
		b = append(b, ' ')
		b = append(b, rw.Chain...)
		b = append(b, " #"...)
		b = strconv.AppendInt(b, int64(rw.Rule), 10)
	} else {
		b = append(b, "conntrack binding"...)
	}
	b = append(b, "): "...)
	b = appendShort(b, rw.Before)
	b = append(b, " → "...)
	b = appendShort(b, rw.After)
	return string(b)
}

// appendShort prints a packet's addresses and mark.
func appendShort(b []byte, p netfilter.Packet) []byte {
	n := len(b)
	b = p.AppendTo(b)
	if i := bytes.Index(b[n:], []byte(" ctstate=")); i >= 0 {
		b = b[:n+i]
	}
	return b
}

// conntrackNote says what conntrack made of the packet.
func conntrackNote(r conntrack.Result) string {
	switch {
	case r.New && r.Entry != nil:
		var buf [256]byte
		b := append(buf[:0], "conntrack: new connection, confirmed as "...)
		return string(r.Entry.AppendTo(b, r.Entry.Created))
	case r.New:
		return "conntrack: new connection, not confirmed (the packet did not get through)"
	case r.Reply:
		return "conntrack: reply of a known connection: its NAT is undone, the nat table is not walked"
	default:
		return "conntrack: packet of a known connection: its NAT binding applies, the nat table is not walked"
	}
}

func entryText(e *conntrack.Entry) string {
	b := e.AppendTo(nil, e.Created)
	return string(b)
}
