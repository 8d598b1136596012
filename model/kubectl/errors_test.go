package kubectl

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestErrors checks kubectl's exact error text and exit status, in a
// cluster with the sleep and numbers-api Deployments and the sleep-2
// Service applied.
func TestErrors(t *testing.T) {
	h := newHarness(t, sourceFiles())
	for _, line := range []string{
		"kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml -f numbers/api.yaml",
		"kubectl apply -f sleep/sleep2-service.yaml",
	} {
		if res := h.run(t, line); res.Exit != 0 {
			t.Fatalf("%s: %s", line, res.Output())
		}
	}
	h.sleep(t, 5*time.Second)
	tests := []struct {
		name, line string
		want       string
		exit       int
	}{
		{"unknown resource type", "kubectl get foo",
			"error: the server doesn't have a resource type \"foo\"\n", 1},
		{"not found", "kubectl get pods x",
			"Error from server (NotFound): pods \"x\" not found\n", 1},
		{"not found -o yaml", "kubectl get pod x -o yaml",
			"Error from server (NotFound): pods \"x\" not found\n", 1},
		{"not found endpoints", "kubectl get endpoints x",
			"Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\nError from server (NotFound): endpoints \"x\" not found\n", 1},
		{"describe not found", "kubectl describe svc x",
			"Error from server (NotFound): services \"x\" not found\n", 1},
		{"unknown flag", "kubectl get pods --foo",
			"error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", 1},
		{"unknown shorthand", "kubectl get pods -z",
			"error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n", 1},
		{"flag needs an argument", "kubectl get pods -n",
			"error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n", 1},
		{"unknown command", "kubectl frobnicate",
			"error: unknown command \"frobnicate\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n", 1},
		{"a real command svcsim does not model", "kubectl rollout status deploy/sleep-1",
			"error: svcsim does not model `kubectl rollout` (a real kubectl has it); it runs apply, create -f, delete, describe, exec, expose, get, port-forward, scale, version and wait\n", 1},
		{"a real resource svcsim does not model", "kubectl get secrets",
			"error: svcsim does not model secrets; a real cluster has them\n", 1},
		{"describe a kind svcsim does not describe", "kubectl describe ns",
			"error: svcsim's kubectl describe covers pods, services, nodes, deployments, replicasets, replicationcontrollers, endpoints and endpointslices, not namespaces (kubectl get namespaces NAME -o yaml shows the whole object)\n", 1},
		{"apply missing file", "kubectl apply -f x.yaml",
			"error: the path \"x.yaml\" does not exist\n", 1},
		{"apply invalid service", "kubectl apply -f bad-nodeport.yaml",
			"The Service \"bad\" is invalid: spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767\n", 1},
		{"create existing", "kubectl create -f sleep/sleep2-service.yaml",
			"Error from server (AlreadyExists): error when creating \"sleep/sleep2-service.yaml\": services \"sleep-2\" already exists\n", 1},
		{"apply existing unchanged", "kubectl apply -f sleep/sleep2-service.yaml",
			"service/sleep-2 unchanged\n", 0},
		{"scale without replicas", "kubectl scale deploy/sleep-1",
			"error: required flag(s) \"replicas\" not set\n", 1},
		{"scale not found", "kubectl scale --replicas=2 deploy/nope",
			"Error from server (NotFound): deployments.apps \"nope\" not found\n", 1},
		{"exec no such program", "kubectl exec deploy/numbers-api -- ls",
			"error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"" + execID + "\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"ls\": executable file not found in $PATH: unknown\n", 1},
		{"exec exit 1", "kubectl exec deploy/sleep-1 -- false",
			"command terminated with exit code 1\n", 1},
		{"exec pod not found", "kubectl exec nope -- ls",
			"Error from server (NotFound): pods \"nope\" not found\n", 1},
		{"wait timeout", "kubectl wait --for=condition=Ready=false pod -l app=sleep-1 --timeout=2s",
			"error: timed out waiting for the condition on pods/" + podName(h, "sleep-1") + "\n", 1},
		{"wait not found", "kubectl wait --for=condition=Ready pod/nope",
			"Error from server (NotFound): pods \"nope\" not found\n", 1},
		{"wait no match", "kubectl wait --for=condition=Ready pod -l app=nope",
			"error: no matching resources found\n", 1},
		{"wait bad condition", "kubectl wait --for=ready pod -l app=sleep-1",
			"error: unrecognized condition: \"ready\"\n", 1},
		{"wait delete of nothing", "kubectl wait --for=delete pod/nope", "", 0},
		{"delete no match", "kubectl delete pods -l app=nope",
			"No resources found\n", 0},
		{"delete without names", "kubectl delete pods",
			"error: resource(s) were provided, but no name was specified\n", 1},
		{"delete without args", "kubectl delete",
			"error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1},
		{"delete not found", "kubectl delete svc nope",
			"Error from server (NotFound): services \"nope\" not found\n", 1},
		{"delete not found ignored", "kubectl delete svc nope --ignore-not-found", "", 0},
		{"delete now and grace", "kubectl delete pod x --now --grace-period=5",
			"error: --now and --grace-period cannot be specified together\n", 1},
		{"delete force with grace", "kubectl delete pod x --force --grace-period=5",
			"error: --force and --grace-period greater than 0 cannot be specified together\n", 1},
		{"delete -o yaml", "kubectl delete pod x -o yaml",
			"error: unexpected -o output mode: yaml. We only support '-o name'\n", 1},
		{"delete all and selector", "kubectl delete pods --all -l app=x",
			"error: cannot set --all and --selector at the same time\n", 1},
		{"bad output format", "kubectl get pods -o foo",
			"error: unable to match a printer suitable for the output format \"foo\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n", 1},
		{"get without type", "kubectl get",
			"You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n", 1},
		{"apply dry run", "kubectl apply -f numbers/api-service.yaml --dry-run=client",
			"service/numbers-api created (dry run)\n", 0},
		{"apply dry run leaves nothing", "kubectl get svc numbers-api",
			"Error from server (NotFound): services \"numbers-api\" not found\n", 1},
		{"create server dry run of existing", "kubectl create -f sleep/sleep2-service.yaml --dry-run=server",
			"Error from server (AlreadyExists): error when creating \"sleep/sleep2-service.yaml\": services \"sleep-2\" already exists\n", 1},
		{"delete dry run", "kubectl delete svc sleep-2 --dry-run=client",
			"service \"sleep-2\" deleted from default namespace (dry run)\n", 0},
		{"delete dry run leaves it", "kubectl get svc sleep-2 -o name", "service/sleep-2\n", 0},
		{"bad dry run value", "kubectl apply -f x.yaml --dry-run=maybe",
			"error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n", 1},
		{"no resources in namespace", "kubectl get pods -n kube-public",
			"No resources found in kube-public namespace.\n", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := h.run(t, tc.line)
			if diff := cmp.Diff(tc.want, res.Output()); diff != "" {
				t.Errorf("%s: output mismatch (-want +got):\n%s", tc.line, diff)
			}
			if res.Exit != tc.exit {
				t.Errorf("%s: exit %d, want %d", tc.line, res.Exit, tc.exit)
			}
		})
	}
}

// execID is the first exec ID the seeded "containerd/exec" stream draws.
const execID = "a35873531e8d30f009a887d58d1844e4630229faa94abf42f73666318073043d"

// podName returns the name of the one pod with label app=app.
func podName(h *harness, app string) string {
	for _, p := range h.c.API.List("Pod", "default") {
		if p.Meta().Labels["app"] == app {
			return p.Meta().Name
		}
	}
	return ""
}

// TestInvalidText checks the Invalid status as kubectl's CheckErr prints
// it: one cause on the heading line, several as a "* " list under a
// heading that ends in ": ".
func TestInvalidText(t *testing.T) {
	tests := []struct{ name, msg, want string }{
		{"one cause",
			`Service "web-dup" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated`,
			`The Service "web-dup" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated`},
		{"two causes",
			`Service "x" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]`,
			"The Service \"x\" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""},
		{"required", `Service "x" is invalid: [spec.ports: Required value, spec.externalName: Required value]`,
			"The Service \"x\" is invalid: \n* spec.ports: Required value\n* spec.externalName: Required value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, invalidText(tc.msg)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
