package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
)

func ptr[T any](v T) *T { return &v }

// TestDecodeSources loads the source texts' manifests verbatim.
func TestDecodeSources(t *testing.T) {
	type doc struct {
		Kind, Name string
		Line       int
	}
	tests := []struct {
		file string
		want []doc
	}{
		{"sleep1.yaml", []doc{{"Deployment", "sleep-1", 1}}},
		{"sleep2.yaml", []doc{{"Deployment", "sleep-2", 1}}},
		{"api.yaml", []doc{{"Deployment", "numbers-api", 1}}},
		{"web.yaml", []doc{{"Deployment", "numbers-web", 1}}},
		{"sleep2-service.yaml", []doc{{"Service", "sleep-2", 1}}},
		{"api-service.yaml", []doc{{"Service", "numbers-api", 1}}},
		{"web-service.yaml", []doc{{"Service", "numbers-web", 1}}},
		{"web-service-nodePort.yaml", []doc{{"Service", "numbers-web-node", 1}}},
		{"api-service-externalName.yaml", []doc{{"Service", "numbers-api", 1}}},
		{"api-service-headless.yaml", []doc{{"Service", "numbers-api", 1}, {"Endpoints", "numbers-api", 10}}},
		{"rc.yaml", []doc{{"ReplicationController", "rcsise", 1}}},
		{"svc.yaml", []doc{{"Service", "simpleservice", 1}}},
		{"get-pod.yaml", []doc{{"Pod", "sleep-1-6b9f7c8d4f-x2x7q", 1}}},
		{"get-svc.yaml", []doc{{"Service", "simpleservice", 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			docs := mustDecode(t, tc.file)
			var got []doc
			for _, d := range docs {
				got = append(got, doc{d.Object.Type().Kind, d.Object.Meta().Name, d.Line})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Decode(%q) documents (-want +got):\n%s", tc.file, diff)
			}
		})
	}
}

func mustDecode(t *testing.T, name string) []Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Decode(name, data)
	if err != nil {
		t.Fatalf("Decode(%q) = %v, want no error", name, err)
	}
	return docs
}

// TestDecodeObjects checks whole objects for the listings whose fields
// the simulation reads.
func TestDecodeObjects(t *testing.T) {
	tests := []struct {
		file string
		want []api.Object
	}{
		{"web-service-nodePort.yaml", []api.Object{&api.Service{
			TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "Service"},
			ObjectMeta: api.ObjectMeta{Name: "numbers-web-node"},
			Spec: api.ServiceSpec{
				Type:     "NodePort",
				Selector: map[string]string{"app": "numbers-web"},
				Ports:    []api.ServicePort{{Port: 8080, TargetPort: api.FromInt(80), NodePort: 30080}},
			},
		}}},
		{"api-service-headless.yaml", []api.Object{
			&api.Service{
				TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "Service"},
				ObjectMeta: api.ObjectMeta{Name: "numbers-api"},
				Spec:       api.ServiceSpec{Type: "ClusterIP", Ports: []api.ServicePort{{Port: 80}}},
			},
			&api.Endpoints{
				TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "Endpoints"},
				ObjectMeta: api.ObjectMeta{Name: "numbers-api"},
				Subsets: []api.EndpointSubset{{
					Addresses: []api.EndpointAddress{{IP: "192.168.123.234"}},
					Ports:     []api.EndpointPort{{Port: ptr[int32](80)}},
				}},
			},
		}},
		{"rc.yaml", []api.Object{&api.ReplicationController{
			TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "ReplicationController"},
			ObjectMeta: api.ObjectMeta{Name: "rcsise"},
			Spec: api.ReplicationControllerSpec{
				Replicas: ptr[int32](1),
				Selector: map[string]string{"app": "sise"},
				Template: &api.PodTemplateSpec{
					ObjectMeta: api.ObjectMeta{Name: "somename", Labels: map[string]string{"app": "sise"}},
					Spec: api.PodSpec{Containers: []api.Container{{
						Name: "sise", Image: "mhausenblas/simpleservice:0.5.0",
						Ports: []api.ContainerPort{{ContainerPort: 9876}},
					}}},
				},
			},
		}}},
		{"svc.yaml", []api.Object{&api.Service{
			TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "Service"},
			ObjectMeta: api.ObjectMeta{Name: "simpleservice"},
			Spec: api.ServiceSpec{
				Selector: map[string]string{"app": "sise"},
				Ports:    []api.ServicePort{{Port: 80, TargetPort: api.FromInt(9876)}},
			},
		}}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			var got []api.Object
			for _, d := range mustDecode(t, tc.file) {
				got = append(got, d.Object)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Decode(%q) objects (-want +got):\n%s", tc.file, diff)
			}
		})
	}
}

