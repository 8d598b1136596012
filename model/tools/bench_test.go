package tools

import (
	"testing"
	"time"
)

func BenchmarkFormatCurlVerbose(b *testing.B) {
	o, _ := ParseCurl([]string{"-v", "http://numbers-api"})
	res := ok("numbers-api", apiIP, 200, "{\"rnd\":42}\n", 4*time.Millisecond)
	b.ReportAllocs()
	for b.Loop() {
		FormatCurl(o, res, "8.11.1")
	}
}
