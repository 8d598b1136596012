package printers

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/svcsim/svcsim/model/api"
)

// SortBy orders objects as `kubectl get --sort-by=EXPR` does: by the value
// the JSONPath expression finds in each (relaxed: "metadata.name" or
// "{.metadata.name}"), numbers by value, everything else as text (so RFC
// 3339 times in time order), keeping the order of equal ones; objects
// without the field come first. None having it is kubectl's error.
func SortBy(objs []api.Object, expr string) error {
	path, err := relaxedJSONPath(expr)
	if err != nil {
		return err
	}
	j, err := ParseJSONPath(path)
	if err != nil {
		return err
	}
	keys := make(map[api.Object]any, len(objs))
	found := false
	for _, o := range objs {
		u, err := toUnstructured(o)
		if err != nil {
			return err
		}
		res, err := j.Find(u, true)
		if err != nil {
			return err
		}
		if len(res) > 0 && len(res[0]) > 0 {
			keys[o], found = res[0][0], true
		}
	}
	if !found && len(objs) > 0 {
		return fmt.Errorf("couldn't find any field with path %q in the list of objects", path)
	}
	slices.SortStableFunc(objs, func(a, b api.Object) int { return compareValues(keys[a], keys[b]) })
	return nil
}

// compareValues orders two JSON values: numbers numerically, others by
// their text.
func compareValues(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil: // missing first
		return -1
	case b == nil:
		return 1
	}
	if x, ok := number(a); ok {
		if y, ok := number(b); ok {
			return cmp.Compare(x, y)
		}
	}
	return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	}
	return 0, false
}
