package printers

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The JSONPath dialect is client-go's util/jsonpath: text with actions in
// braces; the parser below follows its grammar and its error messages.

// jpNode is one node of a parsed template.
type jpNode interface{ isNode() }

type (
	jpList      struct{ nodes []jpNode } // an action, or a sub-expression
	jpText      struct{ text string }
	jpField     struct{ name string }
	jpWildcard  struct{}
	jpRecursive struct{}
	jpIdent     struct{ name string } // range, end
	jpInt       struct{ v int }
	jpFloat     struct{ v float64 }
	jpBool      struct{ v bool }
	jpArray     struct{ params [3]jpParam }
	jpUnion     struct{ lists []*jpList }
	jpFilter    struct {
		left, right *jpList
		op          string
	}
)

// jpParam is one of an array selector's start, end and step.
type jpParam struct {
	value   int
	known   bool
	derived bool // end computed as start+1 for a single index
}

func (*jpList) isNode()      {}
func (*jpText) isNode()      {}
func (*jpField) isNode()     {}
func (*jpWildcard) isNode()  {}
func (*jpRecursive) isNode() {}
func (*jpIdent) isNode()     {}
func (*jpInt) isNode()       {}
func (*jpFloat) isNode()     {}
func (*jpBool) isNode()      {}
func (*jpArray) isNode()     {}
func (*jpUnion) isNode()     {}
func (*jpFilter) isNode()    {}

var (
	errJPSyntax     = errors.New("invalid syntax")
	dictKeyRe       = regexp.MustCompile(`^'([^']*)'$`)
	sliceOperatorRe = regexp.MustCompile(`^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`)
	filterRe        = regexp.MustCompile(`^([^!<>=]+)([!<>=]+)(.+?)$`)
)

const jpEOF = -1

type jpParser struct {
	input string
	pos   int // next byte to read
	start int // start of the text being scanned
	width int // width of the last rune read
}

// parseJSONPath parses a template into its top-level nodes: texts and
// actions.
func parseJSONPath(text string) (*jpList, error) {
	p := &jpParser{input: text}
	root := &jpList{}
	for {
		i := strings.IndexByte(p.input[p.pos:], '{')
		if i < 0 {
			if p.pos < len(p.input) {
				root.nodes = append(root.nodes, &jpText{p.input[p.pos:]})
			}
			return root, nil
		}
		if i > 0 {
			root.nodes = append(root.nodes, &jpText{p.input[p.pos : p.pos+i]})
		}
		p.pos += i + 1
		p.start = p.pos
		action := &jpList{}
		root.nodes = append(root.nodes, action)
		if err := p.parseAction(action); err != nil {
			return nil, err
		}
	}
}

// parseSub parses text as the inside of one action (client-go's
// parseAction), for union members, dict keys and filter operands.
func parseSub(text string) (*jpList, error) {
	root, err := parseJSONPath("{" + text + "}")
	if err != nil {
		return nil, err
	}
	return root.nodes[0].(*jpList), nil
}

func (p *jpParser) next() rune {
	if p.pos >= len(p.input) {
		p.width = 0
		return jpEOF
	}
	r, w := utf8.DecodeRuneInString(p.input[p.pos:])
	p.width = w
	p.pos += w
	return r
}

func (p *jpParser) peek() rune {
	r := p.next()
	p.backup()
	return r
}

func (p *jpParser) backup() { p.pos -= p.width }

func (p *jpParser) consume() string {
	s := p.input[p.start:p.pos]
	p.start = p.pos
	return s
}

// parseAction parses the inside of an action up to and including its
// closing brace.
func (p *jpParser) parseAction(cur *jpList) error {
	for {
		rest := p.input[p.pos:]
		var err error
		switch {
		case strings.HasPrefix(rest, "}"):
			p.pos++
			p.start = p.pos
			return nil
		case strings.HasPrefix(rest, "[?("):
			err = p.parseFilter(cur)
		case strings.HasPrefix(rest, ".."):
			err = p.parseRecursive(cur)
		default:
			err = p.parseToken(cur)
		}
		if err != nil {
			return err
		}
	}
}