// TestDecodeShapes covers the stream forms: several documents, empty
// ones, Lists and typed lists, JSON, YAML 1.1 scalars, merge keys.
func TestDecodeShapes(t *testing.T) {
	type doc struct {
		Name              string
		Line, Index, Item int
	}
	tests := []struct {
		name, in string
		want     []doc
	}{
		{"empty", "", nil},
		{"only separators and comments", "---\n# nothing\n---\n---\n", nil},
		{"two documents", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n",
			[]doc{{"a", 1, 0, -1}, {"b", 7, 1, -1}}},
		{"leading separator and empty document", "---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n--- # second\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n",
			[]doc{{"a", 2, 0, -1}, {"b", 7, 1, -1}}},
		{"List", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: b\nmetadata:\n  resourceVersion: \"\"\n",
			[]doc{{"a", 4, 0, 0}, {"b", 8, 0, 1}}},
		{"ServiceList", "apiVersion: v1\nkind: ServiceList\nitems:\n- metadata:\n    name: a\nmetadata:\n  resourceVersion: \"7\"\n",
			[]doc{{"a", 4, 0, 0}}},
		{"JSON", `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}, "spec": {"ports": [{"port": 80}]}}`,
			[]doc{{"a", 1, 0, -1}}},
		{"merge key", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: &l {app: x}\n  annotations:\n    <<: *l\n",
			[]doc{{"a", 1, 0, -1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Decode("f.yaml", []byte(tc.in))
			if err != nil {
				t.Fatalf("Decode() = %v, want no error", err)
			}
			var got []doc
			for _, d := range docs {
				got = append(got, doc{d.Object.Meta().Name, d.Line, d.Index, d.Item})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Decode() documents (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecodeScalars checks YAML 1.1 resolution as kubectl's yaml.v2 does it.
func TestDecodeScalars(t *testing.T) {
	in := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l {app: x}\n  annotations:\n    <<: *l\n    b: \"yes\"\ndata:\n  port: \"0x50\"\n"
	docs, err := Decode("f.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got := docs[0].Object.(*api.ConfigMap)
	want := &api.ConfigMap{
		TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
		ObjectMeta: api.ObjectMeta{Name: "a", Labels: map[string]string{"app": "x"}, Annotations: map[string]string{"app": "x", "b": "yes"}},
		Data:       map[string]string{"port": "0x50"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode() (-want +got):\n%s", diff)
	}
}

// TestDecodeKubeProxyConfiguration reads a kube-proxy configuration file.
func TestDecodeKubeProxyConfiguration(t *testing.T) {
	in := `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clusterCIDR: 10.244.0.0/16
detectLocalMode: ClusterCIDR
iptables:
  masqueradeAll: false
  masqueradeBit: 14
  localhostNodePorts: true
  minSyncPeriod: 1s
  syncPeriod: 30s
conntrack:
  maxPerCore: 32768
  min: 131072
  tcpEstablishedTimeout: 24h0m0s
  tcpCloseWaitTimeout: 1h0m0s
nodePortAddresses: null
`
	docs, err := Decode("kube-proxy.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got := docs[0].Config.(*KubeProxyConfiguration)
	want := &KubeProxyConfiguration{
		TypeMeta:    api.TypeMeta{APIVersion: "kubeproxy.config.k8s.io/v1alpha1", Kind: "KubeProxyConfiguration"},
		Mode:        "iptables",
		ClusterCIDR: "10.244.0.0/16", DetectLocalMode: "ClusterCIDR",
		IPTables: KubeProxyIPTablesConfiguration{
			MasqueradeBit: ptr[int32](14), LocalhostNodePorts: ptr(true),
			MinSyncPeriod: Duration{1e9}, SyncPeriod: Duration{30e9},
		},
		Conntrack: KubeProxyConntrackConfiguration{
			MaxPerCore: ptr[int32](32768), Min: ptr[int32](131072),
			TCPEstablishedTimeout: &Duration{24 * 3600e9}, TCPCloseWaitTimeout: &Duration{3600e9},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode() (-want +got):\n%s", diff)
	}
}

// TestErrorType checks the error's fields and its text.
func TestErrorType(t *testing.T) {
	_, err := Decode("svc.yaml", []byte("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n    prot: TCP\n"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Decode() error = %T, want *Error", err)
	}
	want := &Error{File: "svc.yaml", Line: 8, Column: 5, Path: "spec.ports[0].prot",
		Msg: `Error from server (BadRequest): error when creating "svc.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].prot"`}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("Decode() error (-want +got):\n%s", diff)
	}
	if got, want := e.Error(), "svc.yaml:8: "+want.Msg; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestDecodePodExtraFields checks the fields kept behind PodSpecExtra and
// PodStatusExtra: decoded through the pointer, which stays nil when no
// such field is given or each is null (a stored pod never holds an empty
// one, so an update comparing specs sees no change).
func TestDecodePodExtraFields(t *testing.T) {
	const head = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n"
	tests := []struct {
		name       string
		in         string
		wantSpec   *api.PodSpecExtra
		wantStatus *api.PodStatusExtra
	}{
		{"none", head, nil, nil},
		{"set", head + "  priority: 0\n  priorityClassName: high\n  hostPID: true\nstatus:\n  nominatedNodeName: node-2\n",
			&api.PodSpecExtra{Priority: ptr[int32](0), PriorityClassName: "high", HostPID: true},
			&api.PodStatusExtra{NominatedNodeName: "node-2"}},
		{"null only", head + "  priority: null\n  tolerations: null\nstatus:\n  resize: null\n", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Decode("f.yaml", []byte(tc.in))
			if err != nil {
				t.Fatalf("Decode() = %v, want no error", err)
			}
			pod := docs[0].Object.(*api.Pod)
			if diff := cmp.Diff(tc.wantSpec, pod.Spec.PodSpecExtra); diff != "" {
				t.Errorf("spec extra fields (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantStatus, pod.Status.PodStatusExtra); diff != "" {
				t.Errorf("status extra fields (-want +got):\n%s", diff)
			}
		})
	}
}
