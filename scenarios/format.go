package scenarios

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v4"
)

// APIVersion and Kind every scenario file declares.
const (
	APIVersion = "svcsim.dev/v1alpha1"
	Kind       = "Scenario"
)

// Scenario is one scenario file.
type Scenario struct {
	APIVersion string  `yaml:"apiVersion"`
	Kind       string  `yaml:"kind"`
	Metadata   Meta    `yaml:"metadata"`
	Cluster    Cluster `yaml:"cluster,omitempty"`
	// Files are inline files that -f arguments name, keyed by path.
	Files map[string]string `yaml:"files,omitempty"`
	Steps []Step            `yaml:"steps"`

	// File is where the scenario was read from ("library/x.yaml" for
	// built-ins); set by the loader.
	File string `yaml:"-"`
	// dir resolves -f names that are not inline files; empty for
	// built-ins.
	dir string
	// lines remembers where each step and inline file starts.
	stepLines []int
	fileLines map[string]int
}

// Meta names and describes a scenario.
type Meta struct {
	Name        string   `yaml:"name"`
	Title       string   `yaml:"title"`
	Description string   `yaml:"description,omitempty"`
	Level       string   `yaml:"level,omitempty"` // beginner, intermediate, advanced
	Tags        []string `yaml:"tags,omitempty"`
	// Source names the walkthrough the scenario rebuilds.
	Source string `yaml:"source,omitempty"`
	// Intro is narration shown before the first step.
	Intro string `yaml:"intro,omitempty"`
}

// Cluster is the cluster a scenario starts from; every field has a
// default (a kind-like control plane and two workers, kubeadm's
// networks).
type Cluster struct {
	Seed        *uint64       `yaml:"seed,omitempty"`
	Nodes       []Node        `yaml:"nodes,omitempty"`
	ClusterCIDR string        `yaml:"clusterCIDR,omitempty"`
	ServiceCIDR string        `yaml:"serviceCIDR,omitempty"`
	NodeCIDR    string        `yaml:"nodeCIDR,omitempty"`
	EventBudget int64         `yaml:"eventBudget,omitempty"`
	Params      ClusterParams `yaml:"params,omitempty"`
	Images      []Image       `yaml:"images,omitempty"`
	// KubeProxy is a KubeProxyConfiguration document
	// (kubeproxy.config.k8s.io/v1alpha1) every node's kube-proxy reads;
	// empty: kubeadm's defaults with clusterCIDR set to the pod network.
	KubeProxy string `yaml:"kubeProxy,omitempty"`
	// LoadBalancer is what gives LoadBalancer Services an address:
	// "cloud" (default: a cloud load balancer, addresses from
	// 203.0.113.0/24 after loadBalancerDelay), "k3s" (the nodes'
	// addresses), "docker-desktop" (localhost), "metallb" (MetalLB on a
	// layer-2 LAN: apply its IPAddressPool and advertisements) or "none" (EXTERNAL-IP
	// stays <pending>, as on kind or bare kubeadm).
	LoadBalancer string `yaml:"loadBalancer,omitempty"`
	// DNS configures cluster DNS beyond the cluster's objects.
	DNS ClusterDNS `yaml:"dns,omitempty"`
	// Layer2 puts a switch and ARP under the nodes' LAN (see Layer2);
	// absent: the LAN is a plain wire. MetalLB needs it and turns it on.
	Layer2 *Layer2 `yaml:"layer2,omitempty"`
}

// ClusterDNS configures cluster DNS. CoreDNS's Corefile is the
// kube-system/coredns ConfigMap, which a scenario applies like any object.
type ClusterDNS struct {
	// Upstream are the records of the resolver CoreDNS forwards
	// non-cluster names to, as zone-file lines
	// ("raw.githubusercontent.com. 300 IN A 185.199.108.133"). Names it
	// does not hold answer NXDOMAIN.
	Upstream []string `yaml:"upstream,omitempty"`
}

// Node is one node of the cluster.
type Node struct {
	Name         string            `yaml:"name"`
	IP           string            `yaml:"ip,omitempty"`
	ControlPlane bool              `yaml:"controlPlane,omitempty"`
	Labels       map[string]string `yaml:"labels,omitempty"`
}

// ClusterParams override the cluster's named delays.
type ClusterParams struct {
	WatchDelay      *Duration `yaml:"watchDelay,omitempty"`
	SchedulerDelay  *Duration `yaml:"schedulerDelay,omitempty"`
	ControllerDelay *Duration `yaml:"controllerDelay,omitempty"`
	EndpointsDelay  *Duration `yaml:"endpointsDelay,omitempty"`
	PodStartDelay   *Duration `yaml:"podStartDelay,omitempty"`
	VethLatency     *Duration `yaml:"vethLatency,omitempty"`
	WireLatency     *Duration `yaml:"wireLatency,omitempty"`
	AppLatency      *Duration `yaml:"appLatency,omitempty"`
	BootTime        *Duration `yaml:"bootTime,omitempty"`
	// KubeProxyMinSyncPeriod and KubeProxySyncPeriod are kube-proxy's
	// iptables.minSyncPeriod (1s) and syncPeriod (30s).
	KubeProxyMinSyncPeriod *Duration `yaml:"kubeProxyMinSyncPeriod,omitempty"`
	KubeProxySyncPeriod    *Duration `yaml:"kubeProxySyncPeriod,omitempty"`
	// ThinkTime is the pause before each step: the learner reading and
	// typing (default 1s). Real commands typed at once can race what the
	// previous one started (kubectl wait -l right after apply finds no
	// pods yet); set 0 to see that.
	ThinkTime *Duration `yaml:"thinkTime,omitempty"`
	// LoadBalancerDelay is how long the cloud takes to provision a load
	// balancer (default 3s).
	LoadBalancerDelay *Duration `yaml:"loadBalancerDelay,omitempty"`
}

