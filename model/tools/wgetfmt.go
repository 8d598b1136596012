package tools

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/network"
)

// FormatWget writes what busybox wget prints for a finished transfer.
// fileExists says whether File() already exists in the pod: without -O
// busybox opens it O_EXCL and refuses to overwrite. On success (exit 0)
// with File() != "" the caller writes the body to that file in the pod.
func FormatWget(o WgetOptions, res network.FetchResult, fileExists bool) (stdout, stderr string, exit int) {
	var out, errb strings.Builder
	die := func(msg string) (string, string, int) {
		errb.WriteString("wget: " + msg + "\n")
		return out.String(), errb.String(), 1
	}
	if res.Err == network.ErrResolve {
		if res.Host == "" {
			return die("not an http or ftp url: " + o.URL)
		}
		return die("bad address '" + res.Host + "'")
	}
	if !res.Addr.IsValid() {
		return die("download timed out")
	}
	if !o.Quiet {
		fmt.Fprintf(&errb, "Connecting to %s (%s:%d)\n", res.Host, res.Addr, res.Port)
	}
	switch res.Err {
	case network.ECONNREFUSED, network.EHOSTUNREACH, network.ETIMEDOUT:
		if res.Response == nil && !connectedBeforeFailure(res) {
			return die(fmt.Sprintf("can't connect to remote host (%s): %s", res.Addr, muslStrerror(res.Err)))
		}
	case network.ErrConnectDeadline:
		return die("download timed out")
	case network.ECONNRESET:
		return die("error getting response: " + res.Err.Text())
	}
	resp := res.Response
	if resp == nil {
		return die("error getting response: " + muslStrerror(res.Err))
	}
	status := wgetStatusLine(resp)
	if o.ServerResponse {
		errb.WriteString("  " + status + "\n")
	}
	switch resp.Status {
	case 200, 201, 202, 203, 204, 300, 301, 302, 303:
	default:
		return die("server returned error: " + status)
	}
	if o.ServerResponse {
		if resp.ContentType != "" {
			errb.WriteString("  Content-Type: " + resp.ContentType + "\n")
		}
		fmt.Fprintf(&errb, "  Content-Length: %d\n", len(resp.Body))
	}
	if o.Spider {
		if !o.Quiet {
			errb.WriteString("remote file exists\n")
		}
		return out.String(), errb.String(), 0
	}
	file := o.File()
	if file != "" && o.Output == "" && fileExists {
		return die("can't open '" + file + "': File exists")
	}
	wgetRetrieve(o, resp, file, &out, &errb)
	return out.String(), errb.String(), 0
}

// connectedBeforeFailure is always false today: the network reports a
// refused or timed-out connect only before the connection exists.
func connectedBeforeFailure(network.FetchResult) bool { return false }

// wgetRetrieve writes the "saving to" line, the status bar, the body and
// the "saved" line.
func wgetRetrieve(o WgetOptions, resp *network.HTTPResponse, file string, out, errb *strings.Builder) {
	name := file
	if file == "" {
		name = "-"
	}
	if !o.Quiet {
		if file == "" {
			errb.WriteString("writing to stdout\n")
		} else {
			fmt.Fprintf(errb, "saving to '%s'\n", file)
		}
		errb.WriteString(wgetStatusBar(name[strings.LastIndexByte(name, '/')+1:], int64(len(resp.Body))))
	}
	if file == "" {
		out.WriteString(resp.Body)
	}
	if !o.Quiet {
		if file == "" {
			errb.WriteString("written to stdout\n")
		} else {
			fmt.Fprintf(errb, "'%s' saved\n", file)
		}
	}
}

// wgetStatusBar is libbb/progress.c's last update on a non-terminal
// stderr: the name in 20 columns, the percentage, a 32-star bar (80
// columns assumed when stderr is not a terminal, minus 48), the size in
// five columns and the ETA, then a newline.
func wgetStatusBar(name string, size int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-20.20s ", name)
	if size > 0 {
		b.WriteString("100% |" + strings.Repeat("*", 32) + "| ")
	}
	b.WriteString(smartUlltoa5(size))
	if size == 0 {
		b.WriteString(" --:--:-- ETA\n")
	} else {
		b.WriteString("  0:00:00 ETA\n")
	}
	return b.String()
}

// smartUlltoa5 is libbb's smart_ulltoa5 with " kMGTPEZY": up to 99999
// as is, then scaled by 1024 into "1234k" or "92.1M" form.
func smartUlltoa5(v int64) string {
	if v <= 99999 {
		return fmt.Sprintf("%5d", v)
	}
	ul, idx := uint64(v)*10, 0
	for {
		ul /= 1024
		idx++
		if ul < 100000 {
			break
		}
	}
	u, tenth := ul/10, ul%10
	unit := " kMGTPEZY"[idx]
	if u >= 100 {
		return fmt.Sprintf("%4d%c", u, unit)
	}
	return fmt.Sprintf("%2d.%d%c", u, tenth, unit)
}
