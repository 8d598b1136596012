package manifest

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"
)

// bestWidth is libyaml's default line width, where yaml.v2 folds long
// scalars at a space.
const bestWidth = 80

// scalar writes a string as yaml.v2 does: plain when YAML 1.1 reads it
// back as the same string and libyaml allows it, else single quotes,
// else double quotes; multi-line strings as literal blocks. indent is the
// column continuation lines start at. A key never folds.
func (e *emitter) scalar(s string, indent int, key bool) {
	a := analyze(s)
	style := 'p'
	switch {
	case strings.Contains(s, "\n") && !key:
		style = '|'
	case !resolvesToString(s):
		style = '"'
	}
	if style == 'p' && (!a.blockPlain || (key && a.multiline)) {
		style = '\''
	}
	if style == '\'' && !a.singleQuoted {
		style = '"'
	}
	if style == '|' && (!a.blockAllowed || key) {
		style = '"'
	}
	switch style {
	case 'p':
		e.writePlain(s, indent, !key)
	case '\'':
		e.writeSingle(s, indent, !key)
	case '"':
		e.writeDouble(s, indent, !key)
	case '|':
		e.writeLiteral(s, indent)
	}
}

// analysis is libyaml's yaml_emitter_analyze_scalar verdict.
type analysis struct {
	multiline, blockPlain, singleQuoted, blockAllowed bool
}

func isBreak(r rune) bool { return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029 }

func isBlankz(r rune) bool { return r == ' ' || r == '\t' || r == 0 || isBreak(r) }

func isPrintable(r rune) bool {
	return r == 0x0A || (r >= 0x20 && r <= 0x7E) || r == 0x85 || (r >= 0xA0 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF) || (r >= 0x10000 && r <= 0x10FFFF)
}

func analyze(s string) analysis {
	rs := []rune(s)
	var flowInd, blockInd, lineBreaks, special bool
	var leadSpace, leadBreak, trailSpace, trailBreak, breakSpace, spaceBreak bool
	var prevSpace, prevBreak bool
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		flowInd, blockInd = true, true
	}
	preceded := true
	for i, r := range rs {
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		followed := isBlankz(next)
		if i == 0 {
			switch {
			case strings.ContainsRune("#,[]{}&*!|>'\"%@`", r):
				flowInd, blockInd = true, true
			case r == '?' || r == ':':
				flowInd = true
				blockInd = blockInd || followed
			case r == '-' && followed:
				flowInd, blockInd = true, true
			}
		} else {
			switch {
			case strings.ContainsRune(",?[]{}", r):
				flowInd = true
			case r == ':':
				flowInd = true
				blockInd = blockInd || followed
			case r == '#' && preceded:
				flowInd, blockInd = true, true
			}
		}
		if !isPrintable(r) || r == 0xFEFF {
			special = true
		}
		if isBreak(r) {
			lineBreaks = true
		}
		first, last := i == 0, i == len(rs)-1
		switch {
		case r == ' ':
			leadSpace = leadSpace || first
			trailSpace = trailSpace || last
			breakSpace = breakSpace || prevBreak
			prevSpace, prevBreak = true, false
		case isBreak(r):
			leadBreak = leadBreak || first
			trailBreak = trailBreak || last
			spaceBreak = spaceBreak || prevSpace
			prevSpace, prevBreak = false, true
		default:
			prevSpace, prevBreak = false, false
		}
		preceded = isBlankz(r)
	}
	a := analysis{multiline: lineBreaks, blockPlain: true, singleQuoted: true, blockAllowed: true}
	if leadSpace || leadBreak || trailSpace || trailBreak {
		a.blockPlain = false
	}
	if trailSpace {
		a.blockAllowed = false
	}
	if breakSpace {
		a.blockPlain, a.singleQuoted = false, false
	}
	if spaceBreak || special {
		a.blockPlain, a.singleQuoted, a.blockAllowed = false, false, false
	}
	if lineBreaks || blockInd {
		a.blockPlain = false
	}
	_ = flowInd
	return a
}

func (e *emitter) writePlain(s string, indent int, breaks bool) {
	rs := []rune(s)
	spaces := false
	start := len(e.buf)
	for i, r := range rs {
		if r == ' ' {
			if breaks && !spaces && e.col(start) > bestWidth && i+1 < len(rs) && rs[i+1] != ' ' {
				e.flush(start)
				e.newline(indent)
				start = len(e.buf)
				spaces = true
				continue
			}
			spaces = true
		} else {
			spaces = false
		}
		e.buf = utf8.AppendRune(e.buf, r)
	}
	e.flush(start)
}

