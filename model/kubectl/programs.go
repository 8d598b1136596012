package kubectl

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/model/tools"
)

// run runs argv in the container and calls done with what it printed.
func (px *process) run(argv []string, stdin string, done func(Result)) {
	prog := argv[0]
	if i := strings.LastIndex(prog, "/"); i >= 0 {
		prog = prog[i+1:]
	}
	if !px.image.Shell && prog != "cat" {
		done(px.notFound(argv[0]))
		return
	}
	switch prog {
	case "hostname":
		done(Result{Stdout: px.pod.Name + "\n"})
	case "echo":
		done(Result{Stdout: strings.Join(argv[1:], " ") + "\n"})
	case "true":
		done(Result{})
	case "false":
		done(Result{Exit: 1})
	case "sh", "ash", "bash":
		px.sh(argv, done)
	case "cat", "touch", "rm", "ls", "tee":
		done(px.fileCommand(prog, argv[1:], stdin))
	default:
		if px.image.HasTool(prog) {
			px.runTool(prog, argv, stdin, done)
			return
		}
		done(px.notFound(argv[0]))
	}
}

// runTool runs one of the image's client tools.
func (px *process) runTool(prog string, argv []string, stdin string, done func(Result)) {
	switch prog {
	case "ping":
		px.ping(argv, done)
	case "curl":
		px.curl(argv, done)
	case "wget":
		px.wget(argv, done)
	case "nslookup", "dig", "host", "getent":
		px.dnsTool(prog, argv, done)
	default:
		done(Result{Stderr: fmt.Sprintf("sh: %s: not found\n", prog), Exit: 127})
	}
}

// ping runs busybox ping. Without -c or -w the real one runs until the
// learner presses Ctrl-C; svcsim stops it after four requests.
func (px *process) ping(argv []string, done func(Result)) {
	o, err := tools.ParsePing(argv[1:])
	if err != nil {
		out, errText, exit := tools.Output(err)
		done(Result{Stdout: out, Stderr: errText, Exit: exit})
		return
	}
	if o.Unbounded {
		o.Net.Count = 4
	}
	px.k.C.Network.Ping(px.ns, o.Net, func(res network.PingResult) {
		out, errText, exit := tools.FormatPing(o, res)
		done(Result{Stdout: out, Stderr: errText, Exit: exit})
	})
}

// DefaultCurlVersion is the curl of images that do not say which they
// ship, and of the learner's machine.
const DefaultCurlVersion = "8.11.1"

func (px *process) curl(argv []string, done func(Result)) {
	version := px.image.CurlVersion
	if version == "" {
		version = DefaultCurlVersion
	}
	Curl(argv, version, func(opts network.FetchOptions, cb func(network.FetchResult)) {
		px.k.C.Network.Fetch(px.ns, opts, cb)
	}, done)
}

// Curl runs a curl command line with fetch doing the network part: in a
// pod, or on the learner's machine.
func Curl(argv []string, version string, fetch func(network.FetchOptions, func(network.FetchResult)), done func(Result)) {
	o, err := tools.ParseCurl(argv[1:])
	if err != nil {
		out, errText, exit := tools.Output(err)
		done(Result{Stdout: out, Stderr: errText, Exit: exit})
		return
	}
	if o.URL == "" {
		out, errText, exit := tools.CurlNoURL(version)
		done(Result{Stdout: out, Stderr: errText, Exit: exit})
		return
	}
	fetch(o.Fetch(version), func(res network.FetchResult) {
		out, errText, exit := tools.FormatCurl(o, res, version)
		done(Result{Stdout: out, Stderr: errText, Exit: exit})
	})
}

// wget runs busybox wget. A file it saves is not kept: a second wget of
// the same name saves again rather than refusing.
func (px *process) wget(argv []string, done func(Result)) {
	o, err := tools.ParseWget(argv[1:])
	if err != nil {
		out, errText, exit := tools.Output(err)
		done(Result{Stdout: out, Stderr: errText, Exit: exit})
		return
	}
	px.k.C.Network.Fetch(px.ns, o.Fetch(), func(res network.FetchResult) {
		out, errText, exit := tools.FormatWget(o, res, false)
		done(Result{Stdout: out, Stderr: errText, Exit: exit})
	})
}
