package network

import (
	"net/netip"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// PingOptions are ping's -c, -i and -W.
type PingOptions struct {
	Target   string
	Count    int
	Interval time.Duration
	// Wait is how long ping waits for an answer after the last request
	// (busybox -W, default 10 s when nothing was answered yet).
	Wait time.Duration
}

// PingReply is one echo reply.
type PingReply struct {
	Seq int
	TTL uint8
	RTT time.Duration
}

// PingResult is how a ping run ended.
type PingResult struct {
	Target  string
	Addr    netip.Addr
	Sent    int
	Replies []PingReply
	// ErrText is set when the name did not resolve.
	ErrText string
}

type pinger struct {
	n       *Network
	ns      *NetNS
	opts    PingOptions
	id      uint16
	flow    uint64
	res     PingResult
	sentAt  map[int]time.Duration
	done    func(PingResult)
	over    bool
	endTime sim.EventID
}

// Ping sends ICMP echo requests from a pod and calls done with the
// replies, inside a later event.
func (n *Network) Ping(ns *NetNS, opts PingOptions, done func(PingResult)) {
	if opts.Count <= 0 {
		opts.Count = 4
	}
	if opts.Interval <= 0 {
		opts.Interval = time.Second
	}
	if opts.Wait <= 0 {
		opts.Wait = 10 * time.Second
	}
	n.nextFlow++
	pg := &pinger{n: n, ns: ns, opts: opts, id: uint16(n.nextFlow), flow: n.nextFlow, sentAt: map[int]time.Duration{}, done: done}
	pg.res.Target = opts.Target
	start := func(e *sim.Engine, addr netip.Addr) {
		pg.res.Addr = addr
		if ns.pings == nil {
			ns.pings = map[uint16]*pinger{} // made when first used: most pods never ping
		}
		ns.pings[pg.id] = pg
		pg.sendNext(e)
	}
	if addr, err := netip.ParseAddr(opts.Target); err == nil {
		n.e.Schedule(0, n.id, timer{fire: func(e *sim.Engine) { start(e, addr) }})
		return
	}
	if ns.Resolver == nil {
		n.e.Schedule(0, n.id, timer{fire: func(e *sim.Engine) {
			pg.res.ErrText = "bad address '" + opts.Target + "'"
			pg.finish(e)
		}})
		return
	}
	ns.Resolver.Resolve(n.e, ns.IP, opts.Target, func(e *sim.Engine, addr netip.Addr, err error) {
		if err != nil {
			pg.res.ErrText = "bad address '" + opts.Target + "'"
			pg.finish(e)
			return
		}
		start(e, addr)
	})
}

func (pg *pinger) sendNext(e *sim.Engine) {
	if pg.over {
		return
	}
	seq := pg.res.Sent
	pg.res.Sent++
	pg.sentAt[seq] = e.Now()
	pg.n.send(pg.ns, Packet{Flow: pg.flow, Src: netip.AddrPortFrom(pg.ns.IP, 0), Dst: netip.AddrPortFrom(pg.res.Addr, 0),
		Proto: ICMP, ICMPType: ICMPEchoRequest, ICMPID: pg.id, ICMPSeq: uint16(seq)})
	if pg.res.Sent < pg.opts.Count {
		e.Schedule(pg.opts.Interval, pg.n.id, timer{fire: pg.sendNext})
		return
	}
	wait := pg.opts.Interval
	if len(pg.res.Replies) == 0 {
		wait = pg.opts.Wait - time.Duration(pg.opts.Count-1)*pg.opts.Interval
		if wait < pg.opts.Interval {
			wait = pg.opts.Interval
		}
	}
	pg.endTime = e.Schedule(wait, pg.n.id, timer{fire: pg.finish})
}

func (pg *pinger) reply(e *sim.Engine, p Packet) {
	seq := int(p.ICMPSeq)
	sent, ok := pg.sentAt[seq]
	if !ok || pg.over {
		return
	}
	delete(pg.sentAt, seq)
	pg.res.Replies = append(pg.res.Replies, PingReply{Seq: seq, TTL: p.TTL, RTT: e.Now() - sent})
	if len(pg.res.Replies) == pg.opts.Count {
		e.Cancel(pg.endTime)
		pg.finish(e)
	}
}

func (pg *pinger) finish(e *sim.Engine) {
	if pg.over {
		return
	}
	pg.over = true
	delete(pg.ns.pings, pg.id)
	pg.done(pg.res)
}
