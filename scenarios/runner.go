package scenarios

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/apps"
	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/model/kubectl"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// Options change how a scenario runs.
type Options struct {
	// Seed overrides the scenario's seed when not nil.
	Seed *uint64
	// EventBudget overrides the scenario's event budget when > 0.
	EventBudget int64
	// StopAfter, when > 0, stops the run once that many events have been
	// dispatched, leaving the cluster as it was at that moment (tests use
	// it to compare a replayed view with the live state).
	StopAfter int64
}

// Report is the outcome of one scenario run.
type Report struct {
	Name   string        `json:"name"`
	Title  string        `json:"title"`
	File   string        `json:"file"`
	Seed   uint64        `json:"seed"`
	Passed bool          `json:"passed"`
	Error  string        `json:"error,omitempty"`
	Steps  []StepReport  `json:"steps"`
	Time   time.Duration `json:"simulatedNanos"`
	// Cluster is the simulation, left at the end of the run for the
	// trace and the views.
	Cluster *cluster.Cluster `json:"-"`

	// runner is the run's runner, kept for RunCommand; events[i] is how
	// many events had been dispatched when trace record i was made.
	runner *runner
	events []int64
}

// StepReport is one step's outcome.
type StepReport struct {
	Name    string `json:"name"`
	Command string `json:"command,omitempty"`
	// Output is what the terminal showed: stdout and stderr in order.
	Output string        `json:"output,omitempty"`
	Stdout string        `json:"stdout,omitempty"`
	Stderr string        `json:"stderr,omitempty"`
	Exit   int           `json:"exit"`
	Start  time.Duration `json:"startNanos"`
	End    time.Duration `json:"endNanos"`
	Checks []Check       `json:"checks,omitempty"`
	// Records are the trace indexes the step spans.
	FirstRecord int `json:"firstRecord"`
	LastRecord  int `json:"lastRecord"`
}

// Check is one expectation's outcome.
type Check struct {
	What   string `json:"what"`
	Passed bool   `json:"passed"`
	Detail string `json:"detail,omitempty"`
}

// Passed reports whether every check of the step passed.
func (s *StepReport) Passed() bool {
	for _, c := range s.Checks {
		if !c.Passed {
			return false
		}
	}
	return true
}

// runner replays a scenario inside the engine.
type runner struct {
	s      *Scenario
	c      *cluster.Cluster
	k      *kubectl.Kubectl
	files  *files
	id     sim.ComponentID
	rep    *Report
	saved  map[string]string
	done   bool
	step   int
	result kubectl.Result

	stopAfter int64
	// detached is set by RunCommand: the scenario's own steps stop where
	// the run stopped, and only the commands given run on.
	detached bool
}

// Run replays a scenario and checks its expectations. Bad input that
// only shows at run time (an unknown image port, a cluster that cannot
// be built) and a run that exceeds its event budget are reported in
// Report.Error.
func Run(s *Scenario, opts Options) *Report {
	rep := &Report{Name: s.Metadata.Name, Title: s.Metadata.Title, File: s.File}
	cfg, err := clusterConfig(s, opts)
	if err != nil {
		rep.Error = err.Error()
		return rep
	}
	rep.Seed = cfg.Seed
	c, err := cluster.New(cfg)
	if err != nil {
		rep.Error = err.Error()
		return rep
	}
	rep.Cluster = c
	registerImages(c, s.Cluster.Images)
	r := &runner{s: s, c: c, rep: rep, saved: map[string]string{}, stopAfter: opts.StopAfter}
	rep.runner = r
	r.files = &files{s: s, written: map[string]string{}}
	r.k = kubectl.New(c, r.files)
	r.id = c.Engine.Register(sim.HandlerFunc{N: "scenario", F: func(e *sim.Engine, ev sim.Event) {
		ev.Payload.(func())()
	}})
	if s.Metadata.Intro != "" {
		c.Engine.Emit("scenario.intro", firstLine(s.Metadata.Intro), s.Metadata.Intro)
	}
	r.later(0, func() { r.startStep(0) })
	err = r.loop()
	rep.Time = c.Engine.Now() - c.StartTime
	if err != nil {
		rep.Error = err.Error()
	}
	rep.Passed = rep.Error == "" && len(rep.Steps) == len(s.Steps)
	for i := range rep.Steps {
		rep.Passed = rep.Passed && rep.Steps[i].Passed()
	}
	return rep
}

func (r *runner) loop() error {
	e := r.c.Engine
	r.noteEvents()
	for !r.done {
		if r.stopAfter > 0 && e.Dispatched() >= r.stopAfter {
			return nil
		}
		if e.Dispatched() >= e.EventBudget() {
			return &sim.BudgetError{Budget: e.EventBudget(), At: e.Now() - r.c.StartTime, Last: e.ComponentName(0)}
		}
		if !e.Step() {
			return errors.New("the simulation stalled: no events are left but the scenario has not finished (a command never completed)")
		}
		r.noteEvents()
	}
	return nil
}

