package sim

import (
	"container/heap"
	"testing"
	"time"
)

// selfScheduler keeps a fixed number of events in flight: each event it
// handles schedules the next one, as a busy simulation does.
type selfScheduler struct{ id ComponentID }

func (s *selfScheduler) Name() string { return "self" }
func (s *selfScheduler) Handle(e *Engine, ev Event) {
	e.Schedule(time.Duration(ev.ID%97)*time.Microsecond, s.id, ev.Payload)
}

// BenchmarkEngineScheduleDispatch measures one schedule plus one dispatch
// with 1,000 events in flight and recording off. Report events/s with
// -benchmem for allocations per event.
func BenchmarkEngineScheduleDispatch(b *testing.B) {
	e := New(1)
	e.SetRecording(false)
	e.SetEventBudget(1 << 62)
	s := &selfScheduler{}
	s.id = e.Register(s)
	payload := &struct{}{}
	for i := 0; i < 1000; i++ {
		e.Schedule(time.Duration(i), s.id, payload)
	}
	for i := 0; i < 10_000; i++ { // warm the queue
		e.Step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Step()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// The baseline the issue names: a plain container/heap event loop.
type baseEvent struct {
	at  time.Duration
	seq uint64
	p   any
}
type baseHeap []*baseEvent

func (h baseHeap) Len() int { return len(h) }
func (h baseHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].seq < h[j].seq
}
func (h baseHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *baseHeap) Push(x any)   { *h = append(*h, x.(*baseEvent)) }
func (h *baseHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func BenchmarkBaselineContainerHeap(b *testing.B) {
	h := &baseHeap{}
	var seq uint64
	payload := &struct{}{}
	for i := 0; i < 1000; i++ {
		seq++
		heap.Push(h, &baseEvent{at: time.Duration(i), seq: seq, p: payload})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ev := heap.Pop(h).(*baseEvent)
		seq++
		heap.Push(h, &baseEvent{at: ev.at + time.Duration(seq%97)*time.Microsecond, seq: seq, p: ev.p})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
