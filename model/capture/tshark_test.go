package capture

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tshark runs Wireshark's tshark on a capture file with a clean profile
// (HOME in a temporary directory) and returns its standard output.
func tshark(t *testing.T, file string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark is not on PATH: install Wireshark's command-line reader (apt-get install tshark) to check that it reads the capture as written")
	}
	home := t.TempDir()
	cmd := exec.Command(path, append([]string{"-r", file, "-n"}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, stderr.String())
	}
	return stdout.String()
}

// TestTshark: tshark reads the sample run as it was written: the
// addresses of each frame, its protocol, and the summary Wireshark makes
// of it (ARP's "Who has", DNS's query name, TCP's relative numbers
// starting at 0 and 1, HTTP's request and status lines, ICMP's pairing of
// request and reply).
func TestTshark(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sample.pcap")
	if err := os.WriteFile(file, writeSample(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out := tshark(t, file, "-2", "-T", "fields", "-E", "separator=|",
		"-e", "frame.number", "-e", "eth.src", "-e", "eth.dst", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info")
	// Each want is a pair of patterns: the protocol column and the info
	// column, written for Wireshark 3.x and 4.x.
	want := [][2]string{
		{`ARP`, `Who has 10\.0\.0\.1\? Tell 10\.0\.0\.2`},
		{`ARP`, `10\.0\.0\.1 is at 52:54:00:00:00:01`},
		{`ARP`, `(ARP Announcement|Gratuitous ARP) for 10\.0\.0\.5`},
		{`DNS`, `Standard query 0x04d2 A numbers-api\.default\.svc\.cluster\.local$`},
		{`DNS`, `Standard query response 0x04d2 A numbers-api\.default\.svc\.cluster\.local A 10\.96\.0\.20$`},
		{`TCP`, `41234 (→|>) 80 \[SYN\] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM(=1)? WS=128$`},
		{`TCP`, `80 (→|>) 41234 \[SYN, ACK\] Seq=0 Ack=1 Win=64240 Len=0 MSS=1460 SACK_PERM(=1)? WS=128$`},
		{`HTTP`, `^GET / HTTP/1\.1 ?$`},
		{`HTTP(/JSON)?`, `^HTTP/1\.1 200 OK`},
		{`TCP`, `41234 (→|>) 80 \[FIN, ACK\] Seq=75 Ack=110 Win=64256 Len=0$`},
		{`TCP`, `41236 (→|>) 81 \[SYN\] Seq=0 `},
		{`TCP`, `81 (→|>) 41236 \[RST, ACK\] Seq=1 Ack=1 Win=0 Len=0$`},
		{`ICMP`, `Echo \(ping\) request +id=0x1c2b, seq=0/0, ttl=64 \(reply in 14\)`},
		{`ICMP`, `Echo \(ping\) reply +id=0x1c2b, seq=0/0, ttl=63 \(request in 13\)`},
		{`DNS`, `Standard query 0x04d2 A numbers-api\.default\.svc\.cluster\.local$`},
		{`ICMP`, `Destination unreachable \(Port unreachable\)`},
	}
	run := sampleRun()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(run) {
		t.Fatalf("tshark read %d frames, want %d:\n%s", len(lines), len(run), out)
	}
	for i, line := range lines {
		f := strings.SplitN(line, "|", 5)
		if len(f) != 5 {
			t.Errorf("tshark line %q: want 5 fields", line)
			continue
		}
		fr := run[i].frame
		if f[0] != strconv.Itoa(i+1) || f[1] != fr.Src.String() || f[2] != fr.Dst.String() {
			t.Errorf("tshark frame %s %s > %s, want %d %s > %s", f[0], f[1], f[2], i+1, fr.Src, fr.Dst)
		}
		if !regexp.MustCompile(`^(`+want[i][0]+`)$`).MatchString(f[3]) || !regexp.MustCompile(want[i][1]).MatchString(f[4]) {
			t.Errorf("tshark frame %d (%s): %s %q, want %s %q", i+1, fr, f[3], f[4], want[i][0], want[i][1])
		}
	}
}

// TestTsharkClean: with checksum validation on, tshark finds no bad
// checksum, no malformed packet and no TCP analysis flag (lost segment,
// retransmission, duplicate ACK, out of order) in the sample run.
func TestTsharkClean(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sample.pcap")
	if err := os.WriteFile(file, writeSample(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out := tshark(t, file,
		"-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
		"-Y", "_ws.malformed || _ws.expert.severity == error || tcp.analysis.flags || "+
			"ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0 || icmp.checksum.status == 0")
	if out != "" {
		t.Errorf("tshark finds problems in:\n%s", out)
	}
}
