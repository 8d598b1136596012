package kubectl

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apps"
	"github.com/svcsim/svcsim/model/cloudprovider"
	"github.com/svcsim/svcsim/model/controllers"
	"github.com/svcsim/svcsim/model/network"
)

// podFor resolves an exec or port-forward target: a pod name, pod/NAME,
// or deploy/, rs/, rc/, svc/NAME, for which kubectl picks one running pod
// (ready ones first, then by name).
func (k *Kubectl) podFor(target, ns string) (*api.Pod, string) {
	kindWord, name, hasKind := strings.Cut(target, "/")
	if !hasKind {
		kindWord, name = "pod", target
	}
	kd, err := resolveKind(kindWord)
	if err != nil {
		return nil, err.Error()
	}
	o, ok := k.C.API.Get(kd.Kind, ns, name)
	if !ok {
		return nil, fmt.Sprintf("Error from server (NotFound): %s %q not found", kd.GroupResource(), name)
	}
	var sel api.Selector
	switch x := o.(type) {
	case *api.Pod:
		return x, ""
	case *api.Deployment:
		sel, _, _ = api.SelectorFromLabelSelector(x.Spec.Selector)
	case *api.ReplicaSet:
		sel, _, _ = api.SelectorFromLabelSelector(x.Spec.Selector)
	case *api.ReplicationController:
		sel = api.SelectorFromMap(x.Spec.Selector)
	case *api.Service:
		sel = api.SelectorFromMap(x.Spec.Selector)
	default:
		return nil, fmt.Sprintf("error: cannot attach to *v1.%s: selector for *v1.%s not implemented", kd.Kind, kd.Kind)
	}
	pods := k.C.API.PodsMatching(ns, sel)
	sort.SliceStable(pods, func(i, j int) bool {
		ri, rj := controllers.PodReady(pods[i]), controllers.PodReady(pods[j])
		return ri && !rj
	})
	for _, p := range pods {
		if p.DeletionTimestamp == nil {
			return p, ""
		}
	}
	return nil, fmt.Sprintf("error: unable to upgrade connection: no running pod found for %s", target)
}

// exec runs `kubectl exec TARGET -- CMD...` in the pod's first (or -c)
// container.
func (k *Kubectl) exec(f *flags, done func(Result)) {
	if len(f.words) == 0 {
		done(fail("error: expected 'exec (POD | TYPE/NAME) COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples"))
		return
	}
	argv := f.rest
	var warn string
	if len(argv) == 0 && len(f.words) > 1 {
		argv = f.words[1:]
		warn = "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n"
	}
	if len(argv) == 0 {
		done(fail("error: you must specify at least one command for the container"))
		return
	}
	ns := k.namespace(f)
	pod, msg := k.podFor(f.words[0], ns)
	if pod == nil {
		done(fail(msg))
		return
	}
	if pod.Status.Phase != "Running" || pod.Status.PodIP == "" {
		done(fail(fmt.Sprintf("error: unable to upgrade connection: container not found (%q)", pod.Spec.Containers[0].Name)))
		return
	}
	key := pod.Namespace + "/" + pod.Name
	kl := k.C.Kubelets[pod.Spec.NodeName]
	netns, ok1 := kl.NetNS(key)
	image, ok2 := kl.Image(key)
	if !ok1 || !ok2 {
		done(fail(fmt.Sprintf("error: unable to upgrade connection: container not found (%q)", pod.Spec.Containers[0].Name)))
		return
	}
	k.engine().Emit("kubectl.exec", fmt.Sprintf("kubectl exec %s -- %s", pod.Name, strings.Join(argv, " ")), nil)
	px := &process{k: k, pod: pod, ns: netns, image: image}
	px.run(argv, "", func(r Result) {
		if warn != "" {
			r.Stderr = warn + r.Stderr
		}
		if r.Exit != 0 && !r.startFailed {
			r.Stderr += fmt.Sprintf("command terminated with exit code %d\n", r.Exit)
		}
		done(r)
	})
}

// process is a command running in a pod's container.
type process struct {
	k     *Kubectl
	pod   *api.Pod
	ns    *network.NetNS
	image *apps.Image
}

// notFound is what kubectl prints when the container has no such
// program: the runtime's error, passed through the API server as an
// Internal error, with kubectl's own exit status 1 (not the runtime's
// 126, so no "command terminated" line).
func (px *process) notFound(prog string) Result {
	r := px.k.engine().Rand("containerd/exec")
	id := fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())
	return Result{Stderr: fmt.Sprintf("error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec %q: OCI runtime exec failed: exec failed: unable to start container process: exec: %q: executable file not found in $PATH: unknown\n", id, prog), Exit: 1, startFailed: true}
}