// noteEvents records, for the trace records made since the last call,
// how many events had been dispatched (Report.EventsAt).
func (r *runner) noteEvents() {
	e := r.c.Engine
	for n, d := e.Trace().Len(), e.Dispatched(); len(r.rep.events) < n; {
		r.rep.events = append(r.rep.events, d)
	}
}

func (r *runner) later(d time.Duration, f func()) { r.c.Engine.Schedule(d, r.id, f) }

func (r *runner) now() time.Duration { return r.c.Engine.Now() - r.c.StartTime }

func (r *runner) startStep(i int) {
	if r.detached {
		return
	}
	if i >= len(r.s.Steps) {
		r.c.Engine.Emit("scenario.end", "the scenario ends", nil)
		r.done = true
		return
	}
	st := &r.s.Steps[i]
	r.step = i
	e := r.c.Engine
	e.Emit("scenario.step", fmt.Sprintf("step %d: %s", i+1, st.Name), st)
	r.rep.Steps = append(r.rep.Steps, StepReport{Name: st.Name, Start: r.now(), FirstRecord: e.Trace().Len() - 1})
	r.result = kubectl.Result{}
	switch {
	case st.Run != "":
		r.rep.Steps[i].Command = st.Run
		r.runLine(st.Run, r.afterAction)
	case st.Apply != "":
		r.rep.Steps[i].Command = "kubectl apply -f -"
		r.k.Run([]string{"apply", "-f", inlineApply(i)}, r.afterAction)
	case st.Load != nil:
		r.rep.Steps[i].Command = fmt.Sprintf("%d × kubectl exec %s -- curl -s %s", st.Load.Count, st.Load.From, st.Load.URL)
		r.runLoad(st.Load, r.afterAction)
	case st.Sleep != nil:
		r.later(st.Sleep.Duration, func() { r.afterAction(kubectl.Result{}) })
	default:
		r.afterAction(kubectl.Result{})
	}
}

func inlineApply(i int) string { return fmt.Sprintf("steps[%d].apply", i) }

func (r *runner) afterAction(res kubectl.Result) {
	if r.detached {
		return
	}
	sr := &r.rep.Steps[r.step]
	sr.Stdout, sr.Stderr, sr.Exit, sr.Output = res.Stdout, res.Stderr, res.Exit, res.Output()
	r.result = res
	if res.Stdout != "" || res.Stderr != "" {
		r.c.Engine.Emit("scenario.output", firstLine(res.Stdout+res.Stderr), res)
	}
	timeout := defaultTimeout
	if t := r.s.Steps[r.step].Timeout; t != nil {
		timeout = t.Duration
	}
	deadline := r.now() + timeout
	r.check(deadline)
}

