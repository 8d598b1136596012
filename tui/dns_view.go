package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	mdns "github.com/miekg/dns"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/model/kubelet"
)

// dnsLines prints a lookup: its outcome, the names tried, then each
// query with its server, answer and timing.
func dnsLines(at *position, l *dnsLookup, st *styles, w int) []string {
	var lines []string
	head := fmt.Sprintf("Lookup of %s by %s", l.displayName(), l.pod)
	lines = append(lines, st.Section.Render(clip(head, w)))
	lines = append(lines, outcome(at, l, st, w)...)
	if tried := l.names(); len(tried) > 0 {
		lines = append(lines, joinWrap("search-list walk: ", tried, " → ", w)...)
	}
	for k, q := range l.queries {
		lines = append(lines, "")
		lines = append(lines, queryLines(at, k+1, q, l, st, w)...)
	}
	return lines
}

func (l *dnsLookup) displayName() string {
	if l.name != "" {
		return l.name
	}
	if len(l.queries) > 0 && l.queries[0].q != nil && len(l.queries[0].q.Question) > 0 {
		return "… (" + l.queries[0].q.Question[0].Name + " first)"
	}
	return "?"
}

// outcome says how the lookup ended, or that it is still running.
func outcome(at *position, l *dnsLookup, st *styles, w int) []string {
	if l.end < 0 {
		return []string{st.Dim.Render(clip(fmt.Sprintf("… in progress: %d queries so far", len(l.queries)), w))}
	}
	wk := l.walk.Walk
	took := ""
	if len(l.queries) > 0 {
		took = " in " + dur(at.recs[l.end].At-at.recs[l.queries[0].rec].At)
	}
	libc := fmt.Sprint(l.walk.Libc)
	if len(wk.Addrs) > 0 {
		var addrs []string
		for _, a := range wk.Addrs {
			addrs = append(addrs, a.String())
		}
		s := fmt.Sprintf("✓ RESOLVED %s → %s (%d queries%s, %s)", strings.TrimSuffix(wk.Name, "."), strings.Join(addrs, ", "), len(wk.Steps), took, libc)
		return wrap(s, w)
	}
	rc := "no answer from the nameserver"
	if wk.Rcode >= 0 {
		rc = mdns.RcodeToString[wk.Rcode]
	}
	return []string{st.Fail.Render(clip(fmt.Sprintf("✗ FAILED %s (%d queries%s, %s)", rc, len(wk.Steps), took, libc), w))}
}

// names lists the names tried, in order, each once.
func (l *dnsLookup) names() []string {
	var out []string
	seen := map[string]bool{}
	for _, q := range l.queries {
		if q.q == nil || len(q.q.Question) == 0 {
			continue
		}
		n := q.q.Question[0].Name
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// queryLines prints one query: when and what was asked, where it went,
// what came back and what CoreDNS did.
func queryLines(at *position, n int, q dnsQuery, l *dnsLookup, st *styles, w int) []string {
	r := &at.recs[q.rec]
	mark := "  "
	if q.rec == at.pos || q.reply == at.pos || q.answer == at.pos {
		mark = "▶ "
	}
	what := "?"
	if q.q != nil && len(q.q.Question) > 0 {
		qq := q.q.Question[0]
		what = mdns.TypeToString[qq.Qtype] + " " + qq.Name
	}
	lines := []string{st.Step.Render(clip(fmt.Sprintf("%s%d  %s  %s  (id %d)", mark, n, at.rel(r.At), what, q.q.Id), w))}
	server := "?"
	if d := queryDetail(at, q); d != nil {
		server = d.Server.String()
	}
	if q.answer >= 0 {
		sd := at.recs[q.answer].Detail.(*cluster.ServeDetail)
		server += " → DNAT → " + sd.Pod + podIP(at, sd.Pod)
	}
	lines = append(lines, clip("     server "+server, w))
	if q.reply < 0 {
		return append(lines, st.Dim.Render(clip("     … waiting for the reply", w)))
	}
	rt := dur(at.recs[q.reply].At - r.At)
	if q.d.Reply == nil {
		return append(lines, st.Fail.Render(clip(fmt.Sprintf("     ✗ no reply after %s (%s)", rt, q.d.Err.Text()), w)))
	}
	rep := q.d.Reply
	rc := mdns.RcodeToString[rep.Rcode]
	sym := "✓"
	if rep.Rcode != mdns.RcodeSuccess {
		sym = "✗"
	} else if len(rep.Answer) == 0 {
		rc += " (no records: NODATA)"
	}
	lines = append(lines, clip(fmt.Sprintf("     %s %s in %s, %s", sym, rc, rt, plural(len(rep.Answer), "answer")), w))
	for _, rr := range rep.Answer {
		lines = append(lines, clip("       "+strings.ReplaceAll(rr.String(), "\t", " "), w))
	}
	if q.answer >= 0 {
		sd := at.recs[q.answer].Detail.(*cluster.ServeDetail)
		var steps []string
		for _, s := range sd.Steps {
			steps = append(steps, s.Plugin+": "+s.Note)
		}
		if len(steps) > 0 {
			for _, l := range wrap("coredns "+strings.Join(steps, ", "), max(1, w-5)) {
				lines = append(lines, st.Dim.Render("     "+l))
			}
		}
	}
	return lines
}

func queryDetail(at *position, q dnsQuery) *kubelet.QueryDetail {
	d, _ := at.recs[q.rec].Detail.(*kubelet.QueryDetail)
	return d
}

// podIP returns " (IP)" of a pod at the position, or "".
func podIP(at *position, pod string) string {
	ns, name, ok := strings.Cut(pod, "/")
	if !ok {
		return ""
	}
	v, ok := at.view.Get("api/Pod/" + ns + "/" + name)
	if !ok {
		return ""
	}
	if p, ok := v.(*api.Pod); ok && p.Status.PodIP != "" {
		return " (" + p.Status.PodIP + ")"
	}
	return ""
}

// dur prints a short simulated duration: 412µs, 1.2ms, 5s.
func dur(d time.Duration) string {
	if d < time.Millisecond {
		return d.Round(time.Microsecond).String()
	}
	return d.Round(100 * time.Microsecond).String()
}

// joinWrap joins items with sep after a head, breaking lines only
// between items (a name is never cut at its hyphens).
func joinWrap(head string, items []string, sep string, w int) []string {
	var out []string
	line := head
	for i, it := range items {
		piece := it
		if i > 0 {
			piece = sep + it
		}
		if i > 0 && ansi.StringWidth(line+piece) > w {
			out = append(out, line+strings.TrimRight(sep, " "))
			line, piece = "  ", it
		}
		line += piece
	}
	return append(out, clip(line, w))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
