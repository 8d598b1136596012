package manifest

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// vkind is the JSON type of a value.
type vkind uint8

const (
	vNull vkind = iota
	vBool
	vNumber
	vString
	vArray
	vObject
)

// name is how encoding/json's type errors call a value: "string",
// "number", "bool", "array", "object".
func (k vkind) name() string {
	return [...]string{"null", "bool", "number", "string", "array", "object"}[k]
}

// value is a document after kubectl's YAML-to-JSON conversion: the JSON
// the API server receives, with each node's source position kept.
type value struct {
	kind   vkind
	str    string // string value, or a number's JSON text ("80", "1.5", "1e+21")
	b      bool
	items  []*value
	fields []field        // object members, sorted by name as kubectl's JSON is
	index  map[string]int // name → fields index, only while the object is built
	line   int
	col    int
}

// field is one object member and where its key was written.
type field struct {
	name string
	line int
	col  int
	val  *value
}

// get returns an object member, nil when absent.
func (v *value) get(name string) *value {
	if v == nil || v.kind != vObject {
		return nil
	}
	for i := range v.fields {
		if v.fields[i].name == name {
			return v.fields[i].val
		}
	}
	return nil
}

// converter turns yaml.Nodes into values the way sigs.k8s.io/yaml's
// YAMLToJSON does on top of yaml.v2: YAML 1.1 scalars (yes/no/on/off are
// booleans, 0777 is octal), merge keys, aliases expanded, map keys made
// strings, duplicate keys resolved to the last one.
type converter struct {
	lineOffset int
	budget     int // values left before "excessive aliasing"
	active     map[*yaml.Node]bool
}

// errConvert is a failure of the YAML-to-JSON step; its text follows
// "error converting YAML to JSON: ".
type errConvert struct {
	msg  string
	line int
}

func (e *errConvert) Error() string { return e.msg }

func (c *converter) fail(n *yaml.Node, format string, args ...any) error {
	return &errConvert{msg: fmt.Sprintf(format, args...), line: n.Line + c.lineOffset}
}

func (c *converter) convert(n *yaml.Node) (*value, error) {
	c.budget--
	if c.budget < 0 {
		return nil, c.fail(n, "yaml: document contains excessive aliasing")
	}
	line, col := n.Line+c.lineOffset, n.Column
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &value{kind: vNull, line: line, col: col}, nil
		}
		return c.convert(n.Content[0])
	case yaml.AliasNode:
		if n.Alias == nil || c.active[n.Alias] {
			return nil, c.fail(n, "yaml: anchor '%s' value contains itself", n.Value)
		}
		c.active[n.Alias] = true
		v, err := c.convert(n.Alias)
		delete(c.active, n.Alias)
		return v, err
	case yaml.SequenceNode:
		v := &value{kind: vArray, line: line, col: col, items: make([]*value, 0, len(n.Content))}
		for _, item := range n.Content {
			iv, err := c.convert(item)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, iv)
		}
		return v, nil
	case yaml.MappingNode:
		v := &value{kind: vObject, line: line, col: col}
		if err := c.mapping(n, v); err != nil {
			return nil, err
		}
		slices.SortStableFunc(v.fields, func(a, b field) int { return strings.Compare(a.name, b.name) })
		return v, nil
	case yaml.ScalarNode:
		return c.scalar(n, line, col)
	}
	return nil, c.fail(n, "yaml: unknown node kind %d", n.Kind)
}

// mapping fills v with n's members in order; a later key, or a merge
// that comes later, replaces an earlier one, as in a Go map.
func (c *converter) mapping(n *yaml.Node, v *value) error {
	v.index = map[string]int{}
	defer func() { v.index = nil }()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 {
			if err := c.merge(val, v); err != nil {
				return err
			}
			continue
		}
		name, err := c.key(k)
		if err != nil {
			return err
		}
		fv, err := c.convert(val)
		if err != nil {
			return err
		}
		v.set(field{name: name, line: k.Line + c.lineOffset, col: k.Column, val: fv})
	}
	return nil
}

func (v *value) set(f field) {
	if i, ok := v.index[f.name]; ok {
		v.fields[i] = f
		return
	}
	v.index[f.name] = len(v.fields)
	v.fields = append(v.fields, f)
}