// check evaluates the step's expectations, retrying every 100ms of
// simulated time until all pass or the deadline passes.
func (r *runner) check(deadline time.Duration) {
	if r.detached {
		return
	}
	st := &r.s.Steps[r.step]
	checks := make([]Check, len(st.Expect))
	all := true
	for i := range st.Expect {
		checks[i] = r.evaluate(&st.Expect[i])
		all = all && checks[i].Passed
	}
	if !all && r.now() < deadline {
		r.later(100*time.Millisecond, func() { r.check(deadline) })
		return
	}
	for i := range st.Expect {
		if o := st.Expect[i].Object; o != nil && o.Save != "" && checks[i].Passed {
			r.saved[o.Save] = r.objectValue(o)
		}
	}
	sr := &r.rep.Steps[r.step]
	sr.Checks, sr.End = checks, r.now()
	sr.LastRecord = r.c.Engine.Trace().Len() - 1
	for _, c := range checks {
		mark := "passed"
		if !c.Passed {
			mark = "FAILED"
		}
		r.c.Engine.Emit("scenario.expect", fmt.Sprintf("expectation %s: %s", mark, c.What), c)
	}
	next := r.step + 1
	think := defaultThinkTime
	if t := r.s.Cluster.Params.ThinkTime; t != nil {
		think = t.Duration
	}
	if next >= len(r.s.Steps) {
		think = 0
	}
	r.later(think, func() { r.startStep(next) })
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// files resolves -f names: inline files, inline step manifests, then
// files beside the scenario.
// files are the learner's machine's files: what the learner's commands
// wrote (`kubectl get pod web -o yaml > web.yaml`), kept in memory and
// never written to disk, then the scenario's files, then those beside
// the scenario file.
type files struct {
	s       *Scenario
	written map[string]string
}

func (f *files) ReadFile(name string) ([]byte, error) {
	if text, ok := f.written[name]; ok {
		return []byte(text), nil
	}
	if text, ok := f.s.Files[name]; ok {
		return []byte(text), nil
	}
	var i int
	if _, err := fmt.Sscanf(name, "steps[%d].apply", &i); err == nil && i < len(f.s.Steps) {
		return []byte(f.s.Steps[i].Apply), nil
	}
	if f.s.dir == "" {
		return nil, os.ErrNotExist
	}
	return os.ReadFile(filepath.Join(f.s.dir, filepath.FromSlash(name)))
}

func clusterConfig(s *Scenario, opts Options) (cluster.Config, error) {
	cfg := cluster.DefaultConfig()
	c := &s.Cluster
	if c.Seed != nil {
		cfg.Seed = *c.Seed
	}
	if opts.Seed != nil {
		cfg.Seed = *opts.Seed
	}
	if len(c.Nodes) > 0 {
		cfg.Nodes = nil
		for _, n := range c.Nodes {
			cfg.Nodes = append(cfg.Nodes, cluster.NodeConfig{Name: n.Name, IP: n.IP, ControlPlane: n.ControlPlane, Labels: n.Labels})
		}
	}
	for _, p := range []struct {
		val string
		dst *netip.Prefix
	}{{c.ClusterCIDR, &cfg.ClusterCIDR}, {c.ServiceCIDR, &cfg.ServiceCIDR}, {c.NodeCIDR, &cfg.NodeCIDR}} {
		if p.val != "" {
			*p.dst = netip.MustParsePrefix(p.val) // validated by the loader
		}
	}
	if c.LoadBalancer != "" {
		cfg.LoadBalancer = c.LoadBalancer
	}
	cfg.EventBudget = c.EventBudget
	if opts.EventBudget > 0 {
		cfg.EventBudget = opts.EventBudget
	}
	pp := &cfg.Params
	for _, o := range []struct {
		val *Duration
		dst *time.Duration
	}{
		{c.Params.WatchDelay, &pp.WatchDelay}, {c.Params.SchedulerDelay, &pp.SchedulerDelay},
		{c.Params.ControllerDelay, &pp.ControllerDelay}, {c.Params.EndpointsDelay, &pp.EndpointsDelay},
		{c.Params.PodStartDelay, &pp.Kubelet.PodStartDelay}, {c.Params.VethLatency, &pp.Network.VethLatency},
		{c.Params.WireLatency, &pp.Network.WireLatency}, {c.Params.AppLatency, &pp.Network.AppLatency},
		{c.Params.BootTime, &pp.BootTime}, {c.Params.LoadBalancerDelay, &pp.LoadBalancerDelay},
		{c.Params.KubeProxyMinSyncPeriod, &pp.KubeProxyMinSyncPeriod}, {c.Params.KubeProxySyncPeriod, &pp.KubeProxySyncPeriod},
	} {
		if o.val != nil {
			*o.dst = o.val.Duration
		}
	}
	cfg.DNSUpstream = c.DNS.Upstream
	if c.Layer2 != nil {
		l2cfg, err := layer2Config(c.Layer2)
		if err != nil {
			return cfg, fmt.Errorf("cluster.layer2.%w", err)
		}
		cfg.Layer2 = l2cfg
	}
	if c.KubeProxy != "" {
		f, err := kubeProxyFile(c.KubeProxy)
		if err != nil {
			return cfg, fmt.Errorf("cluster.kubeProxy: %w", err)
		}
		cfg.KubeProxy = f
	}
	return cfg, nil
}

func registerImages(c *cluster.Cluster, images []Image) {
	for _, im := range images {
		im := im
		exits := im.ExitsOnTerm == nil || *im.ExitsOnTerm
		def := &apps.Image{Repository: apps.Repository(im.Name), ExitsOnTerm: exits, Shell: im.Shell}
		if im.Shell {
			def.Tools = []string{"sh", "ping", "nslookup", "wget", "cat", "hostname"}
		}
		for _, p := range im.Ports {
			def.Ports = append(def.Ports, uint16(p))
		}
		def.Handler = func(env apps.Env, ctx *network.ServeCtx, req *network.HTTPRequest) {
			if body, ok := im.Responses[req.Path]; ok {
				ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/plain", Body: body})
				return
			}
			if len(im.Responses) == 0 {
				ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/plain", Body: "Hello from " + env.Hostname + "\n"})
				return
			}
			ctx.Respond(&network.HTTPResponse{Status: 404, ContentType: "text/plain", Body: "404 page not found\n"})
		}
		c.Images.Add(def)
	}
}
