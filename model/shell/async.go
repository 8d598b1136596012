package shell

// AsyncExec starts a program that may take (simulated) time: done is
// called exactly once, at once or later, with what it printed.
type AsyncExec func(argv []string, stdin string, done func(stdout, stderr string, exit int))

// RunAsync runs script as Run does, for programs that finish later (a
// ping in simulated time). The shell itself is synchronous, so the
// script is run again from the start each time such a program finishes,
// with every result so far remembered by the order of the calls:
// programs run one at a time, in the order the script reaches them,
// each once, as they would in sh. After the first program that has not
// finished, the rest of an attempt is thrown away and runs nothing.
// env gives the values of $NAME and ${NAME}. done is called once.
func RunAsync(script string, env map[string]string, exec AsyncExec, done func(stdout, stderr string, exit int)) {
	l, err := parse(script)
	if err != nil {
		done("", "sh: "+err.Error()+"\n", 2)
		return
	}
	type call struct {
		out, err string
		exit     int
	}
	var results []call // by the order in which the script made the calls
	running, finished := false, false
	var attempt func()
	attempt = func() {
		n, waiting := 0, false
		s := &state{env: env, exec: func(argv []string, stdin string) (string, string, int) {
			i := n
			n++
			if i < len(results) {
				c := results[i]
				return c.out, c.err, c.exit
			}
			if waiting || running {
				waiting = true
				return "", "", 0 // placeholder: this attempt is thrown away
			}
			now := true
			var got *call
			exec(argv, stdin, func(out, errText string, exit int) {
				c := call{out, errText, exit}
				if now {
					got = &c
					return
				}
				results = append(results, c)
				running = false
				attempt()
			})
			now = false
			if got != nil {
				results = append(results, *got)
				return got.out, got.err, got.exit
			}
			running, waiting = true, true
			return "", "", 0
		}}
		r := s.list(l, "")
		if waiting || finished {
			return
		}
		finished = true
		done(r.out, r.err, r.status)
	}
	attempt()
}

// Simple returns the words of script when it is one plain command (no
// pipe, list, redirection, subshell or command substitution), with
// $NAME taken from env, so that a caller can run it directly and keep
// its output exactly as the program interleaved it. ok is false
// otherwise, and for a syntax error (RunAsync reports it).
func Simple(script string, env map[string]string) (argv []string, ok bool) {
	l, err := parse(script)
	if err != nil || len(l.items) != 1 || len(l.items[0].rest) != 0 {
		return nil, false
	}
	cmds := l.items[0].first.cmds
	if len(cmds) != 1 || cmds[0].sub != nil || len(cmds[0].redirs) != 0 || len(cmds[0].words) == 0 {
		return nil, false
	}
	for _, w := range cmds[0].words {
		for _, p := range w.parts {
			if p.kind == subPart {
				return nil, false
			}
		}
	}
	s := &state{env: env}
	argv, _, _ = s.expandWords(cmds[0].words)
	return argv, len(argv) > 0
}