// portForward runs `kubectl port-forward TARGET [LOCAL:]REMOTE`: from
// then on, the learner's machine reaches the pod's port on localhost.
func (k *Kubectl) portForward(f *flags) Result {
	if len(f.words) < 2 {
		return fail("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples")
	}
	ns := k.namespace(f)
	pod, msg := k.podFor(f.words[0], ns)
	if pod == nil {
		return fail(msg)
	}
	if pod.Status.Phase != "Running" {
		return fail(fmt.Sprintf("error: unable to forward port because pod is not running. Current status=%s", pod.Status.Phase))
	}
	var out strings.Builder
	for _, spec := range f.words[1:] {
		local, remote, ok := strings.Cut(spec, ":")
		if !ok {
			remote = local
		}
		lp, err1 := strconv.Atoi(local)
		rp, err2 := k.remotePort(f.words[0], ns, remote, pod)
		if err1 != nil || err2 != nil || lp < 0 || lp > 65535 {
			return fail(fmt.Sprintf("error: Error parsing local port '%s': invalid port", spec))
		}
		k.Forwards[uint16(lp)] = Forward{Pod: pod.Namespace + "/" + pod.Name, Remote: uint16(rp)}
		fmt.Fprintf(&out, "Forwarding from 127.0.0.1:%d -> %d\nForwarding from [::1]:%d -> %d\n", lp, rp, lp, rp)
		k.engine().Emit("kubectl.port-forward", fmt.Sprintf("kubectl port-forward: localhost:%d → pod %s port %d, through the API server and the kubelet", lp, pod.Name, rp), nil)
	}
	return Result{Stdout: out.String()}
}

// remotePort resolves a port-forward's remote port: for svc/NAME the
// Service port maps to its targetPort, as kubectl does.
func (k *Kubectl) remotePort(target, ns, remote string, pod *api.Pod) (int, error) {
	p, err := strconv.Atoi(remote)
	if err != nil {
		for _, c := range pod.Spec.Containers {
			for _, cp := range c.Ports {
				if cp.Name == remote {
					return int(cp.ContainerPort), nil
				}
			}
		}
		return 0, err
	}
	if kindWord, name, ok := strings.Cut(target, "/"); ok {
		if kd, _ := resolveKind(kindWord); kd != nil && kd.Kind == "Service" {
			if o, ok := k.C.API.Get("Service", ns, name); ok {
				for _, sp := range o.(*api.Service).Spec.Ports {
					if int(sp.Port) == p && !sp.TargetPort.IsString {
						return int(sp.TargetPort.IntVal), nil
					}
				}
			}
		}
	}
	return p, nil
}

// LocalFetch makes an HTTP GET from the learner's machine: localhost
// ports answer when a port-forward serves them; other addresses are
// reached over the nodes' LAN (NodePorts on node IPs, load balancer
// addresses).
func (k *Kubectl) LocalFetch(opts network.FetchOptions, done func(network.FetchResult)) {
	host, port, _, err := network.ParseURL(opts.URL)
	local := host == "localhost" || host == "127.0.0.1"
	if err == nil && !local && k.C.Workstation != nil {
		// Anything but localhost goes out on the LAN: node IPs (NodePort)
		// and load balancer addresses answer; pod and Service addresses
		// are not routed outside the cluster.
		k.C.Network.Fetch(k.C.Workstation, opts, done)
		return
	}
	fw, ok := k.Forwards[port]
	if err == nil && local && !ok && k.C.Workstation != nil {
		// Docker Desktop publishes LoadBalancer Services on localhost.
		if to, dd := cloudprovider.LocalhostTarget(k.C.API, port); dd {
			inner := opts
			inner.URL = fmt.Sprintf("http://%s%s", to, pathOf(opts.URL))
			k.C.Network.Fetch(k.C.Workstation, inner, func(r network.FetchResult) {
				r.URL, r.Host, r.Port = opts.URL, host, port
				done(r)
			})
			return
		}
	}
	if err != nil || !local || !ok {
		res := network.FetchResult{URL: opts.URL, Host: host, Port: port, Err: network.ECONNREFUSED, Addr: netip.MustParseAddr("127.0.0.1")}
		done(res)
		return
	}
	ns, name, _ := strings.Cut(fw.Pod, "/")
	o, exists := k.C.API.Get("Pod", ns, name)
	var netns *network.NetNS
	if exists {
		netns, exists = k.C.Kubelets[o.(*api.Pod).Spec.NodeName].NetNS(fw.Pod)
	}
	if !exists {
		// The pod behind the forward is gone: kubectl reports it and the
		// client sees the connection close.
		done(network.FetchResult{URL: opts.URL, Host: host, Port: port, Err: network.ECONNRESET, Addr: netip.MustParseAddr("127.0.0.1")})
		return
	}
	inner := opts
	inner.URL = fmt.Sprintf("http://127.0.0.1:%d%s", fw.Remote, pathOf(opts.URL))
	k.C.Network.Fetch(netns, inner, func(r network.FetchResult) {
		r.URL, r.Host, r.Port = opts.URL, host, port
		done(r)
	})
}

func pathOf(url string) string {
	_, _, p, err := network.ParseURL(url)
	if err != nil {
		return "/"
	}
	return p
}
