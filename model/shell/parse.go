package shell

import "strings"

// SyntaxError is a script ash refuses to run; Msg is what follows
// "syntax error: " (e.g. `unexpected "|"`).
type SyntaxError struct{ Msg string }

func (e *SyntaxError) Error() string { return "syntax error: " + e.Msg }

// maxDepth bounds nesting of $( ), ` ` and ( ) so a hostile line cannot
// exhaust the stack.
const maxDepth = 64

type parser struct {
	s     string
	i     int
	depth int
}

// Parse parses a script; the error, if any, is a *SyntaxError.
func Parse(script string) (err error) {
	_, err = parse(script)
	return err
}

func parse(script string) (*list, error) {
	p := &parser{s: script}
	l, err := p.list("")
	if err != nil {
		return nil, err
	}
	if p.i < len(p.s) { // a stray ")"
		return nil, &SyntaxError{Msg: `unexpected ")"`}
	}
	return l, nil
}

// token names as ash prints them in "unexpected ..." messages.
func tokenName(op string) string {
	switch op {
	case "":
		return "end of file"
	case "\n":
		return "newline"
	}
	return `"` + op + `"`
}

func (p *parser) unexpected(op, expecting string) error {
	msg := "unexpected " + tokenName(op)
	if expecting != "" {
		msg += " (expecting " + tokenName(expecting) + ")"
	}
	return &SyntaxError{Msg: msg}
}

// skipBlanks skips spaces, tabs, line continuations and comments.
func (p *parser) skipBlanks() {
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == ' ' || c == '\t':
			p.i++
		case c == '\\' && p.i+1 < len(p.s) && p.s[p.i+1] == '\n':
			p.i += 2
		case c == '#':
			for p.i < len(p.s) && p.s[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

// peekOp returns the operator at the cursor, or "" for a word or the end.
func (p *parser) peekOp() string {
	p.skipBlanks()
	if p.i >= len(p.s) {
		return ""
	}
	for _, op := range []string{"&&", "||", ";;", "|", "&", ";", "\n", "(", ")"} {
		if strings.HasPrefix(p.s[p.i:], op) {
			return op
		}
	}
	return ""
}

func (p *parser) atEnd() bool { p.skipBlanks(); return p.i >= len(p.s) }

// list parses and-or items up to the end or to the closing token close
// (")" inside $( ) or a subshell), which it does not consume.
func (p *parser) list(close string) (*list, error) {
	l := &list{}
	for {
		for p.peekOp() == "\n" {
			p.i++
		}
		if p.atEnd() {
			if close != "" {
				return nil, p.unexpected("", close)
			}
			return l, nil
		}
		if close != "" && p.peekOp() == close {
			return l, nil
		}
		ao, err := p.andOr()
		if err != nil {
			return nil, err
		}
		l.items = append(l.items, ao)
		switch op := p.peekOp(); op {
		case ";", "&", "\n":
			p.i++
		case "":
			if !p.atEnd() {
				return nil, p.unexpected(op, "")
			}
		default:
			if op != close {
				return nil, p.unexpected(op, "")
			}
		}
	}
}

func (p *parser) andOr() (andOr, error) {
	first, err := p.pipeline()
	if err != nil {
		return andOr{}, err
	}
	ao := andOr{first: first}
	for {
		op := p.peekOp()
		if op != "&&" && op != "||" {
			return ao, nil
		}
		p.i += 2
		for p.peekOp() == "\n" { // a newline may follow && and ||
			p.i++
		}
		next, err := p.pipeline()
		if err != nil {
			return andOr{}, err
		}
		ao.rest = append(ao.rest, andOrStep{and: op == "&&", p: next})
	}
}

func (p *parser) pipeline() (pipeline, error) {
	var pl pipeline
	for {
		c, err := p.command()
		if err != nil {
			return pipeline{}, err
		}
		pl.cmds = append(pl.cmds, c)
		if p.peekOp() != "|" {
			return pl, nil
		}
		p.i++
		for p.peekOp() == "\n" {
			p.i++
		}
	}
}

func (p *parser) command() (command, error) {
	var c command
	switch op := p.peekOp(); op {
	case "(":
		return p.subshell()
	case "":
		if p.atEnd() {
			return c, p.unexpected("", "")
		}
	default:
		return c, p.unexpected(op, "")
	}
	for !p.atEnd() && p.peekOp() == "" {
		w, r, err := p.wordOrRedir()
		if err != nil {
			return c, err
		}
		if r != nil {
			c.redirs = append(c.redirs, *r)
		} else {
			c.words = append(c.words, w)
		}
	}
	if op := p.peekOp(); op == "(" || op == ";;" {
		return c, p.unexpected(op, "")
	}
	return c, nil
}

func (p *parser) subshell() (command, error) {
	if p.depth++; p.depth > maxDepth {
		return command{}, &SyntaxError{Msg: "nesting too deep"}
	}
	defer func() { p.depth-- }()
	p.i++ // "("
	l, err := p.list(")")
	if err != nil {
		return command{}, err
	}
	p.i++ // ")"
	c := command{sub: l}
	for !p.atEnd() && p.peekOp() == "" {
		_, r, err := p.wordOrRedir()
		if err != nil {
			return c, err
		}
		if r == nil {
			return c, &SyntaxError{Msg: "unexpected word"}
		}
		c.redirs = append(c.redirs, *r)
	}
	return c, nil
}
