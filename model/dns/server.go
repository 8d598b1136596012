package dns

import (
	"net/netip"
	"strings"
	"time"

	mdns "github.com/miekg/dns"
)

// handler is one plugin of the chain (CoreDNS plugin.Handler): it answers or
// passes the query on with c.next. It never returns nil.
type handler interface {
	Name() string
	serve(c *call, r *mdns.Msg) *mdns.Msg
}

// Step is one plugin's part in answering a query, for the trace.
type Step struct {
	Plugin string // "cache", "kubernetes", "forward", ...
	Note   string // what it did: "hit", "miss", "answered NOERROR", "next", ...
	Name   string // the question it handled
	Type   string
}

// Options are the parts of a CoreDNS deployment that are not in the
// Corefile.
type Options struct {
	// LocalIPs are the CoreDNS pod's own addresses. When one is an
	// endpoint of kube-dns, `<zone> NS` names kube-dns; otherwise ns.dns.
	LocalIPs []netip.Addr
	// Shuffle, if set, is used by `loadbalance` to reorder A/AAAA/MX
	// records (real CoreDNS uses math/rand). Nil keeps the order, so output
	// is deterministic unless the engine passes its seeded RNG's Shuffle.
	Shuffle func(n int, swap func(i, j int))
}

// Server is one CoreDNS server block (`.:53 { ... }`) answering queries
// through its plugin chain, in CoreDNS's fixed plugin order (plugin.cfg):
// loadbalance, cache, kubernetes, forward. It is not safe for concurrent
// use (like the cache it holds).
type Server struct {
	scratch call // reused by each Exchange: a Server answers one query at a time
	chain   []handler
	kube    *kubernetes
	cache   *cache
	up      *Upstream
}

// maxNested bounds lookups a query may start through the chain
// (ExternalName targets): termination is guaranteed whatever the data.
const maxNested = 8

// call carries one query's context down the chain.
type call struct {
	srv   *Server
	now   time.Time
	pos   int
	depth int
	trace *[]Step
	// lower is lowerOf's question name lower-cased, computed once for the
	// plugins that need it (see lowerName).
	lowerOf *mdns.Msg
	lower   string
}

// lowerName is r's question name lower-cased.
func (c *call) lowerName(r *mdns.Msg) string {
	if c.lowerOf != r {
		c.lowerOf, c.lower = r, strings.ToLower(r.Question[0].Name)
	}
	return c.lower
}

// NewServer builds the server for cfg over the cluster index and the
// modelled upstream resolver (which `forward` sends to; may be nil, then
// forwarded queries get SERVFAIL).
func NewServer(cfg Config, idx *Index, up *Upstream, opt Options) *Server {
	s := &Server{up: up}
	if cfg.Loadbalance {
		s.chain = append(s.chain, &loadbalance{shuffle: opt.Shuffle})
	}
	if cfg.Cache != nil {
		s.cache = newCache(*cfg.Cache)
		s.chain = append(s.chain, s.cache)
	}
	if cfg.Kubernetes != nil {
		s.kube = newKubernetes(*cfg.Kubernetes, idx, opt.LocalIPs)
		s.chain = append(s.chain, s.kube)
	}
	if cfg.Forward != nil {
		s.chain = append(s.chain, &forward{to: cfg.Forward.To, except: cfg.Forward.Except, up: up})
	}
	return s
}

// Exchange answers query q at virtual time now, as the CoreDNS pod would
// send it back (id, flags, sections, EDNS0). q is not modified.
func (s *Server) Exchange(now time.Time, q *mdns.Msg) *mdns.Msg {
	m, _ := s.exchange(now, q, nil)
	return m
}

// ExchangeTrace is Exchange plus the steps each plugin took.
func (s *Server) ExchangeTrace(now time.Time, q *mdns.Msg) (*mdns.Msg, []Step) {
	var trace []Step
	m, _ := s.exchange(now, q, &trace)
	return m, trace
}

// Exchanger returns Exchange bound to a time, the shape the resolver walk
// and the tools take.
func (s *Server) Exchanger(now time.Time) func(q *mdns.Msg) *mdns.Msg {
	return func(q *mdns.Msg) *mdns.Msg { return s.Exchange(now, q) }
}

