// Package cluster assembles a simulated Kubernetes cluster: the engine,
// the API server, the controllers, the scheduler, a kubelet per node, the
// data plane and the container images, started the way kubeadm leaves a
// fresh cluster (namespaces, nodes, the kubernetes and kube-dns Services,
// CoreDNS running).
package cluster

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/apps"
	"github.com/svcsim/svcsim/model/cloudprovider"
	"github.com/svcsim/svcsim/model/controllers"
	"github.com/svcsim/svcsim/model/dns"
	"github.com/svcsim/svcsim/model/kernel"
	"github.com/svcsim/svcsim/model/kubelet"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/lan"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/model/scheduler"
	"github.com/svcsim/svcsim/sim"
)

// Cluster is a running simulated cluster.
type Cluster struct {
	Engine   *sim.Engine
	API      *apiserver.Server
	Network  *network.Network
	Images   *apps.Registry
	Kubelets map[string]*kubelet.Kubelet
	// Kernel holds every node's netfilter tables and conntrack table; it
	// sits at the data plane's hooks.
	Kernel *kernel.Kernel
	// KubeProxies are the kube-proxy of each node.
	KubeProxies map[string]*kubeproxy.Component
	// DNS is cluster DNS: the CoreDNS pods' server and its index.
	DNS *CoreDNS
	// Workstation is the learner's machine on the nodes' LAN (the first
	// address of the node network, where kind's and minikube's host
	// sits): it reaches node IPs and load balancer IPs, not pods.
	Workstation *network.NetNS
	// LAN is layer 2 under the nodes' network when Config.Layer2 is set
	// (nil otherwise), and Router the LAN's default gateway on it.
	LAN    *lan.Segment
	Router *network.NetNS
	Config Config

	nodeLifecycle *controllers.NodeLifecycle
	// onStop are told when a node stops (its MetalLB speaker, say).
	onStop []func(node string)

	// StartIndex and StartTime mark where the boot ends and a scenario
	// begins in the trace.
	StartIndex int
	StartTime  time.Duration
}

// starter is a component that registers its watches once it has an ID.
type starter interface {
	sim.Component
	Start(e *sim.Engine, id sim.ComponentID)
}

// New builds the cluster and runs its boot: after New returns, CoreDNS is
// ready and the clock stands at Params.BootTime.
func New(cfg Config) (*Cluster, error) {
	e := sim.New(cfg.Seed)
	e.SetEventBudget(cfg.EventBudget)
	p := cfg.Params
	acfg := apiserver.DefaultConfig()
	acfg.ServiceCIDR, acfg.NodePortMin, acfg.NodePortMax, acfg.WatchDelay = cfg.ServiceCIDR, cfg.NodePortMin, cfg.NodePortMax, p.WatchDelay
	c := &Cluster{
		Engine:   e,
		API:      apiserver.New(e, acfg),
		Images:   apps.NewRegistry(),
		Kubelets: map[string]*kubelet.Kubelet{},
		Kernel:   kernel.New(),

		KubeProxies: map[string]*kubeproxy.Component{},
		Config:      cfg,
	}
	c.Network = network.New(e, p.Network)
	c.Network.Filter = c.Kernel
	c.Network.SetID(e.Register(c.Network))
	up, err := dns.NewUpstream(cfg.DNSUpstream...)
	if err != nil {
		return nil, fmt.Errorf("dns upstream: %w", err)
	}
	c.DNS = newCoreDNS(c.API, up, p.CoreDNSLatency)
	c.nodeLifecycle = controllers.NewNodeLifecycle(c.API)
	c.Images.Add(coreDNSImage(c.Images.Lookup("coredns/coredns"), c.DNS))
	for _, comp := range []starter{
		scheduler.New(c.API, p.SchedulerDelay),
		controllers.NewDeploymentController(c.API, p.ControllerDelay),
		controllers.NewReplicaSetController(c.API, p.ControllerDelay),
		controllers.NewReplicationControllerManager(c.API, p.ControllerDelay),
		controllers.NewEndpointsController(c.API, p.EndpointsDelay),
		controllers.NewEndpointSliceController(c.API, p.EndpointsDelay),
		controllers.NewMirroringController(c.API, p.EndpointsDelay),
		controllers.NewGarbageCollector(c.API, p.GCDelay),
		c.nodeLifecycle,
		c.DNS,
	} {
		comp.Start(e, e.Register(comp))
	}
	c.Kernel.SetListening(c.Network.ListeningTCP)
	c.Workstation = c.Network.AddExternal("workstation", cfg.NodeCIDR.Masked().Addr().Next())
	if cfg.LoadBalancer != LoadBalancerNone && cfg.LoadBalancer != "" && cfg.LoadBalancer != LoadBalancerMetalLB {
		cp := cloudprovider.NewMode(cfg.LoadBalancer, c.API, c.Network, cfg.LoadBalancerPool, p.LoadBalancerDelay)
		cp.Start(e, e.Register(cp))
	}
	if err := c.bootstrap(); err != nil {
		return nil, err
	}
	if cfg.LoadBalancer == LoadBalancerMetalLB && cfg.Layer2 == nil {
		cfg.Layer2 = DefaultLayer2()
		c.Config.Layer2 = cfg.Layer2
	}
	if cfg.Layer2 != nil {
		if err := c.buildLAN(cfg.Layer2); err != nil {
			return nil, err
		}
	}
	if cfg.LoadBalancer == LoadBalancerMetalLB {
		if err := c.startMetalLB(); err != nil {
			return nil, err
		}
	}
	if err := e.RunUntil(p.BootTime); err != nil {
		return nil, fmt.Errorf("booting the cluster: %w", err)
	}
	e.Emit("scenario.start", "the cluster is up; the scenario starts", nil)
	c.StartIndex = e.Trace().Len() - 1
	c.StartTime = e.Now()
	return c, nil
}

