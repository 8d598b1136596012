package network

import (
	"fmt"
	"net/netip"
)

// HTTPRequest is the request segment's payload.
type HTTPRequest struct {
	Method string
	Host   string // the Host header: the name the client used
	Path   string
	// UserAgent is the client's User-Agent header.
	UserAgent string
}

func (r *HTTPRequest) String() string {
	return fmt.Sprintf("%s %s (Host: %s)", r.Method, r.Path, r.Host)
}

// HTTPResponse is the response segment's payload.
type HTTPResponse struct {
	Status      int
	ContentType string
	Body        string
}

func (r *HTTPResponse) String() string {
	return fmt.Sprintf("HTTP %d, %d bytes", r.Status, len(r.Body))
}

// ServeCtx is handed to a Listener for one request.
type ServeCtx struct {
	net  *Network
	c    *conn
	done bool
	// Local and Remote are the server's and the client's address as the
	// server sees them (after NAT): what /info-style endpoints print.
	Local, Remote netip.AddrPort
	// NS is the server's network namespace.
	NS *NetNS
}

// Respond sends the response and closes the exchange.
func (ctx *ServeCtx) Respond(resp *HTTPResponse) {
	if ctx.done {
		panic("network: Respond called twice")
	}
	ctx.done = true
	ctx.net.respond(ctx.c, resp)
}

// Fetch makes an HTTP GET of its own from the server's namespace (a web
// app calling its API) and calls done with the outcome.
func (ctx *ServeCtx) Fetch(url string, done func(FetchResult)) {
	ctx.net.Fetch(ctx.NS, FetchOptions{URL: url, UserAgent: "Go-http-client/1.1"}, done)
}
