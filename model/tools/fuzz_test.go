package tools

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/model/network"
)

// The fuzz targets split their input on '\x00' into argv and check that
// parsing never panics and that whatever parses also formats.

func fuzzArgs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}

func FuzzParsePing(f *testing.F) {
	for _, s := range []string{"-c\x002\x0010.244.2.5", "-qc2\x00-i\x000.2\x00x", "sleep-2\x00-c\x001", "-w\x003\x00-W1\x00x", "-c", "-s\x0070000\x00x", "-i\x001e9\x00x", "--\x00x", "-p\x00zz\x00x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParsePing(fuzzArgs(s))
		if err != nil {
			if _, _, exit := Output(err); exit == 0 {
				t.Fatalf("ParsePing(%q) error %v exits 0", s, err)
			}
			return
		}
		res := network.PingResult{Target: o.Net.Target, Addr: netip.MustParseAddr("10.0.0.1"), Sent: 2,
			Replies: []network.PingReply{{Seq: 0, TTL: 64, RTT: time.Millisecond}}}
		FormatPing(o, res)
	})
}

func FuzzParseCurl(f *testing.F) {
	for _, s := range []string{"-sSf\x00http://a", "http://a\x00-so\x00/dev/null\x00-w%{http_code}", "--max-time\x002.5\x00a", "-m", "--connect-timeout\x00-1\x00a", "-w\x00%{\x00a", "-v\x00-I\x00-i\x00a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseCurl(fuzzArgs(s))
		if err != nil {
			if _, _, exit := Output(err); exit != 2 {
				t.Fatalf("ParseCurl(%q) error %v exits %d, want 2", s, err, exit)
			}
			return
		}
		for _, v := range []string{"7.69.1", "8.11.1"} {
			FormatCurl(o, ok("a", netip.MustParseAddr("10.0.0.1"), 404, "x", 1500*time.Millisecond), v)
			FormatCurl(o, failed("a", netip.MustParseAddr("10.0.0.1"), network.ECONNREFUSED, time.Millisecond), v)
		}
	})
}

func FuzzParseWget(f *testing.F) {
	for _, s := range []string{"-q\x00-O\x00-\x00http://a", "http://a\x00-qSO-", "-T\x005\x00a", "--output-document=f\x00a", "-n", "-nv\x00a", "--spider", "-P\x00/tmp\x00a/b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseWget(fuzzArgs(s))
		if err != nil {
			if _, _, exit := Output(err); exit != 1 {
				t.Fatalf("ParseWget(%q) error %v exits %d, want 1", s, err, exit)
			}
			return
		}
		_ = o.File()
		FormatWget(o, ok("a", netip.MustParseAddr("10.0.0.1"), 200, "x", time.Millisecond), false)
	})
}
