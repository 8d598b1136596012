package printers

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/api"
)

func TestPrintJSONPath(t *testing.T) {
	pods := objects(fixturePods()[:2])
	web := []api.Object{fixtureServices()[2]}
	tests := []struct {
		name string
		tmpl string
		objs []api.Object
		opts OutputOptions
		want string
	}{
		{"pod ip", "{.items[0].status.podIP}", pods, OutputOptions{}, "10.244.1.5"},
		{"pod name", "{.items[0].metadata.name}", pods, OutputOptions{}, "sleep-1-7c9b6f7d8c-2xk4p"},
		{"all names", "{.items[*].metadata.name}", pods, OutputOptions{}, "sleep-1-7c9b6f7d8c-2xk4p sleep-2-5b8f6d9c4d-q7wzn"},
		{"range", `{range .items[*]}{.metadata.name}{"\t"}{.status.podIP}{"\n"}{end}`, pods, OutputOptions{},
			"sleep-1-7c9b6f7d8c-2xk4p\t10.244.1.5\nsleep-2-5b8f6d9c4d-q7wzn\t10.244.2.7\n"},
		{"lb ingress url", "http://{.status.loadBalancer.ingress[0].*}:8080", web, OutputOptions{Single: true}, "http://172.18.255.200 VIP:8080"},
		{"lb ingress ip", "{.status.loadBalancer.ingress[0].ip}", web, OutputOptions{Single: true}, "172.18.255.200"},
		{"map as json", "{.metadata.labels}", pods[:1], OutputOptions{Single: true}, `{"app":"sleep-1","pod-template-hash":"7c9b6f7d8c"}`},
		{"list as json", "{.spec.ports}", web, OutputOptions{Single: true}, `[{"nodePort":31234,"port":8080,"protocol":"TCP","targetPort":80}]`},
		{"number", "{.items[0].spec.containers[0].ports[0].containerPort}", pods, OutputOptions{}, "80"},
		{"bool", "{.items[0].status.containerStatuses[0].ready}", pods, OutputOptions{}, "true"},
		{"missing key allowed", "{.items[0].foo}", pods, OutputOptions{}, ""},
		{"filter", `{.items[?(@.status.podIP=="10.244.2.7")].metadata.name}`, pods, OutputOptions{}, "sleep-2-5b8f6d9c4d-q7wzn"},
		{"negative index", "{.items[-1].metadata.name}", pods, OutputOptions{}, "sleep-2-5b8f6d9c4d-q7wzn"},
		{"escaped dot", `{.items[0].metadata.labels.pod-template-hash}`, pods, OutputOptions{}, "7c9b6f7d8c"},
		{"dict key", `{.items[0]['kind']}`, pods, OutputOptions{}, "Pod"},
		{"union", `{.items[0]['kind','apiVersion']}`, pods, OutputOptions{}, "Pod v1"},
		{"range over nothing ends the template", `{range .items[*]}{.metadata.name}{end}after`, nil, OutputOptions{}, ""},
		{"kind of list", "{.kind} {.apiVersion}", nil, OutputOptions{}, "List v1"},
		{"recursive", "{..podIP}", pods, OutputOptions{}, "10.244.1.5 10.244.2.7"},
		{"as json", "{.items[*].status.podIP}", pods, OutputOptions{AsJSON: true}, "[\n    \"10.244.1.5\",\n    \"10.244.2.7\"\n]\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := PrintJSONPath(&b, tc.tmpl, tc.objs, tc.opts); err != nil {
				t.Fatalf("PrintJSONPath(%q) = %v", tc.tmpl, err)
			}
			if diff := cmp.Diff(tc.want, b.String()); diff != "" {
				t.Errorf("PrintJSONPath(%q) mismatch (-want +got):\n%s", tc.tmpl, diff)
			}
		})
	}
}

