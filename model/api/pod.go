package api

// Pod is a core/v1 Pod.
type Pod struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       PodSpec   `yaml:"spec,omitempty" json:"spec,omitempty"`
	Status     PodStatus `yaml:"status,omitempty" json:"status,omitempty"`
}

// PodSpec is the part of a pod's spec that svcsim reads, plus the common
// fields it accepts as they are.
type PodSpec struct {
	Containers                    []Container       `yaml:"containers" json:"containers"`
	InitContainers                []Container       `yaml:"initContainers,omitempty" json:"initContainers,omitempty"`
	NodeName                      string            `yaml:"nodeName,omitempty" json:"nodeName,omitempty"`
	NodeSelector                  map[string]string `yaml:"nodeSelector,omitempty" json:"nodeSelector,omitempty"`
	Hostname                      string            `yaml:"hostname,omitempty" json:"hostname,omitempty"`
	Subdomain                     string            `yaml:"subdomain,omitempty" json:"subdomain,omitempty"`
	HostNetwork                   bool              `yaml:"hostNetwork,omitempty" json:"hostNetwork,omitempty"`
	TerminationGracePeriodSeconds *int64            `yaml:"terminationGracePeriodSeconds,omitempty" json:"terminationGracePeriodSeconds,omitempty"`
	RestartPolicy                 string            `yaml:"restartPolicy,omitempty" json:"restartPolicy,omitempty"`
	DNSPolicy                     string            `yaml:"dnsPolicy,omitempty" json:"dnsPolicy,omitempty"`
	DNSConfig                     Opaque            `yaml:"dnsConfig,omitempty" json:"dnsConfig,omitzero"`
	SchedulerName                 string            `yaml:"schedulerName,omitempty" json:"schedulerName,omitempty"`
	ServiceAccountName            string            `yaml:"serviceAccountName,omitempty" json:"serviceAccountName,omitempty"`
	SecurityContext               Opaque            `yaml:"securityContext,omitempty" json:"securityContext,omitzero"`
	EnableServiceLinks            *bool             `yaml:"enableServiceLinks,omitempty" json:"enableServiceLinks,omitempty"`

	// PodSpecExtra: the fields few pods set; nil when none is set.
	*PodSpecExtra `yaml:",inline" json:",inline"`
}

// PodSpecExtra holds the fields of a PodSpec that few pods set and
// svcsim does not act on (priority, tolerations, volumes, …): it accepts
// and prints them. They sit behind one pointer, nil when none is set, so
// that a Pod fits a smaller allocation size class; the trace keeps every
// version of every pod. Reading one through a PodSpec needs a nil check.
type PodSpecExtra struct {
	DeprecatedServiceAccount     string  `yaml:"serviceAccount,omitempty" json:"serviceAccount,omitempty"`
	AutomountServiceAccountToken *bool   `yaml:"automountServiceAccountToken,omitempty" json:"automountServiceAccountToken,omitempty"`
	Tolerations                  Opaque  `yaml:"tolerations,omitempty" json:"tolerations,omitzero"`
	Affinity                     Opaque  `yaml:"affinity,omitempty" json:"affinity,omitzero"`
	Volumes                      Opaque  `yaml:"volumes,omitempty" json:"volumes,omitzero"`
	Priority                     *int32  `yaml:"priority,omitempty" json:"priority,omitempty"`
	PriorityClassName            string  `yaml:"priorityClassName,omitempty" json:"priorityClassName,omitempty"`
	PreemptionPolicy             string  `yaml:"preemptionPolicy,omitempty" json:"preemptionPolicy,omitempty"`
	ImagePullSecrets             Opaque  `yaml:"imagePullSecrets,omitempty" json:"imagePullSecrets,omitzero"`
	HostAliases                  Opaque  `yaml:"hostAliases,omitempty" json:"hostAliases,omitzero"`
	HostPID                      bool    `yaml:"hostPID,omitempty" json:"hostPID,omitempty"`
	HostIPC                      bool    `yaml:"hostIPC,omitempty" json:"hostIPC,omitempty"`
	ShareProcessNamespace        *bool   `yaml:"shareProcessNamespace,omitempty" json:"shareProcessNamespace,omitempty"`
	ActiveDeadlineSeconds        *int64  `yaml:"activeDeadlineSeconds,omitempty" json:"activeDeadlineSeconds,omitempty"`
	RuntimeClassName             *string `yaml:"runtimeClassName,omitempty" json:"runtimeClassName,omitempty"`
	Overhead                     Opaque  `yaml:"overhead,omitempty" json:"overhead,omitzero"`
	TopologySpreadConstraints    Opaque  `yaml:"topologySpreadConstraints,omitempty" json:"topologySpreadConstraints,omitzero"`
	ReadinessGates               Opaque  `yaml:"readinessGates,omitempty" json:"readinessGates,omitzero"`
	EphemeralContainers          Opaque  `yaml:"ephemeralContainers,omitempty" json:"ephemeralContainers,omitzero"`
	OS                           Opaque  `yaml:"os,omitempty" json:"os,omitzero"`
	SetHostnameAsFQDN            *bool   `yaml:"setHostnameAsFQDN,omitempty" json:"setHostnameAsFQDN,omitempty"`
	HostUsers                    *bool   `yaml:"hostUsers,omitempty" json:"hostUsers,omitempty"`
	SchedulingGates              Opaque  `yaml:"schedulingGates,omitempty" json:"schedulingGates,omitzero"`
	ResourceClaims               Opaque  `yaml:"resourceClaims,omitempty" json:"resourceClaims,omitzero"`
	Resources                    Opaque  `yaml:"resources,omitempty" json:"resources,omitzero"`
}

