package api

import (
	"fmt"
	"slices"
	"strings"
)

// Selector is a parsed label selector: every requirement must hold.
// The zero Selector (no requirements) matches everything.
type Selector struct {
	Reqs []Requirement
}

// Requirement is one clause of a selector.
type Requirement struct {
	Key    string
	Op     string // "=", "!=", "in", "notin", "exists", "!"
	Values []string
}

// Matches reports whether labels satisfy every requirement.
func (s Selector) Matches(labels map[string]string) bool {
	for _, r := range s.Reqs {
		if !r.Matches(labels) {
			return false
		}
	}
	return true
}

// Empty reports whether the selector has no requirements.
func (s Selector) Empty() bool { return len(s.Reqs) == 0 }

// Matches reports whether labels satisfy the requirement.
func (r Requirement) Matches(labels map[string]string) bool {
	v, has := labels[r.Key]
	switch r.Op {
	case "=":
		return has && v == r.Values[0]
	case "!=":
		return !has || v != r.Values[0]
	case "in":
		return has && slices.Contains(r.Values, v)
	case "notin":
		return !has || !slices.Contains(r.Values, v)
	case "exists":
		return has
	case "!":
		return !has
	}
	panic("api: unknown selector operator " + r.Op)
}

// String prints the selector as kubectl prints one ("app=web,tier!=db").
func (s Selector) String() string {
	parts := make([]string, len(s.Reqs))
	for i, r := range s.Reqs {
		switch r.Op {
		case "exists":
			parts[i] = r.Key
		case "!":
			parts[i] = "!" + r.Key
		case "in", "notin":
			parts[i] = r.Key + " " + r.Op + " (" + strings.Join(r.Values, ",") + ")"
		default:
			parts[i] = r.Key + r.Op + r.Values[0]
		}
	}
	return strings.Join(parts, ",")
}

// SelectorFromMap turns a Service's or RC's selector into a Selector,
// requirements sorted by key.
func SelectorFromMap(m map[string]string) Selector {
	var s Selector
	for _, k := range SortedKeys(m) {
		s.Reqs = append(s.Reqs, Requirement{Key: k, Op: "=", Values: []string{m[k]}})
	}
	return s
}

// SelectorFromLabelSelector converts a metav1.LabelSelector. A nil
// selector matches nothing, as the API defines it; an empty one matches
// everything.
func SelectorFromLabelSelector(ls *LabelSelector) (Selector, bool, error) {
	if ls == nil {
		return Selector{}, false, nil
	}
	s := SelectorFromMap(ls.MatchLabels)
	for i, e := range ls.MatchExpressions {
		op := map[string]string{"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!"}[e.Operator]
		if op == "" {
			return Selector{}, false, fmt.Errorf("matchExpressions[%d].operator: Invalid value: %q: not a valid selector operator", i, e.Operator)
		}
		s.Reqs = append(s.Reqs, Requirement{Key: e.Key, Op: op, Values: slices.Clone(e.Values)})
	}
	return s, true, nil
}

// ParseSelector parses kubectl's -l syntax: comma-separated clauses
// `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`.
func ParseSelector(text string) (Selector, error) {
	var s Selector
	rest := strings.TrimSpace(text)
	for rest != "" {
		clause, tail := splitClause(rest)
		r, err := parseRequirement(strings.TrimSpace(clause))
		if err != nil {
			return Selector{}, err
		}
		s.Reqs = append(s.Reqs, r)
		rest = strings.TrimSpace(tail)
	}
	return s, nil
}

// splitClause cuts at the first comma outside parentheses.
func splitClause(s string) (clause, rest string) {
	depth := 0
	for i, c := range s {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

func parseRequirement(c string) (Requirement, error) {
	if c == "" {
		return Requirement{}, fmt.Errorf("found '', expected: identifier")
	}
	if strings.HasPrefix(c, "!") {
		key := strings.TrimSpace(c[1:])
		return Requirement{Key: key, Op: "!"}, validLabelKey(key)
	}
	for _, op := range []string{"!=", "==", "="} {
		if k, v, ok := strings.Cut(c, op); ok {
			key, val := strings.TrimSpace(k), strings.TrimSpace(v)
			if err := validLabelKey(key); err != nil {
				return Requirement{}, err
			}
			if op == "==" {
				op = "="
			}
			return Requirement{Key: key, Op: op, Values: []string{val}}, validLabelValue(val)
		}
	}
	fields := strings.Fields(c)
	if len(fields) >= 2 && (fields[1] == "in" || fields[1] == "notin") {
		key := fields[0]
		set := strings.TrimSpace(strings.Join(fields[2:], " "))
		if !strings.HasPrefix(set, "(") || !strings.HasSuffix(set, ")") {
			return Requirement{}, fmt.Errorf("found '%s', expected: '('", set)
		}
		var vals []string
		for _, v := range strings.Split(set[1:len(set)-1], ",") {
			vals = append(vals, strings.TrimSpace(v))
		}
		sorted := slices.Clone(vals)
		slices.Sort(sorted)
		return Requirement{Key: key, Op: fields[1], Values: slices.Compact(sorted)}, validLabelKey(key)
	}
	if len(fields) == 1 {
		return Requirement{Key: c, Op: "exists"}, validLabelKey(c)
	}
	return Requirement{}, fmt.Errorf("found '%s', expected: in, notin, =, ==, !=, gt, lt", fields[1])
}

func validLabelKey(k string) error {
	if k == "" || strings.ContainsAny(k, " ()!=,") {
		return fmt.Errorf("invalid label key %q: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", k)
	}
	return nil
}

func validLabelValue(v string) error {
	if strings.ContainsAny(v, " ()!=,") {
		return fmt.Errorf("invalid label value: %q: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", v)
	}
	return nil
}
