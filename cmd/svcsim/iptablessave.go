package main

import (
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/manifest"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return fmt.Sprint(*s) }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// iptablesSaveCmd prints what iptables-save prints on a node after
// kube-proxy (iptables mode) has synced the given objects: Services,
// EndpointSlices, the Node and optionally a KubeProxyConfiguration, as
// `kubectl get -o yaml` gives them.
func iptablesSaveCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("iptables-save", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var files stringList
	fs.Var(&files, "f", "a file of Services, EndpointSlices, Nodes and a KubeProxyConfiguration (repeatable)")
	node := fs.String("node", "", "the node kube-proxy runs on (default: the only Node given)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return exitBadInput
	}
	files = append(files, rest...)
	if len(files) == 0 {
		fmt.Fprintln(stderr, "svcsim iptables-save: no input: give -f FILE (Services, EndpointSlices, the Node)")
		return exitBadInput
	}
	in, err := readKubeProxyInputs(files)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitBadInput
	}
	text, err := in.save(*node)
	if err != nil {
		fmt.Fprintln(stderr, "svcsim iptables-save: "+err.Error())
		return exitBadInput
	}
	io.WriteString(stdout, text)
	return exitOK
}

// kubeProxyInputs are the objects a kube-proxy sees.
type kubeProxyInputs struct {
	services []*api.Service
	slices   []*api.EndpointSlice
	nodes    []*api.Node
	config   *manifest.KubeProxyConfiguration
}

func readKubeProxyInputs(files []string) (*kubeProxyInputs, error) {
	in := &kubeProxyInputs{}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("svcsim iptables-save: %v", err)
		}
		docs, err := manifest.Decode(name, data)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			switch o := d.Object.(type) {
			case *api.Service:
				in.services = append(in.services, o)
			case *api.EndpointSlice:
				in.slices = append(in.slices, o)
			case *api.Node:
				in.nodes = append(in.nodes, o)
			}
			if c, ok := d.Config.(*manifest.KubeProxyConfiguration); ok {
				in.config = c
			}
		}
	}
	return in, nil
}

// save syncs a proxier for the node with the inputs and prints the kernel view.
func (in *kubeProxyInputs) save(nodeName string) (string, error) {
	var node *api.Node
	for _, n := range in.nodes {
		if n.Name == nodeName || nodeName == "" && len(in.nodes) == 1 {
			node = n
		}
	}
	if node == nil {
		if nodeName == "" {
			return "", fmt.Errorf("give --node NAME and its Node object (kubectl get node NAME -o yaml): kube-proxy needs the node's name and addresses")
		}
		return "", fmt.Errorf("no Node %q in the input: kube-proxy needs the node's name and addresses (kubectl get node %s -o yaml)", nodeName, nodeName)
	}
	podCIDR, _ := netip.ParsePrefix(node.Spec.PodCIDR)
	cfg := kubeproxy.DefaultConfig()
	cfg.PodCIDR = podCIDR
	if in.config != nil {
		c, err := kubeproxy.ConfigFromFile(in.config, podCIDR)
		if err != nil {
			return "", err
		}
		cfg = c
	}
	p, err := kubeproxy.NewProxier(cfg, kubeproxy.NodeOf(node, false), kubeproxy.DefaultOptions())
	if err != nil {
		return "", err
	}
	for _, svc := range in.services {
		for _, sp := range kubeproxy.ServicePortsOf(svc) {
			p.SetService(sp)
		}
	}
	bySvc := map[string][]*api.EndpointSlice{}
	var keys []string
	for _, es := range in.slices {
		k := kubeproxy.SliceService(es)
		if k == "" {
			continue
		}
		if bySvc[k] == nil {
			keys = append(keys, k)
		}
		bySvc[k] = append(bySvc[k], es)
	}
	for _, k := range keys {
		es := bySvc[k]
		for name, eps := range kubeproxy.EndpointsOf(es[0].Namespace, es[0].Labels[api.LabelServiceName], es, false) {
			p.SetEndpoints(name, eps)
		}
	}
	p.Sync()
	return string(p.Ruleset().AppendSave(nil, kubeproxy.SaveOptions{})), nil
}
