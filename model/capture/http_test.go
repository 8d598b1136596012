package capture

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/network"
)

func TestHTTPRequest(t *testing.T) {
	tests := []struct {
		name       string
		req        network.HTTPRequest
		want       string
		wantCloses bool
	}{
		{"curl", network.HTTPRequest{Method: "GET", Host: "web:8080", Path: "/info", UserAgent: "curl/8.5.0"},
			"GET /info HTTP/1.1\r\nHost: web:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n", false},
		{"go client", network.HTTPRequest{Method: "GET", Host: "api", Path: "/", UserAgent: "Go-http-client/1.1"},
			"GET / HTTP/1.1\r\nHost: api\r\nUser-Agent: Go-http-client/1.1\r\nAccept-Encoding: gzip\r\n\r\n", false},
		{"busybox wget", network.HTTPRequest{Method: "GET", Host: "web", Path: "/", UserAgent: "Wget"},
			"GET / HTTP/1.1\r\nHost: web\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n", true},
		{"gnu wget", network.HTTPRequest{Method: "GET", Host: "web", Path: "/", UserAgent: "Wget/1.21.3"},
			"GET / HTTP/1.1\r\nUser-Agent: Wget/1.21.3\r\nAccept: */*\r\nAccept-Encoding: identity\r\nHost: web\r\nConnection: Keep-Alive\r\n\r\n", false},
		{"no user agent, no method, no path", network.HTTPRequest{Host: "10.96.0.20"},
			"GET / HTTP/1.1\r\nHost: 10.96.0.20\r\nAccept: */*\r\n\r\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, closes := httpRequest(&tc.req)
			if d := cmp.Diff(tc.want, string(got)); d != "" || closes != tc.wantCloses {
				t.Errorf("httpRequest(%s) closes %t, want %t (-want +got):\n%s", &tc.req, closes, tc.wantCloses, d)
			}
		})
	}
}

func TestHTTPResponse(t *testing.T) {
	now := time.Date(2026, 3, 14, 15, 9, 26, 535897932, time.UTC)
	tests := []struct {
		name   string
		resp   network.HTTPResponse
		closes bool
		want   string
	}{
		{"content type set", network.HTTPResponse{Status: 200, ContentType: "text/plain", Body: "Hello from web-1\n"}, false,
			"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: Sat, 14 Mar 2026 15:09:26 GMT\r\nContent-Length: 17\r\n\r\nHello from web-1\n"},
		{"content type sniffed after the length", network.HTTPResponse{Status: 200, Body: "ok"}, false,
			"HTTP/1.1 200 OK\r\nDate: Sat, 14 Mar 2026 15:09:26 GMT\r\nContent-Length: 2\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok"},
		{"html sniffed", network.HTTPResponse{Status: 200, Body: "<!DOCTYPE html>\n<html></html>\n"}, false,
			"HTTP/1.1 200 OK\r\nDate: Sat, 14 Mar 2026 15:09:26 GMT\r\nContent-Length: 30\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<!DOCTYPE html>\n<html></html>\n"},
		{"empty 404", network.HTTPResponse{Status: 404, ContentType: "text/plain"}, false,
			"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nDate: Sat, 14 Mar 2026 15:09:26 GMT\r\nContent-Length: 0\r\n\r\n"},
		{"empty body, no type", network.HTTPResponse{Status: 503}, false,
			"HTTP/1.1 503 Service Unavailable\r\nDate: Sat, 14 Mar 2026 15:09:26 GMT\r\nContent-Length: 0\r\n\r\n"},
		{"unknown status", network.HTTPResponse{Status: 599, ContentType: "text/plain", Body: "x"}, false,
			"HTTP/1.1 599 status code 599\r\nContent-Type: text/plain\r\nDate: Sat, 14 Mar 2026 15:09:26 GMT\r\nContent-Length: 1\r\n\r\nx"},
		{"client asked to close", network.HTTPResponse{Status: 200, ContentType: "text/plain", Body: "OK"}, true,
			"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: Sat, 14 Mar 2026 15:09:26 GMT\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := httpResponse(&tc.resp, now, tc.closes)
			if d := cmp.Diff(tc.want, string(got)); d != "" {
				t.Errorf("httpResponse(%s, closes %t) (-want +got):\n%s", &tc.resp, tc.closes, d)
			}
		})
	}
}
