package manifest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// emitter writes a generic JSON value as yaml.v2's emitter (libyaml,
// best_indent 2, best_width 80, unicode on) lays out a map from
// sigs.k8s.io/yaml.
type emitter struct {
	buf    []byte
	column int
}

type emitCtx uint8

const (
	ctxTop     emitCtx = iota // document root
	ctxMapVal                 // after "key:"
	ctxSeqItem                // after "- "
)

func (e *emitter) write(s string) {
	e.buf = append(e.buf, s...)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		e.column = utf8.RuneCountInString(s[i+1:])
	} else {
		e.column += utf8.RuneCountInString(s)
	}
}

func (e *emitter) newline(indent int) {
	if len(e.buf) == 0 || e.buf[len(e.buf)-1] != '\n' || e.column != 0 {
		e.buf = append(e.buf, '\n')
	}
	for range indent {
		e.buf = append(e.buf, ' ')
	}
	e.column = indent
}

// node writes v. For ctxMapVal indent is its key's column; for
// ctxSeqItem the column after its "- ".
func (e *emitter) node(v any, indent int, ctx emitCtx) {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			e.inline("{}", ctx)
			break
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, keyCompare)
		child := indent
		if ctx == ctxMapVal {
			child = indent + 2
		}
		for i, k := range keys {
			if i > 0 || ctx == ctxMapVal {
				e.newline(child)
			}
			e.scalar(k, child, true)
			e.write(":")
			e.node(t[k], child, ctxMapVal)
		}
	case []any:
		if len(t) == 0 {
			e.inline("[]", ctx)
			break
		}
		for i, item := range t {
			if i > 0 || ctx == ctxMapVal {
				e.newline(indent) // lists sit at their key's column
			}
			e.write("- ")
			e.node(item, indent+2, ctxSeqItem)
		}
	default:
		cont := indent
		if ctx == ctxMapVal {
			e.write(" ")
			cont = indent + 2
		}
		e.scalarValue(v, cont)
	}
	if ctx == ctxTop && (len(e.buf) == 0 || e.buf[len(e.buf)-1] != '\n') {
		e.write("\n")
	}
}

// inline writes an empty flow collection after a key or dash.
func (e *emitter) inline(s string, ctx emitCtx) {
	if ctx == ctxMapVal {
		e.write(" ")
	}
	e.write(s)
}

func (e *emitter) scalarValue(v any, indent int) {
	switch t := v.(type) {
	case nil:
		e.write("null")
	case bool:
		e.write(strconv.FormatBool(t))
	case json.Number:
		e.write(yamlNumber(t))
	case string:
		e.scalar(t, indent, false)
	}
}

// yamlNumber prints a JSON number as yaml.v2 re-reads and prints it.
func yamlNumber(n json.Number) string {
	if _, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return string(n)
	}
	if _, err := strconv.ParseUint(string(n), 10, 64); err == nil {
		return string(n)
	}
	f, _ := n.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// keyCompare is yaml.v2's key order: letters compare as runes, any
// non-letter sorts before a letter, and digit runs compare as numbers.
func keyCompare(a, b string) int {
	if keyLess(a, b) {
		return -1
	}
	if keyLess(b, a) {
		return 1
	}
	return 0
}

func keyLess(a, b string) bool {
	ar, br := []rune(a), []rune(b)
	for i := 0; i < len(ar) && i < len(br); i++ {
		if ar[i] == br[i] {
			continue
		}
		al, bl := unicode.IsLetter(ar[i]), unicode.IsLetter(br[i])
		if al && bl {
			return ar[i] < br[i]
		}
		if al || bl {
			return bl
		}
		var ai, bi int
		var an, bn int64
		if ar[i] == '0' || br[i] == '0' {
			for j := i - 1; j >= 0 && unicode.IsDigit(ar[j]); j-- {
				if ar[j] != '0' {
					an, bn = 1, 1
					break
				}
			}
		}
		for ai = i; ai < len(ar) && unicode.IsDigit(ar[ai]); ai++ {
			an = an*10 + int64(ar[ai]-'0')
		}
		for bi = i; bi < len(br) && unicode.IsDigit(br[bi]); bi++ {
			bn = bn*10 + int64(br[bi]-'0')
		}
		if an != bn {
			return an < bn
		}
		if ai != bi {
			return ai < bi
		}
		return ar[i] < br[i]
	}
	return len(ar) < len(br)
}
