package dns

import (
	"net/netip"

	mdns "github.com/miekg/dns"
)

// SendFunc sends one query to server over an asynchronous transport (the
// simulated network) and calls done later with the reply, nil for none.
type SendFunc func(server netip.Addr, q *mdns.Msg, done func(r *mdns.Msg))

// RunAsync runs a DNS client written against a synchronous exchange (a
// tool, a search walk) over an asynchronous transport, without
// goroutines: it runs the client, which is deterministic, with the replies
// received so far; at the first query with no reply yet it sends that
// query and, when its reply comes, runs the client again from the start.
// A client that sends k queries is run k+1 times; the queries that reach
// the network are each sent once, in the client's order. done gets the
// last run's result.
func RunAsync[T any](run func(exchange func(server netip.Addr, q *mdns.Msg) *mdns.Msg) T, send SendFunc, done func(T)) {
	var replies []*mdns.Msg
	var again func()
	again = func() {
		i := 0
		var missServer netip.Addr
		var miss *mdns.Msg
		res := run(func(server netip.Addr, q *mdns.Msg) *mdns.Msg {
			defer func() { i++ }()
			if i < len(replies) {
				return replies[i]
			}
			if miss == nil {
				missServer, miss = server, q
			}
			return nil
		})
		if miss == nil {
			done(res)
			return
		}
		send(missServer, miss, func(r *mdns.Msg) {
			replies = append(replies, r)
			again()
		})
	}
	again()
}
