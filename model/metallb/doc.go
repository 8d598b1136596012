// Package metallb models MetalLB v0.16.1 (metallb/metallb @7938d3f89,
// 2026-07-19) as a bare-metal cluster runs it: the objects users write
// (IPAddressPool, L2Advertisement, BGPAdvertisement in metallb.io/v1beta1,
// BGPPeer in metallb.io/v1beta2), the controller's IP assignment and its
// events (controller/service.go, internal/allocator), the layer-2
// speaker's leader election per IP (speaker/layer2_controller.go
// sortL2Candidates) and its gratuitous ARP bursts
// (internal/layer2/announcer.go spamLoop, arp.go Gratuitous), the
// failure-detection timing of hashicorp/memberlist's DefaultLANConfig that
// drives L2 failover, and BGP mode: a /32 per IP from every eligible node
// and the upstream router's per-flow ECMP hashing (Linux's hash-threshold
// multipath, RFC 2992, over the 5-tuple).
//
// Where the real code's behaviour depends on Go map order (pools tried in
// map order; IPs spammed in map order on a tick) the model uses a stated
// sorted order instead, so runs are reproducible.
package metallb
