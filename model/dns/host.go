package dns

import (
	"fmt"
	"net/netip"
	"strings"

	mdns "github.com/miekg/dns"
)

// Host runs BIND's `host NAME` (9.18) with the pod's resolv.conf: an
// address argument becomes a PTR query; otherwise A, AAAA and MX are asked
// in turn, each through the search list (moving on after NXDOMAIN, as
// dig +search). Aliases are printed for the A lookup only (inferred from
// real outputs, which show each alias once).
func Host(args []string, env ToolEnv) ToolResult {
	if len(args) != 1 {
		return ToolResult{Output: "Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n", Exit: 1}
	}
	name := args[0]
	var server netip.Addr
	if len(env.ResolvConf.Nameservers) > 0 {
		server = env.ResolvConf.Nameservers[0]
	}
	var res ToolResult
	var b strings.Builder
	id := env.FirstID
	ask := func(qname string, t uint16) *mdns.Msg {
		q := new(mdns.Msg)
		q.SetQuestion(qname, t)
		q.Id = id
		id++
		r := env.Exchange(server, q)
		res.Steps = append(res.Steps, WalkStep{Query: q, Reply: r})
		return r
	}
	if a, err := netip.ParseAddr(name); err == nil {
		rev, _ := mdns.ReverseAddr(a.String())
		r := ask(rev, mdns.TypePTR)
		return hostFinish(res, &b, name, r, func() {
			for _, rr := range r.Answer {
				if p, ok := rr.(*mdns.PTR); ok {
					fmt.Fprintf(&b, "%s domain name pointer %s\n", noDot(p.Hdr.Name), p.Ptr)
				}
			}
		})
	}
	cands := Candidates(env.ResolvConf, name, Glibc)
	for i, t := range []uint16{mdns.TypeA, mdns.TypeAAAA, mdns.TypeMX} {
		var r *mdns.Msg
		for _, c := range cands {
			if r = ask(c, t); r == nil || r.Rcode != mdns.RcodeNameError {
				break
			}
		}
		if r == nil || r.Rcode != mdns.RcodeSuccess {
			return hostFinish(res, &b, name, r, nil)
		}
		hostAnswer(&b, r, i == 0)
	}
	res.Output = b.String()
	return res
}

func hostAnswer(b *strings.Builder, r *mdns.Msg, aliases bool) {
	for _, rr := range r.Answer {
		name := noDot(rr.Header().Name)
		switch v := rr.(type) {
		case *mdns.CNAME:
			if aliases {
				fmt.Fprintf(b, "%s is an alias for %s\n", name, v.Target)
			}
		case *mdns.A:
			fmt.Fprintf(b, "%s has address %s\n", name, v.A)
		case *mdns.AAAA:
			fmt.Fprintf(b, "%s has IPv6 address %s\n", name, v.AAAA)
		case *mdns.MX:
			fmt.Fprintf(b, "%s mail is handled by %d %s\n", name, v.Preference, v.Mx)
		}
	}
}

// hostFinish prints a failed lookup ("Host X not found: 3(NXDOMAIN)", or
// the timeout message) or runs print on success.
func hostFinish(res ToolResult, b *strings.Builder, name string, r *mdns.Msg, print func()) ToolResult {
	switch {
	case r == nil:
		b.WriteString(";; connection timed out; no servers could be reached\n")
		res.Exit = 1
	case r.Rcode != mdns.RcodeSuccess:
		fmt.Fprintf(b, "Host %s not found: %d(%s)\n", name, r.Rcode, mdns.RcodeToString[r.Rcode])
		res.Exit = 1
	case print != nil:
		print()
	}
	res.Output = b.String()
	return res
}

// GetentHosts runs glibc `getent hosts NAME`: gethostbyname2 for AF_INET6
// (AAAA through the search walk), then AF_INET (A) if that found nothing;
// one line per address, "%-15s %s" then the aliases. Exit 2 when not found.
func GetentHosts(name string, env ToolEnv) ToolResult {
	var server netip.Addr
	if len(env.ResolvConf.Nameservers) > 0 {
		server = env.ResolvConf.Nameservers[0]
	}
	ex := func(q *mdns.Msg) *mdns.Msg { return env.Exchange(server, q) }
	var res ToolResult
	id := env.FirstID
	for _, t := range []uint16{mdns.TypeAAAA, mdns.TypeA} {
		w := WalkSearch(env.ResolvConf, name, []uint16{t}, ex, WalkOptions{Libc: Glibc, FirstID: id})
		id += uint16(len(w.Steps))
		res.Steps = append(res.Steps, w.Steps...)
		if len(w.Addrs) == 0 {
			continue
		}
		var b strings.Builder
		for _, a := range w.Addrs {
			fmt.Fprintf(&b, "%-15s %s", a, noDot(w.Canonical))
			for _, al := range w.Aliases {
				fmt.Fprintf(&b, " %s", noDot(al))
			}
			b.WriteString("\n")
		}
		res.Output = b.String()
		return res
	}
	res.Exit = 2
	return res
}
