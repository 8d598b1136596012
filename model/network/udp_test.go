package network

import (
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/sim"
)

type echoUDP struct{ drop bool }

func (h echoUDP) ServeUDP(ctx *UDPCtx, payload any) {
	if !h.drop {
		ctx.Reply(100*time.Microsecond, "re:"+payload.(string))
	}
}

func twoPods(t *testing.T) (*sim.Engine, *Network, *NetNS, *NetNS) {
	t.Helper()
	e := sim.New(1)
	n := New(e, DefaultParams())
	n.SetID(e.Register(n))
	h1 := n.AddHost("node-1", netip.MustParseAddr("172.18.0.2"), netip.MustParsePrefix("10.244.1.0/24"))
	h2 := n.AddHost("node-2", netip.MustParseAddr("172.18.0.3"), netip.MustParsePrefix("10.244.2.0/24"))
	a := n.AddPod(h1, netip.MustParseAddr("10.244.1.2"), "default/a")
	b := n.AddPod(h2, netip.MustParseAddr("10.244.2.2"), "default/b")
	return e, n, a, b
}

func TestExchangeUDP(t *testing.T) {
	type want struct {
		Payload any
		Err     Errno
		Sent    int
		Elapsed time.Duration
	}
	for _, tc := range []struct {
		name   string
		listen bool
		drop   bool
		want   want
	}{
		{"reply", true, false, want{"re:q", ErrNone, 1, 2*(2*20*time.Microsecond+150*time.Microsecond) + 100*time.Microsecond}},
		{"no listener", false, false, want{nil, ECONNREFUSED, 1, 2 * (2*20*time.Microsecond + 150*time.Microsecond)}},
		{"dropped, retried, timed out", true, true, want{nil, ETIMEDOUT, 2, 10 * time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, n, a, b := twoPods(t)
			if tc.listen {
				b.ListenUDP(53, echoUDP{drop: tc.drop})
			}
			var got *UDPResult
			n.ExchangeUDP(a, netip.AddrPortFrom(b.IP, 53), "q", UDPOptions{Timeout: 5 * time.Second, Attempts: 2}, func(e *sim.Engine, r UDPResult) { got = &r })
			if err := e.RunUntil(time.Minute); err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("no result")
			}
			if diff := cmp.Diff(tc.want, want{got.Payload, got.Err, got.Sent, got.Elapsed}); diff != "" {
				t.Errorf("ExchangeUDP (-want +got):\n%s", diff)
			}
			if len(a.udpSocks) != 0 {
				t.Errorf("client socket left open")
			}
		})
	}
}
