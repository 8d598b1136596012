package kubectl

import (
	"strings"
	"testing"
	"time"
)

const numbersAPIService = `apiVersion: v1
kind: Service
metadata:
  name: numbers-api
spec:
  selector:
    app: numbers-api
  ports:
  - port: 80
`

const dnsutilsPod = `apiVersion: v1
kind: Pod
metadata:
  name: dnsutils
spec:
  containers:
  - name: dnsutils
    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
    command: ["sleep", "infinity"]
`

// TestClusterDNS resolves names from pods through CoreDNS: every query a
// UDP datagram to the kube-dns ClusterIP, DNATed by kube-proxy to a
// CoreDNS pod and back.
func TestClusterDNS(t *testing.T) {
	h := newHarness(t, memFiles{
		"sleep.yaml":    sleepDeployment("sleep"),
		"api.yaml":      numbersDeployment("numbers-api", "api", "kiamol/ch03-numbers-api"),
		"svc.yaml":      numbersAPIService,
		"dnsutils.yaml": dnsutilsPod,
	})
	h.run(t, "kubectl apply -f sleep.yaml -f api.yaml -f dnsutils.yaml")
	h.sleep(t, 3*time.Second)
	before := h.run(t, "kubectl exec deploy/sleep -- curl -s -S http://numbers-api/rng")
	if before.Exit != 6 || !strings.Contains(before.Output(), "Could not resolve host: numbers-api") {
		t.Errorf("curl before the Service: exit %d\n%s", before.Exit, before.Output())
	}
	h.run(t, "kubectl apply -f svc.yaml")
	h.sleep(t, 2*time.Second)
	svcIP := strings.TrimSpace(h.run(t, "kubectl get svc numbers-api -o jsonpath={.spec.clusterIP}").Stdout)
	tests := []struct {
		cmd  string
		want []string
		exit int
	}{
		// busybox 1.36 prints every search candidate it asked (A and AAAA) and exits 1.
		{"kubectl exec deploy/sleep -- nslookup numbers-api", []string{"Name:\tnumbers-api.default.svc.cluster.local\nAddress: " + svcIP, "** server can't find numbers-api.svc.cluster.local: NXDOMAIN"}, 1},
		{"kubectl exec deploy/sleep -- curl -s http://numbers-api/rng", nil, 0},
		{"kubectl exec deploy/sleep -- ping -c 1 -W 2 numbers-api", []string{"PING numbers-api (" + svcIP + ")", "100% packet loss"}, 1},
		{"kubectl exec dnsutils -- dig +short numbers-api.default.svc.cluster.local", []string{svcIP + "\n"}, 0},
		{"kubectl exec dnsutils -- dig numbers-api.default.svc.cluster.local", []string{"flags: qr aa rd;", "numbers-api.default.svc.cluster.local. 30 IN A\t" + svcIP}, 0},
		{"kubectl exec dnsutils -- host numbers-api", []string{"numbers-api.default.svc.cluster.local has address " + svcIP}, 0},
		{"kubectl exec dnsutils -- getent hosts numbers-api", []string{svcIP}, 0},
		{"kubectl exec dnsutils -- dig +short -x " + svcIP, []string{"numbers-api.default.svc.cluster.local.\n"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.cmd, func(t *testing.T) {
			r := h.run(t, tc.cmd)
			if r.Exit != tc.exit {
				t.Errorf("exit %d, want %d\n%s", r.Exit, tc.exit, r.Output())
			}
			for _, w := range tc.want {
				if !strings.Contains(r.Output(), w) {
					t.Errorf("output\n%s\nwant it to contain %q", r.Output(), w)
				}
			}
		})
	}
	var kinds []string
	for _, rec := range h.c.Engine.Trace().Records() {
		kinds = append(kinds, rec.Kind)
	}
	all := strings.Join(kinds, " ")
	for _, k := range []string{"dns.query", "udp.receive", "coredns.answer", "dns.reply", "dns.resolved"} {
		if !strings.Contains(all, k) {
			t.Errorf("the trace has no %s record", k)
		}
	}
}
