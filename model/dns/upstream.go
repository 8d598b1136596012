package dns

import (
	"fmt"
	"strings"

	mdns "github.com/miekg/dns"
)

// RootSOA is what a public recursive resolver puts in Authority when a name
// does not exist anywhere the Upstream knows: the root zone's SOA.
const RootSOA = ".\t86400\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2024010100 1800 900 604800 86400"

// maxUpstreamChain bounds CNAME chasing in the upstream model.
const maxUpstreamChain = 16

// Upstream models the node's recursive resolver that `forward . /etc/resolv.conf`
// sends to: a small static set of records the caller sets. It answers as a
// recursive resolver does: flags qr rd ra, no aa, CNAME chains followed,
// NXDOMAIN or NODATA with the closest SOA it holds (else the root's).
//
// The zero value is not usable: call NewUpstream.
type Upstream struct {
	rrs  map[string][]mdns.RR
	root *mdns.SOA
}

// NewUpstream returns an upstream holding records given as zone-file lines
// ("example.com. 300 IN A 93.184.216.34").
func NewUpstream(lines ...string) (*Upstream, error) {
	root, err := mdns.NewRR(RootSOA)
	if err != nil {
		return nil, fmt.Errorf("upstream: root soa: %w", err)
	}
	u := &Upstream{rrs: map[string][]mdns.RR{}, root: root.(*mdns.SOA)}
	if err := u.Add(lines...); err != nil {
		return nil, err
	}
	return u, nil
}

// Add adds records given as zone-file lines.
func (u *Upstream) Add(lines ...string) error {
	for i, l := range lines {
		rr, err := mdns.NewRR(l)
		if err != nil {
			return fmt.Errorf("upstream: record %d: %w", i+1, err)
		}
		if rr == nil {
			continue
		}
		k := strings.ToLower(rr.Header().Name)
		u.rrs[k] = append(u.rrs[k], rr)
	}
	return nil
}

// Resolve answers q.
func (u *Upstream) Resolve(q *mdns.Msg) *mdns.Msg {
	m := new(mdns.Msg)
	m.SetReply(q)
	m.RecursionAvailable = true
	if q.IsEdns0() != nil {
		m.SetEdns0(1232, false)
	}
	qt := q.Question[0].Qtype
	name := q.Question[0].Name
	var seen []string
	for range maxUpstreamChain {
		key := strings.ToLower(name)
		rrs, ok := u.rrs[key]
		if !ok {
			m.Rcode = mdns.RcodeNameError
			m.Ns = []mdns.RR{u.soaFor(key)}
			return m
		}
		var cname *mdns.CNAME
		n := len(m.Answer)
		for _, rr := range rrs {
			t := rr.Header().Rrtype
			if t == qt || qt == mdns.TypeANY {
				m.Answer = append(m.Answer, mdns.Copy(rr))
			}
			if c, ok := rr.(*mdns.CNAME); ok {
				cname = c
			}
		}
		if len(m.Answer) > n {
			return m
		}
		if cname == nil {
			m.Ns = []mdns.RR{u.soaFor(key)} // NODATA
			return m
		}
		m.Answer = append(m.Answer, mdns.Copy(cname))
		seen = append(seen, key)
		name = cname.Target
		for _, s := range seen {
			if s == strings.ToLower(name) {
				m.Rcode = mdns.RcodeServerFailure // CNAME loop
				m.Answer = nil
				return m
			}
		}
	}
	m.Rcode = mdns.RcodeServerFailure
	m.Answer = nil
	return m
}

// soaFor is the SOA of the closest enclosing zone the upstream holds.
func (u *Upstream) soaFor(name string) mdns.RR {
	for n := name; ; {
		for _, rr := range u.rrs[n] {
			if rr.Header().Rrtype == mdns.TypeSOA {
				return mdns.Copy(rr)
			}
		}
		i := strings.IndexByte(n, '.')
		if i < 0 || i == len(n)-1 {
			break
		}
		n = n[i+1:]
	}
	return mdns.Copy(u.root)
}
