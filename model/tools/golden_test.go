package tools

import (
	"fmt"
	"github.com/svcsim/svcsim/internal/golden"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/model/network"
)

// transcript renders one run the way a golden file stores it. Carriage
// returns are made visible: CRLF as "\r" at the end of the line, a lone
// CR (a meter update) as "\r⏎" and a line break.
func transcript(cmdline, stdout, stderr string, exit int) string {
	show := func(s string) string {
		s = strings.ReplaceAll(s, "\r\n", "\\r\n")
		return strings.ReplaceAll(s, "\r", "\\r⏎\n")
	}
	return fmt.Sprintf("$ %s\n--- stdout\n%s\n--- stderr\n%s\n--- exit %d\n", cmdline, show(stdout), show(stderr), exit)
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, name, got)
}

// Addresses from the kiamol chapter 3 walk-through.
var (
	apiIP    = netip.MustParseAddr("10.96.45.12")
	brokenIP = netip.MustParseAddr("10.96.77.7")
	fakeIP   = netip.MustParseAddr("192.168.123.234")
	podIP    = netip.MustParseAddr("10.244.2.5")
	local    = netip.MustParseAddrPort("10.244.1.20:41234")
)

func ok(host string, addr netip.Addr, status int, body string, elapsed time.Duration) network.FetchResult {
	return network.FetchResult{URL: "http://" + host, Host: host, Port: 80, Path: "/", Addr: addr, Local: local,
		Response: &network.HTTPResponse{Status: status, ContentType: "text/plain", Body: body}, Elapsed: elapsed}
}

func failed(host string, addr netip.Addr, err network.Errno, elapsed time.Duration) network.FetchResult {
	r := network.FetchResult{URL: "http://" + host, Host: host, Port: 80, Path: "/", Addr: addr, Err: err, Elapsed: elapsed}
	if addr.IsValid() {
		r.Local = local
	}
	return r
}

func unresolved(host string) network.FetchResult {
	return network.FetchResult{URL: "http://" + host, Host: host, Port: 80, Path: "/", Err: network.ErrResolve,
		ErrText: "Could not resolve host: " + host, Elapsed: 3 * time.Millisecond}
}

func netipMust(s string) netip.Addr { return netip.MustParseAddr(s) }
