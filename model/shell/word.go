package shell

import "strings"

// isMeta reports a character that ends an unquoted word.
func isMeta(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '|', '&', ';', '<', '>', '(', ')':
		return true
	}
	return false
}

// wordOrRedir reads one word, or a redirection (an optional fd digit, the
// operator and its target word).
func (p *parser) wordOrRedir() (word, *redir, error) {
	if r, ok, err := p.redirection(); ok || err != nil {
		return word{}, r, err
	}
	w, err := p.word()
	return w, nil, err
}

func (p *parser) redirection() (*redir, bool, error) {
	j := p.i
	fd := -1
	if j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' && j+1 < len(p.s) && (p.s[j+1] == '<' || p.s[j+1] == '>') {
		fd = int(p.s[j] - '0')
		j++
	}
	if j >= len(p.s) || (p.s[j] != '<' && p.s[j] != '>') {
		return nil, false, nil
	}
	r := &redir{op: p.s[j : j+1]}
	j++
	if j < len(p.s) && (p.s[j] == '>' || p.s[j] == '&') && r.op == ">" {
		r.op += p.s[j : j+1]
		j++
	} else if j < len(p.s) && p.s[j] == '&' && r.op == "<" {
		j++ // "<&" duplicates input; treated as "<"
	}
	if fd < 0 {
		fd = 1
		if r.op == "<" {
			fd = 0
		}
	}
	r.fd = fd
	p.i = j
	p.skipBlanks()
	if p.atEnd() {
		return nil, true, p.unexpected("", "")
	}
	if op := p.peekOp(); op != "" {
		return nil, true, p.unexpected(op, "")
	}
	if p.s[p.i] == '<' || p.s[p.i] == '>' {
		return nil, true, &SyntaxError{Msg: `unexpected redirection`}
	}
	w, err := p.word()
	r.target = w
	return r, true, err
}

// word reads an unquoted-metacharacter-terminated word.
func (p *parser) word() (word, error) {
	var w word
	var lit strings.Builder
	flush := func(quoted bool) {
		if lit.Len() > 0 {
			w.parts = append(w.parts, part{kind: litPart, text: lit.String(), quoted: quoted})
			lit.Reset()
		}
	}
	for p.i < len(p.s) && !isMeta(p.s[p.i]) {
		c := p.s[p.i]
		switch c {
		case '\'':
			flush(false)
			end := strings.IndexByte(p.s[p.i+1:], '\'')
			if end < 0 {
				return w, &SyntaxError{Msg: "unterminated quoted string"}
			}
			w.parts = append(w.parts, part{kind: litPart, text: p.s[p.i+1 : p.i+1+end], quoted: true})
			p.i += end + 2
		case '"':
			flush(false)
			if err := p.doubleQuoted(&w); err != nil {
				return w, err
			}
		case '\\':
			flush(false)
			if p.i+1 >= len(p.s) {
				lit.WriteByte('\\')
				p.i++
				continue
			}
			if p.s[p.i+1] != '\n' {
				w.parts = append(w.parts, part{kind: litPart, text: p.s[p.i+1 : p.i+2], quoted: true})
			}
			p.i += 2
		case '$', '`':
			flush(false)
			pt, err := p.dollar(false)
			if err != nil {
				return w, err
			}
			w.parts = append(w.parts, pt)
		default:
			lit.WriteByte(c)
			p.i++
		}
	}
	flush(false)
	return w, nil
}

// doubleQuoted reads "..." into w: backslash escapes only $ ` " \ and
// newline; $ and ` expand without field splitting.
func (p *parser) doubleQuoted(w *word) error {
	p.i++ // opening quote
	var lit strings.Builder
	flush := func() {
		w.parts = append(w.parts, part{kind: litPart, text: lit.String(), quoted: true})
		lit.Reset()
	}
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			flush()
			return nil
		case c == '\\' && p.i+1 < len(p.s) && strings.IndexByte("$`\"\\\n", p.s[p.i+1]) >= 0:
			if p.s[p.i+1] != '\n' {
				lit.WriteByte(p.s[p.i+1])
			}
			p.i += 2
		case c == '$' || c == '`':
			flush()
			pt, err := p.dollar(true)
			if err != nil {
				return err
			}
			w.parts = append(w.parts, pt)
		default:
			lit.WriteByte(c)
			p.i++
		}
	}
	return &SyntaxError{Msg: "unterminated quoted string"}
}

// dollar reads $(...), `...`, ${NAME}, $NAME or a special parameter at
// the cursor; a lone "$" is literal.
func (p *parser) dollar(quoted bool) (part, error) {
	if p.s[p.i] == '`' {
		return p.backquote(quoted)
	}
	rest := p.s[p.i+1:]
	switch {
	case strings.HasPrefix(rest, "(("):
		return part{}, &SyntaxError{Msg: "$((...)) arithmetic is not simulated by svcsim"}
	case strings.HasPrefix(rest, "("):
		return p.substitution(quoted)
	case strings.HasPrefix(rest, "{"):
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return part{}, &SyntaxError{Msg: "missing '}'"}
		}
		name := rest[1:end]
		if !validName(name) {
			return part{}, &SyntaxError{Msg: "bad substitution"}
		}
		p.i += end + 2
		return part{kind: varPart, text: name, quoted: quoted}, nil
	case rest != "" && strings.IndexByte("?#$!@*-0123456789", rest[0]) >= 0:
		p.i += 2
		return part{kind: varPart, text: rest[:1], quoted: quoted}, nil
	}
	n := 0
	for n < len(rest) && (rest[n] == '_' || isAlnum(rest[n])) {
		n++
	}
	if n == 0 || (rest[0] >= '0' && rest[0] <= '9') {
		p.i++
		return part{kind: litPart, text: "$", quoted: quoted}, nil
	}
	p.i += 1 + n
	return part{kind: varPart, text: rest[:n], quoted: quoted}, nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	if len(s) == 1 && strings.IndexByte("?#$!@*-0123456789", s[0]) >= 0 {
		return true
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] == '_' || isAlnum(s[i])) || (i == 0 && s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) substitution(quoted bool) (part, error) {
	if p.depth++; p.depth > maxDepth {
		return part{}, &SyntaxError{Msg: "nesting too deep"}
	}
	defer func() { p.depth-- }()
	p.i += 2 // "$("
	l, err := p.list(")")
	if err != nil {
		return part{}, err
	}
	p.i++ // ")"
	return part{kind: subPart, sub: l, quoted: quoted}, nil
}

// backquote reads `...`: backslash escapes only $ ` and \ inside; the
// text between is parsed as a script of its own.
func (p *parser) backquote(quoted bool) (part, error) {
	var inner strings.Builder
	j := p.i + 1
	for ; j < len(p.s) && p.s[j] != '`'; j++ {
		if p.s[j] == '\\' && j+1 < len(p.s) && strings.IndexByte("$`\\", p.s[j+1]) >= 0 {
			j++
		}
		inner.WriteByte(p.s[j])
	}
	if j >= len(p.s) {
		return part{}, &SyntaxError{Msg: "EOF in backquote substitution"}
	}
	p.i = j + 1
	if p.depth+1 > maxDepth {
		return part{}, &SyntaxError{Msg: "nesting too deep"}
	}
	sp := &parser{s: inner.String(), depth: p.depth + 1}
	l, err := sp.list("")
	if err != nil {
		return part{}, err
	}
	if sp.i < len(sp.s) {
		return part{}, &SyntaxError{Msg: `unexpected ")"`}
	}
	return part{kind: subPart, sub: l, quoted: quoted}, nil
}
