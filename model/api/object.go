package api

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Object is any API object svcsim stores: a pointer to one of the kinds
// in this package.
type Object interface {
	Meta() *ObjectMeta
	Type() *TypeMeta
}

// Meta returns the object's metadata; promoted to every object kind.
func (m *ObjectMeta) Meta() *ObjectMeta { return m }

// Type returns the object's apiVersion and kind.
func (t *TypeMeta) Type() *TypeMeta { return t }

// Kind describes one kind of object: its names as kubectl knows them.
type Kind struct {
	Kind       string   // "Service"
	APIVersion string   // "v1", "apps/v1", "discovery.k8s.io/v1"
	Resource   string   // plural, as in the REST path: "services"
	Singular   string   // "service"
	Short      []string // kubectl short names: "svc"
	Namespaced bool
	New        func() Object
}

// GroupResource prints the resource as API errors name it:
// "services", "deployments.apps", "endpointslices.discovery.k8s.io".
func (k *Kind) GroupResource() string {
	if group, _, ok := strings.Cut(k.APIVersion, "/"); ok {
		return k.Resource + "." + group
	}
	return k.Resource
}

// Group returns the API group ("" for core).
func (k *Kind) Group() string {
	if group, _, ok := strings.Cut(k.APIVersion, "/"); ok {
		return group
	}
	return ""
}

// Kinds lists every kind svcsim stores, in the order `kubectl get all`
// and `kubectl api-resources` use.
var Kinds = []*Kind{
	{Kind: "Pod", APIVersion: "v1", Resource: "pods", Singular: "pod", Short: []string{"po"}, Namespaced: true, New: func() Object { return &Pod{} }},
	{Kind: "ReplicationController", APIVersion: "v1", Resource: "replicationcontrollers", Singular: "replicationcontroller", Short: []string{"rc"}, Namespaced: true, New: func() Object { return &ReplicationController{} }},
	{Kind: "Service", APIVersion: "v1", Resource: "services", Singular: "service", Short: []string{"svc"}, Namespaced: true, New: func() Object { return &Service{} }},
	{Kind: "Deployment", APIVersion: "apps/v1", Resource: "deployments", Singular: "deployment", Short: []string{"deploy"}, Namespaced: true, New: func() Object { return &Deployment{} }},
	{Kind: "ReplicaSet", APIVersion: "apps/v1", Resource: "replicasets", Singular: "replicaset", Short: []string{"rs"}, Namespaced: true, New: func() Object { return &ReplicaSet{} }},
	{Kind: "Endpoints", APIVersion: "v1", Resource: "endpoints", Singular: "endpoints", Short: []string{"ep"}, Namespaced: true, New: func() Object { return &Endpoints{} }},
	{Kind: "EndpointSlice", APIVersion: "discovery.k8s.io/v1", Resource: "endpointslices", Singular: "endpointslice", Namespaced: true, New: func() Object { return &EndpointSlice{} }},
	{Kind: "Node", APIVersion: "v1", Resource: "nodes", Singular: "node", Short: []string{"no"}, New: func() Object { return &Node{} }},
	{Kind: "Namespace", APIVersion: "v1", Resource: "namespaces", Singular: "namespace", Short: []string{"ns"}, New: func() Object { return &Namespace{} }},
	{Kind: "ConfigMap", APIVersion: "v1", Resource: "configmaps", Singular: "configmap", Short: []string{"cm"}, Namespaced: true, New: func() Object { return &ConfigMap{} }},
	{Kind: "IPAddressPool", APIVersion: "metallb.io/v1beta1", Resource: "ipaddresspools", Singular: "ipaddresspool", Namespaced: true, New: func() Object { return &IPAddressPool{} }},
	{Kind: "L2Advertisement", APIVersion: "metallb.io/v1beta1", Resource: "l2advertisements", Singular: "l2advertisement", Namespaced: true, New: func() Object { return &L2Advertisement{} }},
	{Kind: "BGPAdvertisement", APIVersion: "metallb.io/v1beta1", Resource: "bgpadvertisements", Singular: "bgpadvertisement", Namespaced: true, New: func() Object { return &BGPAdvertisement{} }},
	{Kind: "BGPPeer", APIVersion: "metallb.io/v1beta2", Resource: "bgppeers", Singular: "bgppeer", Namespaced: true, New: func() Object { return &BGPPeer{} }},
}

var (
	kindByName     = map[string]*Kind{}
	kindByResource = map[string]*Kind{}
	kindByType     = map[reflect.Type]*Kind{}
)

func init() {
	for _, k := range Kinds {
		kindByName[k.Kind] = k
		kindByType[reflect.TypeOf(k.New())] = k
		names := append([]string{k.Resource, k.Singular, strings.ToLower(k.Kind), k.GroupResource()}, k.Short...)
		for _, n := range names {
			kindByResource[n] = k
		}
	}
}

// KindByName returns the kind named as in a manifest's kind field.
func KindByName(kind string) (*Kind, bool) {
	k, ok := kindByName[kind]
	return k, ok
}

// KindByResource returns the kind kubectl means by a resource word:
// "pods", "pod", "po", "svc", "deployments.apps", ...
func KindByResource(word string) (*Kind, bool) {
	k, ok := kindByResource[strings.ToLower(word)]
	return k, ok
}

// KindOf returns the kind of an object.
func KindOf(o Object) *Kind {
	k, ok := kindByType[reflect.TypeOf(o)]
	if !ok {
		panic(fmt.Sprintf("api: unregistered object type %T", o))
	}
	return k
}

// Key identifies an object in the store.
type Key struct {
	Kind      string
	Namespace string
	Name      string
}

// String prints the key as "Kind/namespace/name" (or "Kind/name").
func (k Key) String() string {
	if k.Namespace == "" {
		return k.Kind + "/" + k.Name
	}
	return k.Kind + "/" + k.Namespace + "/" + k.Name
}

// KeyOf returns an object's key.
func KeyOf(o Object) Key {
	m := o.Meta()
	return Key{Kind: KindOf(o).Kind, Namespace: m.Namespace, Name: m.Name}
}

// SortedKeys returns a map's keys in order; used wherever labels or
// selectors are printed, so that output never depends on map order.
func SortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
