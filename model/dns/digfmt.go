package dns

import (
	"strconv"
	"strings"

	mdns "github.com/miekg/dns"
)

// BIND's master-file style as dig uses it (lib/dns/masterdump.c): the TTL
// starts at column 24, class at 32, type at 40, rdata at 48, tab stops every
// 8 columns; a field already past its column gets one space.
const (
	colTTL   = 24
	colClass = 32
	colType  = 40
	colRdata = 48
)

// indent is masterdump.c indent(): tabs then spaces from column *cur to
// column to (at least one character).
func indent(b *strings.Builder, cur *int, to int) {
	from := *cur
	if to < from+1 {
		to = from + 1
	}
	if ntabs := to/8 - from/8; ntabs > 0 {
		b.WriteString(strings.Repeat("\t", ntabs))
		from = (to / 8) * 8
	}
	b.WriteString(strings.Repeat(" ", to-from))
	*cur = to
}

// digRR formats one record as dig prints it in a section.
func digRR(b *strings.Builder, rr mdns.RR) {
	h := rr.Header()
	col := 0
	write := func(s string) { b.WriteString(s); col += len(s) }
	write(h.Name)
	indent(b, &col, colTTL)
	write(strconv.FormatUint(uint64(h.Ttl), 10))
	indent(b, &col, colClass)
	write(mdns.ClassToString[h.Class])
	indent(b, &col, colType)
	write(typeString(h.Rrtype))
	indent(b, &col, colRdata)
	write(rdata(rr))
	b.WriteByte('\n')
}

// digQuestion formats the question line (";name<indent>IN<indent>A").
func digQuestion(b *strings.Builder, q mdns.Question) {
	b.WriteByte(';')
	col := 0
	write := func(s string) { b.WriteString(s); col += len(s) }
	write(q.Name)
	indent(b, &col, colClass)
	write(mdns.ClassToString[q.Qclass])
	indent(b, &col, colType)
	write(typeString(q.Qtype))
	b.WriteByte('\n')
}

func typeString(t uint16) string {
	if s, ok := mdns.TypeToString[t]; ok {
		return s
	}
	return "TYPE" + strconv.Itoa(int(t))
}

// rdata is the record's data in presentation format (the part after the
// header in miekg's String, which matches BIND for the types served here).
func rdata(rr mdns.RR) string {
	return strings.TrimPrefix(rr.String(), rr.Header().String())
}
