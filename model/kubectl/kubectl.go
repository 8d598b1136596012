package kubectl

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/sim"
)

// Result is what a command printed and how it exited.
type Result struct {
	Stdout string
	Stderr string
	Exit   int
	// Combined is stdout and stderr in the order a terminal shows them,
	// when that is not simply stdout then stderr (kubectl's warnings
	// come first).
	Combined string
	// startFailed marks an exec whose program never started: kubectl
	// reports the runtime's error, not the program's exit code.
	startFailed bool
}

// Output returns what a terminal shows.
func (r Result) Output() string {
	if r.Combined != "" {
		return r.Combined
	}
	return r.Stdout + r.Stderr
}

// Files resolves the names given to -f. Scenarios read them from beside
// the scenario file or from inline text.
type Files interface {
	ReadFile(name string) ([]byte, error)
}

// Kubectl runs commands against one cluster, as one user's kubectl with
// its current namespace.
type Kubectl struct {
	C     *cluster.Cluster
	Files Files
	// Namespace is the context's namespace ("default").
	Namespace string
	// Forwards are the running port-forwards: local port → target.
	Forwards map[uint16]Forward
}

// Forward is a running `kubectl port-forward`.
type Forward struct {
	Pod    string // namespace/name
	Remote uint16
}

// New returns a kubectl for the cluster.
func New(c *cluster.Cluster, files Files) *Kubectl {
	return &Kubectl{C: c, Files: files, Namespace: "default", Forwards: map[uint16]Forward{}}
}

// Run starts `kubectl ARGS...` (args without the word kubectl) inside the
// engine's current event. done is called exactly once with the result,
// now or in a later event.
func (k *Kubectl) Run(args []string, done func(Result)) {
	if len(args) == 0 {
		done(Result{Stdout: "kubectl controls the Kubernetes cluster manager.\n", Exit: 0})
		return
	}
	cmd := args[0]
	f, err := parseFlags(cmd, args[1:])
	if err != nil {
		done(fail(err.Error()))
		return
	}
	if f.has("dry-run") && (cmd == "scale" || cmd == "expose") {
		done(fail(fmt.Sprintf("error: svcsim does not model --dry-run for `kubectl %s`", cmd)))
		return
	}
	switch cmd {
	case "get":
		done(k.get(f))
	case "describe":
		done(k.describe(f))
	case "apply", "create":
		if cmd == "create" && len(f.words) > 0 {
			done(fail(fmt.Sprintf("error: svcsim does not model `kubectl create %s`; use a manifest with kubectl create -f", f.words[0])))
			return
		}
		done(k.applyFiles(cmd, f))
	case "delete":
		k.delete(f, done)
	case "scale":
		done(k.scale(f))
	case "expose":
		done(k.expose(f))
	case "wait":
		k.wait(f, done)
	case "exec":
		k.exec(f, done)
	case "port-forward":
		done(k.portForward(f))
	case "version":
		done(Result{Stdout: "Client Version: v1.36.0\nKustomize Version: v5.7.1\nServer Version: v1.36.0\n"})
	default:
		if realCommands[cmd] {
			done(fail(fmt.Sprintf("error: svcsim does not model `kubectl %s` (a real kubectl has it); it runs apply, create -f, delete, describe, exec, expose, get, port-forward, scale, version and wait", cmd)))
			return
		}
		done(fail(fmt.Sprintf("error: unknown command %q for \"kubectl\"\nRun 'kubectl --help' for usage.", cmd)))
	}
}

// realCommands are kubectl v1.36's other commands: svcsim says it does
// not model them rather than call them unknown.
var realCommands = map[string]bool{
	"annotate": true, "api-resources": true, "api-versions": true, "attach": true, "auth": true,
	"autoscale": true, "certificate": true, "cluster-info": true, "completion": true, "config": true,
	"cordon": true, "cp": true, "debug": true, "diff": true, "drain": true, "edit": true, "events": true,
	"explain": true, "kustomize": true, "label": true, "logs": true, "patch": true, "plugin": true,
	"proxy": true, "replace": true, "rollout": true, "run": true, "set": true, "taint": true, "top": true,
	"uncordon": true, "alpha": true, "options": true,
}

// realResources are resource types a real API server has that svcsim
// does not model, by every name kubectl accepts for them.
var realResources = map[string]string{}