func (e *emitter) writeSingle(s string, indent int, breaks bool) {
	rs := []rune(s)
	e.write("'")
	start := len(e.buf)
	spaces := false
	for i, r := range rs {
		if r == ' ' {
			if breaks && !spaces && e.col(start) > bestWidth && i != 0 && i != len(rs)-1 && rs[i+1] != ' ' {
				e.flush(start)
				e.newline(indent)
				start = len(e.buf)
				spaces = true
				continue
			}
			spaces = true
		} else {
			spaces = false
		}
		if r == '\'' {
			e.buf = append(e.buf, '\'')
		}
		e.buf = utf8.AppendRune(e.buf, r)
	}
	e.flush(start)
	e.write("'")
}

func (e *emitter) writeDouble(s string, indent int, breaks bool) {
	rs := []rune(s)
	e.write("\"")
	start := len(e.buf)
	spaces := false
	for i, r := range rs {
		switch {
		case !isPrintable(r) || r == 0xFEFF || isBreak(r) || r == '"' || r == '\\':
			e.buf = append(e.buf, escape(r)...)
			spaces = false
		case r == ' ':
			if breaks && !spaces && e.col(start) > bestWidth && i != 0 && i != len(rs)-1 {
				e.flush(start)
				e.newline(indent)
				if i+1 < len(rs) && rs[i+1] == ' ' {
					e.buf = append(e.buf, '\\')
				}
				start = len(e.buf)
				spaces = true
				continue
			}
			e.buf = append(e.buf, ' ')
			spaces = true
		default:
			e.buf = utf8.AppendRune(e.buf, r)
			spaces = false
		}
	}
	e.flush(start)
	e.write("\"")
}

func escape(r rune) string {
	switch r {
	case 0:
		return `\0`
	case 7:
		return `\a`
	case 8:
		return `\b`
	case 9:
		return `\t`
	case 0xA:
		return `\n`
	case 0xB:
		return `\v`
	case 0xC:
		return `\f`
	case 0xD:
		return `\r`
	case 0x1B:
		return `\e`
	case '"':
		return `\"`
	case '\\':
		return `\\`
	case 0x85:
		return `\N`
	case 0xA0:
		return `\_`
	case 0x2028:
		return `\L`
	case 0x2029:
		return `\P`
	}
	switch {
	case r <= 0xFF:
		return fmt.Sprintf(`\x%02X`, r)
	case r <= 0xFFFF:
		return fmt.Sprintf(`\u%04X`, r)
	}
	return fmt.Sprintf(`\U%08X`, r)
}

// writeLiteral writes a "|" block: "|-" without a final newline, "|+"
// with several, "|2" when the text starts with a space.
func (e *emitter) writeLiteral(s string, indent int) {
	hint := ""
	if s[0] == ' ' || s[0] == '\n' {
		hint = "2"
	}
	switch {
	case !strings.HasSuffix(s, "\n"):
		hint += "-"
	case len(s) == 1 || strings.HasSuffix(s, "\n\n"):
		hint += "+"
	}
	e.write("|" + hint)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if i == len(lines)-1 && l == "" {
			break
		}
		e.buf = append(e.buf, '\n')
		e.column = 0
		if l != "" {
			e.newline(indent)
			e.write(l)
		}
	}
	if strings.HasSuffix(s, "\n") {
		e.buf = append(e.buf, '\n')
		e.column = 0
	}
}

// col is the current column while runes are appended after start.
func (e *emitter) col(start int) int { return e.column + utf8.RuneCount(e.buf[start:]) }

// flush accounts for the runes appended after start.
func (e *emitter) flush(start int) { e.column += utf8.RuneCount(e.buf[start:]) }

var base60Float = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)

// resolvesToString reports whether yaml.v2 reads the plain scalar s back
// as the string s (so it may be written unquoted).
func resolvesToString(s string) bool {
	if strings.Contains(s, ":") && base60Float.MatchString(s) {
		return false
	}
	if s == "<<" {
		return false
	}
	c := converter{budget: 1}
	v, err := c.scalar(&yaml.Node{Kind: yaml.ScalarNode, Value: s}, 0, 0)
	if err != nil || v.kind != vString {
		return false
	}
	return !isTimestamp(s)
}

// isTimestamp is yaml.v2's timestamp resolution for plain scalars.
func isTimestamp(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := parseTime(layout, s); err == nil {
			return true
		}
	}
	return false
}

func parseTime(layout, s string) (time.Time, error) { return time.Parse(layout, s) }
