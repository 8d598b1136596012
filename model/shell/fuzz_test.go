package shell

import (
	"strings"
	"testing"
)

// FuzzRun parses and runs arbitrary lines against a fake pod: it must
// never panic, a syntax error must exit 2 with sh's prefix, and every
// other run must end.
func FuzzRun(f *testing.F) {
	for _, s := range []string{
		"nslookup numbers-api | tail -n 5",
		`nslookup numbers-api | grep "^[^*]"`,
		"ping -c 2 $(kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}')",
		"echo 'a", `echo "$(echo \"x\")"`, "a && b || c ; d | e", "(echo a; (echo b)) 2>&1 >&2",
		"echo `echo \\`x\\``", "grep -E '(a|b)+' < /etc/resolv.conf", "echo ${", "$((1+2))", "exit 300",
		"printf '%5.2d%%%s\\n' 3", "echo $? $0 $# $x", "tail -n +0", "grep -w -x -i -e '[[:alpha:]]*' -e 'a\\{2\\}'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		stdout, stderr, exit := Run(script, fakeExec)
		if err := Parse(script); err != nil {
			if exit != 2 || stdout != "" || !strings.HasPrefix(stderr, "sh: syntax error: ") {
				t.Fatalf("Run(%q) = %q, %q, %d for a syntax error", script, stdout, stderr, exit)
			}
		}
	})
}
