package printers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// parseArray parses a bracket selector: an index, a slice, "*", a union
// of selectors or a quoted dict key.
func (p *jpParser) parseArray(cur *jpList) error {
	for {
		r := p.next()
		if r == jpEOF || r == '\n' {
			return errors.New("unterminated array")
		}
		if r == ']' {
			break
		}
	}
	text := p.consume()
	text = text[1 : len(text)-1]
	if text == "*" {
		text = ":"
	}
	if parts := strings.Split(text, ","); len(parts) > 1 {
		u := &jpUnion{}
		for _, s := range parts {
			l, err := parseSub("[" + strings.Trim(s, " ") + "]")
			if err != nil {
				return err
			}
			u.lists = append(u.lists, l)
		}
		cur.nodes = append(cur.nodes, u)
		return nil
	}
	if m := dictKeyRe.FindStringSubmatch(text); m != nil {
		l, err := parseSub("." + m[1])
		if err != nil {
			return err
		}
		cur.nodes = append(cur.nodes, l.nodes...)
		return nil
	}
	m := sliceOperatorRe.FindStringSubmatch(text)
	if m == nil {
		return fmt.Errorf("invalid array index %s", text)
	}
	var a jpArray
	for i, v := range m[1:] {
		switch {
		case v == "" && i == 1: // a single index: end is start+1
			a.params[1] = jpParam{value: a.params[0].value + 1, known: true, derived: true}
		case v == "":
		case i > 0 && v == ":":
		default:
			if i > 0 {
				v = v[1:]
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("array index %s is not a number", v)
			}
			a.params[i] = jpParam{value: n, known: true}
		}
	}
	cur.nodes = append(cur.nodes, &a)
	return nil
}

// parseFilter parses "[?(left op right)]" or "[?(expr)]" (exists).
func (p *jpParser) parseFilter(cur *jpList) error {
	p.pos += len("[?(")
	p.consume()
	begin, end := false, false
	var pair rune
loop:
	for {
		r := p.next()
		switch r {
		case jpEOF, '\n':
			return errors.New("unterminated filter")
		case '"', '\'':
			if !begin {
				begin, pair = true, r
				continue
			}
			if p.input[p.pos-2] != '\\' && r == pair {
				end = true
			}
		case ')':
			if begin == end {
				break loop
			}
		}
	}
	if p.next() != ']' {
		return errors.New("unclosed array expect ]")
	}
	text := p.consume()
	text = text[:len(text)-2]
	m := filterRe.FindStringSubmatch(text)
	if m == nil {
		l, err := parseSub(text)
		if err != nil {
			return err
		}
		cur.nodes = append(cur.nodes, &jpFilter{left: l, right: &jpList{}, op: "exists"})
		return nil
	}
	left, err := parseSub(m[1])
	if err != nil {
		return err
	}
	right, err := parseSub(m[3])
	if err != nil {
		return err
	}
	cur.nodes = append(cur.nodes, &jpFilter{left: left, right: right, op: m[2]})
	return nil
}
