package kubectl

import (
	"strings"
	"testing"
	"time"
)

// fuzzMaxEvents bounds the engine events one fuzzed command may take.
// The longest command is a wait that gives up after a week (--timeout
// with a negative value, or of days): kubectl's own checks slow down to
// one every 10 s, about 60 000 events, plus what the cluster does by
// itself in a week.
const fuzzMaxEvents = 1_000_000

// FuzzRun runs kubectl with fuzzed argument lists against a cluster with
// the sleep and numbers Deployments and a Service: Run must never panic
// and must call done exactly once within a bounded number of events.
func FuzzRun(f *testing.F) {
	for _, s := range []string{
		"get pods -A",
		"get pods -l app=sleep-1 -o yaml",
		"get pod x -o json",
		"get pods -o name --show-labels",
		"get svc,endpoints -n default",
		"get pods -o jsonpath={.items[0].status.podIP}",
		"get pods -o custom-columns=NAME:metadata.name,IP:status.podIP",
		"get pods -l app in (a,b)",
		"get all -A",
		"describe pod",
		"describe svc sleep-2",
		"describe node node-1",
		"apply -f sleep/sleep1.yaml -f numbers/api.yaml",
		"create -f sleep/sleep2-service.yaml",
		"apply -f bad-nodeport.yaml",
		"apply -f broken.yaml",
		"delete pods -l app=sleep-2",
		"delete svc --all",
		"delete deploy/sleep-1 pod/x",
		"delete pod x --force --grace-period=0",
		"delete -f sleep/sleep1.yaml",
		"scale --replicas=3 deploy/sleep-1",
		"scale --replicas=-1 deploy sleep-1",
		"expose deploy numbers-api --port=80",
		"wait --for=condition=Ready pod -l app=sleep-1 --timeout=5s",
		"wait --for=delete pod/x --timeout=0",
		"exec deploy/sleep-1 -- ping -c 1 sleep-2",
		"exec deploy/sleep-1 -- curl -s http://numbers-api/rng",
		"exec deploy/numbers-api -- ls",
		"exec -it deploy/sleep-1 -- sh",
		"port-forward deploy/numbers-api 8080:80",
		"port-forward svc/sleep-2 :80",
		"-n",
		"get -",
		"get pods/",
		"delete ,",
		"version",
		"wait --for=condition=Ready=false pod -l app=sleep-1 --timeout=-1s",
		"wait --for=condition=Ready=false pod -l app=sleep-1 --timeout=99h",
		"delete pod -l app=sleep-1 -A",
		"apply -f sleep/sleep1.yaml --dry-run=server",
		"delete pods --all --dry-run",
		"scale deploy/sleep-1 --replicas=0 --dry-run=client",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		h := newHarness(t, sourceFiles())
		h.run(t, "kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml -f numbers/api.yaml -f sleep/sleep2-service.yaml")
		h.sleep(t, 3*time.Second)
		args := strings.Fields(line)
		res, calls, _, err := h.exec(args, fuzzMaxEvents)
		if err != nil {
			t.Fatal(err)
		}
		if calls != 1 {
			t.Fatalf("kubectl %q: done called %d times", line, calls)
		}
		if res.Exit == 0 && strings.HasPrefix(res.Stderr, "error:") {
			t.Fatalf("kubectl %q: exit 0 with %q", line, res.Stderr)
		}
		if res.Exit != 0 && res.Stderr == "" {
			t.Fatalf("kubectl %q: exit %d and nothing on stderr", line, res.Exit)
		}
	})
}
