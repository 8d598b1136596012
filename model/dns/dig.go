package dns

import (
	"encoding/hex"
	"fmt"
	"net/netip"
	"strings"
	"time"

	mdns "github.com/miekg/dns"
)

// DigVersion is the dig whose output is reproduced (Debian bookworm's
// dnsutils is BIND 9.18).
const DigVersion = "9.18.33"

// ToolEnv is what a DNS tool in a pod sees: its resolv.conf, the network
// (Exchange sends one query to one server, nil = no reply), and the
// virtual clock. Nothing is read from the machine running the model.
type ToolEnv struct {
	ResolvConf ResolvConf
	Exchange   func(server netip.Addr, q *mdns.Msg) *mdns.Msg
	Now        time.Time     // dig's ;; WHEN:
	RTT        time.Duration // dig's ;; Query time:
	FirstID    uint16        // DNS id of the first query sent
	Cookie     [8]byte       // dig's client cookie
}

// ToolResult is a tool run: what it printed (stdout and stderr merged, in
// order), its exit status, and every query it sent with its reply.
type ToolResult struct {
	Output string
	Exit   int
	Steps  []WalkStep
}

// digArgs is a parsed dig command line.
type digArgs struct {
	server  netip.Addr
	name    string
	qtype   uint16
	short   bool
	search  bool
	recurse bool
}

func parseDigArgs(args []string, env ToolEnv) (digArgs, error) {
	d := digArgs{qtype: mdns.TypeA, recurse: true}
	if len(env.ResolvConf.Nameservers) > 0 {
		d.server = env.ResolvConf.Nameservers[0]
	}
	typed := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "@"):
			s, err := netip.ParseAddr(a[1:])
			if err != nil {
				return d, fmt.Errorf("couldn't get address for '%s': not found", a[1:])
			}
			d.server = s
		case strings.HasPrefix(a, "+"):
			switch a {
			case "+short":
				d.short = true
			case "+search":
				d.search = true
			case "+nosearch":
				d.search = false
			case "+norecurse", "+norec":
				d.recurse = false
			case "+recurse", "+rec":
				d.recurse = true
			default:
				return d, fmt.Errorf("Invalid option: %s", a)
			}
		case a == "-x" && i+1 < len(args):
			i++
			rev, err := mdns.ReverseAddr(args[i])
			if err != nil {
				return d, fmt.Errorf("Invalid IP address %s", args[i])
			}
			d.name, d.qtype, typed = rev, mdns.TypePTR, true
		case a == "-t" && i+1 < len(args):
			i++
			t, ok := mdns.StringToType[strings.ToUpper(args[i])]
			if !ok {
				return d, fmt.Errorf("invalid type: %s", args[i])
			}
			d.qtype, typed = t, true
		case strings.EqualFold(a, "IN"):
		default:
			if t, ok := mdns.StringToType[strings.ToUpper(a)]; ok && !typed {
				d.qtype, typed = t, true
				continue
			}
			d.name = a
		}
	}
	if d.name == "" {
		d.name, d.qtype = ".", mdns.TypeNS
	}
	return d, nil
}

// Dig runs `dig ARGS` in a pod: +short, +search, +[no]recurse, @server,
// a type (or -t), -x. Without +search the name is asked as is (made
// absolute); with it, dig walks the search list, moving on after NXDOMAIN
// only, and prints the last reply.
func Dig(args []string, env ToolEnv) ToolResult {
	d, err := parseDigArgs(args, env)
	if err != nil {
		return ToolResult{Output: err.Error() + "\n", Exit: 1}
	}
	names := []string{mdns.Fqdn(d.name)}
	if d.search {
		names = Candidates(env.ResolvConf, strings.TrimSuffix(d.name, "."), Glibc)
		if strings.HasSuffix(d.name, ".") {
			names = []string{d.name}
		}
	}
	var res ToolResult
	var reply *mdns.Msg
	id := env.FirstID
	for _, n := range names {
		q := digQuery(n, d, id, env.Cookie)
		id++
		reply = env.Exchange(d.server, q)
		res.Steps = append(res.Steps, WalkStep{Query: q, Reply: reply})
		if reply == nil || reply.Rcode != mdns.RcodeNameError {
			break
		}
	}
	var b strings.Builder
	if reply == nil {
		digTimeout(&b, args, d)
		res.Output, res.Exit = b.String(), 9
		return res
	}
	if d.short {
		for _, rr := range reply.Answer {
			b.WriteString(rdata(rr) + "\n")
		}
	} else {
		digFull(&b, args, d, reply, env)
	}
	res.Output = b.String()
	return res
}

