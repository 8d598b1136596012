package tools

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/network"
)

const (
	curl7 = "7.69.1"
	curl8 = "8.11.1"
)

// curlCases are the transfers every curl golden is rendered for.
var curlCases = []struct {
	name string
	args string
	res  network.FetchResult
}{
	{"ok", "http://numbers-api", ok("numbers-api", apiIP, 200, "{\"rnd\":42}\n", 4*time.Millisecond)},
	{"ok_silent", "-s http://numbers-api", ok("numbers-api", apiIP, 200, "{\"rnd\":42}\n", 4*time.Millisecond)},
	{"ok_verbose", "-v http://numbers-api", ok("numbers-api", apiIP, 200, "{\"rnd\":42}\n", 4*time.Millisecond)},
	{"ok_verbose_silent_ip", "-sv http://10.96.45.12:8080/rng", withPort(ok("10.96.45.12", apiIP, 200, "42", 3*time.Millisecond), 8080, "/rng")},
	{"ok_include", "-si numbers-api", ok("numbers-api", apiIP, 200, "42\n", 2*time.Millisecond)},
	{"ok_head", "-sI http://numbers-api", ok("numbers-api", apiIP, 200, "42\n", 2*time.Millisecond)},
	{"ok_writeout", "-s -o /dev/null -w %{http_code}\\n http://numbers-api", ok("numbers-api", apiIP, 200, "42\n", 2*time.Millisecond)},
	{"ok_slow", "-o /dev/null http://numbers-api", ok("numbers-api", apiIP, 200, strings.Repeat("x", 120000), 2500*time.Millisecond)},
	{"not_found", "http://numbers-api/nope", ok("numbers-api", apiIP, 404, "404 page not found\n", 2*time.Millisecond)},
	{"fail_404", "-f http://numbers-api/nope", ok("numbers-api", apiIP, 404, "404 page not found\n", 2*time.Millisecond)},
	{"fail_404_silent", "-sSf http://numbers-api/nope", ok("numbers-api", apiIP, 404, "404 page not found\n", 2*time.Millisecond)},
	{"refused", "http://broken-api", failed("broken-api", brokenIP, network.ECONNREFUSED, 2*time.Millisecond)},
	{"refused_silent", "-s http://broken-api", failed("broken-api", brokenIP, network.ECONNREFUSED, 2*time.Millisecond)},
	{"refused_show_error", "-sS http://broken-api", failed("broken-api", brokenIP, network.ECONNREFUSED, 2*time.Millisecond)},
	{"refused_verbose", "-v http://broken-api", failed("broken-api", brokenIP, network.ECONNREFUSED, 2*time.Millisecond)},
	{"refused_writeout", "-s -w %{http_code} http://broken-api", failed("broken-api", brokenIP, network.ECONNREFUSED, 2*time.Millisecond)},
	{"resolve", "http://numbers-ap", unresolved("numbers-ap")},
	{"resolve_verbose", "-v http://numbers-ap", unresolved("numbers-ap")},
	{"connect_timeout", "--connect-timeout 5 http://numbers-api", failed("numbers-api", fakeIP, network.ErrConnectDeadline, 5001*time.Millisecond)},
	{"max_time_verbose", "-v -m 2 http://numbers-api", failed("numbers-api", fakeIP, network.ErrConnectDeadline, 2001*time.Millisecond)},
	{"kernel_timeout_silent", "-sS http://numbers-api", failed("numbers-api", fakeIP, network.ETIMEDOUT, 127*time.Second+3*time.Millisecond)},
	{"unreachable", "-sS http://10.244.9.9", failed("10.244.9.9", netipMust("10.244.9.9"), network.EHOSTUNREACH, 3004*time.Millisecond)},
	{"reset", "-sS http://numbers-api", failed("numbers-api", apiIP, network.ECONNRESET, 3*time.Millisecond)},
	{"protocol", "-sS https://numbers-api", network.FetchResult{URL: "https://numbers-api", Err: network.ErrResolve, ErrText: `Protocol "https" not supported`}},
	{"no_url", "-s", network.FetchResult{}},
}

func withPort(r network.FetchResult, port uint16, path string) network.FetchResult {
	r.Port, r.Path = port, path
	return r
}

func TestCurlGolden(t *testing.T) {
	for _, v := range []string{curl7, curl8} {
		for _, tc := range curlCases {
			name := "curl" + v[:1] + "_" + tc.name
			t.Run(name, func(t *testing.T) {
				o, err := ParseCurl(strings.Fields(tc.args))
				if err != nil {
					t.Fatalf("ParseCurl(%q) = %v", tc.args, err)
				}
				stdout, stderr, exit := FormatCurl(o, tc.res, v)
				checkGolden(t, name, transcript("curl "+tc.args+"   # curl "+v, stdout, stderr, exit))
			})
		}
	}
}

func TestCurlParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, args string }{
		{"curl_unknown_long", "--bogus http://x"},
		{"curl_bad_number", "-m five http://x"},
		{"curl_missing_param", "http://x -o"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCurl(strings.Fields(tc.args))
			if err == nil {
				t.Fatalf("ParseCurl(%q) = nil error, want one", tc.args)
			}
			stdout, stderr, exit := Output(err)
			checkGolden(t, tc.name, transcript("curl "+tc.args, stdout, stderr, exit))
		})
	}
}

func TestParseCurl(t *testing.T) {
	for _, tc := range []struct {
		args string
		want CurlOptions
	}{
		{"-sSf http://a", CurlOptions{URL: "http://a", Silent: true, ShowError: true, Fail: true}},
		{"http://a -so /dev/null -w%{http_code}", CurlOptions{URL: "http://a", Silent: true, Output: "/dev/null", WriteOut: "%{http_code}"}},
		{"--max-time 2.5 --connect-timeout 1 -v a b", CurlOptions{URL: "a", Verbose: true, MaxTime: 2500 * time.Millisecond, ConnectTimeout: time.Second}},
		{"-H Host:x -A ua -X HEAD -I -i a", CurlOptions{URL: "a", Headers: []string{"Host:x"}, UserAgent: "ua", Method: "HEAD", Head: true, Include: true}},
	} {
		t.Run(tc.args, func(t *testing.T) {
			got, err := ParseCurl(strings.Fields(tc.args))
			if err != nil {
				t.Fatalf("ParseCurl(%q) = %v", tc.args, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseCurl(%q) mismatch (-want +got):\n%s", tc.args, diff)
			}
		})
	}
}

func TestCurlFetchOptions(t *testing.T) {
	o, _ := ParseCurl([]string{"-m", "3", "--connect-timeout", "1", "http://a"})
	got := o.Fetch(curl7)
	want := network.FetchOptions{URL: "http://a", UserAgent: "curl/7.69.1", ConnectTimeout: time.Second, MaxTime: 3 * time.Second}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Fetch mismatch (-want +got):\n%s", diff)
	}
}
