package shell

import (
	"strings"
	"testing"
)

// later is an AsyncExec whose programs finish only when flush is
// called, as programs in simulated time do; it logs what it started.
type later struct {
	started []string
	queue   []func()
}

func (l *later) exec(argv []string, stdin string, done func(string, string, int)) {
	l.started = append(l.started, strings.Join(argv, " "))
	switch argv[0] {
	case "now":
		done(strings.Join(argv[1:], " ")+"\n", "", 0)
	case "slow":
		l.queue = append(l.queue, func() { done(strings.Join(argv[1:], " ")+"\n", "", 0) })
	case "fail":
		l.queue = append(l.queue, func() { done("", "failed\n", 1) })
	default:
		done("", "", 127)
	}
}

func (l *later) flush() {
	for len(l.queue) > 0 {
		f := l.queue[0]
		l.queue = l.queue[1:]
		f()
	}
}

func TestRunAsync(t *testing.T) {
	tests := []struct {
		script  string
		env     map[string]string
		out     string
		exit    int
		started []string
	}{
		{"slow a; slow a", nil, "a\na\n", 0, []string{"slow a", "slow a"}},
		{"slow a | tail -n 1; now b", nil, "a\nb\n", 0, []string{"slow a", "now b"}},
		{"fail && now never; now after", nil, "after\n", 0, []string{"fail", "now after"}},
		{"now $(slow x) ${IP}", map[string]string{"IP": "10.0.0.1"}, "x 10.0.0.1\n", 0, []string{"slow x", "now x 10.0.0.1"}},
		{"nothing-here", nil, "", 127, []string{"nothing-here"}},
	}
	for _, tc := range tests {
		t.Run(tc.script, func(t *testing.T) {
			l := &later{}
			calls := 0
			var out string
			var exit int
			RunAsync(tc.script, tc.env, l.exec, func(o, _ string, x int) { calls++; out, exit = o, x })
			l.flush()
			if calls != 1 || out != tc.out || exit != tc.exit {
				t.Errorf("RunAsync(%q): %d calls, out %q exit %d; want 1 call, %q, %d", tc.script, calls, out, exit, tc.out, tc.exit)
			}
			if strings.Join(l.started, "|") != strings.Join(tc.started, "|") {
				t.Errorf("RunAsync(%q) started %q, want %q (each program once, in order)", tc.script, l.started, tc.started)
			}
		})
	}
}

func TestSimple(t *testing.T) {
	env := map[string]string{"IP": "10.0.0.1"}
	tests := []struct {
		script string
		want   string // argv joined by |, "" for not simple
	}{
		{`kubectl get pods -o 'jsonpath={.items[0].status.podIP}'`, "kubectl|get|pods|-o|jsonpath={.items[0].status.podIP}"},
		{`ping -c 1 ${IP}`, "ping|-c|1|10.0.0.1"},
		{`kubectl get svc | grep x`, ""},
		{`ping $(kubectl get pod -o name)`, ""},
		{`a; b`, ""},
		{`echo 'unterminated`, ""},
	}
	for _, tc := range tests {
		argv, ok := Simple(tc.script, env)
		got := ""
		if ok {
			got = strings.Join(argv, "|")
		}
		if got != tc.want {
			t.Errorf("Simple(%q) = %q, want %q", tc.script, got, tc.want)
		}
	}
}
