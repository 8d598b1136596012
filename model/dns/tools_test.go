package dns

import (
	"fmt"
	"github.com/svcsim/svcsim/internal/golden"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	mdns "github.com/miekg/dns"
)

// podEnv is a pod in namespace default of the test cluster: kubelet
// resolv.conf, kube-dns at 10.96.0.10 (any other server never answers).
func podEnv(t testing.TB, srv *Server) ToolEnv {
	now := t0.Add(time.Hour)
	dnsIP := netip.MustParseAddr("10.96.0.10")
	return ToolEnv{
		ResolvConf: KubeletResolvConf("default", "cluster.local", []netip.Addr{dnsIP}, nil),
		Exchange: func(server netip.Addr, q *mdns.Msg) *mdns.Msg {
			if server != dnsIP {
				return nil
			}
			return srv.Exchange(now, q)
		},
		Now:     now,
		RTT:     3 * time.Millisecond,
		FirstID: 52975,
		Cookie:  [8]byte{0x9e, 0x5b, 0x87, 0xc3, 0xa8, 0xcb, 0x1d, 0x3d},
	}
}

func TestToolGoldens(t *testing.T) {
	run := map[string]func(ToolEnv, []string) ToolResult{
		"dig":      func(e ToolEnv, a []string) ToolResult { return Dig(a, e) },
		"nslookup": func(e ToolEnv, a []string) ToolResult { return BusyboxNslookup(a, e, NslookupOptions{}) },
		"host":     func(e ToolEnv, a []string) ToolResult { return Host(a, e) },
		"getent":   func(e ToolEnv, a []string) ToolResult { return GetentHosts(a[1], e) },
	}
	for _, tc := range []struct {
		golden string
		cmd    string
	}{
		{"dig_clusterip", "dig numbers-api.default.svc.cluster.local"},
		{"dig_short", "dig +short numbers-api.default.svc.cluster.local"},
		{"dig_nosearch", "dig numbers-api"},
		{"dig_search", "dig +search numbers-api"},
		{"dig_nxdomain", "dig numbrs-api.default.svc.cluster.local"},
		{"dig_aaaa_nodata", "dig numbers-api.default.svc.cluster.local AAAA"},
		{"dig_reverse", "dig -x 10.96.45.12"},
		{"dig_srv", "dig SRV _http._tcp.svc1.testns.svc.cluster.local"},
		{"dig_headless", "dig hdls1.testns.svc.cluster.local"},
		{"dig_externalname", "dig external.testns.svc.cluster.local"},
		{"dig_forwarded", "dig example.com"},
		{"dig_short_cname", "dig +short www.example.net"},
		{"dig_timeout", "dig @10.96.0.99 numbers-api.default.svc.cluster.local"},
		{"nslookup_short", "nslookup numbers-api"},
		{"nslookup_dotted", "nslookup numbers-api.default"},
		{"nslookup_fqdn", "nslookup numbers-api.default.svc.cluster.local"},
		{"nslookup_missing", "nslookup numbrs-api"},
		{"nslookup_externalname", "nslookup external.testns.svc.cluster.local"},
		{"nslookup_forwarded", "nslookup example.com"},
		{"nslookup_ptr", "nslookup 10.96.45.12"},
		{"nslookup_type_srv", "nslookup -type=srv _http._tcp.svc1.testns.svc.cluster.local"},
		{"nslookup_server_timeout", "nslookup numbers-api 10.96.0.99"},
		{"host_short", "host numbers-api"},
		{"host_missing", "host numbrs-api"},
		{"host_ptr", "host 10.96.45.12"},
		{"host_externalname", "host external.testns"},
		{"getent_short", "getent hosts numbers-api"},
		{"getent_dual", "getent hosts dual.testns"},
		{"getent_missing", "getent hosts numbrs-api"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			srv := testServer(t, DefaultConfig())
			f := strings.Fields(tc.cmd)
			res := run[f[0]](podEnv(t, srv), f[1:])
			got := fmt.Sprintf("$ %s\n%s[exit %d]\n", tc.cmd, res.Output, res.Exit)
			checkGolden(t, tc.golden, got)
		})
	}
}

func TestResolvConfGolden(t *testing.T) {
	rc := KubeletResolvConf("default", "cluster.local", []netip.Addr{netip.MustParseAddr("10.96.0.10")}, []string{"ec2.internal", "cluster.local"})
	checkGolden(t, "resolv_conf", rc.String())
	back, err := ParseResolvConf(rc.String())
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(rc, back, cmp.Comparer(func(a, b netip.Addr) bool { return a == b })); d != "" {
		t.Errorf("ParseResolvConf(String()) (-want +got):\n%s", d)
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, name, got)
}
