package tools

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/model/network"
)

// curlDialect is the wording of one curl release. Which release changed
// what (read in curl/curl at the release tags):
//
//	< 7.75   -f: "The requested URL returned error: 404 Not Found"
//	>= 7.75  -f: "The requested URL returned error: 404"
//	< 7.78   "Failed to connect to H port P: <strerror>"
//	>= 7.78  "Failed to connect to H port P after N ms: <strerror>"
//	>= 7.88  ... after N ms: Couldn't connect to server" (curl_easy_strerror)
//	>= 8.9   ... after N ms: Could not connect to server"
//	7.x      connect deadline: "Connection timed out after N milliseconds"
//	8.x      connect deadline: "Failed to connect to H port P after N ms: Timeout was reached"
//	< 8.6    `Protocol "x" not supported or disabled in libcurl`, then `Protocol "x" not supported`
//
// The -v trace has two shapes: 7.x is written as 7.69.1 prints it, 8.x
// as 8.11.1 does.
type curlDialect struct {
	version      string
	major, minor int
}

func dialectOf(v string) curlDialect {
	d := curlDialect{version: v}
	parts := strings.Split(v, ".")
	if len(parts) >= 2 {
		d.major, _ = strconv.Atoi(parts[0])
		d.minor, _ = strconv.Atoi(parts[1])
	}
	return d
}

func (d curlDialect) atLeast(major, minor int) bool {
	return d.major > major || (d.major == major && d.minor >= minor)
}

// muslStrerror is strerror as musl words it (every image is Alpine).
func muslStrerror(e network.Errno) string {
	switch e {
	case network.ETIMEDOUT:
		return "Operation timed out"
	case network.EHOSTUNREACH:
		return "Host is unreachable"
	}
	return e.Text()
}

// curlFailure is how a transfer failed: curl's exit code and the message
// it puts after "curl: (N) ", and whether it happened before the transfer
// started (then the progress meter gets no final newline).
type curlFailure struct {
	code     int
	msg      string
	early    bool
	verbose  []string // extra "* " lines before the message in -v
	hideBody bool
}

// curlOutcome classifies a FetchResult; nil means success.
func curlOutcome(d curlDialect, o CurlOptions, r network.FetchResult) *curlFailure {
	ms := r.Elapsed.Milliseconds()
	switch r.Err {
	case network.ErrNone:
		if o.Fail && r.Response != nil && r.Response.Status >= 400 {
			msg := fmt.Sprintf("The requested URL returned error: %d", r.Response.Status)
			if !d.atLeast(7, 75) {
				msg += " " + http.StatusText(r.Response.Status)
			}
			return &curlFailure{code: 22, msg: msg, hideBody: true}
		}
		return nil
	case network.ErrResolve:
		return resolveFailure(d, r)
	case network.ECONNREFUSED, network.EHOSTUNREACH, network.ETIMEDOUT:
		f := &curlFailure{code: 7, early: true, msg: connectFailed(d, r, muslStrerror(r.Err), "Could not connect to server")}
		if r.Err == network.ETIMEDOUT {
			f.code = 28
		}
		f.verbose = []string{connectAttemptFailed(d, r)}
		return f
	case network.ErrConnectDeadline:
		if !r.Addr.IsValid() {
			return &curlFailure{code: 28, early: true, msg: fmt.Sprintf("Resolving timed out after %d milliseconds", ms)}
		}
		if d.major >= 8 {
			return &curlFailure{code: 28, early: true, msg: connectFailed(d, r, "", "Timeout was reached")}
		}
		return &curlFailure{code: 28, early: true, msg: fmt.Sprintf("Connection timed out after %d milliseconds", ms)}
	case network.ECONNRESET:
		return &curlFailure{code: 56, msg: "Recv failure: " + r.Err.Text()}
	}
	return &curlFailure{code: 7, early: true, msg: connectFailed(d, r, string(r.Err), "Could not connect to server")}
}

// connectFailed words "Failed to connect to H port P..." for a release;
// errnoText is strerror, easyText curl_easy_strerror of the result.
func connectFailed(d curlDialect, r network.FetchResult, errnoText, easyText string) string {
	head := fmt.Sprintf("Failed to connect to %s port %d", r.Host, r.Port)
	if !d.atLeast(7, 78) {
		return head + ": " + errnoText
	}
	head += fmt.Sprintf(" after %d ms: ", r.Elapsed.Milliseconds())
	switch {
	case easyText == "Timeout was reached" || d.atLeast(8, 9):
		return head + easyText
	case d.atLeast(7, 88):
		return head + "Couldn't connect to server"
	}
	return head + errnoText
}

// connectAttemptFailed is the -v line about the one address tried.
func connectAttemptFailed(d curlDialect, r network.FetchResult) string {
	if d.major >= 8 {
		return fmt.Sprintf("connect to %s port %d from %s port %d failed: %s", r.Addr, r.Port, r.Local.Addr(), r.Local.Port(), muslStrerror(r.Err))
	}
	return fmt.Sprintf("connect to %s port %d failed: %s", r.Addr, r.Port, muslStrerror(r.Err))
}

// resolveFailure covers both a URL curl rejects and a name that does not
// resolve (network.Fetch reports both as ErrResolve).
func resolveFailure(d curlDialect, r network.FetchResult) *curlFailure {
	switch {
	case strings.HasPrefix(r.ErrText, "Protocol "):
		msg := r.ErrText
		if !d.atLeast(8, 6) {
			msg += " or disabled in libcurl"
		}
		return &curlFailure{code: 1, early: true, msg: msg}
	case strings.HasPrefix(r.ErrText, "URL rejected"):
		if d.major >= 8 {
			return &curlFailure{code: 3, early: true, msg: r.ErrText}
		}
		return &curlFailure{code: 3, early: true, msg: "URL using bad/illegal format or missing URL"}
	}
	return &curlFailure{code: 6, early: true, msg: "Could not resolve host: " + r.Host}
}
