package conntrack

import (
	"strconv"
	"time"

	"github.com/svcsim/svcsim/model/netfilter"
)

// ToolsVersion is the conntrack-tools version whose output is modelled
// (Debian 12's conntrack 1:1.4.7).
const ToolsVersion = "1.4.7"

// AppendList appends `conntrack -L` standard output for the live entries at
// now and returns the number of entries listed, e.g.
//
//	tcp      6 86399 ESTABLISHED src=10.244.1.5 dst=10.96.0.10 sport=40000 dport=80 src=10.244.2.7 dst=10.244.1.5 sport=8080 dport=40000 [ASSURED] mark=0 use=1
func (t *Table) AppendList(b []byte, now time.Duration) ([]byte, int) {
	es := t.Entries(now)
	for i := range es {
		b = es[i].AppendTo(b, now)
		b = append(b, '\n')
	}
	return b, len(es)
}

// ListFooter is the line `conntrack -L` prints on standard error after n entries.
func ListFooter(n int) string {
	return "conntrack v" + ToolsVersion + " (conntrack-tools): " + strconv.Itoa(n) + " flow entries have been shown.\n"
}

// AppendTo appends the entry as conntrack -L prints it (no newline): the
// protocol name padded to 8, its number, the seconds left, the TCP state,
// both tuples, the status flags, mark and use count.
func (e *Entry) AppendTo(b []byte, now time.Duration) []byte {
	name := e.Orig.Proto.String()
	b = append(b, name...)
	for i := len(name); i < 8; i++ {
		b = append(b, ' ')
	}
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(e.Orig.Proto), 10)
	b = append(b, ' ')
	left := max(e.Expires-now, 0) / time.Second
	b = strconv.AppendInt(b, int64(left), 10)
	b = append(b, ' ')
	if e.Orig.Proto == netfilter.ProtoTCP {
		b = append(b, e.State.String()...)
		b = append(b, ' ')
	}
	b = appendTuple(b, e.Orig)
	if !e.SeenReply {
		b = append(b, "[UNREPLIED] "...)
	}
	b = appendTuple(b, e.Reply)
	if e.Assured {
		b = append(b, "[ASSURED] "...)
	}
	b = append(b, "mark="...)
	b = strconv.AppendUint(b, uint64(e.Mark), 10)
	return append(b, " use=1"...)
}

func appendTuple(b []byte, t Tuple) []byte {
	b = append(b, "src="...)
	b = t.Src.AppendTo(b)
	b = append(b, " dst="...)
	b = t.Dst.AppendTo(b)
	if t.Proto == netfilter.ProtoICMP {
		b = append(b, " type="...)
		b = strconv.AppendUint(b, uint64(t.DstPort>>8), 10)
		b = append(b, " code="...)
		b = strconv.AppendUint(b, uint64(t.DstPort&0xff), 10)
		b = append(b, " id="...)
		b = strconv.AppendUint(b, uint64(t.SrcPort), 10)
		return append(b, ' ')
	}
	b = append(b, " sport="...)
	b = strconv.AppendUint(b, uint64(t.SrcPort), 10)
	b = append(b, " dport="...)
	b = strconv.AppendUint(b, uint64(t.DstPort), 10)
	return append(b, ' ')
}
