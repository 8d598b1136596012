package main

import (
	"fmt"
	"io"
	"net/netip"
	"os"
	"sort"

	mdns "github.com/miekg/dns"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/dns"
	"github.com/svcsim/svcsim/model/manifest"
)

// digCmd prints what `dig` prints in a pod of a namespace for the objects
// in the files: Services, EndpointSlices, Pods (with their status),
// Namespaces and optionally the kube-system/coredns ConfigMap, answered
// by the cluster DNS model (CoreDNS with kubeadm's Corefile unless the
// ConfigMap gives one) with no packets: the answer, not its path.
//
//	svcsim dig -f FILE... [-n NAMESPACE] [--upstream RR]... [@SERVER] NAME [TYPE] [+short] [+search]
func digCmd(args []string, stdout, stderr io.Writer) int {
	var files, upstream, digArgs []string
	namespace := "default"
	for i := 0; i < len(args); i++ {
		a := args[i]
		flagArg := func() (string, bool) {
			if i+1 >= len(args) {
				fmt.Fprintf(stderr, "svcsim dig: flag needs an argument: %s\n", a)
				return "", false
			}
			i++
			return args[i], true
		}
		var ok bool
		var v string
		switch a {
		case "-f", "--filename":
			if v, ok = flagArg(); !ok {
				return exitBadInput
			}
			files = append(files, v)
		case "-n", "--namespace":
			if v, ok = flagArg(); !ok {
				return exitBadInput
			}
			namespace = v
		case "--upstream":
			if v, ok = flagArg(); !ok {
				return exitBadInput
			}
			upstream = append(upstream, v)
		default:
			digArgs = append(digArgs, a)
		}
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "svcsim dig: no input: give -f FILE (Services, EndpointSlices, Pods, Namespaces)")
		return exitBadInput
	}
	c, err := readDNSInputs(files, namespace)
	if err != nil {
		fmt.Fprintln(stderr, "svcsim dig: "+err.Error())
		return exitBadInput
	}
	up, err := dns.NewUpstream(upstream...)
	if err != nil {
		fmt.Fprintln(stderr, "svcsim dig: "+err.Error())
		return exitBadInput
	}
	res := c.dig(digArgs, namespace, up)
	io.WriteString(stdout, res.Output)
	return res.Exit
}

// dnsInputs are the objects CoreDNS's informers would hold.
type dnsInputs struct {
	idx     *dns.Index
	cfg     dns.Config
	dnsIP   netip.Addr   // kube-dns's ClusterIP (10.96.0.10 unless given)
	servers []netip.Addr // addresses that answer: kube-dns and its endpoints
}

func readDNSInputs(files []string, namespace string) (*dnsInputs, error) {
	in := &dnsInputs{idx: dns.NewIndex(), cfg: dns.DefaultConfig(), dnsIP: netip.MustParseAddr("10.96.0.10")}
	in.idx.SetSynced(true)
	namespaces := map[string]bool{"default": true, "kube-system": true, "kube-public": true, "kube-node-lease": true, namespace: true}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		docs, err := manifest.Decode(name, data)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			if d.Object == nil {
				continue
			}
			if err := in.add(d.Object, namespaces); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	ns := make([]string, 0, len(namespaces))
	for n := range namespaces {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	for _, n := range ns {
		in.idx.AddNamespace(api.Epoch, n)
	}
	in.servers = append([]netip.Addr{in.dnsIP}, in.servers...)
	return in, nil
}

func (in *dnsInputs) add(o api.Object, namespaces map[string]bool) error {
	m := o.Meta()
	if m.Namespace == "" {
		m.Namespace = "default"
	}
	namespaces[m.Namespace] = true
	switch v := o.(type) {
	case *api.ConfigMap:
		if v.Namespace == "kube-system" && v.Name == "coredns" {
			cfg, err := dns.ParseCorefile(v.Data["Corefile"])
			if err != nil {
				return err
			}
			in.cfg = cfg
		}
		return nil
	case *api.Service:
		if v.Namespace == "kube-system" && v.Name == "kube-dns" {
			if ip, err := netip.ParseAddr(v.Spec.ClusterIP); err == nil {
				in.dnsIP = ip
			}
		}
	case *api.EndpointSlice:
		if v.Namespace == "kube-system" && v.Labels[api.LabelServiceName] == "kube-dns" {
			for _, ep := range v.Endpoints {
				for _, a := range ep.Addresses {
					if ip, err := netip.ParseAddr(a); err == nil {
						in.servers = append(in.servers, ip)
					}
				}
			}
		}
	}
	in.idx.ApplyAPIObject(api.Epoch, o, false)
	return nil
}

// dig runs dig in a pod of namespace; the kube-dns address and CoreDNS's
// pod addresses answer, any other server does not.
func (in *dnsInputs) dig(args []string, namespace string, up *dns.Upstream) dns.ToolResult {
	srv := dns.NewServer(in.cfg, in.idx, up, dns.Options{LocalIPs: in.servers[1:]})
	env := dns.ToolEnv{
		ResolvConf: dns.KubeletResolvConf(namespace, "cluster.local", []netip.Addr{in.dnsIP}, nil),
		Now:        api.Epoch,
		FirstID:    1,
		Exchange: func(server netip.Addr, q *mdns.Msg) *mdns.Msg {
			for _, s := range in.servers {
				if s == server {
					return srv.Exchange(api.Epoch, q)
				}
			}
			return nil
		},
	}
	return dns.Dig(args, env)
}

// digUsage is the usage line of svcsim dig.
const digUsage = "svcsim dig -f FILE... [-n NAMESPACE] [--upstream RR]... [@SERVER] NAME [TYPE] [+short] [+search]"
