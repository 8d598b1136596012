package scenarios

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/kubectl"
	"github.com/svcsim/svcsim/model/shell"
)

// runLine runs a step's command line on the learner's machine, as sh
// runs it (model/shell): pipes into grep or tail, $(...), lists; ${NAME}
// is a value saved by an earlier step. A plain command runs directly, so
// its output keeps the order kubectl printed it in (warnings first).
func (r *runner) runLine(line string, done func(kubectl.Result)) {
	r.c.Engine.Emit("scenario.command", "$ "+line, nil)
	if argv, ok := shell.Simple(line, r.saved); ok {
		r.runArgv(argv, "", done)
		return
	}
	shell.RunAsync(line, r.saved, func(argv []string, stdin string, finish func(string, string, int)) {
		r.runArgv(argv, stdin, func(res kubectl.Result) { finish(res.Stdout, res.Stderr, res.Exit) })
	}, func(out, errText string, exit int) {
		done(kubectl.Result{Stdout: out, Stderr: errText, Exit: exit})
	})
}

// runArgv runs one command on the learner's machine.
func (r *runner) runArgv(argv []string, stdin string, done func(kubectl.Result)) {
	if len(argv) == 0 {
		done(kubectl.Result{})
		return
	}
	switch argv[0] {
	case "kubectl":
		r.k.Run(argv[1:], done)
	case "sleep":
		d, err := time.ParseDuration(strings.TrimSuffix(strings.Join(argv[1:], ""), "s") + "s")
		if err != nil {
			done(kubectl.Result{Stderr: "sleep: invalid number\n", Exit: 1})
			return
		}
		r.later(d, func() { done(kubectl.Result{}) })
	case "curl", "wget":
		r.workstationFetch(argv, done)
	case "tee":
		done(r.tee(argv[1:], stdin))
	case "cat":
		done(r.cat(argv[1:], stdin))
	case "docker":
		r.docker(argv[1:], done)
	default:
		done(kubectl.Result{Stderr: fmt.Sprintf("sh: %s: command not found\n", argv[0]), Exit: 127})
	}
}

// tee writes stdin to the learner's files (in memory: a scenario never
// changes a file on disk), as GNU tee does; sh's > FILE comes here too.
func (r *runner) tee(args []string, stdin string) kubectl.Result {
	appendTo := false
	for _, a := range args {
		if a == "-a" || a == "--append" {
			appendTo = true
			continue
		}
		if appendTo {
			old, _ := r.files.ReadFile(a)
			r.files.written[a] = string(old) + stdin
		} else {
			r.files.written[a] = stdin
		}
	}
	return kubectl.Result{Stdout: stdin}
}

// cat prints the learner's files, or stdin without operands, as GNU cat.
func (r *runner) cat(args []string, stdin string) kubectl.Result {
	var res kubectl.Result
	names := 0
	for _, a := range args {
		if a == "-" {
			res.Stdout += stdin
			names++
			continue
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		names++
		b, err := r.files.ReadFile(a)
		if err != nil {
			res.Stderr += "cat: " + a + ": No such file or directory\n"
			res.Exit = 1
			continue
		}
		res.Stdout += string(b)
	}
	if names == 0 {
		res.Stdout = stdin
	}
	return res
}

// docker runs `docker exec [-i] [-t] NODE CMD...`: a command on a node's
// host, as kind users reach their nodes (`docker exec kind-control-plane
// iptables-save`), and `docker stop NODE`, which takes a node down.
// Nodes are the only containers there are.
func (r *runner) docker(args []string, done func(kubectl.Result)) {
	if len(args) > 0 && args[0] == "stop" {
		r.dockerStop(args[1:], done)
		return
	}
	if len(args) == 0 || args[0] != "exec" {
		done(kubectl.Result{Stderr: "svcsim: only `docker exec NODE COMMAND` and `docker stop NODE` are simulated (the nodes are the containers)\n", Exit: 1})
		return
	}
	args = args[1:]
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-i", "-t", "-it", "-ti", "--interactive", "--tty":
			args = args[1:]
		default:
			done(kubectl.Result{Stderr: fmt.Sprintf("unknown shorthand flag: %q in %s\nSee 'docker exec --help'.\n", strings.TrimLeft(args[0], "-")[:1], args[0]), Exit: 125})
			return
		}
	}
	node := ""
	if len(args) > 0 {
		node, args = args[0], args[1:]
	}
	r.k.NodeExec(node, args, done)
}

// dockerStop is `docker stop NODE...`: docker prints each name it
// stopped.
func (r *runner) dockerStop(names []string, done func(kubectl.Result)) {
	if len(names) == 0 {
		done(kubectl.Result{Stderr: "\"docker stop\" requires at least 1 argument.\nSee 'docker stop --help'.\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nStop one or more running containers\n", Exit: 1})
		return
	}
	var res kubectl.Result
	for _, n := range names {
		if err := r.c.StopNode(n); err != nil {
			res.Stderr += err.Error() + "\n"
			res.Exit = 1
			continue
		}
		res.Stdout += n + "\n"
	}
	done(res)
}

// savedVars replaces ${NAME} with values saved by earlier expectations
// (object.save), in texts an expectation compares with output.
func (r *runner) savedVars(s string) string {
	for name, val := range r.saved {
		s = strings.ReplaceAll(s, "${"+name+"}", val)
	}
	return s
}

// savedVarsQuoted is savedVars for a regular expression: the values are
// quoted, so the dots of an IP address match only dots.
func (r *runner) savedVarsQuoted(s string) string {
	for name, val := range r.saved {
		s = strings.ReplaceAll(s, "${"+name+"}", regexp.QuoteMeta(val))
	}
	return s
}