func init() {
	for _, names := range [][]string{
		{"secrets", "secret"},
		{"serviceaccounts", "serviceaccount", "sa"}, {"ingresses", "ingress", "ing"},
		{"statefulsets", "statefulset", "sts"}, {"daemonsets", "daemonset", "ds"},
		{"jobs", "job"}, {"cronjobs", "cronjob", "cj"}, {"persistentvolumes", "persistentvolume", "pv"},
		{"persistentvolumeclaims", "persistentvolumeclaim", "pvc"}, {"networkpolicies", "networkpolicy", "netpol"},
		{"horizontalpodautoscalers", "horizontalpodautoscaler", "hpa"}, {"priorityclasses", "priorityclass", "pc"},
		{"roles", "role"}, {"rolebindings", "rolebinding"}, {"clusterroles", "clusterrole"},
		{"clusterrolebindings", "clusterrolebinding"}, {"storageclasses", "storageclass", "sc"},
		{"ingressclasses", "ingressclass"}, {"limitranges", "limitrange", "limits"},
		{"resourcequotas", "resourcequota", "quota"}, {"poddisruptionbudgets", "poddisruptionbudget", "pdb"},
		{"leases", "lease"}, {"customresourcedefinitions", "customresourcedefinition", "crd", "crds"},
	} {
		for _, n := range names {
			realResources[n] = names[0]
		}
	}
}

func fail(msg string) Result {
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	return Result{Stderr: msg, Exit: 1}
}

func (k *Kubectl) engine() *sim.Engine { return k.C.Engine }

// namespace returns -n's value or the context's namespace.
func (k *Kubectl) namespace(f *flags) string {
	if ns := f.get("namespace"); ns != "" {
		return ns
	}
	return k.Namespace
}

// serverError prints an API error the way kubectl does: Invalid errors as
// they are, others as "Error from server (Reason): ...", with
// "error when creating "file": " for writes from files.
func serverError(err error, context string) string {
	var se *apiserver.StatusError
	if errors.As(err, &se) {
		if se.Reason == apiserver.ReasonInvalid {
			return invalidText(se.Message)
		}
		return fmt.Sprintf("Error from server (%s): %s%s", se.Reason, context, se.Message)
	}
	return "error: " + err.Error()
}

// causeStart finds where a field error starts inside the server's
// bracketed list: ", spec.ports[0].port: Invalid value".
var causeStart = regexp.MustCompile(`, [a-zA-Z][\w-]*(?:\.[\w-]+|\[[^\]]*\])*: (?:Invalid value|Required value|Unsupported value|Forbidden|Duplicate value|Not found|Too long|Too many|Internal error)`)

// invalidText prints an Invalid status the way kubectl's CheckErr does:
// `The Service "x" is invalid: CAUSE` for one cause, and for several the
// heading followed by one "* CAUSE" line each. The server's message reads
// `Service "x" is invalid: CAUSE` or `... is invalid: [CAUSE, CAUSE]`.
func invalidText(msg string) string {
	head, detail, ok := strings.Cut(msg, " is invalid: ")
	if !ok {
		return "The " + msg
	}
	head = "The " + head + " is invalid: "
	if !strings.HasPrefix(detail, "[") || !strings.HasSuffix(detail, "]") {
		return head + detail
	}
	list := detail[1 : len(detail)-1]
	var causes []string
	start := 0
	for _, m := range causeStart.FindAllStringIndex(list, -1) {
		causes = append(causes, list[start:m[0]])
		start = m[0] + 2
	}
	causes = append(causes, list[start:])
	if len(causes) == 1 {
		return head + causes[0]
	}
	lines := []string{head}
	for _, c := range causes {
		lines = append(lines, "* "+c)
	}
	return strings.Join(lines, "\n")
}

// kindPrefix is how kubectl names a kind in "deployment.apps/x created".
func kindPrefix(k *api.Kind) string {
	if g := k.Group(); g != "" {
		return strings.ToLower(k.Kind) + "." + g
	}
	return strings.ToLower(k.Kind)
}

// resolveKind maps a resource word to its kind with kubectl's error.
func resolveKind(word string) (*api.Kind, error) {
	if k, ok := api.KindByResource(word); ok {
		return k, nil
	}
	if plural, ok := realResources[strings.ToLower(word)]; ok {
		return nil, fmt.Errorf("error: svcsim does not model %s; a real cluster has them", plural)
	}
	return nil, fmt.Errorf("error: the server doesn't have a resource type %q", word)
}

// targets splits "TYPE NAME..." or "TYPE/NAME ..." into (kind, names).
func targets(words []string) (*api.Kind, []string, error) {
	if len(words) == 0 {
		return nil, nil, fmt.Errorf("error: you must specify the type of resource to get")
	}
	if t, name, ok := strings.Cut(words[0], "/"); ok {
		kind, err := resolveKind(t)
		if err != nil {
			return nil, nil, err
		}
		names := []string{name}
		for _, w := range words[1:] {
			t2, n2, ok2 := strings.Cut(w, "/")
			k2, err := resolveKind(t2)
			if !ok2 || err != nil || k2 != kind {
				return nil, nil, fmt.Errorf("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
			}
			names = append(names, n2)
		}
		return kind, names, nil
	}
	kind, err := resolveKind(words[0])
	if err != nil {
		return nil, nil, err
	}
	return kind, words[1:], nil
}