// parseToken parses one token of an action.
func (p *jpParser) parseToken(cur *jpList) error {
	switch r := p.next(); {
	case r == jpEOF || r == '\r' || r == '\n':
		return errors.New("unclosed action")
	case r == ' ', r == '@', r == '$': // spaces and the current object are no-ops
		p.consume()
	case r == '[':
		return p.parseArray(cur)
	case r == '"' || r == '\'':
		return p.parseQuote(cur, r)
	case r == '.':
		return p.parseField(cur)
	case r == '+' || r == '-' || unicode.IsDigit(r):
		p.backup()
		return p.parseNumber(cur)
	case isJPAlphaNumeric(r):
		p.backup()
		return p.parseIdentifier(cur)
	default:
		return fmt.Errorf("unrecognized character in action: %#U", r)
	}
	return nil
}

func (p *jpParser) parseIdentifier(cur *jpList) error {
	for !isJPTerminator(p.next()) {
	}
	p.backup()
	switch v := p.consume(); v {
	case "true", "false":
		cur.nodes = append(cur.nodes, &jpBool{v == "true"})
	default:
		cur.nodes = append(cur.nodes, &jpIdent{v})
	}
	return nil
}

func (p *jpParser) parseRecursive(cur *jpList) error {
	if n := len(cur.nodes); n > 0 {
		if _, ok := cur.nodes[n-1].(*jpRecursive); ok {
			return errors.New("invalid multiple recursive descent")
		}
	}
	p.pos += len("..")
	p.consume()
	cur.nodes = append(cur.nodes, &jpRecursive{})
	if isJPAlphaNumeric(p.peek()) {
		return p.parseField(cur)
	}
	return nil
}

func (p *jpParser) parseNumber(cur *jpList) error {
	if r := p.peek(); r == '+' || r == '-' {
		p.next()
	}
	for {
		if r := p.next(); r != '.' && !unicode.IsDigit(r) {
			p.backup()
			break
		}
	}
	v := p.consume()
	if i, err := strconv.Atoi(v); err == nil {
		cur.nodes = append(cur.nodes, &jpInt{i})
		return nil
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		cur.nodes = append(cur.nodes, &jpFloat{f})
		return nil
	}
	return fmt.Errorf("cannot parse number %s", v)
}

func (p *jpParser) parseField(cur *jpList) error {
	p.consume() // the dot
	for p.advance() {
	}
	v := p.consume()
	if v == "*" {
		cur.nodes = append(cur.nodes, &jpWildcard{})
	} else {
		cur.nodes = append(cur.nodes, &jpField{strings.ReplaceAll(v, `\`, "")})
	}
	return nil
}

// advance reads one rune of a field name, skipping escaped terminators;
// false at a terminator.
func (p *jpParser) advance() bool {
	r := p.next()
	if r == '\\' {
		p.next()
	} else if isJPTerminator(r) {
		p.backup()
		return false
	}
	return true
}

func (p *jpParser) parseQuote(cur *jpList, end rune) error {
loop:
	for {
		switch p.next() {
		case jpEOF, '\n':
			return errors.New("unterminated quoted string")
		case '\\':
			if r := p.next(); r == jpEOF || r == '\n' {
				break loop
			}
		case end:
			break loop
		}
	}
	v := p.consume()
	s, err := unquoteExtend(v)
	if err != nil {
		return fmt.Errorf("unquote string %s error %v", v, err)
	}
	cur.nodes = append(cur.nodes, &jpText{s})
	return nil
}

// unquoteExtend is strconv.Unquote that also takes single-quoted strings.
func unquoteExtend(s string) (string, error) {
	n := len(s)
	if n < 2 || s[0] != s[n-1] || (s[0] != '"' && s[0] != '\'') {
		return "", errJPSyntax
	}
	quote := s[0]
	s = s[1 : n-1]
	if !strings.ContainsRune(s, '\\') && !strings.ContainsRune(s, rune(quote)) {
		return s, nil
	}
	var b []byte
	for len(s) > 0 {
		c, multibyte, rest, err := strconv.UnquoteChar(s, quote)
		if err != nil {
			return "", err
		}
		s = rest
		if c < utf8.RuneSelf || !multibyte {
			b = append(b, byte(c))
		} else {
			b = utf8.AppendRune(b, c)
		}
	}
	return string(b), nil
}

func isJPTerminator(r rune) bool {
	switch r {
	case jpEOF, ' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}':
		return true
	}
	return false
}

func isJPAlphaNumeric(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