// Extra returns the spec's uncommon fields, all zero when none is set.
func (s *PodSpec) Extra() PodSpecExtra {
	if s.PodSpecExtra == nil {
		return PodSpecExtra{}
	}
	return *s.PodSpecExtra
}

// Container is one container of a pod.
type Container struct {
	Name                     string          `yaml:"name" json:"name"`
	Image                    string          `yaml:"image,omitempty" json:"image,omitempty"`
	Command                  []string        `yaml:"command,omitempty" json:"command,omitempty"`
	Args                     []string        `yaml:"args,omitempty" json:"args,omitempty"`
	WorkingDir               string          `yaml:"workingDir,omitempty" json:"workingDir,omitempty"`
	Ports                    []ContainerPort `yaml:"ports,omitempty" json:"ports,omitempty"`
	Env                      []EnvVar        `yaml:"env,omitempty" json:"env,omitempty"`
	EnvFrom                  Opaque          `yaml:"envFrom,omitempty" json:"envFrom,omitzero"`
	Resources                Opaque          `yaml:"resources,omitempty" json:"resources,omitzero"`
	ResizePolicy             Opaque          `yaml:"resizePolicy,omitempty" json:"resizePolicy,omitzero"`
	RestartPolicy            string          `yaml:"restartPolicy,omitempty" json:"restartPolicy,omitempty"`
	VolumeMounts             Opaque          `yaml:"volumeMounts,omitempty" json:"volumeMounts,omitzero"`
	VolumeDevices            Opaque          `yaml:"volumeDevices,omitempty" json:"volumeDevices,omitzero"`
	LivenessProbe            *Probe          `yaml:"livenessProbe,omitempty" json:"livenessProbe,omitempty"`
	ReadinessProbe           *Probe          `yaml:"readinessProbe,omitempty" json:"readinessProbe,omitempty"`
	StartupProbe             *Probe          `yaml:"startupProbe,omitempty" json:"startupProbe,omitempty"`
	Lifecycle                Opaque          `yaml:"lifecycle,omitempty" json:"lifecycle,omitzero"`
	TerminationMessagePath   string          `yaml:"terminationMessagePath,omitempty" json:"terminationMessagePath,omitempty"`
	TerminationMessagePolicy string          `yaml:"terminationMessagePolicy,omitempty" json:"terminationMessagePolicy,omitempty"`
	ImagePullPolicy          string          `yaml:"imagePullPolicy,omitempty" json:"imagePullPolicy,omitempty"`
	SecurityContext          Opaque          `yaml:"securityContext,omitempty" json:"securityContext,omitzero"`
	Stdin                    bool            `yaml:"stdin,omitempty" json:"stdin,omitempty"`
	StdinOnce                bool            `yaml:"stdinOnce,omitempty" json:"stdinOnce,omitempty"`
	TTY                      bool            `yaml:"tty,omitempty" json:"tty,omitempty"`
}

// EnvVar is an environment variable. svcsim's built-in images read some
// (the numbers web app's API URL, for one).
type EnvVar struct {
	Name      string `yaml:"name" json:"name"`
	Value     string `yaml:"value,omitempty" json:"value,omitempty"`
	ValueFrom Opaque `yaml:"valueFrom,omitempty" json:"valueFrom,omitzero"`
}

// ContainerPort is a port a container declares.
type ContainerPort struct {
	Name          string `yaml:"name,omitempty" json:"name,omitempty"`
	HostPort      int32  `yaml:"hostPort,omitempty" json:"hostPort,omitempty"`
	ContainerPort int32  `yaml:"containerPort" json:"containerPort"`
	Protocol      string `yaml:"protocol,omitempty" json:"protocol,omitempty"`
	HostIP        string `yaml:"hostIP,omitempty" json:"hostIP,omitempty"`
}

