package scenarios

import (
	"fmt"
	"strings"
)

// A learner's command line, as the runner reads it: pipeline stages
// split at top-level '|', words split as sh splits them (single and
// double quotes, backslash escapes), and $(...) command substitutions
// kept as their own pieces to expand before the command runs.

// word is one argument: literal text and substitutions to splice in.
type word struct {
	parts []wordPart
}

type wordPart struct {
	text  string
	subst bool // text is a command to run and splice in
}

// splitPipeline cuts a line at '|' outside quotes and $(...).
func splitPipeline(line string) ([]string, error) {
	var stages []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' && i+1 < len(line) {
				i++
			}
		case c == '\\' && i+1 < len(line):
			i++
		case c == '\'' || c == '"':
			quote = c
		case c == '$' && i+1 < len(line) && line[i+1] == '(':
			depth++
			i++
		case c == ')' && depth > 0:
			depth--
		case c == '|' && depth == 0:
			if i+1 < len(line) && line[i+1] == '|' {
				return nil, fmt.Errorf("'||' is not supported in a step's command; use one command per step")
			}
			stages = append(stages, strings.TrimSpace(line[start:i]))
			start = i + 1
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote", quote)
	}
	if depth != 0 {
		return nil, fmt.Errorf("unterminated $( substitution")
	}
	stages = append(stages, strings.TrimSpace(line[start:]))
	for _, s := range stages {
		if s == "" {
			return nil, fmt.Errorf("empty command in a pipeline")
		}
	}
	return stages, nil
}

// splitWords splits one command into words.
func splitWords(s string) ([]word, error) {
	var out []word
	var cur word
	var lit strings.Builder
	inWord := false
	flush := func() {
		if lit.Len() > 0 {
			cur.parts = append(cur.parts, wordPart{text: lit.String()})
			lit.Reset()
		}
	}
	end := func() {
		flush()
		if inWord {
			out = append(out, cur)
		}
		cur, inWord = word{}, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			end()
		case c == '\\' && i+1 < len(s):
			i++
			lit.WriteByte(s[i])
			inWord = true
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' quote")
			}
			lit.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				lit.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated \" quote")
			}
			inWord = true
		case c == '$' && i+1 < len(s) && s[i+1] == '(':
			depth := 1
			j := i + 2
			for ; j < len(s) && depth > 0; j++ {
				switch s[j] {
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			if depth != 0 {
				return nil, fmt.Errorf("unterminated $( substitution")
			}
			flush()
			cur.parts = append(cur.parts, wordPart{text: s[i+2 : j-1], subst: true})
			i = j - 1
			inWord = true
		default:
			lit.WriteByte(c)
			inWord = true
		}
	}
	end()
	return out, nil
}

// checkCommand validates a step's command line without running it.
func checkCommand(line string) error {
	stages, err := splitPipeline(line)
	if err != nil {
		return err
	}
	ws, err := splitWords(stages[0])
	if err != nil {
		return err
	}
	if len(ws) == 0 {
		return fmt.Errorf("empty command")
	}
	first := ws[0].literal()
	switch first {
	case "kubectl", "curl", "wget", "echo", "sleep", "docker":
	default:
		return fmt.Errorf("unknown command %q: a step runs kubectl, docker exec NODE, or curl/wget on the learner's machine", first)
	}
	for _, st := range stages[1:] {
		ws, err := splitWords(st)
		if err != nil {
			return err
		}
		switch ws[0].literal() {
		case "grep", "tail", "head", "wc", "sort", "cat", "cut", "uniq", "awk":
		default:
			return fmt.Errorf("unknown filter %q after '|': want grep, tail, head, wc, sort, uniq, cut or cat", ws[0].literal())
		}
	}
	return nil
}

func (w word) literal() string {
	var b strings.Builder
	for _, p := range w.parts {
		if p.subst {
			b.WriteString("$(" + p.text + ")")
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}
