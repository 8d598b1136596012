package printers

import (
	"errors"
	"fmt"
)

// Comparison errors, as text/template's (client-go's fork) word them.
var (
	errBadComparisonType = errors.New("invalid type for comparison")
	errBadComparison     = errors.New("incompatible types for comparison")
)

func (e *jpEval) evalFilter(in []any, n *jpFilter) ([]any, error) {
	var out []any
	for _, v := range in {
		s, ok := v.([]any)
		if !ok {
			return in, fmt.Errorf("%v is not array or slice and cannot be filtered", v)
		}
		for _, el := range s {
			pass, skip, err := e.filterOne(el, n)
			if err != nil {
				return in, err
			}
			if pass && !skip {
				out = append(out, el)
			}
		}
	}
	return out, nil
}

// filterOne tests one element; skip is set when an operand is missing.
func (e *jpEval) filterOne(el any, n *jpFilter) (pass, skip bool, err error) {
	lefts, err := e.evalList([]any{el}, n.left)
	if n.op == "exists" {
		return len(lefts) > 0, false, nil
	}
	if err != nil {
		return false, false, err
	}
	if len(lefts) == 0 {
		return false, true, nil
	}
	if len(lefts) > 1 {
		return false, false, errors.New("can only compare one element at a time")
	}
	rights, err := e.evalList([]any{el}, n.right)
	if err != nil {
		return false, false, err
	}
	if len(rights) == 0 {
		return false, true, nil
	}
	if len(rights) > 1 {
		return false, false, errors.New("can only compare one element at a time")
	}
	pass, err = compare(n.op, lefts[0], rights[0])
	return pass, false, err
}

func compare(op string, a, b any) (bool, error) {
	switch op {
	case "<":
		return less(a, b)
	case ">":
		le, err := lessEqual(a, b)
		return !le && err == nil, err
	case "==":
		return equal(a, b)
	case "!=":
		eq, err := equal(a, b)
		return !eq && err == nil, err
	case "<=":
		return lessEqual(a, b)
	case ">=":
		lt, err := less(a, b)
		return !lt && err == nil, err
	}
	return false, fmt.Errorf("unrecognized filter operator %s", op)
}

// kindOf is text/template's basicKind over JSON values.
func kindOf(v any) (string, error) {
	switch v.(type) {
	case bool:
		return "bool", nil
	case int64, int, uint8:
		return "int", nil
	case float64:
		return "float", nil
	case string:
		return "string", nil
	}
	return "", errBadComparisonType
}

func asInt(v any) int64 {
	switch v := v.(type) {
	case int64:
		return v
	case int:
		return int64(v)
	case uint8:
		return int64(v)
	}
	return 0
}

func equal(a, b any) (bool, error) {
	ka, err := kindOf(a)
	if err != nil {
		return false, err
	}
	kb, err := kindOf(b)
	if err != nil {
		return false, err
	}
	if ka != kb {
		return false, errBadComparison
	}
	switch ka {
	case "int":
		return asInt(a) == asInt(b), nil
	default:
		return a == b, nil
	}
}

func less(a, b any) (bool, error) {
	ka, err := kindOf(a)
	if err != nil {
		return false, err
	}
	kb, err := kindOf(b)
	if err != nil {
		return false, err
	}
	if ka != kb {
		return false, errBadComparison
	}
	switch ka {
	case "int":
		return asInt(a) < asInt(b), nil
	case "float":
		return a.(float64) < b.(float64), nil
	case "string":
		return a.(string) < b.(string), nil
	}
	return false, errBadComparisonType
}

func lessEqual(a, b any) (bool, error) {
	lt, err := less(a, b)
	if lt || err != nil {
		return lt, err
	}
	return equal(a, b)
}
