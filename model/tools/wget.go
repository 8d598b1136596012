package tools

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/network"
)

// WgetOptions is a parsed busybox wget command line.
type WgetOptions struct {
	URL string
	// Quiet is -q: no "Connecting to", status bar or "saved" lines.
	Quiet bool
	// ServerResponse is -S: the response headers on stderr.
	ServerResponse bool
	// Spider is --spider: check the URL, save nothing.
	Spider bool
	// Output is -O FILE; "-" is stdout, "" a name taken from the URL.
	Output string
	// Prefix is -P DIR, used only without -O.
	Prefix string
	// Timeout is -T (default 900 s), busybox's alarm around the connect
	// and each read; modelled as the whole exchange's limit.
	Timeout   time.Duration
	UserAgent string // -U; default "Wget"
}

const wgetUsage = "[-c|--continue] [--spider] [-q|--quiet] [-O|--output-document FILE]\n" +
	"\t[-o|--output-file FILE] [--header 'header: value'] [-Y|--proxy on/off]\n" +
	"\t[-P DIR] [-S|--server-response] [-U|--user-agent AGENT] [-T SEC] URL...\n\n" +
	"Retrieve files via HTTP or FTP\n" +
	"\n\t--spider\tOnly check URL existence: $? is 0 if exists" +
	"\n\t-c\t\tContinue retrieval of aborted transfer" +
	"\n\t-q\t\tQuiet" +
	"\n\t-P DIR\t\tSave to DIR (default .)" +
	"\n\t-S    \t\tShow server response" +
	"\n\t-T SEC\t\tNetwork read timeout is SEC seconds" +
	"\n\t-O FILE\t\tSave to FILE ('-' for stdout)" +
	"\n\t-o FILE\t\tLog messages to FILE" +
	"\n\t-U STR\t\tUse STR for User-Agent header" +
	"\n\t-Y on/off\tUse proxy"

// wget's getopt string "cqSO:o:P:Y:U:T:+t:n::" and its long options.
var (
	wgetShort = optSpec{'c': false, 'q': false, 'S': false, 'O': true, 'o': true, 'P': true, 'Y': true, 'U': true, 'T': true, 't': true, 'n': false}
	wgetLong  = map[string]byte{"continue": 'c', "quiet": 'q', "server-response": 'S', "output-document": 'O',
		"output-file": 'o', "directory-prefix": 'P', "proxy": 'Y', "user-agent": 'U', "timeout": 'T', "tries": 't',
		"header": 'H', "post-data": 'D', "spider": 's', "no-check-certificate": 0, "passive-ftp": 0, "no-cache": 0,
		"no-verbose": 0, "no-clobber": 0, "no-host-directories": 0, "no-parent": 0}
	wgetLongArg = map[byte]bool{'O': true, 'o': true, 'P': true, 'Y': true, 'U': true, 'T': true, 't': true, 'H': true, 'D': true}
)

// ParseWget parses the arguments after "wget" as BusyBox 1.31.1 does
// (getopt_long, which lets options follow the URL). Only the first URL is
// kept. Errors are *ExitError with busybox's text.
func ParseWget(args []string) (WgetOptions, error) {
	o := WgetOptions{Timeout: 900 * time.Second, UserAgent: "Wget"}
	var urls []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		var opts []opt
		var err error
		switch {
		case a == "--":
			urls = append(urls, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "--"):
			var op opt
			op, i, err = wgetLongOpt(args, i)
			opts = []opt{op}
		case len(a) > 1 && a[0] == '-':
			opts, err = wgetShortOpts(args, &i)
		default:
			urls = append(urls, a)
		}
		if err != nil {
			u := bbUsage("wget", wgetUsage)
			u.Stderr = err.Error() + "\n" + u.Stderr
			return o, u
		}
		for _, op := range opts {
			if err := o.apply(op); err != nil {
				return o, err
			}
		}
	}
	if len(urls) == 0 {
		return o, bbUsage("wget", wgetUsage)
	}
	o.URL = urls[0]
	return o, nil
}

func wgetShortOpts(args []string, i *int) ([]opt, error) {
	a := args[*i]
	var opts []opt
	for j := 1; j < len(a); j++ {
		c := a[j]
		hasArg, ok := wgetShort[c]
		if !ok {
			return nil, &getoptError{"wget: unrecognized option: " + string(c)}
		}
		if c == 'n' { // "n::": an optional argument, attached only
			return append(opts, opt{Name: 'n', Arg: a[j+1:]}), nil
		}
		if !hasArg {
			opts = append(opts, opt{Name: c})
			continue
		}
		if j+1 < len(a) {
			return append(opts, opt{Name: c, Arg: a[j+1:]}), nil
		}
		if *i+1 >= len(args) {
			return nil, &getoptError{"wget: option requires an argument: " + string(c)}
		}
		*i++
		return append(opts, opt{Name: c, Arg: args[*i]}), nil
	}
	return opts, nil
}

func wgetLongOpt(args []string, i int) (opt, int, error) {
	name, val, hasVal := strings.Cut(args[i][2:], "=")
	c, ok := wgetLong[name]
	if !ok {
		return opt{}, i, &getoptError{"wget: unrecognized option: " + args[i]}
	}
	if !wgetLongArg[c] {
		if hasVal {
			return opt{}, i, &getoptError{"wget: option does not take an argument: " + name}
		}
		return opt{Name: c}, i, nil
	}
	if !hasVal {
		if i+1 >= len(args) {
			return opt{}, i, &getoptError{"wget: option requires an argument: " + name}
		}
		i++
		val = args[i]
	}
	return opt{Name: c, Arg: val}, i, nil
}

func (o *WgetOptions) apply(op opt) error {
	switch op.Name {
	case 'q':
		o.Quiet = true
	case 'S':
		o.ServerResponse = true
	case 's':
		o.Spider = true
	case 'O':
		o.Output = op.Arg
	case 'P':
		o.Prefix = op.Arg
	case 'U':
		o.UserAgent = op.Arg
	case 'T':
		n, err := bbNumber("wget", op.Arg)
		if err != nil {
			return err
		}
		o.Timeout = time.Duration(n) * time.Second
	}
	return nil
}

// Fetch returns what the network needs for this command line.
func (o WgetOptions) Fetch() network.FetchOptions {
	return network.FetchOptions{URL: o.URL, UserAgent: o.UserAgent, MaxTime: o.Timeout}
}

// File is the file wget writes in the pod's working directory ("" with
// -O - or --spider): -O's name, else the URL's last path component, or
// index.html.
func (o WgetOptions) File() string {
	if o.Spider || o.Output == "-" {
		return ""
	}
	if o.Output != "" {
		return o.Output
	}
	u := o.URL
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	path := ""
	if i := strings.IndexAny(u, "/?"); i >= 0 {
		path = u[i:]
	}
	name := path[strings.LastIndexByte(path, '/')+1:]
	if name == "" {
		name = "index.html"
	}
	if o.Prefix != "" {
		return strings.TrimSuffix(o.Prefix, "/") + "/" + name
	}
	return name
}

// wgetStatusLine is the response's status line as busybox reads it.
func wgetStatusLine(r *network.HTTPResponse) string {
	return fmt.Sprintf("HTTP/1.1 %d %s", r.Status, http.StatusText(r.Status))
}
