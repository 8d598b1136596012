package shell

import "strings"

// expandWords expands the words of a command into argv: substitutions
// run, unset variables vanish, unquoted expansion results are split on
// blanks. It returns the substitutions' stderr and the status of the
// last one (a command made only of $(false) exits 1).
func (s *state) expandWords(ws []word) (argv []string, errs string, status int) {
	for _, w := range ws {
		f := fields{}
		for _, p := range w.parts {
			v, e, st, isSub := s.partValueSub(p)
			errs += e
			if isSub {
				status = st
			}
			if p.kind == litPart || p.quoted {
				f.literal(v, p.quoted || v != "")
			} else {
				f.split(v)
			}
		}
		argv = append(argv, f.done()...)
	}
	return argv, errs, status
}

func (s *state) partValue(p part) (string, string, int) {
	v, e, st, _ := s.partValueSub(p)
	return v, e, st
}

func (s *state) partValueSub(p part) (val, errs string, status int, isSub bool) {
	switch p.kind {
	case varPart:
		switch p.text {
		case "?":
			return itoa(s.last), "", 0, false
		case "0":
			return "sh", "", 0, false
		case "#":
			return "0", "", 0, false
		}
		return s.env[p.text], "", 0, false
	case subPart:
		if s.depth++; s.depth > maxDepth {
			s.depth--
			return "", "", 0, true
		}
		saved := s.exited
		r := s.list(p.sub, "")
		s.exited = saved // exit inside $( ) leaves only the subshell
		s.depth--
		s.last = r.status
		return strings.TrimRight(r.out, "\n"), r.err, r.status, true
	}
	return p.text, "", 0, false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// fields accumulates the fields one word expands to.
type fields struct {
	out  []string
	cur  strings.Builder
	have bool
}

func (f *fields) literal(s string, counts bool) {
	f.cur.WriteString(s)
	f.have = f.have || counts
}

// split adds an unquoted expansion, breaking fields at blanks (IFS).
func (f *fields) split(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\t' || c == '\n' {
			if f.have {
				f.out = append(f.out, f.cur.String())
				f.cur.Reset()
				f.have = false
			}
			continue
		}
		f.cur.WriteByte(s[i])
		f.have = true
	}
}

func (f *fields) done() []string {
	if f.have {
		f.out = append(f.out, f.cur.String())
	}
	return f.out
}
