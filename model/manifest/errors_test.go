package manifest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const svcHead = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n"

const server = `Error from server (BadRequest): error when creating "f.yaml": `

// TestDecodeErrors checks every error form, in kubectl's exact words.
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // err.Error() of each joined error
		docs int      // documents still decoded
	}{
		{"unknown field", svcHead + "  ports:\n  - prot: TCP\n    port: 80\n",
			[]string{`f.yaml:7: ` + server + `Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].prot"`}, 0},
		{"several unknown fields in JSON order", svcHead + "  zone: a\n  ports:\n  - port: 80\n    Protocol: TCP\nmetadata2: x\n",
			[]string{`f.yaml:10: ` + server + `Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "metadata2", unknown field "spec.ports[0].Protocol", unknown field "spec.zone"`}, 0},
		{"unknown field in a deployment's container", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        imagee: x\n",
			[]string{`f.yaml:10: ` + server + `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"`}, 0},
		{"string for an int", svcHead + "  ports:\n  - port: \"80\"\n",
			[]string{`f.yaml:7: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`}, 0},
		{"type error wins over unknown fields", svcHead + "  ports:\n  - port: x\n    prot: y\n",
			[]string{`f.yaml:7: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`}, 0},
		{"number too big", svcHead + "  ports:\n  - nodePort: 99999999999\n",
			[]string{`f.yaml:7: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number 99999999999 into Go struct field ServicePort.spec.ports.nodePort of type int32`}, 0},
		{"fraction for an int", svcHead + "  ports:\n  - port: 80.5\n",
			[]string{`f.yaml:7: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.port of type int32`}, 0},
		{"number label", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: 1\n",
			[]string{`f.yaml:6: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`}, 0},
		{"yes is a boolean", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    public: yes\n",
			[]string{`f.yaml:6: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string`}, 0},
		{"list for a struct", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec: []\n",
			[]string{`f.yaml:5: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal array into Go struct field Service.spec of type v1.ServiceSpec`}, 0},
		{"map for a list", svcHead + "  ports:\n    port: 80\n",
			[]string{`f.yaml:7: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort`}, 0},
		{"selector as a string", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: app=web\n",
			[]string{`f.yaml:6: ` + server + `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.selector of type v1.LabelSelector`}, 0},
		{"bool targetPort", svcHead + "  ports:\n  - port: 80\n    targetPort: true\n",
			[]string{`f.yaml:8: ` + server + `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32`}, 0},
		{"string for a pod's priority", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  priority: high\n",
			[]string{`f.yaml:6: ` + server + `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.priority of type int32`}, 0},
		{"unknown field beside a pod's priority", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  priority: 1\n  priorty: 1\n",
			[]string{`f.yaml:7: ` + server + `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.priorty"`}, 0},
		{"bad timestamp", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  creationTimestamp: yesterday\n",
			[]string{`f.yaml:5: ` + server + `Pod in version "v1" cannot be handled as a Pod: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`}, 0},
		{"unknown kind", "apiVersion: v1\nkind: Sevice\nmetadata:\n  name: web\n",
			[]string{"f.yaml:2: error: resource mapping not found for name: \"web\" namespace: \"\" from \"f.yaml\": no matches for kind \"Sevice\" in version \"v1\"\nensure CRDs are installed first"}, 0},
		{"kind in the wrong group", "apiVersion: apps/v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n",
			[]string{"f.yaml:2: error: resource mapping not found for name: \"web\" namespace: \"shop\" from \"f.yaml\": no matches for kind \"Service\" in version \"apps/v1\"\nensure CRDs are installed first"}, 0},
		{"kind not set", "apiVersion: v1\nmetadata:\n  name: web\n",
			[]string{`f.yaml:1: error: error validating "f.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`}, 0},
		{"apiVersion not set", "kind: Service\nmetadata:\n  name: web\n",
			[]string{`f.yaml:1: error: error validating "f.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`}, 0},
		{"neither set", "metadata:\n  name: web\n",
			[]string{`f.yaml:1: error: error validating "f.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`}, 0},
		{"not an object", "- a\n- b\n",
			[]string{`f.yaml:1: error: error validating "f.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`}, 0},
		{"mapping values not allowed", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web: x\n",
			[]string{`f.yaml:4: error: error parsing f.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context`}, 0},
		{"bad indentation, parser line is one less", "apiVersion: v1\nkind: Service\nmetadata:\n    name: web\n  labels: {}\n",
			[]string{`f.yaml:5: error: error parsing f.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key`}, 0},
		{"syntax error counts lines from its document", svcHead + "  type: ClusterIP\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b: c\n",
			[]string{`f.yaml:11: error: error parsing f.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context`}, 1},
		{"tab", "apiVersion: v1\nkind: Service\n\tmetadata: {}\n",
			[]string{`f.yaml:3: error: error parsing f.yaml: error converting YAML to JSON: yaml: line 3: found a tab character that violate indentation`}, 0},
		{"tab at the start of a document", "\tapiVersion: v1\n",
			[]string{`f.yaml:1: error: error parsing f.yaml: error converting YAML to JSON: yaml: found character that cannot start any token`}, 0},
		{"bad separator", svcHead + "  type: ClusterIP\n--- apiVersion: v1\n",
			[]string{`f.yaml:7: error: error parsing f.yaml: invalid Yaml document separator: apiVersion: v1`}, 1},
		{"one bad document of three", svcHead + "  type: ClusterIP\n---\napiVersion: v1\nkind: Sevice\nmetadata:\n  name: b\n---\n" + svcHead + "  type: NodePort\n",
			[]string{"f.yaml:9: error: resource mapping not found for name: \"b\" namespace: \"\" from \"f.yaml\": no matches for kind \"Sevice\" in version \"v1\"\nensure CRDs are installed first"}, 2},
		{"bad List item", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n  spec: {typo: 1}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n",
			[]string{`f.yaml:7: ` + server + `Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.typo"`}, 1},
		{"recursive alias", "apiVersion: v1\nkind: Service\nmetadata: &m\n  labels: *m\n",
			[]string{`f.yaml:4: error: error parsing f.yaml: error converting YAML to JSON: yaml: anchor 'm' value contains itself`}, 0},
		{"kube-proxy wrong type", "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: 1\n",
			[]string{`f.yaml:3: failed to decode: json: cannot unmarshal number into Go struct field KubeProxyConfiguration.mode of type v1alpha1.ProxyMode`}, 0},
		{"kube-proxy bad duration", "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\niptables:\n  minSyncPeriod: 1\n",
			[]string{`f.yaml:4: failed to decode: json: cannot unmarshal number into Go struct field KubeProxyIPTablesConfiguration.iptables.minSyncPeriod of type string`}, 0},
		{"kube-proxy duration without unit", "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\niptables:\n  minSyncPeriod: \"1\"\n",
			[]string{`f.yaml:4: failed to decode: time: missing unit in duration "1"`}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Decode("f.yaml", []byte(tc.in))
			var got []string
			if err != nil {
				for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
					got = append(got, e.Error())
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Decode() errors (-want +got):\n%s", diff)
			}
			if len(docs) != tc.docs {
				t.Errorf("Decode() = %d documents, want %d", len(docs), tc.docs)
			}
		})
	}
}

// TestKubeProxyLenient checks that unknown kube-proxy fields only warn.
func TestKubeProxyLenient(t *testing.T) {
	docs, err := Decode("f.yaml", []byte("apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\nfoo: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`Using lenient decoding as strict decoding failed: strict decoding error: unknown field "foo"`}
	if diff := cmp.Diff(want, docs[0].Warnings); diff != "" {
		t.Errorf("Decode() warnings (-want +got):\n%s", diff)
	}
}
