package netfilter

import "github.com/svcsim/svcsim/model/kubeproxy"

// Hook is a netfilter hook: a point on the IPv4/IPv6 packet path where the
// tables' built-in chains are called.
//
//	incoming                                                       outgoing
//	───▶ PREROUTING ──▶ routing ──┬──▶ FORWARD ────────────┬──▶ POSTROUTING ───▶
//	     nat (DNAT)    decision   │    filter              │    nat (SNAT,
//	                              ▼                        │    MASQUERADE)
//	                            INPUT                    OUTPUT
//	                            filter, nat               nat (DNAT), filter
//	                              │                        ▲
//	                              ▼                        │
//	                           local process ──────────────┘
//
// Only the filter and nat tables are modelled; kube-proxy writes no others.
type Hook uint8

// Hooks, in the kernel's NF_INET_* order.
const (
	HookPrerouting Hook = iota
	HookInput
	HookForward
	HookOutput
	HookPostrouting
	numHooks
)

var hookNames = [numHooks]string{"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"}

// String returns the built-in chain name of the hook ("PREROUTING", ...).
func (h Hook) String() string {
	if h < numHooks {
		return hookNames[h]
	}
	return "hook?"
}

// hookTables is the order in which each hook calls the tables, from the
// kernel's hook priorities: nat's DNAT part runs at -100 (before filter at 0),
// its SNAT part at +100 (after filter).
var hookTables = [numHooks][]kubeproxy.Table{
	HookPrerouting:  {kubeproxy.TableNAT},
	HookInput:       {kubeproxy.TableFilter, kubeproxy.TableNAT},
	HookForward:     {kubeproxy.TableFilter},
	HookOutput:      {kubeproxy.TableNAT, kubeproxy.TableFilter},
	HookPostrouting: {kubeproxy.TableNAT},
}

// dstManip reports whether the nat table rewrites the destination at the hook
// (PREROUTING, OUTPUT) rather than the source (INPUT, POSTROUTING).
func dstManip(h Hook) bool { return h == HookPrerouting || h == HookOutput }
