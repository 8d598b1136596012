package scenarios

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/dns"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/manifest"
)

// Error is a problem with a scenario file: where it is and what was
// expected.
type Error struct {
	File string
	Line int
	Path string // field path, e.g. steps[2].expect[0].object.kind
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrBadScenario is wrapped by every loader error, so callers can tell
// bad input (exit 2) from a failed expectation.
var ErrBadScenario = errors.New("bad scenario")

type loadError struct{ errs []error }

func (l *loadError) Error() string {
	msgs := make([]string, len(l.errs))
	for i, e := range l.errs {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func (l *loadError) Unwrap() []error { return append([]error{ErrBadScenario}, l.errs...) }

// Load reads a scenario. dir is the directory -f names are read from
// when they are not inline files ("" for built-ins). Every problem found
// is reported, each with file, line and field path.
func Load(file string, data []byte, dir string) (*Scenario, error) {
	if strings.TrimSpace(string(data)) == "" {
		return nil, &loadError{[]error{&Error{File: file, Msg: "the file is empty: want a scenario (apiVersion: " + APIVersion + ", kind: Scenario)"}}}
	}
	var root yaml.Node
	if err := yaml.Load(data, &root); err != nil {
		return nil, &loadError{[]error{yamlError(file, err, nil)}}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, &loadError{[]error{&Error{File: file, Msg: "the file is empty: want a scenario (apiVersion: " + APIVersion + ", kind: Scenario)"}}}
	}
	var s Scenario
	if err := root.Load(&s, yaml.WithKnownFields()); err != nil {
		return nil, &loadError{[]error{yamlError(file, err, &root)}}
	}
	s.File, s.dir = file, dir
	doc := root.Content[0]
	s.stepLines, s.fileLines = positions(doc)
	v := &validator{file: file, doc: doc}
	v.scenario(&s)
	if len(v.errs) > 0 {
		return nil, &loadError{v.errs}
	}
	return &s, nil
}

// positions finds the lines where steps and inline files start.
func positions(doc *yaml.Node) ([]int, map[string]int) {
	var steps []int
	files := map[string]int{}
	if doc.Kind != yaml.MappingNode {
		return nil, files
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i], doc.Content[i+1]
		switch key.Value {
		case "steps":
			for _, st := range val.Content {
				steps = append(steps, st.Line)
			}
		case "files":
			for j := 0; j+1 < len(val.Content); j += 2 {
				// A block scalar's text starts on the line after its key.
				line := val.Content[j+1].Line
				if val.Content[j+1].Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
					line++
				}
				files[val.Content[j].Value] = line
			}
		}
	}
	return steps, files
}

// yamlError turns the YAML library's error into ours, with the field path
// of the offending node and kubectl-like wording for unknown fields.
func yamlError(file string, err error, root *yaml.Node) error {
	var le *yaml.LoadErrors
	if errors.As(err, &le) && len(le.Errors) > 0 {
		var out []error
		for _, e := range le.Errors {
			line := e.Mark.Line
			msg := e.Message
			path := ""
			if root != nil {
				path = pathAt(root, e.Mark.Line, e.Mark.Column)
			}
			if m := unknownField.FindStringSubmatch(msg); m != nil {
				msg = fmt.Sprintf("unknown field %q (type %s has no such field; check the spelling against docs/scenario-format.md)", m[1], m[2])
			}
			out = append(out, &Error{File: file, Line: line, Path: path, Msg: msg})
		}
		return errors.Join(out...)
	}
	msg := err.Error()
	line := 0
	if m := syntaxMark.FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &line)
		msg = strings.TrimSpace(syntaxMark.ReplaceAllString(msg, ""))
		msg = strings.TrimPrefix(msg, "go-yaml load error in ")
	}
	return &Error{File: file, Line: line, Msg: "YAML syntax error: " + msg}
}

// syntaxMark is the position in the YAML library's syntax errors.
var syntaxMark = regexp.MustCompile(` at L(\d+)\.C\d+(-L\d+\.C\d+)?`)

var unknownField = regexp.MustCompile(`field (\S+) not found in type scenarios\.(\w+)`)

// pathAt returns the field path of the node at line:col.
func pathAt(n *yaml.Node, line, col int) string {
	var best string
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := k.Value
				if path != "" {
					p = path + "." + k.Value
				}
				if (k.Line == line && k.Column == col) || (v.Line == line && v.Column == col) {
					best = p
				}
				walk(v, p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := fmt.Sprintf("%s[%d]", path, i)
				if c.Line == line && c.Column == col && best == "" {
					best = p
				}
				walk(c, p)
			}
		}
	}
	walk(n, "")
	return best
}

// validator checks what YAML typing cannot.
type validator struct {
	file string
	doc  *yaml.Node
	errs []error
}

func (v *validator) fail(path, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.file, Line: lineOf(v.doc, path), Path: path, Msg: fmt.Sprintf(format, args...)})
}

