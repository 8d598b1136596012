package netfilter

import (
	"net/netip"
	"slices"
	"time"
)

// xt_recent module parameters (Linux net/netfilter/xt_recent.c defaults).
const (
	// RecentListSize is ip_list_tot: entries per list before the least
	// recently updated one is evicted.
	RecentListSize = 100
	// RecentStamps is ip_pkt_list_tot: time stamps kept per entry.
	RecentStamps = 20
)

// Recent is a node's xt_recent state: lists by name, each mapping a source
// address to the times it was --set. It belongs to one node's evaluator;
// the zero value is not usable, use NewRecent.
type Recent struct {
	lists map[string]*recentList
}

type recentList struct {
	entries map[netip.Addr]*RecentEntry
	lru     []netip.Addr // least recently updated first
}

// RecentEntry is one address in a list, as /proc/net/xt_recent/<list> shows it.
type RecentEntry struct {
	Addr netip.Addr
	// Stamps are the times of the last RecentStamps --set operations, oldest first.
	Stamps []time.Duration
}

// LastSeen returns the newest stamp.
func (e *RecentEntry) LastSeen() time.Duration { return e.Stamps[len(e.Stamps)-1] }

// NewRecent returns empty xt_recent state.
func NewRecent() *Recent { return &Recent{lists: map[string]*recentList{}} }

// List returns a copy of a list's entries, least recently updated first.
func (r *Recent) List(name string) []RecentEntry {
	l := r.lists[name]
	if l == nil {
		return nil
	}
	out := make([]RecentEntry, 0, len(l.lru))
	for _, a := range l.lru {
		e := l.entries[a]
		out = append(out, RecentEntry{Addr: a, Stamps: slices.Clone(e.Stamps)})
	}
	return out
}

// Lists returns the names of the lists, sorted.
func (r *Recent) Lists() []string {
	names := make([]string, 0, len(r.lists))
	for n := range r.lists {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func (r *Recent) list(name string) *recentList {
	l := r.lists[name]
	if l == nil {
		l = &recentList{entries: map[netip.Addr]*RecentEntry{}}
		r.lists[name] = l
	}
	return l
}

// set is --set: add the address or add a stamp to it. It returns the
// address evicted to make room, if any.
func (r *Recent) set(name string, a netip.Addr, now time.Duration) (evicted netip.Addr) {
	l := r.list(name)
	e := l.entries[a]
	if e == nil {
		if len(l.lru) >= RecentListSize {
			evicted = l.lru[0]
			l.remove(evicted)
		}
		l.entries[a] = &RecentEntry{Addr: a, Stamps: []time.Duration{now}}
		l.lru = append(l.lru, a)
		return evicted
	}
	if len(e.Stamps) == RecentStamps {
		e.Stamps = append(e.Stamps[:0], e.Stamps[1:]...)
	}
	e.Stamps = append(e.Stamps, now)
	l.touch(a)
	return evicted
}

// rcheck is --rcheck --seconds S [--reap]: it matches if the address has a
// stamp no older than S (a stamp exactly S old still matches). With reap,
// once the address was found, the list's least recently updated entry is
// removed if all its stamps are older than S (unless it is the address).
func (r *Recent) rcheck(name string, a netip.Addr, seconds int32, reap bool, now time.Duration) (matched bool, reaped netip.Addr) {
	l := r.lists[name]
	if l == nil {
		return false, reaped
	}
	e := l.entries[a]
	if e == nil {
		return false, reaped
	}
	limit := now - time.Duration(seconds)*time.Second
	for _, s := range e.Stamps {
		if seconds == 0 || s >= limit {
			matched = true
			break
		}
	}
	if reap && seconds != 0 {
		head := l.entries[l.lru[0]]
		if head != e && head.LastSeen() < limit {
			reaped = head.Addr
			l.remove(head.Addr)
		}
	}
	return matched, reaped
}

func (l *recentList) remove(a netip.Addr) {
	delete(l.entries, a)
	if i := slices.Index(l.lru, a); i >= 0 {
		l.lru = slices.Delete(l.lru, i, i+1)
	}
}

func (l *recentList) touch(a netip.Addr) {
	if i := slices.Index(l.lru, a); i >= 0 {
		l.lru = append(slices.Delete(l.lru, i, i+1), a)
	}
}
