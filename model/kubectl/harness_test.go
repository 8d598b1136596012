package kubectl

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/cluster"
	"github.com/svcsim/svcsim/sim"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// maxEvents bounds the engine events one command may take. A 30 s grace
// period on an idle three-node cluster takes a few thousand; this leaves
// a wide margin while still catching a command that never finishes.
const maxEvents = 2_000_000

// memFiles is the Files of the tests: -f names looked up in a map.
type memFiles map[string]string

func (m memFiles) ReadFile(name string) ([]byte, error) {
	if s, ok := m[name]; ok {
		return []byte(s), nil
	}
	return nil, fs.ErrNotExist
}

// harness is a booted cluster with a kubectl and a component that runs
// commands inside engine events, as the scenario runner does.
type harness struct {
	c  *cluster.Cluster
	k  *Kubectl
	id sim.ComponentID
}

func newHarness(t testing.TB, files memFiles) *harness {
	t.Helper()
	c, err := cluster.New(cluster.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{c: c, k: New(c, files)}
	h.id = c.Engine.Register(sim.HandlerFunc{N: "test", F: func(e *sim.Engine, ev sim.Event) {
		ev.Payload.(func())()
	}})
	return h
}

// words splits a command line the way a shell would for the simple cases
// the tests use: blanks separate words, '...' and "..." quote.
func words(line string) []string {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

// exec runs args (without "kubectl") inside an engine event and steps the
// engine until done fires, at most maxEvents events. It reports the
// result, how many times done fired and the simulated time it took.
func (h *harness) exec(args []string, budget int64) (Result, int, time.Duration, error) {
	e := h.c.Engine
	var res Result
	calls := 0
	start := e.Now()
	e.Schedule(0, h.id, func() {
		h.k.Run(args, func(r Result) {
			calls++
			res = r
		})
	})
	limit := e.Dispatched() + budget
	for calls == 0 {
		if e.Dispatched() >= limit {
			return res, calls, e.Now() - start, fmt.Errorf("kubectl %s: not done after %d events", strings.Join(args, " "), budget)
		}
		if !e.Step() {
			return res, calls, e.Now() - start, fmt.Errorf("kubectl %s: the engine ran dry before done", strings.Join(args, " "))
		}
	}
	return res, calls, e.Now() - start, nil
}

// run runs one command line ("kubectl get pods -A") and returns its result.
func (h *harness) run(t testing.TB, line string) Result {
	t.Helper()
	args := words(line)
	if len(args) > 0 && args[0] == "kubectl" {
		args = args[1:]
	}
	res, _, _, err := h.exec(args, maxEvents)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// timed runs a command line and returns its result and the simulated time
// until done.
func (h *harness) timed(t testing.TB, line string) (Result, time.Duration) {
	t.Helper()
	args := words(line)[1:]
	res, _, d, err := h.exec(args, maxEvents)
	if err != nil {
		t.Fatal(err)
	}
	return res, d
}

// sleep lets simulated time pass, as a learner reading the output does.
// It steps to an event of its own rather than calling RunUntil: RunUntil
// peeks at the queue, and the radix queue then no longer accepts an event
// before the one it peeked at (see sim's queue), which a command
// scheduled right after would be.
func (h *harness) sleep(t testing.TB, d time.Duration) {
	t.Helper()
	e := h.c.Engine
	woke := false
	e.Schedule(d, h.id, func() { woke = true })
	for !woke {
		if !e.Step() {
			t.Fatal("the engine ran dry while sleeping")
		}
	}
}

// thinkTime passes after each command of a transcript, as the scenario
// runner's default think time does: the learner reads, then types.
const thinkTime = time.Second

// transcript runs a script and returns what a terminal would show: each
// line as "$ LINE" followed by the output and, when not 0, the exit code.
// A line "sleep DURATION" lets more time pass without a command.
func (h *harness) transcript(t testing.TB, script []string) string {
	t.Helper()
	var b strings.Builder
	for _, line := range script {
		if d, ok := strings.CutPrefix(line, "sleep "); ok {
			dur, err := time.ParseDuration(d)
			if err != nil {
				t.Fatal(err)
			}
			h.sleep(t, dur)
			fmt.Fprintf(&b, "$ sleep %s\n", d)
			continue
		}
		res := h.run(t, line)
		fmt.Fprintf(&b, "$ %s\n%s", line, res.Output())
		if out := res.Output(); out != "" && !strings.HasSuffix(out, "\n") {
			b.WriteString("\n")
		}
		if res.Exit != 0 {
			fmt.Fprintf(&b, "[exit %d]\n", res.Exit)
		}
		h.sleep(t, thinkTime)
	}
	return b.String()
}

// checkGolden compares got with testdata/<name>.golden, rewriting the file
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