// defaultThinkTime is the pause before each step.
const defaultThinkTime = time.Second

// Image defines a container image of the scenario's own.
type Image struct {
	Name        string `yaml:"name"`
	Ports       []int  `yaml:"ports,omitempty"`
	ExitsOnTerm *bool  `yaml:"exitsOnTerm,omitempty"`
	Shell       bool   `yaml:"shell,omitempty"`
	// Responses maps a path to the body served with 200; other paths
	// get 404.
	Responses map[string]string `yaml:"responses,omitempty"`
}

// Step is one step: narration, exactly one action, and expectations.
type Step struct {
	Name      string `yaml:"name"`
	Narration string `yaml:"narration,omitempty"`
	// Run is a command line as a learner types it: kubectl ..., or
	// curl/wget on the learner's machine (which reaches port-forwards on
	// localhost). Pipes into grep/tail/head and $(...) work.
	Run string `yaml:"run,omitempty"`
	// Apply is an inline manifest, applied as `kubectl apply -f`.
	Apply string `yaml:"apply,omitempty"`
	// Sleep lets simulated time pass.
	Sleep *Duration `yaml:"sleep,omitempty"`
	// Load sends a number of HTTP requests from a pod, one after the
	// other, and reports which pods answered.
	Load *LoadStep `yaml:"load,omitempty"`
	// Expect holds the expectations checked after the action.
	Expect []Expectation `yaml:"expect,omitempty"`
	// Timeout bounds how long expectations are retried (default 30s of
	// simulated time).
	Timeout *Duration `yaml:"timeout,omitempty"`
}

// LoadStep is a burst of requests from one pod, as a loop of curls would
// send them: `for i in $(seq 20); do curl -s URL; done`.
type LoadStep struct {
	// From is the pod that sends, as kubectl exec names it: a pod name,
	// deploy/NAME, ...
	From string `yaml:"from"`
	// URL is what each request fetches.
	URL string `yaml:"url"`
	// Count is how many requests are sent.
	Count int `yaml:"count"`
	// Namespace of From (default "default").
	Namespace string `yaml:"namespace,omitempty"`
}

// Expectation is one check; exactly one of its kinds is set.
type Expectation struct {
	// Output checks the step's command output.
	Output *OutputExpect `yaml:"output,omitempty"`
	// Object checks objects in the API server.
	Object *ObjectExpect `yaml:"object,omitempty"`
	// Endpoints checks a Service's ready endpoint addresses.
	Endpoints *EndpointsExpect `yaml:"endpoints,omitempty"`
	// Trace checks what happened during the step (or must not have).
	Trace *TraceExpect `yaml:"trace,omitempty"`
	// Description says in words what is expected (shown in reports).
	Description string `yaml:"description,omitempty"`
}

// OutputExpect checks stdout+stderr and the exit code.
type OutputExpect struct {
	Contains    []string `yaml:"contains,omitempty"`
	NotContains []string `yaml:"notContains,omitempty"`
	Matches     string   `yaml:"matches,omitempty"`
	Equals      *string  `yaml:"equals,omitempty"`
	ExitCode    *int     `yaml:"exitCode,omitempty"`
}

// ObjectExpect checks objects: by name or selector, their number, a
// field read with a JSONPath.
type ObjectExpect struct {
	Kind      string  `yaml:"kind"`
	Name      string  `yaml:"name,omitempty"`
	Namespace string  `yaml:"namespace,omitempty"`
	Selector  string  `yaml:"selector,omitempty"`
	Count     *int    `yaml:"count,omitempty"`
	Exists    *bool   `yaml:"exists,omitempty"`
	JSONPath  string  `yaml:"jsonpath,omitempty"`
	Equals    *string `yaml:"equals,omitempty"`
	NotEquals *string `yaml:"notEquals,omitempty"`
	// EqualsSaved and NotEqualsSaved compare with a value saved by an
	// earlier step.
	EqualsSaved    string `yaml:"equalsSaved,omitempty"`
	NotEqualsSaved string `yaml:"notEqualsSaved,omitempty"`
	// Save stores the JSONPath's value under this name for later steps.
	Save string `yaml:"save,omitempty"`
}

// EndpointsExpect checks a Service's Endpoints.
type EndpointsExpect struct {
	Service   string `yaml:"service"`
	Namespace string `yaml:"namespace,omitempty"`
	// Ready is the number of ready addresses.
	Ready *int `yaml:"ready,omitempty"`
	// NotReady is the number of not-ready addresses.
	NotReady *int `yaml:"notReady,omitempty"`
}

// TraceExpect checks the trace records of the step: that some record of
// the kind (whose summary contains the text) happened, or, with Never,
// that none did.
type TraceExpect struct {
	Kind     string `yaml:"kind,omitempty"`
	Contains string `yaml:"contains,omitempty"`
	Never    bool   `yaml:"never,omitempty"`
}

// Duration is a time.Duration written as Go writes one ("1.5s", "30s").
type Duration struct{ time.Duration }

// UnmarshalYAML reads a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return fmt.Errorf("invalid duration %q: want a non-negative Go duration such as 500ms, 5s or 1m30s", n.Value)
	}
	d.Duration = v
	return nil
}

// MarshalYAML writes the duration back.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// defaultTimeout is how long a step's expectations are retried.
const defaultTimeout = 30 * time.Second
