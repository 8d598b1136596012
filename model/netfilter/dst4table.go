package netfilter

import (
	"math/bits"
	"slices"
)

// dst4Table maps an IPv4 destination key (key4) to its rules. It is an
// open-addressing table of 16-byte slots, so a lookup usually reads one
// cache line; a key with one rule keeps it in the slot itself. It is built
// once per Load and only read afterwards.
type dst4Table struct {
	slots []dst4Slot
	shift uint8
	n     int
	lists []int32 // the rule lists of keys with more than one rule
}

// dst4Slot is one key: rule is its only rule, or, with n > 1, the offset of
// its n rules in lists. A zero key is an empty slot (key4 of an indexed rule
// has a protocol, so it is never zero).
type dst4Slot struct {
	key  uint64
	rule int32
	n    int32
}

func newDst4Table(m map[uint64][]int32) dst4Table {
	t := dst4Table{n: len(m)}
	if len(m) == 0 {
		return t
	}
	size := 1 << bits.Len(uint(2*len(m)-1)) // a power of two, load ≤ 1/2
	t.slots = make([]dst4Slot, size)
	t.shift = uint8(64 - bits.TrailingZeros(uint(size)))
	// Insert in key order: the layout does not depend on map order.
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		rules := m[k]
		s := dst4Slot{key: k, rule: rules[0], n: int32(len(rules))}
		if len(rules) > 1 {
			s.rule = int32(len(t.lists))
			t.lists = append(t.lists, rules...)
		}
		i := t.home(k)
		for t.slots[i].key != 0 {
			i = (i + 1) & uint64(len(t.slots)-1)
		}
		t.slots[i] = s
	}
	return t
}

func (t *dst4Table) home(k uint64) uint64 {
	if t.shift == 64 {
		return 0
	}
	return (k * 0x9e3779b97f4a7c15) >> t.shift
}

// lookup returns the rules of key k, using one as the backing of a single
// rule; nil if k has none.
func (t *dst4Table) lookup(k uint64, one *[1]int32) []int32 {
	if t.n == 0 {
		return nil
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.home(k); ; i = (i + 1) & mask {
		s := &t.slots[i]
		switch {
		case s.key == k && s.n == 1:
			one[0] = s.rule
			return one[:]
		case s.key == k:
			return t.lists[s.rule : s.rule+s.n : s.rule+s.n]
		case s.key == 0:
			return nil
		}
	}
}
