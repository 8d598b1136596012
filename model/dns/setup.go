package dns

import (
	"strconv"
	"strings"
	"time"

	mdns "github.com/miekg/dns"
)

// Config is a parsed Corefile server block: the plugins the model runs.
type Config struct {
	Zones       []string // server block zones, e.g. "."
	Port        int      // 53 unless the key says otherwise
	Kubernetes  *KubernetesConfig
	Cache       *CacheConfig
	Forward     *ForwardConfig
	Loadbalance bool
	// Ignored lists the directives that run in a real server but do not
	// change answers (errors, health, ready, prometheus, loop, reload, log,
	// debug), in Corefile order.
	Ignored []string
}

// ignoredPlugins change nothing in an answer: they are accepted and listed
// in Config.Ignored.
var ignoredPlugins = map[string]bool{
	"errors": true, "health": true, "ready": true, "prometheus": true, "loop": true,
	"reload": true, "log": true, "debug": true, "bind": true, "cancel": true,
}

// DefaultConfig is kubeadm's Corefile, parsed.
func DefaultConfig() Config {
	c, err := ParseCorefile(KubeadmCorefile)
	if err != nil {
		panic("dns: kubeadm Corefile: " + err.Error()) // a built-in table
	}
	return c
}

// ParseCorefile parses Corefile text with one server block. Unknown
// directives and properties are errors naming the line, in CoreDNS's words.
func ParseCorefile(text string) (Config, error) {
	toks, err := tokenize(text)
	if err != nil {
		return Config{}, err
	}
	if len(toks) == 0 {
		return Config{}, &ParseError{Line: 1, Msg: "no server block"}
	}
	blocks, err := parseBlocks(toks)
	if err != nil {
		return Config{}, err
	}
	if len(blocks) > 1 {
		return Config{}, errf(blocks[1].keys[0], "", "server block %q: only one server block is modelled", blocks[1].keys[0].text)
	}
	b := blocks[0]
	c := Config{Port: 53}
	for _, k := range b.keys {
		zone, port, ok := strings.Cut(strings.TrimPrefix(k.text, "dns://"), ":")
		if ok {
			p, err := strconv.Atoi(port)
			if err != nil || p < 1 || p > 65535 {
				return Config{}, errf(k, "", "invalid port %q", port)
			}
			c.Port = p
		}
		c.Zones = append(c.Zones, normZone(zone))
	}
	seen := map[string]bool{}
	for _, d := range b.dirs {
		name := d.name.text
		if seen[name] {
			return Config{}, errf(d.name, name, "plugin '%s' is configured more than once", name)
		}
		seen[name] = true
		if err := c.setup(d); err != nil {
			return Config{}, err
		}
	}
	return c, nil
}

func (c *Config) setup(d directive) error {
	switch name := d.name.text; {
	case name == "kubernetes":
		k, err := setupKubernetes(d, c.Zones)
		c.Kubernetes = k
		return err
	case name == "cache":
		cc, err := setupCache(d)
		c.Cache = cc
		return err
	case name == "forward":
		f, err := setupForward(d)
		c.Forward = f
		return err
	case name == "loadbalance":
		if len(d.args) > 0 && d.args[0].text != "round_robin" {
			return errf(d.args[0], name, "unknown policy: %s", d.args[0].text)
		}
		c.Loadbalance = true
		return nil
	case ignoredPlugins[name]:
		c.Ignored = append(c.Ignored, name)
		return nil
	}
	return errf(d.name, "", "Unknown directive '%s'", d.name.text)
}

func normZone(z string) string {
	if z == "" {
		return "."
	}
	return strings.ToLower(mdns.Fqdn(z))
}