// Probe is a readiness, liveness or startup probe.
type Probe struct {
	Exec                          *ExecAction      `yaml:"exec,omitempty" json:"exec,omitempty"`
	HTTPGet                       *HTTPGetAction   `yaml:"httpGet,omitempty" json:"httpGet,omitempty"`
	TCPSocket                     *TCPSocketAction `yaml:"tcpSocket,omitempty" json:"tcpSocket,omitempty"`
	GRPC                          Opaque           `yaml:"grpc,omitempty" json:"grpc,omitzero"`
	InitialDelaySeconds           int32            `yaml:"initialDelaySeconds,omitempty" json:"initialDelaySeconds,omitempty"`
	TimeoutSeconds                int32            `yaml:"timeoutSeconds,omitempty" json:"timeoutSeconds,omitempty"`
	PeriodSeconds                 int32            `yaml:"periodSeconds,omitempty" json:"periodSeconds,omitempty"`
	SuccessThreshold              int32            `yaml:"successThreshold,omitempty" json:"successThreshold,omitempty"`
	FailureThreshold              int32            `yaml:"failureThreshold,omitempty" json:"failureThreshold,omitempty"`
	TerminationGracePeriodSeconds *int64           `yaml:"terminationGracePeriodSeconds,omitempty" json:"terminationGracePeriodSeconds,omitempty"`
}

// ExecAction runs a command in the container.
type ExecAction struct {
	Command []string `yaml:"command,omitempty" json:"command,omitempty"`
}

// HTTPGetAction probes an HTTP path on a port.
type HTTPGetAction struct {
	Path        string      `yaml:"path,omitempty" json:"path,omitempty"`
	Port        IntOrString `yaml:"port" json:"port"`
	Host        string      `yaml:"host,omitempty" json:"host,omitempty"`
	Scheme      string      `yaml:"scheme,omitempty" json:"scheme,omitempty"`
	HTTPHeaders Opaque      `yaml:"httpHeaders,omitempty" json:"httpHeaders,omitzero"`
}

// TCPSocketAction probes that a port accepts connections.
type TCPSocketAction struct {
	Port IntOrString `yaml:"port" json:"port"`
	Host string      `yaml:"host,omitempty" json:"host,omitempty"`
}

// PodStatus is what the kubelet reports.
type PodStatus struct {
	Phase             string            `yaml:"phase,omitempty" json:"phase,omitempty"`
	Conditions        []PodCondition    `yaml:"conditions,omitempty" json:"conditions,omitempty"`
	HostIP            string            `yaml:"hostIP,omitempty" json:"hostIP,omitempty"`
	HostIPs           []HostIP          `yaml:"hostIPs,omitempty" json:"hostIPs,omitempty"`
	PodIP             string            `yaml:"podIP,omitempty" json:"podIP,omitempty"`
	PodIPs            []PodIP           `yaml:"podIPs,omitempty" json:"podIPs,omitempty"`
	StartTime         *Time             `yaml:"startTime,omitempty" json:"startTime,omitempty"`
	ContainerStatuses []ContainerStatus `yaml:"containerStatuses,omitempty" json:"containerStatuses,omitempty"`
	QOSClass          string            `yaml:"qosClass,omitempty" json:"qosClass,omitempty"`

	// PodStatusExtra: the fields the kubelet does not set; nil when none is set.
	*PodStatusExtra `yaml:",inline" json:",inline"`
}

// PodStatusExtra holds the fields of a PodStatus that svcsim's kubelet
// does not set (it does not evict, so a pod's reason and message come
// only from an applied status), behind one pointer for the reason
// PodSpecExtra gives. Reading one through a PodStatus needs a nil check.
type PodStatusExtra struct {
	Message                    string `yaml:"message,omitempty" json:"message,omitempty"`
	Reason                     string `yaml:"reason,omitempty" json:"reason,omitempty"`
	NominatedNodeName          string `yaml:"nominatedNodeName,omitempty" json:"nominatedNodeName,omitempty"`
	InitContainerStatuses      Opaque `yaml:"initContainerStatuses,omitempty" json:"initContainerStatuses,omitzero"`
	EphemeralContainerStatuses Opaque `yaml:"ephemeralContainerStatuses,omitempty" json:"ephemeralContainerStatuses,omitzero"`
	Resize                     string `yaml:"resize,omitempty" json:"resize,omitempty"`
	ResourceClaimStatuses      Opaque `yaml:"resourceClaimStatuses,omitempty" json:"resourceClaimStatuses,omitzero"`
	ObservedGeneration         int64  `yaml:"observedGeneration,omitempty" json:"observedGeneration,omitempty"`
}

