package scenarios

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcsim/svcsim/model/l2"
)

// TestWritePcapMatchesTrace writes the capture of a layer-2 scenario and,
// where tshark is installed, reads it back: tshark must see one frame per
// switch record, in order, with the same addresses and the same ARP.
func TestWritePcapMatchesTrace(t *testing.T) {
	s := libraryScenario(t, "metallb-l2-failover")
	rep := Run(s, Options{})
	var buf bytes.Buffer
	if err := WritePcap(&buf, rep); err != nil {
		t.Fatalf("WritePcap: %v", err)
	}
	var want []string
	c := rep.Cluster
	for _, r := range c.Engine.Trace().Records()[c.StartIndex:] {
		if d, ok := r.Detail.(l2.FrameDetail); ok {
			line := d.Frame.Src.String() + " " + d.Frame.Dst.String()
			if d.Frame.Type == l2.EtherTypeARP {
				line += " ARP " + d.Frame.ARP.SenderIP.String() + " " + d.Frame.ARP.TargetIP.String()
			}
			want = append(want, line)
		}
	}
	if len(want) < 20 {
		t.Fatalf("only %d frames in the trace: the scenario lost its layer 2", len(want))
	}
	// 24-byte file header, then 16 bytes of record header per frame.
	if buf.Len() < 24+len(want)*(16+60) {
		t.Fatalf("capture is %d bytes for %d frames", buf.Len(), len(want))
	}
	if _, err := exec.LookPath("tshark"); err != nil {
		t.Skip("tshark is not installed: the capture was written but not read back (.ci/run installs it)")
	}
	file := filepath.Join(t.TempDir(), "run.pcap")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("tshark", "-r", file, "-T", "fields", "-E", "separator=/s",
		"-e", "eth.src", "-e", "eth.dst", "-e", "arp.src.proto_ipv4", "-e", "arp.dst.proto_ipv4").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(l)
		line := strings.Join(f[:2], " ")
		if len(f) == 4 {
			line += " ARP " + f[2] + " " + f[3]
		}
		got = append(got, line)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tshark reads the capture differently from the trace (-trace +tshark):\n%s", diff)
	}
}

func libraryScenario(t testing.TB, name string) *Scenario {
	t.Helper()
	lib, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range lib {
		if s.Metadata.Name == name {
			return s
		}
	}
	t.Fatalf("no library scenario %s", name)
	return nil
}

// BenchmarkMetalLBStorm replays the fifty-Service storm headless, the
// cluster's boot included (issue 6's figure: goal ≤ 200 ms).
func BenchmarkMetalLBStorm(b *testing.B) {
	s := libraryScenario(b, "metallb-arp-storm")
	for b.Loop() {
		if rep := Run(s, Options{}); !rep.Passed {
			b.Fatal("the storm scenario failed")
		}
	}
}
