package dns

import (
	"net/netip"
	"strings"

	mdns "github.com/miekg/dns"
)

// Exchanger sends one query and returns the reply, or nil when none came
// (timeout). The caller routes it, e.g. through the simulated network.
type Exchanger func(q *mdns.Msg) *mdns.Msg

// Libc is the stub resolver whose search-list walk is modelled.
type Libc uint8

const (
	// Glibc (res_search): fewer dots than ndots tries the search list then
	// the name as is; otherwise the name first, then the list. It moves on
	// after NXDOMAIN, NODATA and SERVFAIL and stops at any answer.
	Glibc Libc = iota
	// Musl (Alpine, busybox images): search list then the name only when
	// there are fewer dots than ndots, else the name alone. It moves on
	// only after NXDOMAIN; NODATA and SERVFAIL end the walk.
	Musl
)

// WalkStep is one query of a walk and its reply (nil: no reply).
type WalkStep struct {
	Query *mdns.Msg
	Reply *mdns.Msg
}

// Walk is a finished lookup: every query sent, in order, and the outcome.
type Walk struct {
	Steps []WalkStep
	// Name is the candidate that answered ("" if none did).
	Name string
	// Addrs are the A/AAAA records of the answering candidate, in reply
	// order, A replies first.
	Addrs []netip.Addr
	// Aliases are the CNAME owners followed to reach the addresses.
	Aliases []string
	// Canonical is the owner of the address records.
	Canonical string
	// Rcode is the last reply's rcode; -1 when the last query got no reply.
	Rcode int
}

// WalkOptions tune a walk.
type WalkOptions struct {
	Libc Libc
	// FirstID is the DNS id of the first query; each further query adds 1.
	FirstID uint16
	// EDNS adds an OPT record (glibc's default is none).
	EDNS bool
}

// Candidates returns the names a resolver tries for name, in order.
func Candidates(rc ResolvConf, name string, libc Libc) []string {
	if strings.HasSuffix(name, ".") {
		return []string{name}
	}
	dots := strings.Count(name, ".")
	var out []string
	search := func() {
		for _, d := range rc.Search {
			out = append(out, name+"."+strings.TrimSuffix(d, ".")+".")
		}
	}
	switch {
	case dots >= rc.Ndots && libc == Musl:
		out = append(out, name+".")
	case dots >= rc.Ndots:
		out = append(out, name+".")
		search()
	default:
		search()
		out = append(out, name+".")
	}
	return out
}

// WalkSearch resolves name for the query types (A and AAAA for
// getaddrinfo with AF_UNSPEC, sent A first, as both libcs do) the way the
// libc does, sending each query through exchange.
func WalkSearch(rc ResolvConf, name string, qtypes []uint16, exchange Exchanger, opt WalkOptions) Walk {
	w := Walk{Rcode: -1}
	id := opt.FirstID
	for _, cand := range Candidates(rc, name, opt.Libc) {
		var replies []*mdns.Msg
		for _, t := range qtypes {
			q := new(mdns.Msg)
			q.SetQuestion(cand, t)
			q.Id = id
			id++
			if opt.EDNS {
				q.SetEdns0(1232, false)
			}
			r := exchange(q)
			w.Steps = append(w.Steps, WalkStep{Query: q, Reply: r})
			replies = append(replies, r)
		}
		done, found := w.judge(cand, replies, opt.Libc)
		if found || done {
			return w
		}
	}
	return w
}

// judge decides after one candidate: found (a reply has records), done
// (the lookup ends without them), or neither (try the next candidate).
func (w *Walk) judge(cand string, replies []*mdns.Msg, libc Libc) (done, found bool) {
	for _, r := range replies {
		if r == nil {
			w.Rcode = -1
			return true, false // timeout: the lookup fails
		}
		w.Rcode = r.Rcode
	}
	if libc == Musl {
		// name_from_dns: rcodes first, in query order.
		for _, r := range replies {
			switch r.Rcode {
			case mdns.RcodeSuccess:
			case mdns.RcodeNameError:
				return false, false
			default:
				return true, false // SERVFAIL: EAI_AGAIN; others: EAI_FAIL
			}
		}
		if w.answered(cand, replies) {
			return true, true
		}
		return true, false // EAI_NODATA ends the walk
	}
	// glibc __res_context_query: an answer in either reply is success.
	if w.answered(cand, replies) {
		return true, true
	}
	for _, r := range replies {
		switch r.Rcode {
		case mdns.RcodeSuccess, mdns.RcodeNameError, mdns.RcodeServerFailure:
		default:
			return true, false
		}
	}
	return false, false
}

func (w *Walk) answered(cand string, replies []*mdns.Msg) bool {
	for _, r := range replies {
		if r.Rcode == mdns.RcodeSuccess && len(r.Answer) > 0 {
			w.collect(cand, replies)
			return true
		}
	}
	return false
}

func (w *Walk) collect(cand string, replies []*mdns.Msg) {
	w.Name = cand
	w.Addrs, w.Aliases, w.Canonical = nil, nil, ""
	for _, r := range replies {
		for _, rr := range r.Answer {
			switch v := rr.(type) {
			case *mdns.A:
				a, _ := netip.AddrFromSlice(v.A.To4())
				w.Addrs = append(w.Addrs, a)
				w.Canonical = v.Hdr.Name
			case *mdns.AAAA:
				a, _ := netip.AddrFromSlice(v.AAAA.To16())
				w.Addrs = append(w.Addrs, a)
				w.Canonical = v.Hdr.Name
			case *mdns.CNAME:
				if !containsFold(w.Aliases, v.Hdr.Name) {
					w.Aliases = append(w.Aliases, v.Hdr.Name)
				}
			}
		}
	}
}

func containsFold(l []string, s string) bool {
	for _, v := range l {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// String names the libc.
func (l Libc) String() string {
	if l == Musl {
		return "musl"
	}
	return "glibc"
}