// merge applies a "<<" merge key: a mapping, an alias of one, or a list
// of them (earlier ones win, as yaml.v2 merges the list in reverse).
func (c *converter) merge(n *yaml.Node, into *value) error {
	switch {
	case n.Kind == yaml.AliasNode && n.Alias != nil && n.Alias.Kind == yaml.MappingNode, n.Kind == yaml.MappingNode:
		mv, err := c.convert(n)
		if err != nil {
			return err
		}
		for _, f := range mv.fields {
			into.set(f)
		}
		return nil
	case n.Kind == yaml.SequenceNode:
		for i := len(n.Content) - 1; i >= 0; i-- {
			item := n.Content[i]
			if item.Kind == yaml.MappingNode || (item.Kind == yaml.AliasNode && item.Alias != nil && item.Alias.Kind == yaml.MappingNode) {
				if err := c.merge(item, into); err != nil {
					return err
				}
				continue
			}
			return c.fail(item, "yaml: map merge requires map or sequence of maps as the value")
		}
		return nil
	}
	return c.fail(n, "yaml: map merge requires map or sequence of maps as the value")
}

// key converts a map key to the JSON member name sigs.k8s.io/yaml gives it.
func (c *converter) key(k *yaml.Node) (string, error) {
	for k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		return "", c.fail(k, "yaml: invalid map key: %s", kindWord(k))
	}
	v, err := c.scalar(k, 0, 0)
	if err != nil {
		return "", err
	}
	switch v.kind {
	case vString:
		return v.str, nil
	case vBool:
		return strconv.FormatBool(v.b), nil
	case vNumber:
		if isIntText(v.str) {
			return v.str, nil
		}
		f, _ := strconv.ParseFloat(v.str, 64)
		return strconv.FormatFloat(f, 'g', -1, 32), nil
	}
	return "", c.fail(k, "unsupported map key of type: <nil>, key: <nil>")
}

func kindWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "map"
	case yaml.SequenceNode:
		return "sequence"
	}
	return "node"
}

var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// scalar resolves a scalar as yaml.v2 does for an interface{} target,
// then renders it as encoding/json would.
func (c *converter) scalar(n *yaml.Node, line, col int) (*value, error) {
	s := n.Value
	str := &value{kind: vString, str: s, line: line, col: col}
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return str, nil
	}
	if n.Style&yaml.TaggedStyle != 0 {
		switch n.ShortTag() {
		case "!!str", "!!binary", "!!timestamp":
			return str, nil
		}
	}
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		return &value{kind: vBool, b: true, line: line, col: col}, nil
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		return &value{kind: vBool, b: false, line: line, col: col}, nil
	case "", "~", "null", "Null", "NULL":
		return &value{kind: vNull, line: line, col: col}, nil
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		f := math.Inf(1)
		if strings.HasPrefix(s, "-") {
			f = math.Inf(-1)
		} else if strings.Contains(strings.ToLower(s), "nan") {
			f = math.NaN()
		}
		return nil, c.fail(n, "json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	if s[0] == '.' {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return floatValue(f, line, col), nil
		}
		return str, nil
	}
	if !strings.ContainsRune("+-0123456789", rune(s[0])) {
		return str, nil
	}
	plain := strings.ReplaceAll(s, "_", "")
	if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return &value{kind: vNumber, str: strconv.FormatInt(i, 10), line: line, col: col}, nil
	}
	if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return &value{kind: vNumber, str: strconv.FormatUint(u, 10), line: line, col: col}, nil
	}
	if yamlStyleFloat.MatchString(plain) {
		if f, err := strconv.ParseFloat(plain, 64); err == nil {
			return floatValue(f, line, col), nil
		}
	}
	for _, p := range []string{"0b", "-0b"} {
		if strings.HasPrefix(plain, p) {
			if i, err := strconv.ParseInt(plain[len(p):], 2, 64); err == nil {
				if p == "-0b" {
					i = -i
				}
				return &value{kind: vNumber, str: strconv.FormatInt(i, 10), line: line, col: col}, nil
			}
		}
	}
	return str, nil
}

// floatValue renders a float as encoding/json does ("8" for 8.0).
func floatValue(f float64, line, col int) *value {
	b, err := json.Marshal(f)
	if err != nil { // NaN and infinities never reach here
		panic(err)
	}
	return &value{kind: vNumber, str: string(b), line: line, col: col}
}

func isIntText(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	if err == nil {
		return true
	}
	_, err = strconv.ParseUint(s, 10, 64)
	return err == nil
}

// generic returns the value as the Go value encoding/json would build
// for an interface{} (integers kept as int64, as the API server's
// decoder keeps them).
func (v *value) generic() any {
	switch v.kind {
	case vBool:
		return v.b
	case vString:
		return v.str
	case vNumber:
		if i, err := strconv.ParseInt(v.str, 10, 64); err == nil {
			return i
		}
		f, _ := strconv.ParseFloat(v.str, 64)
		return f
	case vArray:
		out := make([]any, len(v.items))
		for i, it := range v.items {
			out[i] = it.generic()
		}
		return out
	case vObject:
		out := make(map[string]any, len(v.fields))
		for _, f := range v.fields {
			out[f.name] = f.val.generic()
		}
		return out
	}
	return nil
}
