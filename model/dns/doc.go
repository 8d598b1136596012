// Package dns models cluster DNS as a Kubernetes pod sees it: CoreDNS
// 1.14.7 (coredns/coredns @4b26cced3, 2026-08-20) with the `kubernetes`
// plugin answering for the cluster zone, plus the `cache`, `forward` and
// `loadbalance` behaviour of kubeadm's Corefile; the kubelet's resolv.conf;
// the stub resolver's search-list walk (glibc and musl); and what dig (BIND
// 9.18), busybox nslookup (1.3x, FEATURE_NSLOOKUP_BIG, as in Alpine-based
// images such as kiamol/ch03-sleep), host and getent print.
//
// The plugin follows plugin/kubernetes file by file: kubernetes.go (the
// plugin, pods), services.go (findServices, nsAddrs), parse.go (the query
// name grammar), reverse.go (PTR), backend.go (plugin/backend_lookup.go:
// records from services), handler.go (ServeDNS, NXDOMAIN vs NODATA).
// setup.go and corefile.go read a Corefile; server.go runs the plugin chain
// in CoreDNS's fixed order (loadbalance, cache, kubernetes, forward) and
// scrubs the reply (EDNS0, truncation) as CoreDNS's server does.
//
// The Index (index.go, endpoints.go, epindex.go) stands for CoreDNS's
// informer caches and is laid out for 10,000 Services and 100,000
// endpoints: one map lookup finds a Service from the "<svc>.<ns>" bytes of
// the query name; endpoint addresses and the index by address hold no
// pointers. slot.go is a fast path for the commonest query (A/AAAA of a
// Service), which a test holds to the general path's answers; reply.go
// builds a reply in one allocation.
//
// Not modelled: multicluster and zonal names, the `transfer` plugin, the
// API watch itself (the caller updates the Index), cache prefetch and stale
// serving, random cache eviction. Where CoreDNS's order comes from a Go map
// or an informer (endpoints of a Service, Services sharing an IP), the
// model uses a documented sorted order: slices by name, endpoints in slice
// order, Services by namespace/name.
//
// Nothing here reads the wall clock: every time is a parameter.
package dns
