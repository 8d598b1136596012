package tui

import (
	"strings"

	mdns "github.com/miekg/dns"
	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/model/kubelet"
)

// Record kinds of cluster DNS.
const (
	kindDNSQuery    = "dns.query"
	kindDNSReply    = "dns.reply"
	kindDNSNoReply  = "dns.noreply"
	kindDNSResolved = "dns.resolved"
	kindDNSFailed   = "dns.failed"
	kindCoreDNS     = "coredns.answer"
)

func isDNS(kind string) bool { return strings.HasPrefix(kind, "dns.") || kind == kindCoreDNS }

// maxDNSBack bounds how many DNS records a walk is looked for in.
const maxDNSBack = 400

// dnsQuery is one query of a lookup as the trace recorded it.
type dnsQuery struct {
	rec    int // the dns.query record
	reply  int // the dns.reply or dns.noreply record, -1 while waiting
	answer int // the coredns.answer record, -1 if none
	q      *mdns.Msg
	d      *kubelet.QueryDetail // the reply's detail (nil while waiting)
}

// dnsLookup is one getaddrinfo: the pod, the name, its queries and, once
// finished, its outcome record.
type dnsLookup struct {
	pod     string
	name    string
	queries []dnsQuery
	end     int // the dns.resolved or dns.failed record, -1 while running
	walk    *kubelet.WalkDetail
}

// findLookup gathers the DNS lookup the position is in, or the last one
// before it.
func findLookup(at *position) (*dnsLookup, bool) {
	j := atOrBefore(at.ix.dns, at.pos)
	pod := ""
	for n := 0; j >= 0 && n < maxDNSBack && pod == ""; j, n = j-1, n+1 {
		pod = dnsPod(at.recs[at.ix.dns[j]].Detail)
	}
	if pod == "" {
		return nil, false
	}
	j++ // the pod's last record at or before the position
	l := &dnsLookup{pod: pod, end: -1}
	var recs []int // the pod's query and reply records, newest first
	for n := 0; j >= 0 && n < maxDNSBack; j, n = j-1, n+1 {
		i := at.ix.dns[j]
		r := &at.recs[i]
		if dnsPod(r.Detail) != pod {
			continue
		}
		if r.Kind == kindDNSResolved || r.Kind == kindDNSFailed {
			if l.end >= 0 || len(recs) > 0 {
				break // the end of the lookup before
			}
			l.end, l.walk = i, r.Detail.(*kubelet.WalkDetail)
			l.name = l.walk.Name
			continue
		}
		recs = append(recs, i)
	}
	for k := len(recs) - 1; k >= 0; k-- {
		l.add(at, recs[k])
	}
	l.matchAnswers(at)
	return l, true
}

// dnsPod returns the pod that asks, for the resolver's records.
func dnsPod(d any) string {
	switch d := d.(type) {
	case *kubelet.QueryDetail:
		return d.Pod
	case *kubelet.WalkDetail:
		return d.Pod
	}
	return ""
}

func (l *dnsLookup) add(at *position, i int) {
	r := &at.recs[i]
	d, _ := r.Detail.(*kubelet.QueryDetail)
	if d == nil {
		return
	}
	if r.Kind == kindDNSQuery {
		l.queries = append(l.queries, dnsQuery{rec: i, reply: -1, answer: -1, q: d.Query})
		return
	}
	for k := len(l.queries) - 1; k >= 0; k-- {
		q := &l.queries[k]
		if q.reply < 0 && q.q != nil && d.Query != nil && q.q.Id == d.Query.Id {
			q.reply, q.d = i, d
			return
		}
	}
}

// matchAnswers finds, for each answered query, the CoreDNS record of
// the answer: the one between the query and its reply that came from
// the query's source with the query's id.
func (l *dnsLookup) matchAnswers(at *position) {
	for k := range l.queries {
		q := &l.queries[k]
		if q.d == nil {
			continue
		}
		lo := sortSearch(at.ix.dns, q.rec)
		for j := lo; j < len(at.ix.dns) && at.ix.dns[j] < q.reply; j++ {
			sd, ok := at.recs[at.ix.dns[j]].Detail.(*cluster.ServeDetail)
			if ok && sd.Query != nil && sd.Query.Id == q.q.Id && sd.From == q.d.Local {
				q.answer = at.ix.dns[j]
				break
			}
		}
	}
}

// dnsPane shows the DNS lookup of the current record, or the last one
// before it: the names the search list made the resolver try, each query
// and its answer (type, rcode, records), the server asked (the kube-dns
// ClusterIP) and the CoreDNS pod kube-proxy's DNAT sent it to, what
// CoreDNS's plugins did, and the time each took.
type dnsPane struct {
	textPane
}

func newDNSPane(st *styles) *dnsPane {
	p := &dnsPane{newTextPane(st, "DNS")}
	p.build = p.rebuild
	return p
}

func (p *dnsPane) rebuild() {
	if p.at == nil || p.w <= 0 {
		return
	}
	l, ok := findLookup(p.at)
	if !ok {
		msg := "No DNS lookup yet: lookups appear when a pod resolves a name (curl by Service name, nslookup, dig)."
		if len(p.at.ix.dns) == 0 {
			msg = "This scenario makes no DNS lookup."
		}
		p.setLines(wrap(msg, p.w))
		return
	}
	p.setLines(dnsLines(p.at, l, p.st, p.w))
}
