package kubectl

import (
	"strings"
	"testing"
	"time"
)

// TestExecShellAndFiles runs sh -c scripts and file commands in a sleep
// pod, through the harness the transcripts use.
func TestExecShellAndFiles(t *testing.T) {
	h := newHarness(t, memFiles{"sleep.yaml": sleepDeployment("sleep")})
	h.run(t, "kubectl apply -f sleep.yaml")
	h.sleep(t, time.Second)
	h.run(t, "kubectl wait --for=condition=Ready pod -l app=sleep")
	tests := []struct {
		cmd      string
		contains string
		exit     int
	}{
		{`kubectl exec deploy/sleep -- cat /etc/resolv.conf`, "search default.svc.cluster.local svc.cluster.local cluster.local", 0},
		{`kubectl exec deploy/sleep -- sh -c "hostname | wc -c"`, "", 0},
		{`kubectl exec deploy/sleep -- touch /tmp/healthy`, "", 0},
		{`kubectl exec deploy/sleep -- ls /tmp/healthy`, "/tmp/healthy", 0},
		{`kubectl exec deploy/sleep -- rm /tmp/healthy`, "", 0},
		{`kubectl exec deploy/sleep -- cat /tmp/healthy`, "cat: can't open '/tmp/healthy': No such file or directory", 1},
		{`kubectl exec deploy/sleep -- sh -c "ping -c 1 127.0.0.1 | tail -n 2"`, "1 packets transmitted, 1 packets received", 0},
		{`kubectl exec deploy/sleep -- sh -c "ping -c 1 127.0.0.1 >/dev/null && echo up"`, "up", 0},
		{`kubectl exec deploy/sleep -- sh -c "echo ok > /tmp/ready; echo again >> /tmp/ready"`, "", 0},
		{`kubectl exec deploy/sleep -- cat /tmp/ready`, "ok\nagain\n", 0},
		{`kubectl exec deploy/sleep -- sh -c "echo x | tee /tmp/t"`, "x\n", 0},
		{`kubectl exec deploy/sleep -- cat /tmp/t`, "x\n", 0},
		{`kubectl exec deploy/sleep -- sh -c "frobnicate"`, "sh: frobnicate: not found", 127},
		{`kubectl exec deploy/sleep -- sh -c "echo 'unterminated"`, "sh: syntax error", 2},
	}
	for _, tc := range tests {
		t.Run(tc.cmd, func(t *testing.T) {
			r := h.run(t, tc.cmd)
			if !strings.Contains(r.Output(), tc.contains) || r.Exit != tc.exit {
				t.Errorf("%s = exit %d, output:\n%s\nwant exit %d and %q", tc.cmd, r.Exit, r.Output(), tc.exit, tc.contains)
			}
		})
	}
}