// Extra returns the status's uncommon fields, all zero when none is set.
func (s *PodStatus) Extra() PodStatusExtra {
	if s.PodStatusExtra == nil {
		return PodStatusExtra{}
	}
	return *s.PodStatusExtra
}

// PodIP is one of a pod's IPs.
type PodIP struct {
	IP string `yaml:"ip" json:"ip"`
}

// HostIP is one of the node's IPs as a pod sees it.
type HostIP struct {
	IP string `yaml:"ip" json:"ip"`
}

// PodCondition is one of PodScheduled, Initialized, ContainersReady,
// Ready (and PodReadyToStartContainers).
type PodCondition struct {
	Type               string `yaml:"type" json:"type"`
	Status             string `yaml:"status" json:"status"`
	ObservedGeneration int64  `yaml:"observedGeneration,omitempty" json:"observedGeneration,omitempty"`
	LastProbeTime      Time   `yaml:"lastProbeTime,omitempty" json:"lastProbeTime,omitempty"`
	LastTransitionTime Time   `yaml:"lastTransitionTime,omitempty" json:"lastTransitionTime,omitempty"`
	Reason             string `yaml:"reason,omitempty" json:"reason,omitempty"`
	Message            string `yaml:"message,omitempty" json:"message,omitempty"`
}

// ContainerStatus is one container's state as the kubelet reports it.
type ContainerStatus struct {
	Name                     string         `yaml:"name" json:"name"`
	Ready                    bool           `yaml:"ready" json:"ready"`
	RestartCount             int32          `yaml:"restartCount" json:"restartCount"`
	Image                    string         `yaml:"image" json:"image"`
	ImageID                  string         `yaml:"imageID" json:"imageID"`
	ContainerID              string         `yaml:"containerID,omitempty" json:"containerID,omitempty"`
	Started                  *bool          `yaml:"started,omitempty" json:"started,omitempty"`
	State                    ContainerState `yaml:"state,omitempty" json:"state,omitempty"`
	LastTerminationState     ContainerState `yaml:"lastState,omitempty" json:"lastState,omitempty"`
	AllocatedResources       Opaque         `yaml:"allocatedResources,omitempty" json:"allocatedResources,omitzero"`
	Resources                Opaque         `yaml:"resources,omitempty" json:"resources,omitzero"`
	VolumeMounts             Opaque         `yaml:"volumeMounts,omitempty" json:"volumeMounts,omitzero"`
	User                     Opaque         `yaml:"user,omitempty" json:"user,omitzero"`
	AllocatedResourcesStatus Opaque         `yaml:"allocatedResourcesStatus,omitempty" json:"allocatedResourcesStatus,omitzero"`
	StopSignal               string         `yaml:"stopSignal,omitempty" json:"stopSignal,omitempty"`
}

// ContainerState is exactly one of waiting, running or terminated; the
// zero value is none (a container not yet created).
type ContainerState struct {
	Waiting    *ContainerStateWaiting    `yaml:"waiting,omitempty" json:"waiting,omitempty"`
	Running    *ContainerStateRunning    `yaml:"running,omitempty" json:"running,omitempty"`
	Terminated *ContainerStateTerminated `yaml:"terminated,omitempty" json:"terminated,omitempty"`
}

// ContainerStateWaiting says why a container is not running yet
// (ContainerCreating, CrashLoopBackOff, ...).
type ContainerStateWaiting struct {
	Reason  string `yaml:"reason,omitempty" json:"reason,omitempty"`
	Message string `yaml:"message,omitempty" json:"message,omitempty"`
}

// ContainerStateRunning says since when a container runs.
type ContainerStateRunning struct {
	StartedAt Time `yaml:"startedAt,omitempty" json:"startedAt,omitempty"`
}

// ContainerStateTerminated says how a container ended.
type ContainerStateTerminated struct {
	ExitCode    int32  `yaml:"exitCode" json:"exitCode"`
	Signal      int32  `yaml:"signal,omitempty" json:"signal,omitempty"`
	Reason      string `yaml:"reason,omitempty" json:"reason,omitempty"`
	Message     string `yaml:"message,omitempty" json:"message,omitempty"`
	StartedAt   Time   `yaml:"startedAt,omitempty" json:"startedAt,omitempty"`
	FinishedAt  Time   `yaml:"finishedAt,omitempty" json:"finishedAt,omitempty"`
	ContainerID string `yaml:"containerID,omitempty" json:"containerID,omitempty"`
}
