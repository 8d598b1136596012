package printers

import (
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// now is the virtual time the fixtures are printed at: 2h into the run.
const now = 2 * time.Hour

func ptr[T any](v T) *T { return &v }

func meta(name, ns string, created time.Duration, labels map[string]string) api.ObjectMeta {
	return api.ObjectMeta{Name: name, Namespace: ns, CreationTimestamp: api.At(created), Labels: labels,
		UID: "uid-" + name, ResourceVersion: "1"}
}

func runningPod(name, node, ip, hostIP string, created time.Duration, labels map[string]string, image string) *api.Pod {
	started := api.At(created + 3*time.Second)
	return &api.Pod{
		TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: meta(name, "default", created, labels),
		Spec: api.PodSpec{
			Containers: []api.Container{{Name: "app", Image: image,
				Ports: []api.ContainerPort{{ContainerPort: 80, Protocol: "TCP"}}}},
			NodeName: node, RestartPolicy: "Always", DNSPolicy: "ClusterFirst",
			ServiceAccountName: "default", SchedulerName: "default-scheduler",
		},
		Status: api.PodStatus{
			Phase:  "Running",
			HostIP: hostIP, HostIPs: []api.HostIP{{IP: hostIP}},
			PodIP: ip, PodIPs: []api.PodIP{{IP: ip}},
			StartTime: &started,
			Conditions: []api.PodCondition{
				{Type: "PodReadyToStartContainers", Status: "True", LastTransitionTime: started},
				{Type: "Initialized", Status: "True", LastTransitionTime: api.At(created)},
				{Type: "Ready", Status: "True", LastTransitionTime: started},
				{Type: "ContainersReady", Status: "True", LastTransitionTime: started},
				{Type: "PodScheduled", Status: "True", LastTransitionTime: api.At(created)},
			},
			ContainerStatuses: []api.ContainerStatus{{
				Name: "app", Ready: true, Image: image, ImageID: "docker.io/" + image + "@sha256:0123",
				ContainerID: "containerd://" + name, Started: ptr(true),
				State: api.ContainerState{Running: &api.ContainerStateRunning{StartedAt: started}},
			}},
			QOSClass: "BestEffort",
		},
	}
}

func fixturePods() []*api.Pod {
	sleep1 := runningPod("sleep-1-7c9b6f7d8c-2xk4p", "worker-1", "10.244.1.5", "172.18.0.3", 90*time.Minute,
		map[string]string{"app": "sleep-1", "pod-template-hash": "7c9b6f7d8c"}, "kiamol/ch03-sleep")
	sleep1.OwnerReferences = []api.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "sleep-1-7c9b6f7d8c", UID: "u", Controller: ptr(true)}}
	sleep2 := runningPod("sleep-2-5b8f6d9c4d-q7wzn", "worker-2", "10.244.2.7", "172.18.0.4", now-150*time.Second,
		map[string]string{"app": "sleep-2", "pod-template-hash": "5b8f6d9c4d"}, "kiamol/ch03-sleep")
	restarted := runningPod("numbers-api-6d7f8c9b5-abcde", "worker-1", "10.244.1.9", "172.18.0.3", 30*time.Minute,
		map[string]string{"app": "numbers-api"}, "kiamol/ch03-numbers-api")
	restarted.Status.ContainerStatuses[0].RestartCount = 2
	restarted.Status.ContainerStatuses[0].LastTerminationState = api.ContainerState{Terminated: &api.ContainerStateTerminated{
		ExitCode: 1, Reason: "Error", StartedAt: api.At(now - 20*time.Minute), FinishedAt: api.At(now - 5*time.Minute)}}
	pending := &api.Pod{
		TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: meta("numbers-web-5f9d7c6b8-zzz11", "default", now-4*time.Second, map[string]string{"app": "numbers-web"}),
		Spec:       api.PodSpec{Containers: []api.Container{{Name: "web", Image: "kiamol/ch03-numbers-web"}}, NodeName: "worker-2"},
		Status: api.PodStatus{Phase: "Pending", HostIP: "172.18.0.4", ContainerStatuses: []api.ContainerStatus{{
			Name: "web", Image: "kiamol/ch03-numbers-web",
			State: api.ContainerState{Waiting: &api.ContainerStateWaiting{Reason: "ContainerCreating"}}}}},
	}
	terminating := runningPod("sleep-2-5b8f6d9c4d-old01", "worker-1", "10.244.1.6", "172.18.0.3", 60*time.Minute,
		map[string]string{"app": "sleep-2"}, "kiamol/ch03-sleep")
	terminating.DeletionTimestamp = ptr(api.At(now + 25*time.Second))
	terminating.DeletionGracePeriodSeconds = ptr(int64(30))
	completed := runningPod("job-done", "worker-2", "10.244.2.8", "172.18.0.4", 119*time.Minute, nil, "busybox")
	completed.Status.Phase = "Succeeded"
	completed.Status.ContainerStatuses[0].Ready = false
	completed.Status.ContainerStatuses[0].State = api.ContainerState{Terminated: &api.ContainerStateTerminated{
		ExitCode: 0, Reason: "Completed", StartedAt: api.At(119 * time.Minute), FinishedAt: api.At(119*time.Minute + 10*time.Second)}}
	return []*api.Pod{sleep1, sleep2, restarted, pending, terminating, completed}
}

