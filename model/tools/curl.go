package tools

import (
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/network"
)

// CurlOptions is a parsed curl command line.
type CurlOptions struct {
	URL string
	// Silent (-s) hides the progress meter and error messages; ShowError
	// (-S) brings the error message back.
	Silent, ShowError bool
	// NoProgress is --no-progress-meter.
	NoProgress bool
	Verbose    bool // -v
	Include    bool // -i: response headers on stdout
	Head       bool // -I: headers only (sent as GET here; see doc)
	Fail       bool // -f: exit 22 on HTTP >= 400, no body
	// Output is -o FILE; "" writes the body to stdout, "/dev/null"
	// discards it, anything else is a file written in the pod.
	Output string
	// WriteOut is -w's format, printed on stdout after the transfer.
	WriteOut       string
	MaxTime        time.Duration // -m, --max-time
	ConnectTimeout time.Duration // --connect-timeout
	UserAgent      string        // -A; "" means curl/VERSION
	Headers        []string      // -H, shown in the -v trace only
	Method         string        // -X, shown in the -v trace only
}

// Fetch returns what the network needs for this command line, with the
// User-Agent curl of the given version sends.
func (o CurlOptions) Fetch(curlVersion string) network.FetchOptions {
	return network.FetchOptions{URL: o.URL, UserAgent: o.userAgent(curlVersion), ConnectTimeout: o.ConnectTimeout, MaxTime: o.MaxTime}
}

// WritesFile reports the file -o writes in the pod, if any (not stdout,
// not /dev/null). The file is written only when the transfer succeeded.
func (o CurlOptions) WritesFile() (string, bool) {
	if o.Output == "" || o.Output == "-" || o.Output == "/dev/null" {
		return "", false
	}
	return o.Output, true
}

func (o CurlOptions) userAgent(v string) string {
	if o.UserAgent != "" {
		return o.UserAgent
	}
	return "curl/" + v
}

// curl's flags that take no argument, short and long.
var curlFlags = map[string]func(*CurlOptions){
	"s": func(o *CurlOptions) { o.Silent = true }, "silent": func(o *CurlOptions) { o.Silent = true },
	"S": func(o *CurlOptions) { o.ShowError = true }, "show-error": func(o *CurlOptions) { o.ShowError = true },
	"v": func(o *CurlOptions) { o.Verbose = true }, "verbose": func(o *CurlOptions) { o.Verbose = true },
	"i": func(o *CurlOptions) { o.Include = true }, "include": func(o *CurlOptions) { o.Include = true },
	"I": func(o *CurlOptions) { o.Head = true }, "head": func(o *CurlOptions) { o.Head = true },
	"f": func(o *CurlOptions) { o.Fail = true }, "fail": func(o *CurlOptions) { o.Fail = true },
	"L": func(*CurlOptions) {}, "location": func(*CurlOptions) {},
	"k": func(*CurlOptions) {}, "insecure": func(*CurlOptions) {},
	"no-progress-meter": func(o *CurlOptions) { o.NoProgress = true },
}

// curl's options that take an argument.
var curlArgOpts = map[string]string{
	"o": "output", "output": "output", "w": "write-out", "write-out": "write-out",
	"m": "max-time", "max-time": "max-time", "connect-timeout": "connect-timeout",
	"A": "user-agent", "user-agent": "user-agent", "H": "header", "header": "header",
	"X": "request", "request": "request", "url": "url",
}

// curlUsageErr is curl's helpf: the reason, then the hint, exit 2.
func curlUsageErr(reason string) *ExitError {
	return &ExitError{Stderr: "curl: " + reason + "\ncurl: try 'curl --help' or 'curl --manual' for more information\n", Code: 2}
}

// ParseCurl parses the arguments after "curl". Options and the URL may
// come in any order, short flags cluster ("-sS", "-so /dev/null"), and
// only the first URL is used. Errors are *ExitError with curl's text;
// "no URL specified" is worded per version, so ParseCurl leaves that
// check to CurlNoURL.
func ParseCurl(args []string) (CurlOptions, error) {
	var o CurlOptions
	for i := 0; i < len(args); i++ {
		a := args[i]
		var err error
		switch {
		case strings.HasPrefix(a, "--") && len(a) > 2:
			i, err = o.long(args, i)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			i, err = o.short(args, i)
		default:
			if o.URL == "" {
				o.URL = a
			}
		}
		if err != nil {
			return o, err
		}
	}
	return o, nil
}

func (o *CurlOptions) long(args []string, i int) (int, error) {
	name := args[i][2:]
	if f, ok := curlFlags[name]; ok {
		f(o)
		return i, nil
	}
	key, ok := curlArgOpts[name]
	if !ok {
		return i, curlUsageErr("option " + args[i] + ": is unknown")
	}
	if i+1 >= len(args) {
		return i, curlUsageErr("option " + args[i] + ": requires parameter")
	}
	return i + 1, o.set(key, args[i], args[i+1])
}

func (o *CurlOptions) short(args []string, i int) (int, error) {
	a := args[i]
	for j := 1; j < len(a); j++ {
		c := a[j : j+1]
		if f, ok := curlFlags[c]; ok {
			f(o)
			continue
		}
		key, ok := curlArgOpts[c]
		if !ok {
			return i, curlUsageErr("option -" + c + ": is unknown")
		}
		val := a[j+1:]
		if val == "" {
			if i+1 >= len(args) {
				return i, curlUsageErr("option -" + c + ": requires parameter")
			}
			i++
			val = args[i]
		}
		return i, o.set(key, "-"+c, val)
	}
	return i, nil
}

func (o *CurlOptions) set(key, flag, val string) error {
	switch key {
	case "output":
		o.Output = val
	case "write-out":
		o.WriteOut = val
	case "user-agent":
		o.UserAgent = val
	case "header":
		o.Headers = append(o.Headers, val)
	case "request":
		o.Method = val
	case "url":
		if o.URL == "" {
			o.URL = val
		}
	case "max-time", "connect-timeout":
		d, err := curlSeconds(val)
		if err != nil {
			return curlUsageErr("option " + flag + ": expected a proper numerical parameter")
		}
		if key == "max-time" {
			o.MaxTime = d
		} else {
			o.ConnectTimeout = d
		}
	}
	return nil
}

// curlSeconds parses curl's str2udouble: a non-negative decimal number
// of seconds.
func curlSeconds(s string) (time.Duration, error) {
	if s == "" || strings.ContainsAny(s, "eEinfINFxXpP+-") {
		return 0, strconv.ErrSyntax
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f > 1e9 {
		return 0, strconv.ErrSyntax
	}
	return time.Duration(f * float64(time.Second)), nil
}

// CurlNoURL is what curl prints when no URL was given: exit 2.
func CurlNoURL(curlVersion string) (stdout, stderr string, exit int) {
	d := dialectOf(curlVersion)
	if d.major >= 8 {
		return Output(curlUsageErr("(2) no URL specified"))
	}
	return Output(curlUsageErr("no URL specified!"))
}