// lineOf finds the line of a field path ("steps[1].run").
func lineOf(doc *yaml.Node, path string) int {
	n := doc
	line := doc.Line
	for _, part := range splitPath(path) {
		if n == nil {
			break
		}
		switch {
		case strings.HasPrefix(part, "["):
			var i int
			fmt.Sscanf(part, "[%d]", &i)
			if n.Kind == yaml.SequenceNode && i < len(n.Content) {
				n = n.Content[i]
				line = n.Line
			} else {
				n = nil
			}
		default:
			var next *yaml.Node
			if n.Kind == yaml.MappingNode {
				for j := 0; j+1 < len(n.Content); j += 2 {
					if n.Content[j].Value == part {
						next = n.Content[j+1]
						line = n.Content[j].Line
					}
				}
			}
			n = next
		}
	}
	return line
}

func splitPath(p string) []string {
	var out []string
	for _, seg := range strings.Split(p, ".") {
		for seg != "" {
			i := strings.Index(seg, "[")
			switch {
			case i < 0:
				out = append(out, seg)
				seg = ""
			case i > 0:
				out = append(out, seg[:i])
				seg = seg[i:]
			default:
				j := strings.Index(seg, "]")
				if j < 0 {
					return out
				}
				out = append(out, seg[:j+1])
				seg = seg[j+1:]
			}
		}
	}
	return out
}

var nameRE = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

func (v *validator) scenario(s *Scenario) {
	if s.APIVersion != APIVersion {
		v.fail("apiVersion", "got %q, want %q", s.APIVersion, APIVersion)
	}
	if s.Kind != Kind {
		v.fail("kind", "got %q, want %q", s.Kind, Kind)
	}
	if !nameRE.MatchString(s.Metadata.Name) {
		v.fail("metadata.name", "got %q, want a lowercase name of letters, digits and '-'", s.Metadata.Name)
	}
	if s.Metadata.Title == "" {
		v.fail("metadata.title", "required: a one-line title for the scenario library")
	}
	v.cluster(&s.Cluster)
	for name, text := range s.Files {
		if _, err := manifest.Decode(name, []byte(text)); err != nil {
			v.manifestErrors("files."+name, s.fileLines[name], err)
		}
	}
	if len(s.Steps) == 0 {
		v.fail("steps", "required: at least one step")
	}
	for i := range s.Steps {
		v.step(s, i)
	}
}

// manifestErrors reports an inline manifest's errors at their line in
// the scenario file.
func (v *validator) manifestErrors(path string, base int, err error) {
	for _, e := range manifest.Errors(err) {
		var me *manifest.Error
		if errors.As(e, &me) {
			line := base
			if base > 0 && me.Line > 0 {
				line = base + me.Line - 1
			}
			v.errs = append(v.errs, &Error{File: v.file, Line: line, Path: path, Msg: me.Msg})
			continue
		}
		v.errs = append(v.errs, &Error{File: v.file, Line: base, Path: path, Msg: e.Error()})
	}
}

func (v *validator) cluster(c *Cluster) {
	for _, f := range []struct{ path, val string }{{"cluster.clusterCIDR", c.ClusterCIDR}, {"cluster.serviceCIDR", c.ServiceCIDR}, {"cluster.nodeCIDR", c.NodeCIDR}} {
		if f.val == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f.val); err != nil || !p.Addr().Is4() {
			v.fail(f.path, "invalid CIDR %q: want an IPv4 prefix such as 10.244.0.0/16", f.val)
		}
	}
	seen := map[string]bool{}
	for i, n := range c.Nodes {
		path := fmt.Sprintf("cluster.nodes[%d]", i)
		if !nameRE.MatchString(n.Name) {
			v.fail(path+".name", "got %q, want a lowercase node name", n.Name)
		}
		if seen[n.Name] {
			v.fail(path+".name", "duplicate node name %q", n.Name)
		}
		seen[n.Name] = true
		if n.IP != "" {
			if _, err := netip.ParseAddr(n.IP); err != nil {
				v.fail(path+".ip", "invalid IP address %q", n.IP)
			}
		}
	}
	if c.LoadBalancer != "" && c.LoadBalancer != "cloud" && c.LoadBalancer != "none" && c.LoadBalancer != "k3s" && c.LoadBalancer != "docker-desktop" && c.LoadBalancer != "metallb" {
		v.fail("cluster.loadBalancer", "got %q, want cloud, k3s, docker-desktop, metallb or none", c.LoadBalancer)
	}
	if c.EventBudget < 0 {
		v.fail("cluster.eventBudget", "must be positive")
	}
	if c.Layer2 != nil {
		if _, err := layer2Config(c.Layer2); err != nil {
			// layer2Config's errors start with the field's path.
			field, msg, _ := strings.Cut(err.Error(), ": ")
			v.fail("cluster.layer2."+field, "%s", msg)
		}
	}
	if c.KubeProxy != "" {
		if _, err := kubeProxyFile(c.KubeProxy); err != nil {
			v.fail("cluster.kubeProxy", "%v", err)
		}
	}
	for i, l := range c.DNS.Upstream {
		if _, err := dns.NewUpstream(l); err != nil {
			v.fail(fmt.Sprintf("cluster.dns.upstream[%d]", i), "%v", err)
		}
	}
	for i, im := range c.Images {
		if im.Name == "" {
			v.fail(fmt.Sprintf("cluster.images[%d].name", i), "required")
		}
		for j, p := range im.Ports {
			if p < 1 || p > 65535 {
				v.fail(fmt.Sprintf("cluster.images[%d].ports[%d]", i, j), "port %d is not between 1 and 65535", p)
			}
		}
	}
}