func svc(name, ns, typ string, created time.Duration, clusterIP string, ports []api.ServicePort, sel map[string]string) *api.Service {
	s := &api.Service{
		TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "Service"},
		ObjectMeta: meta(name, ns, created, nil),
		Spec: api.ServiceSpec{Type: typ, Ports: ports, Selector: sel, SessionAffinity: "None",
			IPFamilies: []string{"IPv4"}, IPFamilyPolicy: ptr("SingleStack"), InternalTrafficPolicy: ptr("Cluster")},
	}
	if clusterIP != "" {
		s.Spec.ClusterIP, s.Spec.ClusterIPs = clusterIP, []string{clusterIP}
	}
	return s
}

func fixtureServices() []*api.Service {
	kubernetes := svc("kubernetes", "default", "ClusterIP", -5*24*time.Hour, "10.96.0.1",
		[]api.ServicePort{{Name: "https", Protocol: "TCP", Port: 443, TargetPort: api.FromInt(6443)}}, nil)
	kubernetes.Labels = map[string]string{"component": "apiserver", "provider": "kubernetes"}
	sleep2 := svc("sleep-2", "default", "ClusterIP", 95*time.Minute, "10.96.113.27",
		[]api.ServicePort{{Protocol: "TCP", Port: 80, TargetPort: api.FromInt(80)}}, map[string]string{"app": "sleep-2"})
	web := svc("numbers-web", "default", "LoadBalancer", 10*time.Minute, "10.96.201.4",
		[]api.ServicePort{{Protocol: "TCP", Port: 8080, TargetPort: api.FromInt(80), NodePort: 31234}}, map[string]string{"app": "numbers-web"})
	web.Spec.ExternalTrafficPolicy = "Cluster"
	web.Spec.AllocateLoadBalancerNodePorts = ptr(true)
	web.Status.LoadBalancer.Ingress = []api.LoadBalancerIngress{{IP: "172.18.255.200", IPMode: ptr("VIP")}}
	pending := svc("numbers-lb", "default", "LoadBalancer", 9*time.Minute, "10.96.77.8",
		[]api.ServicePort{{Protocol: "TCP", Port: 80, TargetPort: api.FromInt(80), NodePort: 30412}}, map[string]string{"app": "numbers-web"})
	nodePort := svc("numbers-np", "default", "NodePort", 8*time.Minute, "10.96.45.9",
		[]api.ServicePort{{Name: "http", Protocol: "TCP", Port: 80, TargetPort: api.FromString("http"), NodePort: 30080},
			{Name: "https", Protocol: "TCP", Port: 443, TargetPort: api.FromInt(8443), NodePort: 31443}}, map[string]string{"app": "numbers-web"})
	extName := svc("numbers-api-ext", "default", "ExternalName", 7*time.Minute, "",
		[]api.ServicePort{{Protocol: "TCP", Port: 80, TargetPort: api.FromInt(80)}}, nil)
	extName.Spec.ExternalName = "raw.githubusercontent.com"
	extName.Spec.IPFamilies, extName.Spec.IPFamilyPolicy, extName.Spec.InternalTrafficPolicy = nil, nil, nil
	headless := svc("numbers-api", "default", "ClusterIP", 6*time.Minute, "None",
		[]api.ServicePort{{Protocol: "TCP", Port: 80, TargetPort: api.FromInt(80)}}, map[string]string{"app": "numbers-api"})
	headless.Spec.IPFamilyPolicy = ptr("RequireDualStack")
	headless.Spec.IPFamilies = []string{"IPv4", "IPv6"}
	dns := svc("kube-dns", "kube-system", "ClusterIP", -5*24*time.Hour, "10.96.0.10",
		[]api.ServicePort{{Name: "dns", Protocol: "UDP", Port: 53, TargetPort: api.FromInt(53)},
			{Name: "dns-tcp", Protocol: "TCP", Port: 53, TargetPort: api.FromInt(53)},
			{Name: "metrics", Protocol: "TCP", Port: 9153, TargetPort: api.FromInt(9153)}},
		map[string]string{"k8s-app": "kube-dns"})
	dns.Annotations = map[string]string{"prometheus.io/port": "9153", "prometheus.io/scrape": "true"}
	dns.Labels = map[string]string{"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"}
	return []*api.Service{kubernetes, sleep2, web, pending, nodePort, extName, headless, dns}
}

