package kubectl

import (
	"strings"
	"testing"
	"time"
)

// TestDataPlane checks pod-to-pod traffic by IP as the learner sees it:
// ping within a node and across nodes, an HTTP request to a listening
// port, a RST from a closed port, and a connection to an address nobody
// has.
func TestDataPlane(t *testing.T) {
	h := newHarness(t, memFiles{
		"sleep.yaml": sleepDeployment("sleep"),
		"api.yaml":   numbersDeployment("numbers-api", "api", "kiamol/ch03-numbers-api"),
	})
	h.run(t, "kubectl apply -f sleep.yaml -f api.yaml")
	h.sleep(t, 3*time.Second)
	apiIP := strings.TrimSpace(h.run(t, "kubectl get pod -l app=numbers-api -o jsonpath={.items[0].status.podIP}").Stdout)
	sleepNode := strings.TrimSpace(h.run(t, "kubectl get pod -l app=sleep -o jsonpath={.items[0].spec.nodeName}").Stdout)
	apiNode := strings.TrimSpace(h.run(t, "kubectl get pod -l app=numbers-api -o jsonpath={.items[0].spec.nodeName}").Stdout)
	if apiIP == "" {
		t.Fatal("numbers-api has no IP")
	}
	// One routed hop (the sender's node) within a node, two across.
	wantTTL := "ttl=63"
	if sleepNode != apiNode {
		wantTTL = "ttl=62"
	}
	tests := []struct {
		name string
		cmd  string
		want []string
		exit int
	}{
		{"ping a pod", "kubectl exec deploy/sleep -- ping -c 2 " + apiIP,
			[]string{"64 bytes from " + apiIP + ": seq=0 " + wantTTL, "2 packets transmitted, 2 packets received, 0% packet loss"}, 0},
		{"HTTP to a listening port", "kubectl exec deploy/sleep -- curl -s http://" + apiIP + "/rng", nil, 0},
		{"closed port answers RST", "kubectl exec deploy/sleep -- curl -s -S http://" + apiIP + ":8080/rng",
			[]string{"curl: (7) Failed to connect to " + apiIP + " port 8080: Connection refused"}, 7},
		{"nobody at the address", "kubectl exec deploy/sleep -- curl -s -S --connect-timeout 3 http://192.168.123.234/",
			[]string{"curl: (28) Connection timed out after 300"}, 28},
		{"ping nobody", "kubectl exec deploy/sleep -- ping -c 1 -W 1 192.168.123.234",
			[]string{"1 packets transmitted, 0 packets received, 100% packet loss"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := h.run(t, tc.cmd)
			if r.Exit != tc.exit {
				t.Errorf("%s: exit %d, want %d\n%s", tc.cmd, r.Exit, tc.exit, r.Output())
			}
			for _, w := range tc.want {
				if !strings.Contains(r.Output(), w) {
					t.Errorf("%s: output\n%s\nwant it to contain %q", tc.cmd, r.Output(), w)
				}
			}
		})
	}
	// The request crossed the wire hop by hop; the refused one met a RST.
	var kinds []string
	for _, rec := range h.c.Engine.Trace().Records() {
		kinds = append(kinds, rec.Kind)
	}
	all := strings.Join(kinds, " ")
	for _, k := range []string{"tcp.accept", "app.request", "tcp.refused", "packet.lost"} {
		if !strings.Contains(all, k) {
			t.Errorf("the trace has no %s record", k)
		}
	}
}
