package tools

import (
	"fmt"
	"strings"
)

// writeOut expands -w as src/tool_writeout.c does: %{variable}, "%%",
// the escapes \n \r \t; an unknown variable prints a warning on stderr.
func (c *curlRun) writeOut() (out, warn string) {
	var b, w strings.Builder
	f := c.o.WriteOut
	for i := 0; i < len(f); i++ {
		switch {
		case f[i] == '%' && i+1 < len(f) && f[i+1] == '%':
			b.WriteByte('%')
			i++
		case f[i] == '%' && i+1 < len(f) && f[i+1] == '{':
			end := strings.IndexByte(f[i+2:], '}')
			if end < 0 {
				b.WriteString(f[i : i+2])
				i++
				continue
			}
			name := f[i+2 : i+2+end]
			if v, ok := c.variable(name); ok {
				b.WriteString(v)
			} else {
				fmt.Fprintf(&w, "curl: unknown --write-out variable: '%s'\n", name)
			}
			i += 2 + end
		case f[i] == '%' && i+1 < len(f):
			b.WriteString(f[i : i+2])
			i++
		case f[i] == '\\' && i+1 < len(f):
			switch f[i+1] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteString(f[i : i+2])
			}
			i++
		default:
			b.WriteByte(f[i])
		}
	}
	return b.String(), w.String()
}

// variable is one -w variable's value, as curl formats it.
func (c *curlRun) variable(name string) (string, bool) {
	r := c.r
	code := 0
	if r.Response != nil {
		code = r.Response.Status
	}
	secs := fmt.Sprintf("%.6f", r.Elapsed.Seconds())
	switch name {
	case "http_code", "response_code":
		return fmt.Sprintf("%03d", code), true
	case "time_total", "time_starttransfer", "time_pretransfer":
		return secs, true
	case "remote_ip":
		if r.Addr.IsValid() && c.connected() {
			return r.Addr.String(), true
		}
		return "", true
	case "remote_port":
		if c.connected() {
			return fmt.Sprint(r.Port), true
		}
		return "0", true
	case "local_ip":
		if c.connected() {
			return r.Local.Addr().String(), true
		}
		return "", true
	case "local_port":
		if c.connected() {
			return fmt.Sprint(r.Local.Port()), true
		}
		return "0", true
	case "size_download":
		return fmt.Sprint(c.downloaded()), true
	case "url_effective":
		return c.effectiveURL(), true
	case "content_type":
		if r.Response != nil {
			return r.Response.ContentType, true
		}
		return "", true
	case "exitcode":
		if c.fail != nil {
			return fmt.Sprint(c.fail.code), true
		}
		return "0", true
	case "num_connects":
		if c.connected() {
			return "1", true
		}
		return "0", true
	}
	return "", false
}

// connected says a TCP connection was made.
func (c *curlRun) connected() bool { return c.r.Response != nil || c.r.Err == "ECONNRESET" }

// effectiveURL is the URL as curl normalises it: a scheme is added and
// an empty path becomes "/".
func (c *curlRun) effectiveURL() string {
	u := c.o.URL
	if !strings.Contains(u, "://") {
		u = "http://" + u
	}
	if rest := u[strings.Index(u, "://")+3:]; !strings.ContainsAny(rest, "/?") {
		u += "/"
	}
	return u
}