func fixtureNodes() []*api.Node {
	node := func(name, ip string, created time.Duration, labels map[string]string) *api.Node {
		return &api.Node{
			TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "Node"},
			ObjectMeta: meta(name, "", created, labels),
			Spec:       api.NodeSpec{PodCIDR: "10.244.1.0/24", PodCIDRs: []string{"10.244.1.0/24"}, ProviderID: "kind://docker/svcsim/" + name},
			Status: api.NodeStatus{
				Addresses: []api.NodeAddress{{Type: "InternalIP", Address: ip}, {Type: "Hostname", Address: name}},
				Conditions: []api.NodeCondition{
					{Type: "MemoryPressure", Status: "False", LastHeartbeatTime: api.At(now - 40*time.Second), LastTransitionTime: api.At(created), Reason: "KubeletHasSufficientMemory", Message: "kubelet has sufficient memory available"},
					{Type: "DiskPressure", Status: "False", LastHeartbeatTime: api.At(now - 40*time.Second), LastTransitionTime: api.At(created), Reason: "KubeletHasNoDiskPressure", Message: "kubelet has no disk pressure"},
					{Type: "PIDPressure", Status: "False", LastHeartbeatTime: api.At(now - 40*time.Second), LastTransitionTime: api.At(created), Reason: "KubeletHasSufficientPID", Message: "kubelet has sufficient PID available"},
					{Type: "Ready", Status: "True", LastHeartbeatTime: api.At(now - 40*time.Second), LastTransitionTime: api.At(created + 20*time.Second), Reason: "KubeletReady", Message: "kubelet is posting ready status"},
				},
				Capacity:    api.OpaqueOf(map[string]any{"cpu": "8", "memory": "16318268Ki", "pods": "110", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0"}),
				Allocatable: api.OpaqueOf(map[string]any{"cpu": "8", "memory": "16318268Ki", "pods": "110", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0"}),
				NodeInfo: api.NodeSystemInfo{MachineID: "a1b2", SystemUUID: "c3d4", BootID: "e5f6",
					KernelVersion: "6.8.0-45-generic", OSImage: "Debian GNU/Linux 12 (bookworm)",
					ContainerRuntimeVersion: "containerd://2.1.1", KubeletVersion: "v1.36.0",
					OperatingSystem: "linux", Architecture: "amd64"},
			},
		}
	}
	cp := node("control-plane", "172.18.0.2", -5*24*time.Hour, map[string]string{"kubernetes.io/hostname": "control-plane", "node-role.kubernetes.io/control-plane": ""})
	cp.Spec.Taints = []api.Taint{{Key: "node-role.kubernetes.io/control-plane", Effect: "NoSchedule"}}
	w1 := node("worker-1", "172.18.0.3", -5*24*time.Hour+30*time.Second, map[string]string{"kubernetes.io/hostname": "worker-1"})
	w2 := node("worker-2", "172.18.0.4", -5*24*time.Hour+31*time.Second, map[string]string{"kubernetes.io/hostname": "worker-2"})
	w2.Spec.Unschedulable = true
	w2.Status.Addresses = append(w2.Status.Addresses, api.NodeAddress{Type: "ExternalIP", Address: "203.0.113.4"})
	w2.Status.Conditions[3].Status, w2.Status.Conditions[3].Reason = "Unknown", "NodeStatusUnknown"
	w2.Status.Conditions[3].Message = "Kubelet stopped posting node status."
	return []*api.Node{cp, w1, w2}
}

func fixtureEndpoints() []*api.Endpoints {
	addr := func(ip string) api.EndpointAddress { return api.EndpointAddress{IP: ip} }
	return []*api.Endpoints{
		{TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: "Endpoints"}, ObjectMeta: meta("kubernetes", "default", -5*24*time.Hour, nil),
			Subsets: []api.EndpointSubset{{Addresses: []api.EndpointAddress{addr("172.18.0.2")}, Ports: []api.EndpointPort{{Name: ptr("https"), Port: ptr(int32(6443)), Protocol: ptr("TCP")}}}}},
		{TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: "Endpoints"}, ObjectMeta: meta("sleep-2", "default", 95*time.Minute, nil),
			Subsets: []api.EndpointSubset{{Addresses: []api.EndpointAddress{addr("10.244.1.5"), addr("10.244.2.7"), addr("10.244.2.9"), addr("10.244.1.12")},
				NotReadyAddresses: []api.EndpointAddress{addr("10.244.1.6")}, Ports: []api.EndpointPort{{Port: ptr(int32(80)), Protocol: ptr("TCP")}}}}},
		{TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: "Endpoints"}, ObjectMeta: meta("numbers-api", "default", 6*time.Minute, nil)},
		{TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: "Endpoints"}, ObjectMeta: meta("numbers-web", "default", 10*time.Minute, nil),
			Subsets: []api.EndpointSubset{{NotReadyAddresses: []api.EndpointAddress{addr("10.244.2.11")}, Ports: []api.EndpointPort{{Port: ptr(int32(80)), Protocol: ptr("TCP")}}}}},
	}
}

