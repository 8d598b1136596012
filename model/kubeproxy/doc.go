// Package kubeproxy models kube-proxy v1.36 (kubernetes/kubernetes
// pkg/proxy/iptables at v1.36.3) in iptables mode, for one IP family: the
// rules it generates from Services and EndpointSlices, as data and as text.
//
// # Inputs
//
// ServicePort and Endpoint are kube-proxy's own stripped-down view of the API
// objects (pkg/proxy ServicePort / Endpoint). Config holds the
// KubeProxyConfiguration fields the iptables proxier uses, with v1.36 defaults
// from DefaultConfig; Options describe the node's iptables (--random-fully,
// nfacct, nf_conntrack_tcp_be_liberal).
//
//	p, err := kubeproxy.NewProxier(cfg, node, kubeproxy.DefaultOptions())
//	p.SetService(sp)                  // add or update a service port
//	p.SetEndpoints(sp.Name, eps)      // merged EndpointSlice view of a port
//	res := p.Sync()                   // syncProxyRules: res.Payload
//	rs := p.Ruleset()                 // what the kernel holds, as data
//	text := rs.AppendSave(nil, kubeproxy.SaveOptions{})
//
// # Rules as data
//
// A Ruleset is table → chains → ordered Rules. A Rule has a chain, typed
// Matches in kube-proxy's order (source/destination with negation, protocol,
// --dport, addrtype, mark, conntrack, statistic, recent, comment, nfacct) and
// a typed Target (jump, DNAT, MARK, MASQUERADE, REJECT, DROP, RETURN,
// ACCEPT, or none). Rule.AppendTo prints it in one of three forms:
// FormPayload (kube-proxy's iptables-restore text, mark "%#08x"), FormTest
// (the same text with the upstream test harness's "0x4000" mark) and
// FormKernel (what iptables-save 1.8.9 prints: -s/-d/-i/-p first, /32 on
// host addresses, --set-xmark, REJECT --reject-with, recent defaults,
// probabilities quantised to 2^-31 and printed with 11 decimals).
// CanonicalPayload sorts a payload as upstream's tests do.
//
// # Incremental generation
//
// Each service port keeps a fragment: its rules as data, and where their
// text is in the last payload (a rebuilt fragment's rules are printed
// straight into the payload; an unchanged one's text is copied from the last
// payload). A change to one Service or its endpoints rebuilds only that fragment;
// a global change (large-cluster mode switching at 1000 endpoints) rebuilds
// all. As in kube-proxy, a partial sync rewrites the fixed chains and every
// service's KUBE-SERVICES/KUBE-NODEPORTS/filter rules, but only the changed
// services' KUBE-SVC/SVL/EXT/FW/SEP chains; chains that are no longer used
// are flushed and deleted ("-X") in the same payload.
//
// # Output order
//
// Real kube-proxy visits services, node addresses and the union of cluster
// and local endpoints in Go map order, so its payload order changes from
// sync to sync (iptables-restore does not care). svcsim fixes that order:
//
//   - Service ports are visited sorted by namespace, name, port name, protocol.
//     So the payload, and the KUBE-SERVICES, KUBE-NODEPORTS,
//     KUBE-EXTERNAL-SERVICES and KUBE-PROXY-FIREWALL chains of the kernel
//     view, list services in that order.
//   - Endpoints are sorted by the string "IP:port" byte-wise, exactly as
//     kube-proxy does (so 10.0.0.10:80 comes before 10.0.0.2:80); the KUBE-SEP
//     chains of a service follow that order.
//   - nodePortAddresses node IPs are sorted by address.
//   - Stale chains are deleted in name order.
//
// Within one service port the rules follow kube-proxy's order exactly.
// The payload layout is kube-proxy's (filter: chain lines, KUBE-FIREWALL
// rule, services, KUBE-FORWARD; nat: fixed chain lines, service chains, stale
// chains, KUBE-POSTROUTING and KUBE-MARK-MASQ rules, services, "-X" lines, the
// NodePort dispatch rule). The kernel view (Ruleset.AppendSave) follows
// iptables-save: built-in chains first, user chains alphabetically, each
// chain's rules in kernel order; the built-in chains hold kube-proxy's jump
// rules in reverse list order, since each was prepended.
//
// # Not modelled
//
// Topology hints (every ready endpoint is a cluster endpoint), the
// KUBE-PROXY-CANARY and kubelet chains, and rules other components add.
package kubeproxy
