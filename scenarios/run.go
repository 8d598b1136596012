package scenarios

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/kubectl"
)

// runLine runs a step's command line on the learner's machine: the first
// command of the pipeline in simulated time, then the filters after '|'
// on its output.
func (r *runner) runLine(line string, done func(kubectl.Result)) {
	stages, err := splitPipeline(line)
	if err != nil {
		done(kubectl.Result{Stderr: "sh: " + err.Error() + "\n", Exit: 2})
		return
	}
	argv, err := r.expand(r.savedVars(stages[0]))
	if err != nil {
		done(kubectl.Result{Stderr: err.Error() + "\n", Exit: 1})
		return
	}
	r.c.Engine.Emit("scenario.command", "$ "+line, nil)
	r.runArgv(argv, func(res kubectl.Result) {
		if len(stages) > 1 {
			out, errText, exit := filter(strings.Join(stages[1:], " | "), res.Stdout)
			res.Stdout, res.Stderr, res.Exit = out, res.Stderr+errText, exit
		}
		done(res)
	})
}

// expand splits a command into words and runs its $(...) substitutions,
// which must finish at once (kubectl get does).
func (r *runner) expand(stage string) ([]string, error) {
	ws, err := splitWords(stage)
	if err != nil {
		return nil, fmt.Errorf("sh: %v", err)
	}
	var argv []string
	for _, w := range ws {
		var b strings.Builder
		spliced := false
		for _, p := range w.parts {
			if !p.subst {
				b.WriteString(p.text)
				continue
			}
			out, err := r.substitute(p.text)
			if err != nil {
				return nil, err
			}
			b.WriteString(out)
			spliced = true
		}
		if spliced && len(w.parts) == 1 {
			argv = append(argv, strings.Fields(b.String())...) // unquoted: split into fields
			continue
		}
		argv = append(argv, b.String())
	}
	return argv, nil
}

func (r *runner) substitute(cmd string) (string, error) {
	argv, err := r.expand(cmd)
	if err != nil {
		return "", err
	}
	var res *kubectl.Result
	r.runArgv(argv, func(x kubectl.Result) { res = &x })
	if res == nil {
		return "", fmt.Errorf("sh: $(%s) did not finish at once; only commands such as kubectl get may be substituted", cmd)
	}
	return strings.TrimRight(res.Stdout, "\n"), nil
}

// runArgv runs one command on the learner's machine.
func (r *runner) runArgv(argv []string, done func(kubectl.Result)) {
	if len(argv) == 0 {
		done(kubectl.Result{})
		return
	}
	switch argv[0] {
	case "kubectl":
		r.k.Run(argv[1:], done)
	case "echo":
		done(kubectl.Result{Stdout: strings.Join(argv[1:], " ") + "\n"})
	case "sleep":
		d, err := time.ParseDuration(strings.TrimSuffix(strings.Join(argv[1:], ""), "s") + "s")
		if err != nil {
			done(kubectl.Result{Stderr: "sleep: invalid number\n", Exit: 1})
			return
		}
		r.later(d, func() { done(kubectl.Result{}) })
	case "curl", "wget":
		r.workstationFetch(argv, done)
	case "docker":
		r.docker(argv[1:], done)
	default:
		done(kubectl.Result{Stderr: fmt.Sprintf("sh: %s: command not found\n", argv[0]), Exit: 127})
	}
}

// savedVars replaces ${NAME} with values saved by earlier expectations
// (object.save), so a later step can use, say, the IP a pod had.
func (r *runner) savedVars(s string) string {
	for name, val := range r.saved {
		s = strings.ReplaceAll(s, "${"+name+"}", val)
	}
	return s
}

// docker runs `docker exec [-i] [-t] NODE CMD...`: a command on a node's
// host, as kind users reach their nodes (`docker exec kind-control-plane
// iptables-save`). Nodes are the only containers there are.
func (r *runner) docker(args []string, done func(kubectl.Result)) {
	if len(args) == 0 || args[0] != "exec" {
		done(kubectl.Result{Stderr: "svcsim: only `docker exec NODE COMMAND` is simulated (the nodes are the containers)\n", Exit: 1})
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

// savedVarsQuoted is savedVars for a regular expression: the values are
// quoted, so the dots of an IP address match only dots.
func (r *runner) savedVarsQuoted(s string) string {
	for name, val := range r.saved {
		s = strings.ReplaceAll(s, "${"+name+"}", regexp.QuoteMeta(val))
	}
	return s
}
