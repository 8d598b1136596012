package tools

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/network"
)

func TestWgetGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   string
		res    network.FetchResult
		exists bool
	}{
		{"wget_stdout", "-O - http://numbers-api", ok("numbers-api", apiIP, 200, "{\"rnd\":42}\n", 3*time.Millisecond), false},
		{"wget_quiet_stdout", "-q -O - http://numbers-api", ok("numbers-api", apiIP, 200, "{\"rnd\":42}\n", 3*time.Millisecond), false},
		{"wget_file", "http://numbers-api", ok("numbers-api", apiIP, 200, "<html></html>\n", 3*time.Millisecond), false},
		{"wget_file_exists", "http://numbers-api", ok("numbers-api", apiIP, 200, "<html></html>\n", 3*time.Millisecond), true},
		{"wget_file_named", "http://numbers-api/rng -O out.txt", withPath(ok("numbers-api", apiIP, 200, strings.Repeat("7", 123456), 3*time.Millisecond), "/rng"), true},
		{"wget_server_response", "-S -O - http://numbers-api", ok("numbers-api", apiIP, 200, "42\n", 3*time.Millisecond), false},
		{"wget_empty", "-O - http://numbers-api", ok("numbers-api", apiIP, 204, "", 3*time.Millisecond), false},
		{"wget_404", "-S -q -O - http://numbers-api/x", withPath(ok("numbers-api", apiIP, 404, "nope\n", 3*time.Millisecond), "/x"), false},
		{"wget_refused", "-O - http://broken-api", failed("broken-api", brokenIP, network.ECONNREFUSED, 2*time.Millisecond), false},
		{"wget_timeout", "-T 5 -O - http://numbers-api", failed("numbers-api", fakeIP, network.ErrConnectDeadline, 5*time.Second), false},
		{"wget_kernel_timeout", "-O - http://numbers-api", failed("numbers-api", fakeIP, network.ETIMEDOUT, 127*time.Second), false},
		{"wget_bad_address", "-O - http://numbers-ap", unresolved("numbers-ap"), false},
		{"wget_reset", "-q -O - http://numbers-api", failed("numbers-api", apiIP, network.ECONNRESET, 2*time.Millisecond), false},
		{"wget_spider", "--spider http://numbers-api", ok("numbers-api", apiIP, 200, "42", 2*time.Millisecond), false},
		{"wget_not_http", "-O - ftps://x", network.FetchResult{URL: "ftps://x", Err: network.ErrResolve, ErrText: `Protocol "ftps" not supported`}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := ParseWget(strings.Fields(tc.args))
			if err != nil {
				t.Fatalf("ParseWget(%q) = %v", tc.args, err)
			}
			stdout, stderr, exit := FormatWget(o, tc.res, tc.exists)
			checkGolden(t, tc.name, transcript("wget "+tc.args, stdout, stderr, exit))
		})
	}
}

func withPath(r network.FetchResult, path string) network.FetchResult {
	r.Path = path
	return r
}

func TestWgetParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, args string }{
		{"wget_usage", "-q"},
		{"wget_unknown", "-z http://x"},
		{"wget_bad_timeout", "-T soon http://x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseWget(strings.Fields(tc.args))
			if err == nil {
				t.Fatalf("ParseWget(%q) = nil error, want one", tc.args)
			}
			stdout, stderr, exit := Output(err)
			checkGolden(t, tc.name, transcript("wget "+tc.args, stdout, stderr, exit))
		})
	}
}

func TestWgetFile(t *testing.T) {
	for _, tc := range []struct{ args, want string }{
		{"http://a", "index.html"},
		{"http://a/", "index.html"},
		{"a/b/c.txt", "c.txt"},
		{"-P /tmp http://a/x", "/tmp/x"},
		{"-O - http://a/x", ""},
		{"--output-document=f http://a/x", "f"},
		{"--spider http://a/x", ""},
	} {
		t.Run(tc.args, func(t *testing.T) {
			o, err := ParseWget(strings.Fields(tc.args))
			if err != nil {
				t.Fatalf("ParseWget(%q) = %v", tc.args, err)
			}
			if got := o.File(); got != tc.want {
				t.Errorf("ParseWget(%q).File() = %q, want %q", tc.args, got, tc.want)
			}
		})
	}
}

func TestParseWget(t *testing.T) {
	got, err := ParseWget([]string{"http://a", "-qSO", "-", "-T", "3", "-U", "ua"})
	if err != nil {
		t.Fatal(err)
	}
	want := WgetOptions{URL: "http://a", Quiet: true, ServerResponse: true, Output: "-", Timeout: 3 * time.Second, UserAgent: "ua"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseWget mismatch (-want +got):\n%s", diff)
	}
}
