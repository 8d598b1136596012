package scenarios

import (
	"errors"
	"fmt"
	"time"

	"github.com/svcsim/svcsim/model/kubectl"
	"github.com/svcsim/svcsim/sim"
)

// CommandOptions bound a command RunCommand runs.
type CommandOptions struct {
	// Timeout is how much simulated time the command may take (default
	// DefaultCommandTimeout); a command still running then (kubectl get
	// -w, a curl that hangs) is left running and its output so far is
	// not known.
	Timeout time.Duration
	// Settle is how much simulated time the cluster runs on after the
	// command finished, so that what it started (a pod deleted, a
	// Service created) shows in the trace.
	Settle time.Duration
}

// DefaultCommandTimeout is CommandOptions.Timeout's default.
const DefaultCommandTimeout = 60 * time.Second

// ErrNoRun is returned by RunCommand when the report has no run to run a
// command in (the cluster could not be built).
var ErrNoRun = errors.New("scenarios: the report has no running cluster")

// ErrCommandTimeout is returned by RunCommand when the command did not
// finish within its timeout.
var ErrCommandTimeout = errors.New("scenarios: the command did not finish in time")

// RunCommand runs one command line in the cluster of a run, as a step's
// run: does (kubectl, curl and wget on the learner's machine, docker exec
// NODE ..., pipes into grep/head/tail, $(...)), from the moment the run
// stopped (Options.StopAfter, or its end). From then on the scenario's
// own steps no longer run: the run becomes a branch where only the
// commands given run, while the cluster goes on. The command's records
// ("scenario.command", what it caused, "scenario.output") are appended
// to the run's trace.
func RunCommand(rep *Report, line string, opts CommandOptions) (kubectl.Result, error) {
	r := rep.runner
	if r == nil || rep.Cluster == nil {
		return kubectl.Result{}, ErrNoRun
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultCommandTimeout
	}
	r.detached = true
	e := r.c.Engine
	var res *kubectl.Result
	r.later(0, func() {
		r.runLine(line, func(x kubectl.Result) {
			res = &x
			if x.Stdout != "" || x.Stderr != "" {
				e.Emit("scenario.output", firstLine(x.Stdout+x.Stderr), x)
			}
		})
	})
	deadline := e.Now() + opts.Timeout
	for res == nil {
		at, ok := e.NextAt()
		if !ok || at > deadline {
			r.noteEvents()
			return kubectl.Result{}, fmt.Errorf("%w (%s of simulated time)", ErrCommandTimeout, opts.Timeout)
		}
		if e.Dispatched() >= e.EventBudget() {
			r.noteEvents()
			return kubectl.Result{}, fmt.Errorf("scenarios: during the command: %w", sim.ErrEventBudget)
		}
		e.Step()
		r.noteEvents()
	}
	err := e.RunUntil(e.Now() + opts.Settle)
	r.noteEvents()
	rep.Time = e.Now() - r.c.StartTime
	return *res, err
}

// EventsAt returns how many events the run had dispatched when trace
// record i was made: Run with Options{StopAfter: EventsAt(i)} stops at
// the end of the event that made record i, which is how the TUI rebuilds
// the cluster at a record to run a command there. It returns 0 for a
// record the run did not make.
func (rep *Report) EventsAt(i int) int64 {
	if i < 0 || i >= len(rep.events) {
		return 0
	}
	return rep.events[i]
}
