package scheduler

import "math/rand/v2"

// nodeLoad keeps the eligible nodes grouped by how many pods each has,
// so that finding the least loaded ones costs O(1) rather than a scan of
// every node for every pod (a thousand nodes, a hundred thousand pods).
type nodeLoad struct {
	index  map[string]int      // node → position in names
	names  []string            // eligible nodes
	counts []int               // pods per node, by position
	levels map[int]*nodeBucket // count → nodes with that many pods
	min    int
}

// nodeBucket is a set with O(1) add, remove and random pick.
type nodeBucket struct {
	nodes []int
	pos   map[int]int
}

func newNodeLoad(names []string, podsOn map[string]int) *nodeLoad {
	l := &nodeLoad{index: map[string]int{}, names: names, counts: make([]int, len(names)), levels: map[int]*nodeBucket{}}
	for i, n := range names {
		l.index[n] = i
		l.counts[i] = podsOn[n]
		l.bucket(l.counts[i]).add(i)
	}
	l.fixMin()
	return l
}

func (l *nodeLoad) bucket(c int) *nodeBucket {
	b := l.levels[c]
	if b == nil {
		b = &nodeBucket{pos: map[int]int{}}
		l.levels[c] = b
	}
	return b
}

func (b *nodeBucket) add(i int) {
	b.pos[i] = len(b.nodes)
	b.nodes = append(b.nodes, i)
}

func (b *nodeBucket) remove(i int) {
	p := b.pos[i]
	last := b.nodes[len(b.nodes)-1]
	b.nodes[p] = last
	b.pos[last] = p
	b.nodes = b.nodes[:len(b.nodes)-1]
	delete(b.pos, i)
}

// change moves a node by delta pods.
func (l *nodeLoad) change(node string, delta int) {
	i, ok := l.index[node]
	if !ok {
		return
	}
	l.levels[l.counts[i]].remove(i)
	l.counts[i] += delta
	l.bucket(l.counts[i]).add(i)
	if l.counts[i] < l.min {
		l.min = l.counts[i]
	}
	l.fixMin()
}

func (l *nodeLoad) fixMin() {
	if len(l.names) == 0 {
		return
	}
	for b := l.levels[l.min]; b == nil || len(b.nodes) == 0; b = l.levels[l.min] {
		l.min++
	}
}

// pickLeast returns one of the least loaded nodes at random. A bucket's
// order depends only on the order of changes (its maps are only looked
// up, never ranged over), so the choice is deterministic for a seed.
func (l *nodeLoad) pickLeast(r *rand.Rand) string {
	if len(l.names) == 0 {
		return ""
	}
	b := l.levels[l.min].nodes
	return l.names[b[r.IntN(len(b))]]
}
