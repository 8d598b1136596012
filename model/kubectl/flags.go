package kubectl

import (
	"fmt"
	"strings"
)

// flagSpec tells the parser which flags take a value.
var valueFlags = map[string]string{
	"f": "filename", "filename": "filename",
	"l": "selector", "selector": "selector",
	"n": "namespace", "namespace": "namespace",
	"o": "output", "output": "output",
	"c": "container", "container": "container",
	"replicas": "replicas", "port": "port", "target-port": "target-port", "type": "type", "name": "name",
	"protocol": "protocol", "for": "for", "timeout": "timeout", "grace-period": "grace-period",
	"field-selector": "field-selector", "address": "address", "cluster-ip": "cluster-ip",
	"external-ip": "external-ip", "selector-override": "selector", "sort-by": "sort-by",
	"load-balancer-ip": "load-balancer-ip", "session-affinity": "session-affinity",
}

var boolFlags = map[string]string{
	"A": "all-namespaces", "all-namespaces": "all-namespaces",
	"all": "all", "show-labels": "show-labels", "no-headers": "no-headers", "force": "force",
	"w": "watch", "watch": "watch", "now": "now", "i": "stdin", "stdin": "stdin", "t": "tty", "tty": "tty",
	"wait": "wait", "show-kind": "show-kind", "ignore-not-found": "ignore-not-found",
	"q": "quiet", "quiet": "quiet", "R": "recursive", "recursive": "recursive",
}

// optionalValueFlags take a value only in the --name=value form; bare,
// they have kubectl's NoOptDefVal and never eat the next word.
var optionalValueFlags = map[string]string{"dry-run": "unchanged"}

// flags is a parsed command line: the words, the flags and, after "--",
// the command for exec.
type flags struct {
	words  []string
	values map[string][]string
	bools  map[string]bool
	rest   []string // after "--"
}

func (f *flags) get(name string) string {
	v := f.values[name]
	if len(v) == 0 {
		return ""
	}
	return v[len(v)-1]
}

// has reports whether a flag was given at all, --wait=false included.
func (f *flags) has(name string) bool {
	_, isValue := f.values[name]
	_, isBool := f.bools[name]
	return isValue || isBool
}

// parseFlags reads kubectl's command line: flags may come anywhere, as
// --name=value, --name value, -n value or -nvalue.
func parseFlags(cmd string, args []string) (*flags, error) {
	f := &flags{values: map[string][]string{}, bools: map[string]bool{}}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			f.rest = args[i+1:]
			return f, nil
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			if def, ok := optionalValueFlags[name]; ok {
				if !hasVal {
					val = def
				}
				f.values[name] = append(f.values[name], val)
				continue
			}
			if canon, ok := valueFlags[name]; ok {
				if !hasVal {
					if i+1 >= len(args) {
						return nil, fmt.Errorf("error: flag needs an argument: --%s\nSee 'kubectl %s --help' for usage.", name, cmd)
					}
					i++
					val = args[i]
				}
				f.values[canon] = append(f.values[canon], val)
				continue
			}
			if canon, ok := boolFlags[name]; ok {
				f.bools[canon] = !hasVal || val == "true"
				continue
			}
			return nil, fmt.Errorf("error: unknown flag: --%s\nSee 'kubectl %s --help' for usage.", name, cmd)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			short := a[1:2]
			if canon, ok := valueFlags[short]; ok {
				val := a[2:]
				val = strings.TrimPrefix(val, "=")
				if val == "" {
					if i+1 >= len(args) {
						return nil, fmt.Errorf("error: flag needs an argument: '%s' in -%s\nSee 'kubectl %s --help' for usage.", short, short, cmd)
					}
					i++
					val = args[i]
				}
				f.values[canon] = append(f.values[canon], val)
				continue
			}
			ok := true
			for _, c := range a[1:] {
				canon, known := boolFlags[string(c)]
				if !known {
					ok = false
					return nil, fmt.Errorf("error: unknown shorthand flag: '%c' in %s\nSee 'kubectl %s --help' for usage.", c, a, cmd)
				}
				f.bools[canon] = true
			}
			_ = ok
		default:
			f.words = append(f.words, a)
		}
	}
	return f, nil
}

// dryRun returns kubectl's dry-run strategy: "" (none), "client" or
// "server". A bare --dry-run and --dry-run=true mean client, as in
// kubectl's GetDryRunStrategy (which also logs a deprecation warning).
func dryRun(f *flags) (string, error) {
	v := f.get("dry-run")
	switch v {
	case "", "none", "false":
		return "", nil
	case "client", "unchanged", "true":
		return "client", nil
	case "server":
		return "server", nil
	}
	return "", fmt.Errorf("error: Invalid dry-run value (%s). Must be \"none\", \"server\", or \"client\".", v)
}

// dryRunSuffix is what kubectl appends to an operation's line.
func dryRunSuffix(mode string) string {
	switch mode {
	case "client":
		return " (dry run)"
	case "server":
		return " (server dry run)"
	}
	return ""
}
