package dns

import (
	"time"

	mdns "github.com/miekg/dns"
)

// Cache limits (plugin/cache and plugin/pkg/dnsutil).
const (
	cacheMinTTL      = 5 * time.Second
	cacheMaxTTL      = time.Hour
	cacheMaxNTTL     = cacheMaxTTL / 2
	cacheServfailTTL = 5 * time.Second
	cacheCapacity    = 9984 // default success and denial capacity
)

// CacheConfig is the `cache` block.
type CacheConfig struct {
	SuccessTTL     time.Duration // max TTL of positive answers (3600s default)
	DenialTTL      time.Duration // max TTL of NXDOMAIN/NODATA (1800s default)
	MinSuccessTTL  time.Duration
	MinDenialTTL   time.Duration
	DisableSuccess []string // zones whose positive answers are not stored
	DisableDenial  []string // zones whose negative answers are not stored
}

// DefaultCacheConfig is a bare `cache`.
func DefaultCacheConfig() CacheConfig {
	return CacheConfig{SuccessTTL: cacheMaxTTL, DenialTTL: cacheMaxNTTL, MinSuccessTTL: cacheMinTTL, MinDenialTTL: cacheMinTTL}
}

// cache is CoreDNS plugin/cache: answers from its store while their TTL
// lasts; otherwise asks the next plugin, caps the reply's TTLs to what it
// will store, and stores it unless the zone is excepted. Entries beyond the
// capacity are not stored (CoreDNS evicts a random one instead).
type cache struct {
	cfg CacheConfig
	pos map[cacheKey]*cacheItem
	neg map[cacheKey]*cacheItem
}

type cacheKey struct {
	name  string
	qtype uint16
	do    bool
	cd    bool
}

type cacheItem struct {
	rcode  int
	ra     bool
	answer []mdns.RR
	ns     []mdns.RR
	extra  []mdns.RR
	ttl    uint32
	stored time.Time
}

func newCache(cfg CacheConfig) *cache {
	return &cache{cfg: cfg, pos: map[cacheKey]*cacheItem{}, neg: map[cacheKey]*cacheItem{}}
}

func (c *cache) Name() string { return "cache" }

func (c *cache) serve(cl *call, r *mdns.Msg) *mdns.Msg {
	q := r.Question[0]
	do := false
	if o := r.IsEdns0(); o != nil {
		do = o.Do()
	}
	k := cacheKey{cl.lowerName(r), q.Qtype, do, r.CheckingDisabled}
	if it := c.get(k, cl.now); it != nil {
		cl.note("cache", "hit", r)
		return it.toMsg(r, cl.now)
	}
	cl.note("cache", "miss", r)
	m := cl.next(c, r)
	c.store(k, m, cl.now)
	return m
}

func (c *cache) get(k cacheKey, now time.Time) *cacheItem {
	if it, ok := c.neg[k]; ok && it.remaining(now) > 0 {
		return it
	}
	if it, ok := c.pos[k]; ok && it.remaining(now) > 0 {
		return it
	}
	return nil
}

// store is the cache ResponseWriter's WriteMsg: it rewrites every TTL of the
// reply to the duration it caches for, then stores.
func (c *cache) store(k cacheKey, m *mdns.Msg, now time.Time) {
	var d time.Duration
	kind := typify(m)
	switch kind {
	case respNameError, respNoData:
		d = computeTTL(minimalTTL(m, c.cfg.DenialTTL), c.cfg.MinDenialTTL, c.cfg.DenialTTL)
	case respServerError:
		d = cacheServfailTTL
	default:
		d = computeTTL(minimalTTL(m, c.cfg.SuccessTTL), c.cfg.MinSuccessTTL, c.cfg.SuccessTTL)
	}
	ttl := uint32(d.Seconds())
	for _, s := range [][]mdns.RR{m.Answer, m.Ns, m.Extra} {
		for _, rr := range s {
			if rr.Header().Rrtype != mdns.TypeOPT {
				rr.Header().Ttl = ttl
			}
		}
	}
	if m.Truncated || kind == respOtherError || d <= 0 {
		return
	}
	qname := m.Question[0].Name
	target, except := c.pos, c.cfg.DisableSuccess
	if kind != respNoError {
		target, except = c.neg, c.cfg.DisableDenial
	}
	if matchZone(except, qname) != "" || len(target) >= cacheCapacity {
		return
	}
	target[k] = &cacheItem{rcode: m.Rcode, ra: m.RecursionAvailable, answer: clean(m.Answer),
		ns: clean(m.Ns), extra: clean(m.Extra), ttl: ttl, stored: now}
}

func (it *cacheItem) remaining(now time.Time) int {
	return int(it.ttl) - int(now.Sub(it.stored).Seconds())
}

// toMsg builds the reply from the store: aa forced on ("some DNS clients
// discard the *entire* packet when it's non-authoritative"), every TTL the
// time left.
func (it *cacheItem) toMsg(r *mdns.Msg, now time.Time) *mdns.Msg {
	ttl := uint32(it.remaining(now))
	m := new(mdns.Msg)
	m.SetReply(r)
	m.Authoritative = true
	m.RecursionAvailable = it.ra
	m.Rcode = it.rcode
	m.Answer = copyTTL(it.answer, ttl)
	m.Ns = copyTTL(it.ns, ttl)
	m.Extra = copyTTL(it.extra, ttl)
	return m
}

func clean(rrs []mdns.RR) []mdns.RR {
	var out []mdns.RR
	for _, rr := range rrs {
		if rr.Header().Rrtype != mdns.TypeOPT {
			out = append(out, mdns.Copy(rr))
		}
	}
	return out
}

func copyTTL(rrs []mdns.RR, ttl uint32) []mdns.RR {
	out := make([]mdns.RR, len(rrs))
	for i, rr := range rrs {
		out[i] = mdns.Copy(rr)
		out[i].Header().Ttl = ttl
	}
	return out
}

type respType uint8

const (
	respNoError respType = iota
	respNameError
	respNoData
	respServerError
	respOtherError
)

// typify is CoreDNS response.Typify, reduced to the classes cache uses.
func typify(m *mdns.Msg) respType {
	switch m.Rcode {
	case mdns.RcodeSuccess:
		if len(m.Answer) == 0 {
			return respNoData
		}
		return respNoError
	case mdns.RcodeNameError:
		return respNameError
	case mdns.RcodeServerFailure:
		return respServerError
	}
	return respOtherError
}

// minimalTTL is dnsutil.MinimalTTLWithMaximum.
func minimalTTL(m *mdns.Msg, maxTTL time.Duration) time.Duration {
	n := 0
	for _, rr := range m.Extra {
		if rr.Header().Rrtype != mdns.TypeOPT {
			n++
		}
	}
	if len(m.Answer)+len(m.Ns)+n == 0 {
		return cacheMinTTL
	}
	least := maxTTL
	for _, s := range [][]mdns.RR{m.Answer, m.Ns, m.Extra} {
		for _, rr := range s {
			if rr.Header().Rrtype == mdns.TypeOPT {
				continue
			}
			if t := time.Duration(rr.Header().Ttl) * time.Second; t < least {
				least = t
			}
		}
	}
	return least
}

func computeTTL(msgTTL, minTTL, maxTTL time.Duration) time.Duration {
	return min(max(msgTTL, minTTL), maxTTL)
}
