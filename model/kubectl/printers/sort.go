package printers

import (
	"cmp"
	"slices"
)

func sortStrings(s []string) { slices.Sort(s) }

// sortStableBy sorts s by a string key, keeping the order of equal keys.
func sortStableBy[T any](s []T, key func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}