func (s *Server) exchange(now time.Time, q *mdns.Msg, trace *[]Step) (*mdns.Msg, error) {
	if len(q.Question) != 1 {
		return rcodeOnly(q, mdns.RcodeFormatError), nil
	}
	c := &s.scratch
	*c = call{srv: s, now: now, pos: -1, trace: trace}
	m := c.next(nil, q)
	return scrub(q, m), nil
}

// next passes r to the plugin after h (nil: the first). With no plugin
// left, CoreDNS's plugin.NextOrFailure answers SERVFAIL.
func (c *call) next(h handler, r *mdns.Msg) *mdns.Msg {
	if h != nil {
		c.note(h.Name(), "next", r)
	}
	c.pos++
	if c.pos >= len(c.srv.chain) {
		return rcodeOnly(r, mdns.RcodeServerFailure)
	}
	p, at := c.srv.chain[c.pos], c.pos
	m := p.serve(c, r)
	if m == nil {
		m = rcodeOnly(r, mdns.RcodeServerFailure)
	}
	if c.pos == at && c.trace != nil { // p answered itself
		c.note(p.Name(), "answered "+mdns.RcodeToString[m.Rcode], r)
	}
	return m
}

func (c *call) note(plugin, note string, r *mdns.Msg) {
	if c.trace == nil {
		return
	}
	q := r.Question[0]
	*c.trace = append(*c.trace, Step{Plugin: plugin, Note: note, Name: q.Name, Type: mdns.TypeToString[q.Qtype]})
}

// lookupFunc is CoreDNS's upstream.Lookup: a fresh query through the whole
// chain of the same server (for ExternalName targets).
type lookupFunc = *call

func (c *call) lookup(name string, qtype uint16) *mdns.Msg {
	if c.depth >= maxNested {
		return nil
	}
	q := new(mdns.Msg)
	q.SetQuestion(name, qtype)
	q.RecursionDesired = true
	sub := &call{srv: c.srv, now: c.now, pos: -1, depth: c.depth + 1, trace: c.trace}
	return sub.next(nil, q)
}

// scrub is CoreDNS's ScrubWriter: EDNS0 mirrored from the request (version
// 0, the client's UDP size, supported options only), then truncation to
// what the client can take over UDP.
func scrub(q, m *mdns.Msg) *mdns.Msg {
	m.Id = q.Id
	size := mdns.MinMsgSize
	if o := q.IsEdns0(); o != nil {
		size = max(int(o.UDPSize()), mdns.MinMsgSize)
		if mo := m.IsEdns0(); mo != nil {
			mo.SetVersion(0)
			mo.SetUDPSize(o.UDPSize())
			mo.Hdr.Ttl &= 0xff00
			if o.Do() {
				mo.SetDo()
			}
		} else {
			r := &mdns.OPT{Hdr: mdns.RR_Header{Name: ".", Rrtype: mdns.TypeOPT}}
			r.SetUDPSize(o.UDPSize())
			if o.Do() {
				r.SetDo()
			}
			for _, opt := range o.Option {
				switch opt.Option() {
				case mdns.EDNS0NSID, mdns.EDNS0EXPIRE, mdns.EDNS0COOKIE, mdns.EDNS0TCPKEEPALIVE, mdns.EDNS0PADDING:
					r.Option = append(r.Option, opt)
				}
			}
			m.Extra = append(m.Extra, r)
		}
	}
	if fitsUncompressed(m, size) {
		m.Compress = false // all Truncate would do
	} else {
		m.Truncate(size)
	}
	return m
}

// fitsUncompressed reports, without measuring, that a reply of questions
// and A/AAAA answers only is at most size bytes uncompressed: an upper
// bound of a name's wire length is its text length + 1 (escapes only
// shorten it).
func fitsUncompressed(m *mdns.Msg, size int) bool {
	if len(m.Ns) != 0 || len(m.Extra) != 0 {
		return false
	}
	n := 12 // header
	for i := range m.Question {
		n += len(m.Question[i].Name) + 1 + 4
	}
	for _, rr := range m.Answer {
		switch rr := rr.(type) {
		case *mdns.A:
			n += len(rr.Hdr.Name) + 1 + 10 + 4
		case *mdns.AAAA:
			n += len(rr.Hdr.Name) + 1 + 10 + 16
		default:
			return false
		}
		if n > size {
			return false
		}
	}
	return n <= size
}
