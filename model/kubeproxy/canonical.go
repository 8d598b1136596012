package kubeproxy

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

type dumpChain struct {
	name    string
	rules   []string
	deleted bool
}

type dumpTable struct {
	name   string
	chains []*dumpChain
}

// CanonicalPayload sorts a restore payload the way upstream's tests do
// (sortIPTablesRules, §6.2), so that it no longer depends on the order the
// services were visited in: tables by name; chains KUBE-NODEPORTS,
// KUBE-SERVICES, other KUBE-* alphabetically, then the rest; the rules of
// KUBE-NODEPORTS and KUBE-SERVICES stably by service name (the "must be the
// last rule" rule kept last); "-X" lines after all rules.
func CanonicalPayload(payload []byte) ([]byte, error) {
	tables, err := parseDump(payload)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(tables, func(a, b *dumpTable) int { return strings.Compare(a.name, b.name) })
	var out []byte
	for _, t := range tables {
		slices.SortStableFunc(t.chains, func(a, b *dumpChain) int { return compareChainNames(a.name, b.name) })
		for _, c := range t.chains {
			if c.name == chainNodePorts || c.name == chainServices {
				slices.SortStableFunc(c.rules, compareServiceRules)
			}
		}
		out = append(out, '*')
		out = append(out, t.name...)
		out = append(out, '\n')
		for _, c := range t.chains {
			out = appendChainLine(out, c.name)
		}
		for _, c := range t.chains {
			for _, r := range c.rules {
				out = append(out, r...)
				out = append(out, '\n')
			}
		}
		for _, c := range t.chains {
			if c.deleted {
				out = append(out, "-X "+c.name+"\n"...)
			}
		}
		out = append(out, "COMMIT\n"...)
	}
	return out, nil
}

func compareChainNames(a, b string) int {
	rank := func(s string) int {
		switch {
		case s == chainNodePorts:
			return 0
		case s == chainServices:
			return 1
		case strings.HasPrefix(s, "KUBE-"):
			return 2
		}
		return 3
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	return strings.Compare(a, b)
}

func compareServiceRules(a, b string) int {
	la, lb := strings.Contains(a, "must be the last rule"), strings.Contains(b, "must be the last rule")
	switch {
	case la && lb:
		return 0
	case la:
		return 1
	case lb:
		return -1
	}
	return strings.Compare(ruleServiceName(a), ruleServiceName(b))
}

// ruleServiceName is the comment up to its first space or colon.
func ruleServiceName(rule string) string {
	_, c, ok := strings.Cut(rule, "--comment ")
	if !ok {
		return ""
	}
	c = strings.TrimPrefix(c, `"`)
	if i := strings.IndexAny(c, ` :"`); i >= 0 {
		c = c[:i]
	}
	return c
}

func parseDump(payload []byte) ([]*dumpTable, error) {
	var tables []*dumpTable
	var cur *dumpTable
	find := func(name string) *dumpChain {
		for _, c := range cur.chains {
			if c.name == name {
				return c
			}
		}
		return nil
	}
	for n, line := range bytes.Split(bytes.TrimSuffix(payload, []byte("\n")), []byte("\n")) {
		s := string(line)
		switch {
		case strings.HasPrefix(s, "#") || s == "":
		case strings.HasPrefix(s, "*"):
			cur = &dumpTable{name: s[1:]}
			tables = append(tables, cur)
		case cur == nil:
			return nil, fmt.Errorf("line %d: %q outside a table", n+1, s)
		case s == "COMMIT":
			cur = nil
		case strings.HasPrefix(s, ":"):
			name, _, _ := strings.Cut(s[1:], " ")
			if find(name) == nil {
				cur.chains = append(cur.chains, &dumpChain{name: name})
			}
		case strings.HasPrefix(s, "-A "):
			name, _, _ := strings.Cut(s[3:], " ")
			c := find(name)
			if c == nil {
				return nil, fmt.Errorf("line %d: rule for undeclared chain %q", n+1, name)
			}
			c.rules = append(c.rules, s)
		case strings.HasPrefix(s, "-X "):
			c := find(s[3:])
			if c == nil {
				return nil, fmt.Errorf("line %d: deleting undeclared chain %q", n+1, s[3:])
			}
			c.deleted = true
		default:
			return nil, fmt.Errorf("line %d: unexpected %q", n+1, s)
		}
	}
	return tables, nil
}
