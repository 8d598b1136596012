package dns

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Kubelet limits on the pod's resolv.conf (pkg/kubelet/network/dns,
// ExpandedDNSConfig on).
const (
	MaxNameservers     = 3
	MaxSearchDomains   = 32
	MaxSearchLineChars = 2048
	PodNdots           = 5
)

// ResolvConf is /etc/resolv.conf as a stub resolver reads it.
type ResolvConf struct {
	Search      []string
	Nameservers []netip.Addr
	Ndots       int      // 1 when no ndots option is given
	Options     []string // every option word as written, ndots included
}

// KubeletResolvConf is the file the kubelet writes for a ClusterFirst pod:
// the cluster DNS Service IPs, the search list
// <ns>.svc.<domain> svc.<domain> <domain> followed by the node's own search
// domains (duplicates removed, cut to the kubelet limits), options ndots:5.
func KubeletResolvConf(podNamespace, clusterDomain string, clusterDNS []netip.Addr, nodeSearch []string) ResolvConf {
	d := strings.TrimSuffix(clusterDomain, ".")
	search := []string{podNamespace + ".svc." + d, "svc." + d, d}
	for _, s := range nodeSearch {
		s = strings.TrimSuffix(s, ".")
		if s != "" && !slices.Contains(search, s) {
			search = append(search, s)
		}
	}
	if len(search) > MaxSearchDomains {
		search = search[:MaxSearchDomains]
	}
	for len(search) > 0 && len(strings.Join(search, " ")) > MaxSearchLineChars {
		search = search[:len(search)-1]
	}
	ns := slices.Clone(clusterDNS)
	if len(ns) > MaxNameservers {
		ns = ns[:MaxNameservers]
	}
	return ResolvConf{Search: search, Nameservers: ns, Ndots: PodNdots, Options: []string{"ndots:" + strconv.Itoa(PodNdots)}}
}

// String renders the file as containerd writes it: search, nameserver(s),
// options.
func (r ResolvConf) String() string {
	var b strings.Builder
	if len(r.Search) > 0 {
		b.WriteString("search " + strings.Join(r.Search, " ") + "\n")
	}
	for _, n := range r.Nameservers {
		b.WriteString("nameserver " + n.String() + "\n")
	}
	if len(r.Options) > 0 {
		b.WriteString("options " + strings.Join(r.Options, " ") + "\n")
	}
	return b.String()
}

// ParseResolvConf reads resolv.conf text. As in glibc, the last of
// `search`/`domain` wins, and ndots is capped at 15.
func ParseResolvConf(text string) (ResolvConf, error) {
	r := ResolvConf{Ndots: 1}
	for n, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0][0] == '#' || f[0][0] == ';' {
			continue
		}
		switch f[0] {
		case "nameserver":
			if len(f) < 2 {
				continue
			}
			a, err := netip.ParseAddr(f[1])
			if err != nil {
				return ResolvConf{}, fmt.Errorf("resolv.conf:%d: nameserver: %w", n+1, err)
			}
			if len(r.Nameservers) < MaxNameservers {
				r.Nameservers = append(r.Nameservers, a)
			}
		case "search", "domain":
			r.Search = slices.Clone(f[1:])
		case "options":
			for _, o := range f[1:] {
				r.Options = append(r.Options, o)
				if v, ok := strings.CutPrefix(o, "ndots:"); ok {
					if d, err := strconv.Atoi(v); err == nil && d >= 0 {
						r.Ndots = min(d, 15)
					}
				}
			}
		}
	}
	return r, nil
}
