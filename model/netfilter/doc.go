// Package netfilter models the Linux netfilter packet path (kernel 6.x,
// net/ipv4/netfilter/ip_tables.c ipt_do_table) as iptables 1.8 programs it,
// for the rules kube-proxy v1.36 writes (model/kubeproxy): the five hooks,
// the order of the filter and nat tables on each, and the xt matches and
// targets kube-proxy uses (-s/-d/-i/-p, tcp/udp/sctp --dport, comment,
// addrtype, mark, conntrack --ctstate, statistic --mode random, recent,
// nfacct; jump, ACCEPT, DROP, REJECT, RETURN, DNAT, MARK, MASQUERADE).
//
// Rules are data: the evaluator walks kubeproxy.Ruleset as loaded, keeping
// chain names, and every hook has a named entry point (CheckPrerouting …
// CheckPostrouting) wrapping one walk. A walk returns a Result value: the
// rules that matched (printed as iptables-save prints them), the verdict, the
// packet before and after each rewrite, every statistic draw with its odds,
// every xt_recent list operation, and how many rules the kernel examined.
//
// Kernel details modelled:
//   - A user chain that runs out of rules returns to its caller; a built-in
//     chain falls to its policy (ACCEPT on a kube-proxy node).
//   - DNAT and MASQUERADE end the nat table for the packet; MARK continues.
//   - The nat table is walked only for a connection's first packet; later
//     packets get the connection's NAT binding (see Env.Binding).
//   - statistic --mode random matches when (get_random_u32() & 0x7fffffff) is
//     below the 31-bit threshold iptables stored, round(p·2³¹).
//   - xt_recent keeps per-list entries keyed by source address (mask
//     255.255.255.255), at most 100 per list (ip_list_tot) evicting the least
//     recently updated, up to 20 time stamps each (ip_pkt_list_tot);
//     --rcheck --seconds S matches a stamp no older than S; --reap removes the
//     list's least recently updated entry if it is older than S.
//   - Jump loops, which iptables-restore refuses with ELOOP, are rejected by
//     Load with an error naming the loop.
//
// Speed: chains longer than a few rules (KUBE-SERVICES, KUBE-NODEPORTS, the
// filter service chains) get an index by (destination, protocol, port). A
// rule is left out of a lookup only when its address, protocol or port match
// cannot hold and none of its matches has a side effect, so the indexed walk
// gives the linear walk's verdict, draws and rule count. A lookup costs the
// same at any number of Services; what grows is memory: a packet walks a few
// of the table's rules, scattered over it, so rules and chains are compiled
// small (48 and 32 bytes, the rest kept aside) and laid out in jump order.
// A traced walk makes each rule's text once and keeps it.
//
// Not modelled: the raw, mangle and security tables, IPv6 extension
// headers, fragments, rule and policy counters, and the --hitcount, --rttl and
// --update options of recent (kube-proxy uses none).
package netfilter
