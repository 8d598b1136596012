package shell

import "testing"

func BenchmarkRunSourceText(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Run(`nslookup numbers-api | grep "^[^*]" | tail -n 2`, fakeExec)
	}
}