func (c *Cluster) bootstrap() error {
	for _, ns := range []string{"default", "kube-node-lease", "kube-public", "kube-system"} {
		if _, err := c.API.Create(&api.Namespace{ObjectMeta: api.ObjectMeta{Name: ns}}); err != nil {
			return err
		}
	}
	if len(c.Config.Nodes) == 0 {
		return fmt.Errorf("the cluster has no nodes")
	}
	var controlIP netip.Addr
	for i, nc := range c.Config.Nodes {
		ip, err := c.Config.nodeIP(i)
		if err != nil {
			return err
		}
		cidr, err := c.Config.podCIDR(i)
		if err != nil {
			return err
		}
		if nc.ControlPlane && !controlIP.IsValid() {
			controlIP = ip
		}
		if err := c.addNode(nc, ip, cidr, len(c.Config.Nodes) > 1); err != nil {
			return err
		}
	}
	if !controlIP.IsValid() {
		controlIP, _ = c.Config.nodeIP(0)
	}
	if err := c.systemServices(controlIP); err != nil {
		return err
	}
	c.Engine.Emit("cluster.bootstrap", fmt.Sprintf("kubeadm-style cluster with %d node(s), service CIDR %s, pod CIDR %s", len(c.Config.Nodes), c.Config.ServiceCIDR, c.Config.ClusterCIDR), nil)
	return nil
}

