package api

// LabelSelector is a metav1.LabelSelector.
type LabelSelector struct {
	MatchLabels      map[string]string          `yaml:"matchLabels,omitempty" json:"matchLabels,omitempty"`
	MatchExpressions []LabelSelectorRequirement `yaml:"matchExpressions,omitempty" json:"matchExpressions,omitempty"`
}

// LabelSelectorRequirement is one matchExpressions entry.
type LabelSelectorRequirement struct {
	Key      string   `yaml:"key" json:"key"`
	Operator string   `yaml:"operator" json:"operator"`
	Values   []string `yaml:"values,omitempty" json:"values,omitempty"`
}

// PodTemplateSpec is the pod a controller stamps out.
type PodTemplateSpec struct {
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       PodSpec `yaml:"spec,omitempty" json:"spec,omitempty"`
}

// Deployment is an apps/v1 Deployment.
type Deployment struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       DeploymentSpec   `yaml:"spec,omitempty" json:"spec,omitempty"`
	Status     DeploymentStatus `yaml:"status,omitempty" json:"status,omitempty"`
}

// DeploymentSpec is a Deployment's spec.
type DeploymentSpec struct {
	Replicas                *int32          `yaml:"replicas,omitempty" json:"replicas,omitempty"`
	Selector                *LabelSelector  `yaml:"selector,omitempty" json:"selector,omitempty"`
	Template                PodTemplateSpec `yaml:"template" json:"template"`
	Strategy                Opaque          `yaml:"strategy,omitempty" json:"strategy,omitzero"`
	MinReadySeconds         int32           `yaml:"minReadySeconds,omitempty" json:"minReadySeconds,omitempty"`
	RevisionHistoryLimit    *int32          `yaml:"revisionHistoryLimit,omitempty" json:"revisionHistoryLimit,omitempty"`
	Paused                  bool            `yaml:"paused,omitempty" json:"paused,omitempty"`
	ProgressDeadlineSeconds *int32          `yaml:"progressDeadlineSeconds,omitempty" json:"progressDeadlineSeconds,omitempty"`
}

// DeploymentStatus is what the deployment controller reports.
type DeploymentStatus struct {
	ObservedGeneration  int64                 `yaml:"observedGeneration,omitempty" json:"observedGeneration,omitempty"`
	Replicas            int32                 `yaml:"replicas,omitempty" json:"replicas,omitempty"`
	UpdatedReplicas     int32                 `yaml:"updatedReplicas,omitempty" json:"updatedReplicas,omitempty"`
	ReadyReplicas       int32                 `yaml:"readyReplicas,omitempty" json:"readyReplicas,omitempty"`
	AvailableReplicas   int32                 `yaml:"availableReplicas,omitempty" json:"availableReplicas,omitempty"`
	UnavailableReplicas int32                 `yaml:"unavailableReplicas,omitempty" json:"unavailableReplicas,omitempty"`
	TerminatingReplicas *int32                `yaml:"terminatingReplicas,omitempty" json:"terminatingReplicas,omitempty"`
	Conditions          []DeploymentCondition `yaml:"conditions,omitempty" json:"conditions,omitempty"`
	CollisionCount      *int32                `yaml:"collisionCount,omitempty" json:"collisionCount,omitempty"`
}

// DeploymentCondition is one of a Deployment's conditions: Available and
// Progressing, as the deployment controller sets them.
type DeploymentCondition struct {
	Type               string `yaml:"type" json:"type"`
	Status             string `yaml:"status" json:"status"`
	LastUpdateTime     Time   `yaml:"lastUpdateTime,omitempty" json:"lastUpdateTime,omitempty"`
	LastTransitionTime Time   `yaml:"lastTransitionTime,omitempty" json:"lastTransitionTime,omitempty"`
	Reason             string `yaml:"reason,omitempty" json:"reason,omitempty"`
	Message            string `yaml:"message,omitempty" json:"message,omitempty"`
}

// ReplicaSet is an apps/v1 ReplicaSet.
type ReplicaSet struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       ReplicaSetSpec   `yaml:"spec,omitempty" json:"spec,omitempty"`
	Status     ReplicaSetStatus `yaml:"status,omitempty" json:"status,omitempty"`
}

// ReplicaSetSpec is a ReplicaSet's spec.
type ReplicaSetSpec struct {
	Replicas        *int32          `yaml:"replicas,omitempty" json:"replicas,omitempty"`
	MinReadySeconds int32           `yaml:"minReadySeconds,omitempty" json:"minReadySeconds,omitempty"`
	Selector        *LabelSelector  `yaml:"selector,omitempty" json:"selector,omitempty"`
	Template        PodTemplateSpec `yaml:"template,omitempty" json:"template,omitempty"`
}

// ReplicaSetStatus is what the replica set controller reports.
type ReplicaSetStatus struct {
	Replicas             int32  `yaml:"replicas" json:"replicas"`
	FullyLabeledReplicas int32  `yaml:"fullyLabeledReplicas,omitempty" json:"fullyLabeledReplicas,omitempty"`
	ReadyReplicas        int32  `yaml:"readyReplicas,omitempty" json:"readyReplicas,omitempty"`
	AvailableReplicas    int32  `yaml:"availableReplicas,omitempty" json:"availableReplicas,omitempty"`
	TerminatingReplicas  *int32 `yaml:"terminatingReplicas,omitempty" json:"terminatingReplicas,omitempty"`
	ObservedGeneration   int64  `yaml:"observedGeneration,omitempty" json:"observedGeneration,omitempty"`
	Conditions           Opaque `yaml:"conditions,omitempty" json:"conditions,omitzero"`
}

// ReplicationController is a core/v1 ReplicationController: a selector
// that is a plain map, and an optional template pointer.
type ReplicationController struct {
	TypeMeta   `yaml:",inline" json:",inline"`
	ObjectMeta `yaml:"metadata,omitempty" json:"metadata,omitempty"`
	Spec       ReplicationControllerSpec `yaml:"spec,omitempty" json:"spec,omitempty"`
	Status     ReplicaSetStatus          `yaml:"status,omitempty" json:"status,omitempty"`
}

// ReplicationControllerSpec is a ReplicationController's spec.
type ReplicationControllerSpec struct {
	Replicas        *int32            `yaml:"replicas,omitempty" json:"replicas,omitempty"`
	MinReadySeconds int32             `yaml:"minReadySeconds,omitempty" json:"minReadySeconds,omitempty"`
	Selector        map[string]string `yaml:"selector,omitempty" json:"selector,omitempty"`
	Template        *PodTemplateSpec  `yaml:"template,omitempty" json:"template,omitempty"`
}