func TestPrintJSONPathErrors(t *testing.T) {
	pod := fixturePods()[:1]
	pod[0].Spec.Containers[0].Ports = nil
	tests := []struct {
		name string
		tmpl string
		objs []api.Object
		opts OutputOptions
		want string
	}{
		{"unclosed action", "{.items[0]", nil, OutputOptions{}, "error: error parsing jsonpath {.items[0], unclosed action\n"},
		{"unterminated array", "{.items[0}", nil, OutputOptions{}, "error: error parsing jsonpath {.items[0}, unterminated array\n"},
		{"bad index", "{.items[x]}", nil, OutputOptions{}, "error: error parsing jsonpath {.items[x]}, invalid array index x\n"},
		{"bad character", "{.items[0]|}", nil, OutputOptions{}, "error: error parsing jsonpath {.items[0]|}, unrecognized character in action: U+007C '|'\n"},
		{"empty", "", nil, OutputOptions{}, "error: template format specified but no template given\n"},
		{"no pods", "{.items[0].status.podIP}", nil, OutputOptions{}, "error: error executing jsonpath \"{.items[0].status.podIP}\": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n" +
			"\ttemplate was:\n\t\t{.items[0].status.podIP}\n" +
			"\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{}, \"kind\":\"List\", \"metadata\":map[string]interface {}{\"resourceVersion\":\"\"}}\n\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			err := PrintJSONPath(&b, tc.tmpl, tc.objs, tc.opts)
			if err == nil {
				t.Fatalf("PrintJSONPath(%q) = nil, want error", tc.tmpl)
			}
			if diff := cmp.Diff(tc.want, ErrorText(err)); diff != "" {
				t.Errorf("ErrorText() mismatch (-want +got):\n%s", diff)
			}
			if b.Len() != 0 {
				t.Errorf("PrintJSONPath(%q) wrote %q, want nothing", tc.tmpl, b.String())
			}
		})
	}
}

// TestJSONPathStrictGolden keeps the long debugging dump of a strict-keys
// failure on a real pod as a golden file.
func TestJSONPathStrictGolden(t *testing.T) {
	pods := objects(fixturePods()[:1])
	err := PrintJSONPath(&strings.Builder{}, "{.items[0].foo}", pods, OutputOptions{StrictKeys: true})
	if err == nil {
		t.Fatal("PrintJSONPath(strict) = nil, want error")
	}
	checkGolden(t, "jsonpath-strict-error", ErrorText(err))
}

