package dns

import (
	"strings"

	mdns "github.com/miekg/dns"
)

// headerFlags returns a message's header flags as dig prints them, in dig's
// order (qr aa tc rd ra ad cd), space separated.
func headerFlags(m *mdns.Msg) string {
	var b strings.Builder
	for _, f := range []struct {
		on   bool
		name string
	}{
		{m.Response, "qr"}, {m.Authoritative, "aa"}, {m.Truncated, "tc"}, {m.RecursionDesired, "rd"},
		{m.RecursionAvailable, "ra"}, {m.AuthenticatedData, "ad"}, {m.CheckingDisabled, "cd"},
	} {
		if f.on {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(f.name)
		}
	}
	return b.String()
}