func (c *Cluster) addNode(nc NodeConfig, ip netip.Addr, cidr netip.Prefix, taintControlPlane bool) error {
	labels := map[string]string{
		"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
		"kubernetes.io/arch": "amd64", "kubernetes.io/hostname": nc.Name, "kubernetes.io/os": "linux",
	}
	for k, v := range nc.Labels {
		labels[k] = v
	}
	node := &api.Node{
		ObjectMeta: api.ObjectMeta{Name: nc.Name, Labels: labels},
		Spec:       api.NodeSpec{PodCIDR: cidr.String(), PodCIDRs: []string{cidr.String()}},
		Status: api.NodeStatus{
			Addresses:  []api.NodeAddress{{Type: "InternalIP", Address: ip.String()}, {Type: "Hostname", Address: nc.Name}},
			Conditions: []api.NodeCondition{{Type: "Ready", Status: "True", Reason: "KubeletReady", Message: "kubelet is posting ready status", LastHeartbeatTime: api.At(0), LastTransitionTime: api.At(0)}},
			NodeInfo: api.NodeSystemInfo{KubeletVersion: "v1.36.0", KubeProxyVersion: "", OSImage: "Debian GNU/Linux 12 (bookworm)",
				KernelVersion: "6.1.0-27-amd64", ContainerRuntimeVersion: "containerd://2.1.1", OperatingSystem: "linux", Architecture: "amd64"},
		},
	}
	if nc.ControlPlane {
		node.Labels["node-role.kubernetes.io/control-plane"] = ""
		node.Labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
		if taintControlPlane {
			node.Spec.Taints = []api.Taint{{Key: "node-role.kubernetes.io/control-plane", Effect: "NoSchedule"}}
		}
	}
	stored, err := c.API.Create(node)
	if err != nil {
		return fmt.Errorf("node %q: %w", nc.Name, err)
	}
	nodeStartEvents(c.API, stored, !c.Config.NoKubeProxy)
	host := c.Network.AddHost(nc.Name, ip, cidr)
	k := kubelet.New(nc.Name, c.API, c.Network, host, c.Images, c.Config.Params.Kubelet)
	k.SetDNS(kubelet.DNSConfig{ClusterDomain: "cluster.local", ClusterDNS: []netip.Addr{c.Config.kubeDNSIP()}})
	k.Start(c.Engine, c.Engine.Register(k))
	c.Kubelets[nc.Name] = k
	c.Kernel.AddNode(nc.Name, ip, cidr)
	if c.Config.NoKubeProxy {
		return nil
	}
	kcfg, err := c.kubeProxyConfig(cidr)
	if err != nil {
		return err
	}
	kp := kubeproxy.NewComponent(c.API, nc.Name, kcfg, c.Kernel)
	kp.Start(c.Engine, c.Engine.Register(kp))
	c.KubeProxies[nc.Name] = kp
	return nil
}

// kubeProxyConfig is kube-proxy's configuration on a node: kubeadm's
// (kube-proxy's defaults with clusterCIDR set to the pod network) and the
// cluster's sync periods, or the scenario's KubeProxyConfiguration, whose
// sync periods win when it sets them.
func (c *Cluster) kubeProxyConfig(podCIDR netip.Prefix) (kubeproxy.Config, error) {
	p := c.Config.Params
	cfg := kubeproxy.DefaultConfig()
	cfg.ClusterCIDRs = []netip.Prefix{c.Config.ClusterCIDR}
	cfg.PodCIDR = podCIDR
	if f := c.Config.KubeProxy; f != nil {
		fc, err := kubeproxy.ConfigFromFile(f, podCIDR)
		if err != nil {
			return fc, fmt.Errorf("kube-proxy configuration: %w", err)
		}
		if f.IPTables.MinSyncPeriod.Duration == 0 && p.KubeProxyMinSyncPeriod > 0 {
			fc.MinSyncPeriod = p.KubeProxyMinSyncPeriod
		}
		if f.IPTables.SyncPeriod.Duration == 0 && p.KubeProxySyncPeriod > 0 {
			fc.SyncPeriod = p.KubeProxySyncPeriod
		}
		cfg = fc
	} else {
		if p.KubeProxyMinSyncPeriod > 0 {
			cfg.MinSyncPeriod = p.KubeProxyMinSyncPeriod
		}
		if p.KubeProxySyncPeriod > 0 {
			cfg.SyncPeriod = p.KubeProxySyncPeriod
		}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("kube-proxy configuration: %w", err)
	}
	return cfg, nil
}

// nodeStartEvents are the events a node's start leaves, as on a new kind
// node: the kubelet's, the node controller's RegisteredNode and
// kube-proxy's Starting (whose message is empty).
func nodeStartEvents(s *apiserver.Server, node api.Object, kubeProxy bool) {
	name := node.Meta().Name
	s.Event(node, false, "Starting", "kubelet", "Starting kubelet.")
	for _, status := range []string{"NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID"} {
		s.Event(node, false, status, "kubelet", "Node "+name+" status is now: "+status)
	}
	s.Event(node, false, "NodeAllocatableEnforced", "kubelet", "Updated Node Allocatable limit across pods")
	s.Event(node, false, "NodeReady", "kubelet", "Node "+name+" status is now: NodeReady")
	s.Event(node, false, "RegisteredNode", "node-controller", "Node "+name+" event: Registered Node "+name+" in Controller")
	if kubeProxy {
		s.Event(node, false, "Starting", "kube-proxy", "")
	}
}
