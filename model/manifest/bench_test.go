package manifest

import (
	"os"
	"testing"
)

func BenchmarkDecodePod(b *testing.B) {
	data, err := os.ReadFile("testdata/get-pod.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode("get-pod.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeYAMLPod(b *testing.B) {
	data, _ := os.ReadFile("testdata/get-pod.yaml")
	docs, err := Decode("get-pod.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := EncodeYAML(docs[0].Object); err != nil {
			b.Fatal(err)
		}
	}
}