func digQuery(name string, d digArgs, id uint16, cookie [8]byte) *mdns.Msg {
	q := new(mdns.Msg)
	q.SetQuestion(name, d.qtype)
	q.Id = id
	q.RecursionDesired = d.recurse
	q.AuthenticatedData = true // dig sets ad in queries by default
	o := &mdns.OPT{Hdr: mdns.RR_Header{Name: ".", Rrtype: mdns.TypeOPT}}
	o.SetUDPSize(1232)
	o.Option = append(o.Option, &mdns.EDNS0_COOKIE{Code: mdns.EDNS0COOKIE, Cookie: hex.EncodeToString(cookie[:])})
	q.Extra = append(q.Extra, o)
	return q
}

func digTimeout(b *strings.Builder, args []string, d digArgs) {
	for range 3 {
		fmt.Fprintf(b, ";; communications error to %s#53: timed out\n", d.server)
	}
	if !d.short {
		fmt.Fprintf(b, "\n; <<>> DiG %s <<>> %s\n;; global options: +cmd\n", DigVersion, strings.Join(args, " "))
	}
	b.WriteString(";; no servers could be reached\n")
}

func digFull(b *strings.Builder, args []string, d digArgs, m *mdns.Msg, env ToolEnv) {
	fmt.Fprintf(b, "\n; <<>> DiG %s <<>> %s\n", DigVersion, strings.Join(args, " "))
	b.WriteString(";; global options: +cmd\n;; Got answer:\n")
	if len(m.Question) > 0 && mdns.IsSubDomain("local.", m.Question[0].Name) {
		b.WriteString(";; WARNING: .local is reserved for Multicast DNS\n")
		b.WriteString(";; You are currently testing what happens when an mDNS query is leaked to DNS\n")
	}
	fmt.Fprintf(b, ";; ->>HEADER<<- opcode: %s, status: %s, id: %d\n", mdns.OpcodeToString[m.Opcode], mdns.RcodeToString[m.Rcode], m.Id)
	fmt.Fprintf(b, ";; flags: %s; QUERY: %d, ANSWER: %d, AUTHORITY: %d, ADDITIONAL: %d\n",
		headerFlags(m), len(m.Question), len(m.Answer), len(m.Ns), len(m.Extra))
	if d.recurse && !m.RecursionAvailable {
		b.WriteString(";; WARNING: recursion requested but not available\n")
	}
	b.WriteString("\n")
	if o := m.IsEdns0(); o != nil {
		digOPT(b, o, env.Cookie)
	}
	b.WriteString(";; QUESTION SECTION:\n")
	for _, q := range m.Question {
		digQuestion(b, q)
	}
	b.WriteString("\n")
	for _, s := range []struct {
		title string
		rrs   []mdns.RR
	}{{"ANSWER", m.Answer}, {"AUTHORITY", m.Ns}, {"ADDITIONAL", m.Extra}} {
		var n int
		for _, rr := range s.rrs {
			if rr.Header().Rrtype != mdns.TypeOPT {
				n++
			}
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(b, ";; %s SECTION:\n", s.title)
		for _, rr := range s.rrs {
			if rr.Header().Rrtype != mdns.TypeOPT {
				digRR(b, rr)
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, ";; Query time: %d msec\n", env.RTT.Milliseconds())
	fmt.Fprintf(b, ";; SERVER: %s#53(%s) (UDP)\n", d.server, d.server)
	fmt.Fprintf(b, ";; WHEN: %s\n", env.Now.Format("Mon Jan 02 15:04:05 MST 2006"))
	fmt.Fprintf(b, ";; MSG SIZE  rcvd: %d\n\n", m.Len())
}

func digOPT(b *strings.Builder, o *mdns.OPT, cookie [8]byte) {
	b.WriteString(";; OPT PSEUDOSECTION:\n")
	flags := ""
	if o.Do() {
		flags = " do"
	}
	fmt.Fprintf(b, "; EDNS: version: %d, flags:%s; udp: %d\n", o.Version(), flags, o.UDPSize())
	for _, opt := range o.Option {
		c, ok := opt.(*mdns.EDNS0_COOKIE)
		if !ok {
			continue
		}
		state := "(good)"
		if c.Cookie == hex.EncodeToString(cookie[:]) {
			state = "(echoed)"
		}
		fmt.Fprintf(b, "; COOKIE: %s %s\n", c.Cookie, state)
	}
}
