package tools

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/svcsim/svcsim/model/network"
)

// FormatCurl writes what curl of the given version prints for a finished
// transfer: the body (or headers) on stdout, the progress meter, the -v
// trace and the error message on stderr, and curl's exit code. If
// o.URL is empty no fetch should be made; FormatCurl then prints curl's
// "no URL specified" error.
//
// The response headers are the simulated server's: a status line,
// Content-Type (when set) and Content-Length. Elapsed milliseconds in
// messages are res.Elapsed, the simulation's time.
func FormatCurl(o CurlOptions, res network.FetchResult, curlVersion string) (stdout, stderr string, exit int) {
	if o.URL == "" {
		return CurlNoURL(curlVersion)
	}
	d := dialectOf(curlVersion)
	fail := curlOutcome(d, o, res)
	var out, errb strings.Builder
	c := curlRun{d: d, o: o, r: res, fail: fail, err: &errb}
	if !o.Silent && !o.NoProgress {
		c.m = &meter{b: &errb}
	}
	c.trace()
	if fail == nil || !fail.hideBody {
		c.body(&out)
	}
	if o.WriteOut != "" {
		w, warn := c.writeOut()
		out.WriteString(w)
		errb.WriteString(warn)
	}
	if fail != nil {
		if !o.Silent || o.ShowError {
			fmt.Fprintf(&errb, "curl: (%d) %s\n", fail.code, fail.msg)
		}
		return out.String(), errb.String(), fail.code
	}
	return out.String(), errb.String(), 0
}

// curlRun is one FormatCurl call's state.
type curlRun struct {
	d    curlDialect
	o    CurlOptions
	r    network.FetchResult
	fail *curlFailure
	err  *strings.Builder
	m    *meter
}

// info writes a "* " line of the -v trace.
func (c *curlRun) info(format string, a ...any) {
	if c.o.Verbose {
		fmt.Fprintf(c.err, "* "+format+"\n", a...)
	}
}

// trace writes stderr in the order curl does: resolve lines (8.x), the
// meter's first update, the connect, the request and response headers,
// the final meter update, the closing line.
func (c *curlRun) trace() {
	r, v8 := c.r, c.d.major >= 8
	resolved := r.Addr.IsValid()
	if v8 && resolved && r.Host != r.Addr.String() {
		c.info("Host %s:%d was resolved.", r.Host, r.Port)
		c.info("IPv6: (none)")
		c.info("IPv4: %s", r.Addr)
	}
	if c.m != nil {
		c.m.start()
	}
	if resolved {
		c.info("  Trying %s:%d...", r.Addr, r.Port)
	}
	if c.fail != nil && c.fail.early {
		c.failEarly()
		return
	}
	if c.m != nil {
		c.m.wait(r.Elapsed)
	}
	c.exchange()
	if c.m != nil {
		c.m.done(meterSample{at: r.Elapsed, downloaded: c.downloaded(), size: c.size()})
	}
	if c.fail != nil {
		c.info("%s", c.fail.msg)
		c.closing()
		return
	}
	c.info("Connection #0 to host %s left intact", r.Host)
}

// failEarly ends a transfer that never got a response: the meter stops
// without a newline, so curl's message lands on the same line.
func (c *curlRun) failEarly() {
	if c.m != nil {
		c.m.wait(c.r.Elapsed)
	}
	for _, l := range c.fail.verbose {
		c.info("%s", l)
	}
	c.info("%s", c.fail.msg)
	c.closing()
}

func (c *curlRun) closing() {
	if c.d.major >= 8 {
		c.info("closing connection #0")
	} else {
		c.info("Closing connection 0")
	}
}

// exchange writes the -v lines of a connection that carried a request.
func (c *curlRun) exchange() {
	if !c.o.Verbose {
		return
	}
	r := c.r
	if c.d.major >= 8 {
		c.info("Connected to %s (%s) port %d", r.Host, r.Addr, r.Port)
		c.info("using HTTP/1.x")
	} else {
		c.info("Connected to %s (%s) port %d (#0)", r.Host, r.Addr, r.Port)
	}
	for _, l := range c.requestLines() {
		fmt.Fprintf(c.err, "> %s\r\n", l)
	}
	if c.d.major >= 8 {
		c.info("Request completely sent off")
	}
	if r.Response == nil {
		return
	}
	if c.d.major < 8 {
		c.info("Mark bundle as not supporting multiuse")
	}
	for _, l := range c.responseLines() {
		fmt.Fprintf(c.err, "< %s\r\n", l)
	}
	if n := c.downloaded(); n > 0 {
		fmt.Fprintf(c.err, "{ [%d bytes data]\n", n)
	}
}

func (c *curlRun) requestLines() []string {
	method := "GET"
	if c.o.Head {
		method = "HEAD"
	}
	if c.o.Method != "" {
		method = c.o.Method
	}
	host := c.r.Host
	if c.r.Port != 80 {
		host = fmt.Sprintf("%s:%d", host, c.r.Port)
	}
	lines := []string{method + " " + c.r.Path + " HTTP/1.1", "Host: " + host, "User-Agent: " + c.o.userAgent(c.d.version), "Accept: */*"}
	lines = append(lines, c.o.Headers...)
	return append(lines, "")
}

func (c *curlRun) responseLines() []string {
	resp := c.r.Response
	lines := []string{fmt.Sprintf("HTTP/1.1 %d %s", resp.Status, http.StatusText(resp.Status))}
	if resp.ContentType != "" {
		lines = append(lines, "Content-Type: "+resp.ContentType)
	}
	lines = append(lines, fmt.Sprintf("Content-Length: %d", len(resp.Body)))
	return append(lines, "")
}

// downloaded is the body bytes curl received and passed on.
func (c *curlRun) downloaded() int64 {
	if c.r.Response == nil || c.o.Head || (c.fail != nil && c.fail.hideBody) {
		return 0
	}
	return int64(len(c.r.Response.Body))
}

func (c *curlRun) size() int64 {
	if c.r.Response == nil || c.o.Head {
		return -1
	}
	return int64(len(c.r.Response.Body))
}

// body writes what goes to stdout: headers with -i or -I, then the body
// unless -I or -o sends it elsewhere.
func (c *curlRun) body(out *strings.Builder) {
	resp := c.r.Response
	if resp == nil {
		return
	}
	toStdout := c.o.Output == "" || c.o.Output == "-"
	if (c.o.Include || c.o.Head) && toStdout {
		for _, l := range c.responseLines() {
			out.WriteString(l + "\r\n")
		}
	}
	if !c.o.Head && toStdout {
		out.WriteString(resp.Body)
	}
}