func fixtureSlices() []*api.EndpointSlice {
	ep := func(ip string, ready bool) api.Endpoint {
		return api.Endpoint{Addresses: []string{ip}, Conditions: api.EndpointConditions{Ready: ptr(ready), Serving: ptr(ready), Terminating: ptr(false)}}
	}
	labels := func(svc string) map[string]string {
		return map[string]string{api.LabelServiceName: svc, api.LabelManagedBy: api.ManagedByEndpointSlice}
	}
	return []*api.EndpointSlice{
		{TypeMeta: api.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"}, ObjectMeta: meta("sleep-2-x7k2p", "default", 95*time.Minute, labels("sleep-2")),
			AddressType: "IPv4", Ports: []api.EndpointPort{{Name: ptr(""), Port: ptr(int32(80)), Protocol: ptr("TCP")}},
			Endpoints: []api.Endpoint{ep("10.244.1.5", true), ep("10.244.2.7", true), ep("10.244.2.9", true), ep("10.244.1.12", true), ep("10.244.1.6", false)}},
		{TypeMeta: api.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"}, ObjectMeta: meta("numbers-api-9zq4r", "default", 6*time.Minute, labels("numbers-api")),
			AddressType: "IPv4"},
		{TypeMeta: api.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"}, ObjectMeta: meta("numbers-np-abcde", "default", 8*time.Minute, labels("numbers-np")),
			AddressType: "IPv4", Ports: []api.EndpointPort{{Name: ptr("http"), Port: ptr(int32(80)), Protocol: ptr("TCP")}, {Name: ptr("https"), Port: ptr(int32(8443)), Protocol: ptr("TCP")},
				{Name: ptr("a"), Port: ptr(int32(1)), Protocol: ptr("TCP")}, {Name: ptr("b"), Port: ptr(int32(2)), Protocol: ptr("TCP")}},
			Endpoints: []api.Endpoint{ep("10.244.2.11", true)}},
	}
}

