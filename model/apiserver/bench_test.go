package apiserver

import (
	"strconv"
	"testing"

	"github.com/svcsim/svcsim/model/api"
)

func benchPods(n int) []*api.Pod {
	pods := make([]*api.Pod, n)
	for i := range pods {
		pods[i] = pod("web-"+strconv.Itoa(i), func(p *api.Pod) {
			p.Labels = map[string]string{"app": "app-" + strconv.Itoa(i%100), "tier": "front", "pod-template-hash": "5d4f8b7c9"}
		})
	}
	return pods
}

// BenchmarkCreatePods creates 10,000 labelled pods in one namespace per
// iteration and reports pods/s.
func BenchmarkCreatePods(b *testing.B) {
	const n = 10000
	pods := benchPods(n)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s, _ := newServer(b, 1)
		b.StartTimer()
		for _, p := range pods {
			if _, err := s.Create(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pods/s")
}

// BenchmarkPodsMatching finds the 1,000 pods of one app among 100,000.
func BenchmarkPodsMatching(b *testing.B) {
	s, _ := newServer(b, 1)
	for _, p := range benchPods(100000) {
		if _, err := s.Create(p); err != nil {
			b.Fatal(err)
		}
	}
	// Every pod has the pod-template-hash and tier labels; only app
	// narrows the search.
	sel := api.SelectorFromMap(map[string]string{"app": "app-42", "pod-template-hash": "5d4f8b7c9", "tier": "front"})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if got := s.PodsMatching("default", sel); len(got) != 1000 {
			b.Fatalf("PodsMatching = %d pods, want 1000", len(got))
		}
	}
}