// TestJSONPathClientGoCases runs cases from client-go's jsonpath tests
// over plain JSON.
func TestJSONPathClientGoCases(t *testing.T) {
	var nodes any
	mustJSON(t, `{"kind":"List","items":[
		{"kind":"None","metadata":{"name":"127.0.0.1","labels":{"kubernetes.io/hostname":"127.0.0.1"}},
		 "status":{"capacity":{"cpu":"4"},"ready":true,"addresses":[{"type":"LegacyHostIP","address":"127.0.0.1"}]}},
		{"kind":"None","metadata":{"name":"127.0.0.2","labels":{"kubernetes.io/hostname":"127.0.0.2"}},
		 "status":{"capacity":{"cpu":"8"},"ready":false,"addresses":[{"type":"LegacyHostIP","address":"127.0.0.2"},{"type":"another","address":"127.0.0.3"}]}}],
		"users":[{"name":"myself","user":{}},{"name":"e2e","user":{"username":"admin","password":"secret"}}]}`, &nodes)
	tests := []struct{ tmpl, want string }{
		{`{range .items[*]}{.metadata.name}, {end}{.kind}`, "127.0.0.1, 127.0.0.2, List"},
		{`{range .items[*]}{.metadata.name}{"\t"}{end}`, "127.0.0.1\t127.0.0.2\t"},
		{`{.items[*].status.addresses[*].address}`, "127.0.0.1 127.0.0.2 127.0.0.3"},
		{`{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}`, "127.0.0.1, 127.0.0.2, 127.0.0.3, "},
		{`{.items[*]['metadata.name', 'status.capacity']}`, `127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}`},
		{`{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}`, `[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] `},
		{`{.users[?(@.name=="e2e")].user.password}`, "secret"},
		{`{.items[0].metadata.labels.kubernetes\.io/hostname}`, "127.0.0.1"},
		{`{.items[?(@.metadata.labels.kubernetes\.io/hostname=="127.0.0.1")].kind}`, "None"},
		{`{.items[?(@..ready==true)].metadata.name}`, "127.0.0.1"},
		{`{.items[?(@.status.ready)].metadata.name}`, "127.0.0.1 127.0.0.2"},
	}
	for _, tc := range tests {
		t.Run(tc.tmpl, func(t *testing.T) {
			j, err := ParseJSONPath(tc.tmpl)
			if err != nil {
				t.Fatalf("ParseJSONPath(%q) = %v", tc.tmpl, err)
			}
			var b strings.Builder
			if err := j.Execute(&b, nodes, false); err != nil {
				t.Fatalf("Execute(%q) = %v", tc.tmpl, err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("Execute(%q) = %q, want %q", tc.tmpl, got, tc.want)
			}
		})
	}
	fails := []struct{ tmpl, want string }{
		{"{hello}", "unrecognized identifier hello"},
		{"{.hello}", "hello is not found"},
		{"{.items[0].metadata[0]}", "map[string]interface {} is not array or slice"},
		{"{.items[?(@.kind<>10)]}", "unrecognized filter operator <>"},
		{"{range .items[*]}{@}{end}{end}", "not in range, nothing to end"},
		{"{.items[1:0]}", "starting index 1 is greater than ending index 0"},
		{"{.items[::0]}", "step must be > 0"},
	}
	for _, tc := range fails {
		t.Run(tc.tmpl, func(t *testing.T) {
			j, err := ParseJSONPath(tc.tmpl)
			if err != nil {
				t.Fatalf("ParseJSONPath(%q) = %v", tc.tmpl, err)
			}
			err = j.Execute(&strings.Builder{}, nodes, false)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Execute(%q) = %v, want %q", tc.tmpl, err, tc.want)
			}
		})
	}
}

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatal(err)
	}
}

func TestPrintCustomColumns(t *testing.T) {
	pods := fixturePods()
	tests := []struct {
		name string
		spec string
		objs []api.Object
		opts OutputOptions
	}{
		{"name-ip", "NAME:metadata.name,POD_IP:status.podIP", objects(pods), OutputOptions{}},
		{"empty", "NAME:metadata.name,POD_IP:status.podIP", nil, OutputOptions{}},
		{"multi-value", "NAME:.metadata.name,PORTS:{.spec.ports[*].port},SEL:spec.selector", objects(fixtureServices()[:5]), OutputOptions{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := PrintCustomColumns(&b, tc.spec, tc.objs, tc.opts); err != nil {
				t.Fatalf("PrintCustomColumns(%q) = %v", tc.spec, err)
			}
			checkGolden(t, "custom-columns-"+tc.name, b.String())
		})
	}
	if err := PrintCustomColumns(&strings.Builder{}, "NAME", nil, OutputOptions{}); err == nil ||
		err.Error() != "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>" {
		t.Errorf("PrintCustomColumns(NAME) = %v", err)
	}
}

func TestPrintNames(t *testing.T) {
	var b strings.Builder
	objs := []api.Object{fixturePods()[0], fixtureServices()[1], fixtureWorkloads()[0], fixtureSlices()[0]}
	if err := PrintNames(&b, objs); err != nil {
		t.Fatal(err)
	}
	want := "pod/sleep-1-7c9b6f7d8c-2xk4p\nservice/sleep-2\ndeployment.apps/sleep-1\nendpointslice.discovery.k8s.io/sleep-2-x7k2p\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("PrintNames() mismatch (-want +got):\n%s", diff)
	}
}
