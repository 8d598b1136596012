package capture

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/network"
)

// httpRequest renders a request as its client writes it on the wire
// (RFC 9112 §3): the request line, then the headers in the client's own
// order, then the empty line. The client is told by its User-Agent:
//
//   - curl 8 ("curl/..."): Host, User-Agent, Accept: */*;
//   - GNU Wget ("Wget/..."): User-Agent, Accept: */*, Accept-Encoding:
//     identity, Host, Connection: Keep-Alive;
//   - busybox wget ("Wget", its default): Host, User-Agent,
//     Connection: close (networking/wget.c);
//   - Go's net/http client ("Go-http-client/..."): Host, User-Agent,
//     Accept-Encoding: gzip;
//   - anything else: Host, User-Agent when set, Accept: */*.
//
// It reports whether the request asks the server to close the connection.
func httpRequest(r *network.HTTPRequest) ([]byte, bool) {
	method, path := r.Method, r.Path
	if method == "" {
		method = "GET"
	}
	if path == "" {
		path = "/"
	}
	b := make([]byte, 0, 128)
	b = append(b, method+" "+path+" HTTP/1.1\r\n"...)
	ua := r.UserAgent
	closes := false
	switch {
	case strings.HasPrefix(ua, "Wget/"):
		b = header(b, "User-Agent", ua)
		b = header(b, "Accept", "*/*")
		b = header(b, "Accept-Encoding", "identity")
		b = header(b, "Host", r.Host)
		b = header(b, "Connection", "Keep-Alive")
	case ua == "Wget":
		b = header(b, "Host", r.Host)
		b = header(b, "User-Agent", ua)
		b = header(b, "Connection", "close")
		closes = true
	case strings.HasPrefix(ua, "Go-http-client/"):
		b = header(b, "Host", r.Host)
		b = header(b, "User-Agent", ua)
		b = header(b, "Accept-Encoding", "gzip")
	default:
		b = header(b, "Host", r.Host)
		if ua != "" {
			b = header(b, "User-Agent", ua)
		}
		b = header(b, "Accept", "*/*")
	}
	return append(b, "\r\n"...), closes
}

// httpResponse renders a response as a Go net/http server writes it
// (net/http/server.go, chunkWriter.writeHeader and extraHeader.Write): the
// status line with StatusText's reason phrase, the handler's headers
// (Content-Type when set), then Date, Content-Length, a sniffed
// Content-Type (DetectContentType of a non-empty body the handler gave no
// type) and Connection: close when the request asked for it, the empty
// line, and the body. now is the Date.
func httpResponse(r *network.HTTPResponse, now time.Time, closes bool) []byte {
	text := http.StatusText(r.Status)
	if text == "" {
		text = "status code " + strconv.Itoa(r.Status)
	}
	b := make([]byte, 0, 160+len(r.Body))
	b = append(b, "HTTP/1.1 "...)
	b = strconv.AppendInt(b, int64(r.Status), 10)
	b = append(b, " "+text+"\r\n"...)
	if r.ContentType != "" {
		b = header(b, "Content-Type", r.ContentType)
	}
	b = header(b, "Date", now.UTC().Format(http.TimeFormat))
	b = header(b, "Content-Length", strconv.Itoa(len(r.Body)))
	if r.ContentType == "" && r.Body != "" {
		b = header(b, "Content-Type", http.DetectContentType([]byte(r.Body)))
	}
	if closes {
		b = header(b, "Connection", "close")
	}
	b = append(b, "\r\n"...)
	return append(b, r.Body...)
}

func header(b []byte, name, value string) []byte {
	b = append(b, name...)
	b = append(b, ": "...)
	b = append(b, value...)
	return append(b, "\r\n"...)
}