func fixtureWorkloads() []api.Object {
	tmpl := func(app, image string) api.PodTemplateSpec {
		return api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": app}},
			Spec: api.PodSpec{Containers: []api.Container{{Name: "app", Image: image}}}}
	}
	d1 := &api.Deployment{TypeMeta: api.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"}, ObjectMeta: meta("sleep-1", "default", 90*time.Minute, map[string]string{"app": "sleep-1"}),
		Spec:   api.DeploymentSpec{Replicas: ptr(int32(1)), Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "sleep-1"}}, Template: tmpl("sleep-1", "kiamol/ch03-sleep")},
		Status: api.DeploymentStatus{Replicas: 1, UpdatedReplicas: 1, ReadyReplicas: 1, AvailableReplicas: 1}}
	d2 := &api.Deployment{TypeMeta: api.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"}, ObjectMeta: meta("numbers-web", "default", 10*time.Minute, nil),
		Spec: api.DeploymentSpec{Replicas: ptr(int32(3)), Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "numbers-web"},
			MatchExpressions: []api.LabelSelectorRequirement{{Key: "tier", Operator: "In", Values: []string{"web", "front"}}}},
			Template: api.PodTemplateSpec{Spec: api.PodSpec{Containers: []api.Container{{Name: "web", Image: "kiamol/ch03-numbers-web"}, {Name: "proxy", Image: "nginx:1.27"}}}}},
		Status: api.DeploymentStatus{Replicas: 3, UpdatedReplicas: 3, ReadyReplicas: 1, AvailableReplicas: 1}}
	rs := &api.ReplicaSet{TypeMeta: api.TypeMeta{APIVersion: "apps/v1", Kind: "ReplicaSet"}, ObjectMeta: meta("sleep-1-7c9b6f7d8c", "default", 90*time.Minute, nil),
		Spec: api.ReplicaSetSpec{Replicas: ptr(int32(1)), Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "sleep-1", "pod-template-hash": "7c9b6f7d8c"}},
			Template: tmpl("sleep-1", "kiamol/ch03-sleep")},
		Status: api.ReplicaSetStatus{Replicas: 1, ReadyReplicas: 1, AvailableReplicas: 1}}
	rc := &api.ReplicationController{TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: "ReplicationController"}, ObjectMeta: meta("rcsise", "default", 100*time.Minute, nil),
		Spec: api.ReplicationControllerSpec{Replicas: ptr(int32(2)), Selector: map[string]string{"app": "sise"},
			Template: &api.PodTemplateSpec{Spec: api.PodSpec{Containers: []api.Container{{Name: "sise", Image: "quay.io/openshiftlabs/simpleservice:0.5.0"}}}}},
		Status: api.ReplicaSetStatus{Replicas: 2, ReadyReplicas: 1}}
	return []api.Object{d1, d2, rs, rc}
}

func fixtureNamespaces() []*api.Namespace {
	ns := func(name string, created time.Duration, phase string) *api.Namespace {
		return &api.Namespace{TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: "Namespace"}, ObjectMeta: meta(name, "", created, nil), Status: api.NamespaceStatus{Phase: phase}}
	}
	return []*api.Namespace{ns("default", -5*24*time.Hour, "Active"), ns("kube-system", -5*24*time.Hour, "Active"), ns("old", -3*time.Minute, "Terminating")}
}

func objects[T api.Object](in []T) []api.Object {
	out := make([]api.Object, len(in))
	for i, o := range in {
		out[i] = o
	}
	return out
}
