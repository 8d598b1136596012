package scenarios

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary text to the loader: it must return a scenario
// or an error, never panic or hang.
func FuzzLoad(f *testing.F) {
	paths, _ := filepath.Glob("library/*.yaml")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(header + "steps:\n  - name: x\n    run: kubectl get pods | grep x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Load("fuzz.yaml", data, "")
		if err == nil && s == nil {
			t.Fatal("Load() = nil, nil")
		}
	})
}

// FuzzCommandLine feeds arbitrary command lines to the step command
// parser.
func FuzzCommandLine(f *testing.F) {
	for _, s := range []string{
		`kubectl get pods -l app=x`,
		`kubectl exec deploy/sleep-1 -- ping -c 2 $(kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}')`,
		`kubectl get svc | grep "a|b" | tail -n 1`,
		`curl -s http://localhost:8080/`,
		`echo "unterminated`,
		`x $(y $(z))`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		_ = checkCommand(line)
	})
}
