package kubectl

import (
	"errors"
	"strings"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// iptablesList runs `iptables [-t TABLE] -L [CHAIN] [-n] [-v] [-x]
// [--line-numbers]` on a node: the list form of iptables 1.8.9 (nf_tables),
// from the tables the node's kernel holds now.
func (k *Kubectl) iptablesList(node string, args []string) Result {
	const try = "Try `iptables -h' or 'iptables --help' for more information.\n"
	fail := func(msg string) Result {
		return Result{Stderr: "iptables " + IPTablesVersion + " (nf_tables): " + msg + "\n" + try, Exit: 2}
	}
	table, chain, list := "filter", "", false
	var o kubeproxy.ListOptions
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-t" || a == "--table":
			if i+1 >= len(args) {
				return fail("option \"" + a + "\" requires an argument")
			}
			table = args[i+1]
			i++
		case a == "--list":
			list = true
			if i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
				chain = args[i+1]
				i++
			}
		case a == "--numeric":
			o.Numeric = true
		case a == "--verbose":
			o.Verbose = true
		case a == "--exact":
			o.Exact = true
		case a == "--line-numbers":
			o.LineNumbers = true
		case strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && len(a) > 1:
			for _, c := range a[1:] {
				switch c {
				case 'L':
					list = true
				case 'n':
					o.Numeric = true
				case 'v':
					o.Verbose = true
				case 'x':
					o.Exact = true
				default:
					return fail("unknown option \"" + a + "\"")
				}
			}
			if strings.HasSuffix(a, "L") && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
				chain = args[i+1]
				i++
			}
		default:
			return fail("unknown option \"" + a + "\"")
		}
	}
	if !list {
		return fail("no command specified")
	}
	var t kubeproxy.Table
	switch table {
	case "filter":
		t = kubeproxy.TableFilter
	case "nat":
		t = kubeproxy.TableNAT
	case "mangle", "raw", "security":
		return Result{} // kube-proxy writes nothing there; svcsim models no other tables
	default:
		return Result{Stderr: "iptables " + IPTablesVersion + " (nf_tables): table '" + table + "' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n", Exit: 3}
	}
	var rs *kubeproxy.Ruleset
	if n := k.C.Kernel.Node(node); n != nil {
		rs = n.Ruleset()
	}
	if rs == nil {
		rs = &kubeproxy.Ruleset{}
	}
	b, err := rs.AppendList(nil, t, chain, o)
	if errors.Is(err, kubeproxy.ErrNoChain) {
		return Result{Stderr: "iptables: No chain/target/match by that name.\n", Exit: 1}
	}
	return Result{Stdout: string(b)}
}
