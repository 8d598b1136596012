package apps

import (
	"fmt"

	"github.com/svcsim/svcsim/model/network"
)

var shellTools = []string{"sh", "ping", "nslookup", "curl", "wget", "cat", "hostname"}

func builtins() []*Image {
	return []*Image{
		// kiamol's sleep image: Alpine with curl and busybox tools; its
		// command is a sleep that ignores SIGTERM.
		{Repository: "kiamol/ch03-sleep", Shell: true, Tools: shellTools, CurlVersion: "7.69.1", Libc: "musl"},
		{Repository: "kiamol/ch03-numbers-api", Ports: []uint16{80}, ExitsOnTerm: true, Handler: numbersAPI},
		{Repository: "kiamol/ch03-numbers-web", Ports: []uint16{80}, ExitsOnTerm: true, Handler: numbersWeb},
		// The kbe simpleservice (mhausenblas/simpleservice:0.5.0): a
		// small Python server on 9876.
		{Repository: "mhausenblas/simpleservice", Ports: []uint16{9876}, ExitsOnTerm: true, Handler: simpleService},
		// kuard, the Kubernetes Up & Running demo, on 8080.
		{Repository: "kuar-demo/kuard-amd64", Ports: []uint16{8080}, ExitsOnTerm: true, Handler: kuard},
		{Repository: "nginx", Ports: []uint16{80}, ExitsOnTerm: true, Handler: nginx},
		{Repository: "busybox", Shell: true, Tools: []string{"sh", "ping", "nslookup", "wget", "cat", "hostname"}, Libc: "musl"},
		{Repository: "alpine", Shell: true, Tools: []string{"sh", "ping", "nslookup", "wget", "cat", "hostname"}, Libc: "musl"},
		{Repository: "curlimages/curl", Shell: true, Tools: []string{"sh", "curl", "ping", "nslookup", "wget"}, CurlVersion: "8.11.1", Libc: "musl"},
		// The Kubernetes DNS-debugging image (Debian jessie, glibc) with
		// BIND's dig and host and glibc's getent.
		{Repository: "e2e-test-images/jessie-dnsutils", Shell: true, Tools: []string{"sh", "dig", "host", "getent", "ping", "cat", "hostname"}},
		// CoreDNS: health (8080) and ready (8181) over HTTP; its DNS server on
		// udp/53 is added by the cluster, which owns the API watch.
		{Repository: "coredns/coredns", Ports: []uint16{8080, 8181}, ExitsOnTerm: true, Handler: health},
	}
}

func numbersAPI(env Env, ctx *network.ServeCtx, req *network.HTTPRequest) {
	switch req.Path {
	case "/rng", "/rng/":
		ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "application/json", Body: fmt.Sprint(env.Random(100) + 1)})
	case "/healthz":
		ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/plain", Body: "OK"})
	default:
		ctx.Respond(&network.HTTPResponse{Status: 404, ContentType: "text/plain", Body: ""})
	}
}

// numbersWeb calls the API named by RngApi__Url (default
// http://numbers-api/rng) and shows the number, or the failure.
func numbersWeb(env Env, ctx *network.ServeCtx, req *network.HTTPRequest) {
	url := env.Vars["RngApi__Url"]
	if url == "" {
		url = "http://numbers-api/rng"
	}
	ctx.Fetch(url, func(r network.FetchResult) {
		if r.Err != network.ErrNone || r.Response == nil || r.Response.Status != 200 {
			why := r.ErrText
			if why == "" && r.Err != network.ErrNone {
				why = r.Err.Text()
			}
			if r.Response != nil {
				why = fmt.Sprintf("HTTP %d", r.Response.Status)
			}
			ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/html",
				Body: fmt.Sprintf("<h1>Random Number Generator</h1>\n<p>RNG service unavailable! Using API at %s (%s)</p>\n", url, why)})
			return
		}
		ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/html",
			Body: fmt.Sprintf("<h1>Random Number Generator</h1>\n<p>Here's your random number: %s</p>\n", r.Response.Body)})
	})
}

func simpleService(env Env, ctx *network.ServeCtx, req *network.HTTPRequest) {
	switch req.Path {
	case "/info":
		ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "application/json",
			Body: fmt.Sprintf(`{"host": "%s", "version": "0.5.0", "from": "%s"}`, req.Host, ctx.Remote.Addr())})
	case "/health":
		ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "application/json", Body: `{"healthy": true}`})
	default:
		ctx.Respond(&network.HTTPResponse{Status: 404, ContentType: "text/html", Body: "<html><title>404: Not Found</title><body>404: Not Found</body></html>"})
	}
}

func kuard(env Env, ctx *network.ServeCtx, req *network.HTTPRequest) {
	switch req.Path {
	case "/healthy", "/ready":
		ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/plain", Body: "ok"})
	default:
		ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/html",
			Body: fmt.Sprintf("<!doctype html>\n<title>KUAR Demo</title>\n<p>Hostname: %s</p>\n", env.Hostname)})
	}
}

func nginx(env Env, ctx *network.ServeCtx, req *network.HTTPRequest) {
	if req.Path != "/" && req.Path != "/index.html" {
		ctx.Respond(&network.HTTPResponse{Status: 404, ContentType: "text/html", Body: "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n"})
		return
	}
	ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/html", Body: "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n"})
}

func health(env Env, ctx *network.ServeCtx, req *network.HTTPRequest) {
	ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/plain", Body: "OK"})
}
