package printers

import (
	"errors"
	"fmt"
	"sort"
)

// jpEval runs a parsed template over JSON data (map[string]any, []any,
// string, int64, float64, bool, nil), with client-go's range/end state
// machine so that its quirks carry over: a range over nothing ends the
// template there.
type jpEval struct {
	allowMissingKeys bool
	stack            [][]any
	cur              []any
	beginRange       int
	inRange          int
	endRange         int
}

// findResults evaluates nodes against data; each action yields one list
// of values.
func (e *jpEval) findResults(data any, nodes []jpNode) ([][]any, error) {
	e.cur = []any{data}
	var full [][]any
	for i, n := range nodes {
		results, err := e.walk(e.cur, n)
		if err != nil {
			return nil, err
		}
		if e.endRange > 0 && e.endRange <= e.inRange { // an end inside a range body
			e.endRange--
			break
		}
		if e.beginRange > 0 { // a range: run the rest once per value
			e.beginRange--
			e.inRange++
			for k, v := range results {
				if k == len(results)-1 {
					e.inRange--
				}
				next, err := e.findResults(v, nodes[i+1:])
				if err != nil {
					return nil, err
				}
				full = append(full, next...)
			}
			break
		}
		full = append(full, results)
	}
	return full, nil
}

func (e *jpEval) walk(in []any, n jpNode) ([]any, error) {
	switch n := n.(type) {
	case *jpList:
		return e.evalList(in, n)
	case *jpText:
		return []any{n.text}, nil
	case *jpField:
		return e.evalField(in, n)
	case *jpArray:
		return evalArray(in, n)
	case *jpFilter:
		return e.evalFilter(in, n)
	case *jpInt:
		return repeat(in, any(int64(n.v))), nil
	case *jpFloat:
		return repeat(in, any(n.v)), nil
	case *jpBool:
		return repeat(in, any(n.v)), nil
	case *jpWildcard:
		var out []any
		for _, v := range in {
			out = append(out, children(v)...)
		}
		return out, nil
	case *jpRecursive:
		return evalRecursive(in), nil
	case *jpUnion:
		var out []any
		for _, l := range n.lists {
			r, err := e.evalList(in, l)
			if err != nil {
				return in, err
			}
			out = append(out, r...)
		}
		return out, nil
	case *jpIdent:
		return e.evalIdent(in, n)
	}
	return in, fmt.Errorf("unexpected Node %v", n)
}

func repeat(in []any, v any) []any {
	out := make([]any, len(in))
	for i := range out {
		out[i] = v
	}
	return out
}

func (e *jpEval) evalList(in []any, l *jpList) ([]any, error) {
	cur := in
	for _, n := range l.nodes {
		var err error
		if cur, err = e.walk(cur, n); err != nil {
			return cur, err
		}
	}
	return cur, nil
}

func (e *jpEval) evalIdent(in []any, n *jpIdent) ([]any, error) {
	switch n.name {
	case "range":
		e.stack = append(e.stack, e.cur)
		e.beginRange++
		return in, nil
	case "end":
		if e.endRange < e.inRange { // inside a loop: end this pass
			e.endRange++
			return nil, nil
		}
		if len(e.stack) == 0 {
			return nil, errors.New("not in range, nothing to end")
		}
		e.cur, e.stack = e.stack[len(e.stack)-1], e.stack[:len(e.stack)-1]
		return nil, nil
	}
	return in, fmt.Errorf("unrecognized identifier %v", n.name)
}

// evalField looks a key up in each map. An empty name (the "{.}"
// template) is the value itself.
func (e *jpEval) evalField(in []any, n *jpField) ([]any, error) {
	if len(in) == 0 {
		return nil, nil
	}
	var out []any
	for _, v := range in {
		if v == nil {
			continue
		}
		if n.name == "" {
			out = append(out, v)
			continue
		}
		if m, ok := v.(map[string]any); ok {
			if r, ok := m[n.name]; ok {
				out = append(out, r)
			}
		}
	}
	if len(out) == 0 && !e.allowMissingKeys {
		return out, fmt.Errorf("%s is not found", n.name)
	}
	return out, nil
}

// children are a value's members in wildcard order: map values by sorted
// key (client-go: map order), slice elements, a string's bytes.
func children(v any) []any {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = v[k]
		}
		return out
	case []any:
		return v
	case string:
		out := make([]any, len(v))
		for i := 0; i < len(v); i++ {
			out[i] = uint8(v[i])
		}
		return out
	}
	return nil
}

// evalRecursive returns every value with members, each followed by its
// descendants.
func evalRecursive(in []any) []any {
	var out []any
	for _, v := range in {
		if v == nil {
			continue
		}
		if c := children(v); len(c) > 0 {
			out = append(out, v)
			out = append(out, evalRecursive(c)...)
		}
	}
	return out
}

func evalArray(in []any, n *jpArray) ([]any, error) {
	var out []any
	for _, v := range in {
		if v == nil {
			continue
		}
		s, ok := v.([]any)
		if !ok {
			return in, fmt.Errorf("%T is not array or slice", v)
		}
		p := n.params
		length := len(s)
		if !p[0].known {
			p[0].value = 0
		}
		if p[0].value < 0 {
			p[0].value += length
		}
		if !p[1].known {
			p[1].value = length
		}
		if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
			p[1].value += length
		}
		if p[1].value == p[0].value { // zero elements asked for
			return out, nil
		}
		switch {
		case p[0].value >= length || p[0].value < 0:
			return in, fmt.Errorf("array index out of bounds: index %d, length %d", p[0].value, length)
		case p[1].value > length || p[1].value < 0:
			return in, fmt.Errorf("array index out of bounds: index %d, length %d", p[1].value-1, length)
		case p[0].value > p[1].value:
			return in, fmt.Errorf("starting index %d is greater than ending index %d", p[0].value, p[1].value)
		}
		step := 1
		if p[2].known {
			if p[2].value <= 0 {
				return in, errors.New("step must be > 0")
			}
			step = p[2].value
		}
		for i := p[0].value; i < p[1].value; i += step {
			out = append(out, s[i])
		}
	}
	return out, nil
}
