package kubeproxy

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSyncPayloadSequence runs the services of upstream's overall test
// through a sequence of full and partial syncs (services added, changed and
// deleted, endpoints changed, a full sync forced with nothing changed, the
// large-cluster switch both ways) and compares every payload with
// testdata/sync-sequence.golden (a digest of the large-cluster ones). Each payload must also equal what
// AppendPayload prints afterwards.
func TestSyncPayloadSequence(t *testing.T) {
	p := overallProxier(t, DefaultOptions())
	svc6 := tcpPort("ns6", "svc6", "p80")
	var many []Endpoint
	for i := range 1001 {
		many = append(many, readyEP(fmt.Sprintf("10.1.%d.%d", i/250, i%250+1), 80, ""))
	}
	steps := []struct {
		name   string
		change func()
	}{
		{"first sync", func() {}},
		{"no change", func() {}},
		{"svc2 endpoints changed", func() {
			p.SetEndpoints(tcpPort("ns2", "svc2", "p80"), []Endpoint{readyEP("10.180.0.2", 80, ""), readyEP("10.180.0.9", 80, "test-node")})
		}},
		{"forced full sync, nothing changed", p.ForceFullSync},
		{"svc6 added with affinity", func() {
			p.SetService(ServicePort{Name: svc6, ClusterIP: ip("172.30.0.46"), Port: 80, SessionAffinityClientIP: true})
			p.SetEndpoints(svc6, []Endpoint{readyEP("10.180.0.6", 80, ""), readyEP("10.180.0.7", 80, "")})
		}},
		{"svc1 deleted, svc3 loses its endpoints", func() {
			p.DeleteService(tcpPort("ns1", "svc1", "p80"))
			p.SetEndpoints(tcpPort("ns3", "svc3", "p80"), nil)
		}},
		{"no change after deletes", func() {}},
		{"large cluster", func() { p.SetEndpoints(svc6, many) }},
		{"svc4 changed in large cluster", func() {
			p.SetService(ServicePort{Name: tcpPort("ns4", "svc4", "p80"), Type: ServiceTypeNodePort, ClusterIP: ip("172.30.0.44"), Port: 81})
		}},
		{"small cluster again", func() { p.SetEndpoints(svc6, many[:3]) }},
		{"forced full sync after partial ones", p.ForceFullSync},
		{"svc1 back", func() {
			p.SetService(ServicePort{Name: tcpPort("ns1", "svc1", "p80"), ClusterIP: ip("172.30.0.41"), Port: 80})
			p.SetEndpoints(tcpPort("ns1", "svc1", "p80"), []Endpoint{readyEP("10.180.0.1", 80, "")})
		}},
	}
	var got []byte
	for _, st := range steps {
		st.change()
		res := p.Sync()
		if again := p.AppendPayload(nil, FormPayload); string(again) != string(res.Payload) {
			t.Errorf("%s: AppendPayload after Sync differs from Sync().Payload:\n%s", st.name, cmp.Diff(string(res.Payload), string(again)))
		}
		got = fmt.Appendf(got, "### %s (full %v)\n", st.name, res.Full)
		if len(res.Payload) > 64<<10 {
			// The large-cluster payloads: their digest, not 300 KB of SEP chains.
			got = fmt.Appendf(got, "%d bytes, %d lines, sha256 %x\n", len(res.Payload), bytes.Count(res.Payload, []byte("\n")), sha256.Sum256(res.Payload))
			continue
		}
		got = append(got, res.Payload...)
	}
	path := filepath.Join("testdata", "sync-sequence.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("payloads mismatch (-want +got):\n%s", diff)
	}
}