func (v *validator) step(s *Scenario, i int) {
	st := &s.Steps[i]
	path := fmt.Sprintf("steps[%d]", i)
	if st.Name == "" {
		v.fail(path+".name", "required: a short name for the step")
	}
	actions := 0
	for _, set := range []bool{st.Run != "", st.Apply != "", st.Sleep != nil, st.Load != nil} {
		if set {
			actions++
		}
	}
	if actions > 1 {
		v.fail(path, "a step has at most one action: run, apply, sleep or load")
	}
	if st.Run != "" {
		if err := checkCommand(st.Run); err != nil {
			v.fail(path+".run", "%v", err)
		}
	}
	if l := st.Load; l != nil {
		if l.From == "" {
			v.fail(path+".load.from", "required: the pod that sends, e.g. deploy/sleep-1")
		}
		if l.URL == "" {
			v.fail(path+".load.url", "required")
		}
		if l.Count < 1 || l.Count > 10000 {
			v.fail(path+".load.count", "got %d, want 1 to 10000 requests", l.Count)
		}
	}
	if st.Apply != "" {
		if _, err := manifest.Decode(path+".apply", []byte(st.Apply)); err != nil {
			line := lineOf(v.doc, path+".apply") + 1
			v.manifestErrors(path+".apply", line, err)
		}
	}
	for j := range st.Expect {
		v.expectation(st, fmt.Sprintf("%s.expect[%d]", path, j), &st.Expect[j])
	}
}

func (v *validator) expectation(st *Step, path string, x *Expectation) {
	kinds := 0
	for _, set := range []bool{x.Output != nil, x.Object != nil, x.Endpoints != nil, x.Trace != nil} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		v.fail(path, "an expectation has exactly one of output, object, endpoints or trace")
		return
	}
	switch {
	case x.Output != nil:
		if st.Run == "" && st.Apply == "" && st.Load == nil {
			v.fail(path+".output", "the step runs no command, so it has no output to check")
		}
		if x.Output.Matches != "" {
			if _, err := regexp.Compile(x.Output.Matches); err != nil {
				v.fail(path+".output.matches", "invalid regular expression: %v", err)
			}
		}
	case x.Object != nil:
		o := x.Object
		if _, ok := api.KindByName(o.Kind); !ok {
			v.fail(path+".object.kind", "unknown kind %q: want one of Pod, Service, Endpoints, EndpointSlice, Deployment, ReplicaSet, ReplicationController, Node, Namespace, ConfigMap", o.Kind)
		}
		if o.Name != "" && o.Selector != "" {
			v.fail(path+".object", "give a name or a selector, not both")
		}
		if o.Selector != "" {
			if _, err := api.ParseSelector(o.Selector); err != nil {
				v.fail(path+".object.selector", "%v", err)
			}
		}
		if (o.Equals != nil || o.NotEquals != nil || o.EqualsSaved != "" || o.NotEqualsSaved != "" || o.Save != "") && o.JSONPath == "" {
			v.fail(path+".object.jsonpath", "required with equals, notEquals, equalsSaved, notEqualsSaved or save")
		}
	case x.Endpoints != nil:
		if x.Endpoints.Service == "" {
			v.fail(path+".endpoints.service", "required")
		}
	case x.Trace != nil:
		if x.Trace.Kind == "" && x.Trace.Contains == "" {
			v.fail(path+".trace", "give a kind, a text to find (contains), or both")
		}
	}
}

// kubeProxyFile decodes cluster.kubeProxy: one KubeProxyConfiguration,
// checked as kube-proxy checks it.
func kubeProxyFile(text string) (*manifest.KubeProxyConfiguration, error) {
	docs, err := manifest.Decode("cluster.kubeProxy", []byte(text))
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("want one KubeProxyConfiguration document, got %d", len(docs))
	}
	f, ok := docs[0].Config.(*manifest.KubeProxyConfiguration)
	if !ok {
		return nil, fmt.Errorf("want kind KubeProxyConfiguration (apiVersion kubeproxy.config.k8s.io/v1alpha1)")
	}
	if _, err := kubeproxy.ConfigFromFile(f, netip.Prefix{}); err != nil {
		return nil, err
	}
	return f, nil
}