func setupKubernetes(d directive, serverZones []string) (*KubernetesConfig, error) {
	const p = "kubernetes"
	k := &KubernetesConfig{TTL: DefaultTTL}
	for _, a := range d.args {
		k.Zones = append(k.Zones, normZone(a.text))
	}
	if len(k.Zones) == 0 {
		k.Zones = append(k.Zones, serverZones...)
	}
	for _, s := range d.block {
		args := s.args
		switch s.name.text {
		case "pods":
			if len(args) != 1 {
				return nil, errf(s.name, p, "Wrong argument count or unexpected line ending after '%s'", s.name.text)
			}
			switch args[0].text {
			case "disabled":
				k.Pods = PodsDisabled
			case "insecure":
				k.Pods = PodsInsecure
			case "verified":
				k.Pods = PodsVerified
			default:
				return nil, errf(args[0], p, "wrong value for pods: %s,  must be one of: disabled, verified, insecure", args[0].text)
			}
		case "ttl":
			if len(args) != 1 {
				return nil, errf(s.name, p, "Wrong argument count or unexpected line ending after '%s'", s.name.text)
			}
			t, err := strconv.Atoi(args[0].text)
			if err != nil {
				return nil, errf(args[0], p, "%v", err)
			}
			if t < 0 || t > MaxTTL {
				return nil, errf(args[0], p, "ttl must be in range [0, 3600]: %d", t)
			}
			k.TTL = uint32(t)
		case "fallthrough":
			k.Fallthrough = []string{}
			for _, a := range args {
				k.Fallthrough = append(k.Fallthrough, normZone(a.text))
			}
			if len(args) == 0 {
				k.Fallthrough = []string{"."}
			}
		case "endpoint_pod_names":
			k.EndpointPodNames = true
		case "ignore":
			if len(args) != 1 || args[0].text != "empty_service" {
				return nil, errf(s.name, p, "unable to parse ignore value: '%v'", joinToks(args))
			}
			k.IgnoreEmptyService = true
		case "namespaces":
			for _, a := range args {
				k.Namespaces = append(k.Namespaces, a.text)
			}
		case "endpoint", "tls", "kubeconfig", "labels", "namespace_labels", "noendpoints",
			"startup_timeout", "apiserver_qps", "apiserver_burst", "apiserver_max_inflight":
			// API connection settings: no effect on the modelled answers.
		default:
			return nil, errf(s.name, p, "unknown property '%s'", s.name.text)
		}
	}
	return k, nil
}

func setupCache(d directive) (*CacheConfig, error) {
	const p = "cache"
	c := DefaultCacheConfig()
	if len(d.args) > 0 {
		if t, err := strconv.Atoi(d.args[0].text); err == nil {
			if t <= 0 {
				return nil, errf(d.args[0], p, "cache TTL can not be zero or negative: %d", t)
			}
			c.SuccessTTL = time.Duration(t) * time.Second
			c.DenialTTL = c.SuccessTTL
			c.MinSuccessTTL = min(c.MinSuccessTTL, c.SuccessTTL)
			c.MinDenialTTL = min(c.MinDenialTTL, c.DenialTTL)
		}
	}
	for _, s := range d.block {
		switch s.name.text {
		case "disable":
			if len(s.args) < 1 {
				return nil, errf(s.name, p, "Wrong argument count or unexpected line ending after '%s'", s.name.text)
			}
			zones := []string{"."}
			if len(s.args) > 1 {
				zones = zones[:0]
				for _, a := range s.args[1:] {
					zones = append(zones, normZone(a.text))
				}
			}
			switch s.args[0].text {
			case "success":
				c.DisableSuccess = append(c.DisableSuccess, zones...)
			case "denial":
				c.DisableDenial = append(c.DisableDenial, zones...)
			default:
				return nil, errf(s.args[0], p, "cache type for disable must be %q or %q", "success", "denial")
			}
		case "success", "denial", "prefetch", "serve_stale", "servfail", "keepttl":
			// Capacity, prefetch and stale serving: not modelled.
		default:
			return nil, errf(s.name, p, "unknown property '%s'", s.name.text)
		}
	}
	return &c, nil
}

func setupForward(d directive) (*ForwardConfig, error) {
	const p = "forward"
	if len(d.args) < 2 {
		return nil, errf(d.name, p, "Wrong argument count or unexpected line ending after '%s'", d.name.text)
	}
	f := &ForwardConfig{From: normZone(d.args[0].text)}
	for _, a := range d.args[1:] {
		f.To = append(f.To, a.text)
	}
	for _, s := range d.block {
		switch s.name.text {
		case "except":
			for _, a := range s.args {
				f.Except = append(f.Except, normZone(a.text))
			}
		case "force_tcp", "prefer_udp", "expire", "max_fails", "tls", "tls_servername", "policy",
			"health_check", "max_concurrent", "next", "failfast_all_unhealthy_upstreams", "failover":
			// Transport and health settings: not modelled.
		default:
			return nil, errf(s.name, p, "unknown property '%s'", s.name.text)
		}
	}
	return f, nil
}

func joinToks(ts []token) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.text
	}
	return strings.Join(s, " ")
}
