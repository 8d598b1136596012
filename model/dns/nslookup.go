package dns

import (
	"fmt"
	"net/netip"
	"strings"

	mdns "github.com/miekg/dns"
)

// busybox nslookup (networking/nslookup.c, FEATURE_NSLOOKUP_BIG, 1.30+):
// it builds every query first (A for each search domain, then AAAA for
// each, the search list only for a name without any dot, never the bare
// name), sends them all at once, and prints each reply as it arrives.

// nslookupTypes is busybox's qtypes table, in its order.
var nslookupTypes = []struct {
	name string
	t    uint16
}{
	{"SOA", mdns.TypeSOA}, {"NS", mdns.TypeNS}, {"A", mdns.TypeA}, {"AAAA", mdns.TypeAAAA},
	{"CNAME", mdns.TypeCNAME}, {"MX", mdns.TypeMX}, {"TXT", mdns.TypeTXT}, {"SRV", mdns.TypeSRV},
	{"PTR", mdns.TypePTR}, {"ANY", mdns.TypeANY},
}

const nslookupUsage = "BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.\n\n" +
	"Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\n" +
	"Query DNS about HOST\n\n" +
	"QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n"

// NslookupOptions tune busybox nslookup.
type NslookupOptions struct {
	// Arrival lists the order replies come back in, as indexes into the
	// queries sent (busybox prints in arrival order, which on a real
	// cluster varies run to run). Nil: the order sent.
	Arrival []int
}

type nsQuery struct {
	name string
	msg  *mdns.Msg
}

// BusyboxNslookup runs busybox `nslookup [-type=T] [-debug] HOST [SERVER]`.
func BusyboxNslookup(args []string, env ToolEnv, opt NslookupOptions) ToolResult {
	var types []uint16
	debug := false
	i := 0
	for ; i < len(args) && strings.HasPrefix(args[i], "-"); i++ {
		k, v, _ := strings.Cut(args[i][1:], "=")
		switch k {
		case "type", "querytype", "q":
			t, ok := nslookupType(v)
			if !ok {
				return ToolResult{Output: fmt.Sprintf("nslookup: invalid query type \"%s\"\n", v), Exit: 1}
			}
			types = append(types, t)
		case "debug":
			debug = true
		case "port", "retry", "timeout", "t":
		default:
			return ToolResult{Output: nslookupUsage, Exit: 1}
		}
	}
	rest := args[i:]
	if len(rest) == 0 || len(rest) > 2 {
		return ToolResult{Output: nslookupUsage, Exit: 1}
	}
	host := rest[0]
	serverName := ""
	var server netip.Addr
	if len(rest) == 2 {
		s, err := netip.ParseAddr(rest[1])
		if err != nil {
			return ToolResult{Output: fmt.Sprintf("nslookup: bad address '%s'\n", rest[1]), Exit: 1}
		}
		server, serverName = s, rest[1]
	} else if len(env.ResolvConf.Nameservers) > 0 {
		server = env.ResolvConf.Nameservers[0]
		serverName = server.String()
	} else {
		server, serverName = netip.MustParseAddr("127.0.0.1"), "127.0.0.1"
	}
	queries := nslookupQueries(host, types, env)
	return runNslookup(queries, server, serverName, debug, env, opt)
}

func nslookupType(v string) (uint16, bool) {
	for _, t := range nslookupTypes {
		if strings.EqualFold(t.name, v) {
			return t.t, true
		}
	}
	return 0, false
}

func nslookupQueries(host string, types []uint16, env ToolEnv) []nsQuery {
	var qs []nsQuery
	id := env.FirstID
	add := func(name string, t uint16) {
		m := new(mdns.Msg)
		m.SetQuestion(mdns.Fqdn(name), t)
		m.Id = id
		id++
		qs = append(qs, nsQuery{name: name, msg: m})
	}
	withSearch := func(t uint16) {
		if t == mdns.TypePTR || len(env.ResolvConf.Search) == 0 || strings.Contains(host, ".") {
			add(host, t)
			return
		}
		for _, d := range env.ResolvConf.Search {
			add(host+"."+d, t)
		}
	}
	if len(types) == 0 {
		if a, err := netip.ParseAddr(host); err == nil {
			rev, _ := mdns.ReverseAddr(a.String())
			add(strings.TrimSuffix(rev, "."), mdns.TypePTR)
			return qs
		}
		withSearch(mdns.TypeA)
		withSearch(mdns.TypeAAAA)
		return qs
	}
	for _, t := range nslookupTypes {
		for _, want := range types {
			if want == t.t {
				withSearch(t.t)
				break
			}
		}
	}
	return qs
}

