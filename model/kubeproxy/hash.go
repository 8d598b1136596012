package kubeproxy

import (
	"crypto/sha256"
	"encoding/base32"
	"net/netip"
)

// Chain-name prefixes of per-service-port and per-endpoint chains.
const (
	prefixSVC = "KUBE-SVC-"
	prefixSVL = "KUBE-SVL-"
	prefixEXT = "KUBE-EXT-"
	prefixFW  = "KUBE-FW-"
	prefixSEP = "KUBE-SEP-"
)

// portHash is base32std(sha256(spn + proto))[:16], shared by the SVC, SVL, EXT
// and FW chains of one service port. There is no separator in the input.
func portHash(spn string, proto Protocol) string {
	sum := sha256.Sum256([]byte(spn + proto.String()))
	return base32.StdEncoding.EncodeToString(sum[:])[:16]
}

// endpointChainName is KUBE-SEP- + base32std(sha256(spn + proto + "IP:port"))[:16],
// with the endpoint (target) port and brackets around IPv6 addresses.
func endpointChainName(spn string, proto Protocol, ep netip.AddrPort) string {
	b := make([]byte, 0, len(spn)+8+len("[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535"))
	b = append(b, spn...)
	b = append(b, proto.String()...)
	b = ep.AppendTo(b)
	sum := sha256.Sum256(b)
	return prefixSEP + base32.StdEncoding.EncodeToString(sum[:])[:16]
}

// ChainNames are the chain names of one service port (all share one hash).
type ChainNames struct {
	SVC, SVL, EXT, FW string
}

// ServicePortChains returns the chain names kube-proxy uses for a service port.
func ServicePortChains(n ServicePortName) ChainNames {
	h := portHash(n.String(), n.Protocol)
	return ChainNames{SVC: prefixSVC + h, SVL: prefixSVL + h, EXT: prefixEXT + h, FW: prefixFW + h}
}

// EndpointChain returns the KUBE-SEP chain name of an endpoint of a service port.
func EndpointChain(n ServicePortName, ep netip.AddrPort) string {
	return endpointChainName(n.String(), n.Protocol, ep)
}
