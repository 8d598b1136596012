package shell

import (
	"fmt"
	"strings"
)

// Exec runs a program that is not built into the shell: argv[0] is its
// name, stdin what the previous pipeline stage wrote. A program the image
// does not have is reported as exit 127 with no output; Run then prints
// ash's "sh: NAME: not found".
type Exec func(argv []string, stdin string) (stdout, stderr string, exit int)

// Run runs script as `sh -c script` does and returns everything written
// to stdout and stderr and the exit status. A syntax error prints
// "sh: syntax error: ..." and exits 2 without running anything.
func Run(script string, exec Exec) (stdout, stderr string, exit int) {
	l, err := parse(script)
	if err != nil {
		return "", "sh: " + err.Error() + "\n", 2
	}
	s := &state{exec: exec}
	r := s.list(l, "")
	return r.out, r.err, r.status
}

// state is one shell run: $? and whether exit was called.
type state struct {
	exec   Exec
	env    map[string]string // $NAME; unset names expand to nothing
	last   int
	exited bool
	depth  int
}

// result is what a command, pipeline or list produced.
type result struct {
	out, err string
	status   int
}

func (s *state) list(l *list, stdin string) result {
	var r result
	for _, ao := range l.items {
		if s.exited {
			break
		}
		x := s.andOr(ao, stdin)
		r.out += x.out
		r.err += x.err
		r.status = x.status
	}
	return r
}

func (s *state) andOr(ao andOr, stdin string) result {
	r := s.pipeline(ao.first, stdin)
	for _, st := range ao.rest {
		if s.exited || st.and != (r.status == 0) {
			continue
		}
		x := s.pipeline(st.p, stdin)
		r = result{out: r.out + x.out, err: r.err + x.err, status: x.status}
	}
	return r
}

// pipeline runs the stages in order, each reading the previous one's
// stdout; stderr of every stage is kept.
func (s *state) pipeline(pl pipeline, stdin string) result {
	var r result
	in := stdin
	for i, c := range pl.cmds {
		x := s.command(c, in)
		r.err += x.err
		r.status = x.status
		if i == len(pl.cmds)-1 {
			r.out = x.out
		}
		in = x.out
	}
	s.last = r.status
	return r
}

func (s *state) command(c command, stdin string) result {
	var r result
	argv, errs, subStatus := s.expandWords(c.words)
	r.err += errs
	in, ok, redirErr := s.input(c.redirs, stdin)
	r.err += redirErr
	if !ok {
		r.status = 1
		return r
	}
	var x result
	switch {
	case c.sub != nil:
		if s.depth++; s.depth <= maxDepth {
			x = s.list(c.sub, in)
		}
		s.depth--
	case len(argv) == 0:
		x.status = subStatus
	default:
		x = s.run(argv, in)
	}
	r.err += x.err
	r.out = x.out
	r.status = x.status
	return s.output(c.redirs, r)
}

// run dispatches to a builtin or to Exec.
func (s *state) run(argv []string, stdin string) result {
	if argv[0] == "exit" {
		return s.exit(argv)
	}
	if b, ok := builtins[argv[0]]; ok {
		if out, errs, code, handled := b(argv, stdin); handled {
			return result{out, errs, code}
		}
	}
	out, errs, code := s.exec(argv, stdin)
	if code == 127 && out == "" && errs == "" {
		errs = fmt.Sprintf("sh: %s: not found\n", argv[0])
	}
	return result{out, errs, code}
}

func (s *state) exit(argv []string) result {
	s.exited = true
	if len(argv) < 2 {
		return result{status: s.last}
	}
	n := 0
	for _, c := range argv[1] {
		if c < '0' || c > '9' {
			return result{err: "sh: exit: Illegal number: " + argv[1] + "\n", status: 2}
		}
		n = (n*10 + int(c-'0')) & 0xff
	}
	return result{status: n}
}

// input applies "< FILE", reading the file through Exec's cat.
func (s *state) input(rs []redir, stdin string) (string, bool, string) {
	for _, rd := range rs {
		if rd.op != "<" {
			continue
		}
		name := s.expandOne(rd.target)
		out, _, code := s.exec([]string{"cat", name}, "")
		if code != 0 {
			return "", false, fmt.Sprintf("sh: can't open '%s': No such file or directory\n", name)
		}
		stdin = out
	}
	return stdin, true, ""
}

// output applies the output redirections left to right. A file gets its
// stream through Exec's tee (`tee FILE`, or `tee -a FILE` for >>), as
// input redirection reads through Exec's cat; /dev/null swallows it.
func (s *state) output(rs []redir, r result) result {
	for _, rd := range rs {
		if rd.op == "<" || rd.fd > 2 {
			continue
		}
		target := s.expandOne(rd.target)
		switch {
		case rd.op == ">&" && target == "1" && rd.fd == 2:
			r.out, r.err = r.out+r.err, ""
		case rd.op == ">&" && target == "2" && rd.fd == 1:
			r.out, r.err = "", r.err+r.out
		case rd.op == ">&" && (target == "1" || target == "2"):
		case target == "/dev/null":
			if rd.fd == 2 {
				r.err = ""
			} else {
				r.out = ""
			}
		case target == "/dev/stdout" || target == "/dev/stderr":
			if rd.fd == 2 && target == "/dev/stdout" {
				r.out, r.err = r.out+r.err, ""
			} else if rd.fd != 2 && target == "/dev/stderr" {
				r.out, r.err = "", r.err+r.out
			}
		default:
			stream := &r.out
			if rd.fd == 2 {
				stream = &r.err
			}
			argv := []string{"tee", target}
			if rd.op == ">>" {
				argv = []string{"tee", "-a", target}
			}
			_, _, code := s.exec(argv, *stream)
			*stream = ""
			if code != 0 {
				r.err += fmt.Sprintf("sh: can't create %s: nonexistent directory\n", target)
				r.status = 1
			}
		}
	}
	return r
}

// expandOne expands a redirection target without field splitting.
func (s *state) expandOne(w word) string {
	var b strings.Builder
	for _, p := range w.parts {
		v, _, _ := s.partValue(p)
		b.WriteString(v)
	}
	return b.String()
}
