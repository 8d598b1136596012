package sim

import (
	"math/bits"
	"slices"
	"time"
)

// eventQueue is a monotone radix heap ordered by (At, ID). A discrete-event
// engine never schedules into the past, so the queue can use the radix
// heap's trick: an event goes into the bucket numbered by the highest bit
// in which its time differs from the time last popped, and a bucket is
// only split when it becomes the lowest non-empty one. Each event moves
// between buckets a few times at most, so push and pop cost O(1)
// amortized, against O(log n) sifting for a binary heap.
//
// Bucket 0 is the run being popped, sorted by (At, ID): ID is insertion
// order, the tie-break the engine promises. A lowest bucket of up to
// sortedRun events is sorted into the run whole instead of being split
// again and again, one bit at a time (about six moves per event when a
// thousand events are in flight); a larger one is split, and the events
// due at its earliest time become the run. An event pushed inside the
// run's span is inserted in order while the run is short; a long run is
// given back to the buckets first.
//
// Buckets hold small pointer-free keys; the receiver and payload wait in a
// slab of slots reused through a free list, so moving a key between
// buckets costs no GC write barrier. A warm queue allocates nothing.
type eventQueue struct {
	buckets [65][]queueKey
	minAt   [65]time.Duration // earliest time in each non-empty bucket
	full    [2]uint64         // bit b set: bucket b (b >= 1) is not empty
	head    int               // keys of buckets[0] before head are popped
	last    time.Duration
	n       int

	slots []queueSlot
	free  []int32
}

type queueKey struct {
	at   time.Duration
	id   EventID
	slot int32
}

type queueSlot struct {
	to      ComponentID
	payload any
}

func (q *eventQueue) Len() int { return q.n }

// sortedRun is the largest lowest bucket sorted into the run whole, and
// the longest run an event is inserted into.
const sortedRun = 32

func bucketOf(at, last time.Duration) int {
	return bits.Len64(uint64(at) ^ uint64(last))
}

func (q *eventQueue) push(ev Event) {
	var slot int32
	if n := len(q.free); n > 0 {
		slot = q.free[n-1]
		q.free = q.free[:n-1]
		q.slots[slot] = queueSlot{to: ev.To, payload: ev.Payload}
	} else {
		slot = int32(len(q.slots))
		q.slots = appendDoubling(q.slots, queueSlot{to: ev.To, payload: ev.Payload})
	}
	k := queueKey{at: ev.At, id: ev.ID, slot: slot}
	q.n++
	if run := q.buckets[0]; q.head < len(run) && k.at < run[len(run)-1].at {
		if len(run)-q.head < sortedRun {
			// After every event due at or before k.at: k's ID is the
			// largest.
			i := q.head
			for run[i].at <= k.at {
				i++
			}
			q.buckets[0] = slices.Insert(run, i, k)
			return
		}
		q.dissolveRun()
	}
	q.add(bucketOf(k.at, q.last), k)
}

// dissolveRun gives the run's events back to the buckets, keeping in it
// only those due at q.last, as a split would have left it.
func (q *eventQueue) dissolveRun() {
	run := q.buckets[0]
	keep := run[:0]
	for _, k := range run[q.head:] {
		if k.at == q.last {
			keep = append(keep, k) // a prefix of the sorted run
		} else {
			q.add(bucketOf(k.at, q.last), k)
		}
	}
	q.buckets[0], q.head = keep, 0
}

func (q *eventQueue) add(b int, k queueKey) {
	if len(q.buckets[b]) == 0 || k.at < q.minAt[b] {
		q.minAt[b] = k.at
	}
	q.buckets[b] = appendDoubling(q.buckets[b], k)
	q.full[b>>6] |= 1 << (b & 63)
}

// lowestFull returns the lowest non-empty bucket above 0.
func (q *eventQueue) lowestFull() int {
	if w := q.full[0] &^ 1; w != 0 {
		return bits.TrailingZeros64(w)
	}
	return 64 + bits.TrailingZeros64(q.full[1])
}

// prepare makes sure bucket 0 holds the earliest events. The queue must
// not be empty.
func (q *eventQueue) prepare() {
	if q.head < len(q.buckets[0]) {
		return
	}
	q.buckets[0] = q.buckets[0][:0]
	q.head = 0
	i := q.lowestFull()
	src := q.buckets[i]
	minAt := q.minAt[i]
	q.last = minAt
	q.buckets[i] = nil // src's array is given back below, once emptied
	q.full[i>>6] &^= 1 << (i & 63)
	if len(src) <= sortedRun {
		run := append(q.buckets[0], src...)
		for j := 1; j < len(run); j++ { // insertion sort: short and often sorted
			k := run[j]
			h := j
			for ; h > 0 && keyLess(k, run[h-1]); h-- {
				run[h] = run[h-1]
			}
			run[h] = k
		}
		q.buckets[0] = run
		q.buckets[i] = src[:0]
		return
	}
	// add, unrolled: every key lands in a bucket below i, so the
	// non-empty bits can be gathered and set once. This loop is the
	// engine's hottest; calling add (or a shared helper) here measured
	// 5-10% fewer events/s, hence the copy of its body.
	var full uint64
	for _, k := range src {
		b := bucketOf(k.at, minAt)
		bucket := q.buckets[b]
		if len(bucket) == 0 || k.at < q.minAt[b] {
			q.minAt[b] = k.at
		}
		if len(bucket) == cap(bucket) {
			q.buckets[b] = appendDoubling(bucket, k)
		} else {
			q.buckets[b] = append(bucket, k)
		}
		full |= 1 << b
	}
	q.full[0] |= full
	q.buckets[i] = src[:0]
	if zero := q.buckets[0]; len(zero) > 1 {
		slices.SortFunc(zero, func(a, b queueKey) int {
			if a.id < b.id {
				return -1
			}
			return 1
		})
	}
}

func keyLess(a, b queueKey) bool {
	return a.at < b.at || a.at == b.at && a.id < b.id
}

// peekAt returns the time of the earliest event; the queue must not be
// empty. It does not reorganize the buckets: a caller may still push an
// event earlier than the one it saw (RunUntil stops at t and the next
// command schedules at t).
func (q *eventQueue) peekAt() time.Duration {
	if run := q.buckets[0]; q.head < len(run) {
		return run[q.head].at
	}
	return q.minAt[q.lowestFull()]
}

func (q *eventQueue) pop() Event {
	q.prepare()
	k := q.buckets[0][q.head]
	q.head++
	q.n--
	s := &q.slots[k.slot]
	ev := Event{At: k.at, ID: k.id, To: s.to, Payload: s.payload}
	*s = queueSlot{} // drop the payload reference for the GC
	q.free = append(q.free, k.slot)
	return ev
}

// appendDoubling is append that doubles a full slice's capacity.
// append grows large slices by a quarter, which for a queue of a million
// events means copying it about four times over (and as much garbage);
// doubling copies it once.
func appendDoubling[T any](s []T, v T) []T {
	if len(s) == cap(s) && len(s) >= 1024 {
		grown := make([]T, len(s), 2*len(s))
		copy(grown, s)
		s = grown
	}
	return append(s, v)
}