func runNslookup(qs []nsQuery, server netip.Addr, serverName string, debug bool, env ToolEnv, opt NslookupOptions) ToolResult {
	var res ToolResult
	replies := make([]*mdns.Msg, len(qs))
	for i, q := range qs {
		replies[i] = env.Exchange(server, q.msg)
		res.Steps = append(res.Steps, WalkStep{Query: q.msg, Reply: replies[i]})
	}
	order := opt.Arrival
	if order == nil {
		for i := range qs {
			order = append(order, i)
		}
	}
	var b strings.Builder
	got := make([]bool, len(qs))
	n := 0
	for _, i := range order {
		if i < 0 || i >= len(qs) || got[i] || replies[i] == nil {
			continue
		}
		got[i] = true
		if n == 0 {
			fmt.Fprintf(&b, "Server:\t\t%s\nAddress:\t%s\n\n", serverName, netip.AddrPortFrom(server, 53))
		}
		n++
		m := replies[i]
		if m.Rcode != mdns.RcodeSuccess {
			fmt.Fprintf(&b, "** server can't find %s: %s\n", qs[i].name, mdns.RcodeToString[m.Rcode])
			res.Exit = 1
		} else {
			nslookupReply(&b, m, debug)
		}
		b.WriteString("\n")
	}
	if n == 0 {
		b.WriteString(";; connection timed out; no servers could be reached\n\n")
		res.Output, res.Exit = b.String(), 1
		return res
	}
	missing := false
	for i, q := range qs {
		if !got[i] {
			fmt.Fprintf(&b, "*** Can't find %s: No answer\n", q.name)
			missing = true
		}
	}
	if missing {
		b.WriteString("\n")
	}
	res.Output = b.String()
	return res
}

// nslookupReply is busybox parse_reply: names without the final dot.
func nslookupReply(b *strings.Builder, m *mdns.Msg, debug bool) {
	if !m.Authoritative {
		b.WriteString("Non-authoritative answer:\n")
	} else if debug {
		b.WriteString("authoritative answer:\n")
	}
	for _, rr := range m.Answer {
		name := noDot(rr.Header().Name)
		switch v := rr.(type) {
		case *mdns.A:
			fmt.Fprintf(b, "Name:\t%s\nAddress: %s\n", name, v.A)
		case *mdns.AAAA:
			fmt.Fprintf(b, "Name:\t%s\nAddress: %s\n", name, v.AAAA)
		case *mdns.NS:
			fmt.Fprintf(b, "%s\tnameserver = %s\n", name, noDot(v.Ns))
		case *mdns.CNAME:
			fmt.Fprintf(b, "%s\tcanonical name = %s\n", name, noDot(v.Target))
		case *mdns.PTR:
			fmt.Fprintf(b, "%s\tname = %s\n", name, noDot(v.Ptr))
		case *mdns.MX:
			fmt.Fprintf(b, "%s\tmail exchanger = %d %s\n", name, v.Preference, noDot(v.Mx))
		case *mdns.TXT:
			if len(v.Txt) > 0 && v.Txt[0] != "" {
				fmt.Fprintf(b, "%s\ttext = \"%s\"\n", name, v.Txt[0])
			}
		case *mdns.SRV:
			fmt.Fprintf(b, "%s\tservice = %d %d %d %s\n", name, v.Priority, v.Weight, v.Port, noDot(v.Target))
		case *mdns.SOA:
			fmt.Fprintf(b, "%s\n\torigin = %s\n\tmail addr = %s\n\tserial = %d\n\trefresh = %d\n\tretry = %d\n\texpire = %d\n\tminimum = %d\n",
				name, noDot(v.Ns), noDot(v.Mbox), v.Serial, v.Refresh, v.Retry, v.Expire, v.Minttl)
		}
	}
}

// noDot is how libresolv's ns_name_ntop spells a name: no final dot, the
// root as ".".
func noDot(s string) string {
	if s == "." {
		return s
	}
	return strings.TrimSuffix(s, ".")
}
