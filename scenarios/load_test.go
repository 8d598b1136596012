package scenarios

import (
	"errors"
	"strings"
	"testing"
)

const header = `apiVersion: svcsim.dev/v1alpha1
kind: Scenario
metadata:
  name: t
  title: a test
`

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"empty file", "", "t.yaml: the file is empty: want a scenario (apiVersion: svcsim.dev/v1alpha1, kind: Scenario)"},
		{"syntax", "a: [1,\n", "t.yaml:2:"},
		{"misspelt step field", header + "steps:\n  - name: one\n    expct: []\n",
			`t.yaml:8: steps[0].expct: unknown field "expct" (type Step has no such field; check the spelling against docs/scenario-format.md)`},
		{"wrong type", header + "steps:\n  - name: one\n    run: [a, b]\n", "t.yaml:8: steps[0].run:"},
		{"bad duration", header + "steps:\n  - name: one\n    sleep: soon\n", `t.yaml:8: steps[0].sleep: invalid duration "soon"`},
		{"wrong apiVersion", strings.Replace(header, "svcsim.dev/v1alpha1", "v1", 1) + "steps:\n  - name: one\n",
			`t.yaml:1: apiVersion: got "v1", want "svcsim.dev/v1alpha1"`},
		{"no steps", header, "t.yaml:1: steps: required: at least one step"},
		{"bad storm level", header + "cluster:\n  layer2:\n    stormControl: {broadcastLevel: \"pps lots\"}\nsteps:\n  - name: one\n",
			`cluster.layer2.stormControl.broadcastLevel: got "pps lots": "lots" is not a packet rate`},
		{"bad storm action", header + "cluster:\n  layer2:\n    stormControl: {broadcastLevel: \"1.00\", action: block}\nsteps:\n  - name: one\n",
			`cluster.layer2.stormControl.action: got "block", want filter, trap or shutdown`},
		{"two actions", header + "steps:\n  - name: one\n    run: kubectl get pods\n    sleep: 1s\n",
			"t.yaml:7: steps[0]: a step has at most one action: run, apply, sleep or load"},
		{"unknown command", header + "steps:\n  - name: one\n    run: kubctl get pods\n",
			`t.yaml:8: steps[0].run: unknown command "kubctl": a step runs kubectl, docker exec NODE, curl/wget, sleep, echo, or cat/tee on the learner's machine`},
		{"unterminated quote", header + "steps:\n  - name: one\n    run: kubectl get pods -o 'wide\n",
			"t.yaml:8: steps[0].run: syntax error: unterminated quoted string"},
		{"unknown kind", header + "steps:\n  - name: one\n    expect:\n      - object: {kind: Pods, name: x}\n",
			`t.yaml:9: steps[0].expect[0].object.kind: unknown kind "Pods": want one of Pod, Service`},
		{"two kinds in one expectation", header + "steps:\n  - name: one\n    run: kubectl get pods\n    expect:\n      - output: {contains: [x]}\n        trace: {kind: pod.created}\n",
			"t.yaml:10: steps[0].expect[0]: an expectation has exactly one of output, object, endpoints or trace"},
		{"bad regexp", header + "steps:\n  - name: one\n    run: kubectl get pods\n    expect:\n      - output: {matches: \"(\"}\n",
			"t.yaml:10: steps[0].expect[0].output.matches: invalid regular expression"},
		{"bad CIDR", header + "cluster:\n  clusterCIDR: 10.244.0.0/33\nsteps:\n  - name: one\n",
			`t.yaml:7: cluster.clusterCIDR: invalid CIDR "10.244.0.0/33"`},
		{"load without a count", header + "steps:\n  - name: one\n    load: {from: deploy/x, url: http://y}\n",
			"t.yaml:8: steps[0].load.count: got 0, want 1 to 10000 requests"},
		{"duplicate key", header + "files:\n  a.yaml: x\n  a.yaml: y\nsteps:\n  - name: one\n",
			`t.yaml:8: files.a.yaml: mapping key "a.yaml" already defined at line 7`},
		{"duplicate node", header + "cluster:\n  nodes: [{name: a}, {name: a}]\nsteps:\n  - name: one\n",
			`cluster.nodes[1].name: duplicate node name "a"`},
		{"inline manifest with an unknown field", header + "files:\n  svc.yaml: |\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: s\n    spec:\n      ports:\n        - port: 80\n          prot: TCP\nsteps:\n  - name: one\n",
			`t.yaml:15: files.svc.yaml: Error from server (BadRequest): error when creating "svc.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].prot"`},
		{"inline apply with a bad type", header + "steps:\n  - name: one\n    apply: |\n      apiVersion: v1\n      kind: Service\n      metadata:\n        name: s\n      spec:\n        ports:\n          - port: eighty\n",
			`steps[0].apply: Error from server (BadRequest): error when creating "steps[0].apply": Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("t.yaml", []byte(tc.text), "")
			if err == nil {
				t.Fatalf("Load() = nil error, want one containing %q", tc.want)
			}
			if !errors.Is(err, ErrBadScenario) {
				t.Errorf("Load() error does not wrap ErrBadScenario: %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load() error =\n%s\nwant it to contain\n%s", err, tc.want)
			}
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	text := header + "steps:\n  - run: kubctl get pods\n  - name: two\n    expect:\n      - object: {kind: Nope}\n"
	_, err := Load("t.yaml", []byte(text), "")
	if err == nil {
		t.Fatal("Load() = nil error")
	}
	for _, want := range []string{"steps[0].name: required", `steps[0].run: unknown command "kubctl"`, `steps[1].expect[0].object.kind: unknown kind "Nope"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Load() error =\n%s\nwant it to contain %q", err, want)
		}
	}
}
