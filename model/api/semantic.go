package api

import "reflect"

// SemanticEqual is reflect.DeepEqual for API objects, except that Opaque
// fields are compared by value with Opaque.Equal: a compact value the API
// server filled in equals the generic value a user applies back (from
// `kubectl get -o yaml`). Kubernetes compares objects the same way, with
// apimachinery's equality.Semantic. Like reflect.DeepEqual, it treats a
// nil and an empty slice or map as different.
func SemanticEqual(a, b any) bool {
	if a == nil || b == nil {
		return a == b
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.Type() == vb.Type() && semanticEqual(va, vb)
}

func semanticEqual(a, b reflect.Value) bool {
	if a.Type() == opaqueType {
		return a.Interface().(Opaque).Equal(b.Interface().(Opaque))
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		if a.IsNil() || b.IsNil() {
			return false
		}
		return semanticEqual(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !semanticEqual(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		fallthrough
	case reflect.Array:
		for i := range a.Len() {
			if !semanticEqual(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		for it := a.MapRange(); it.Next(); {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() || !semanticEqual(it.Value(), bv) {
				return false
			}
		}
		return true
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		ae, be := a.Elem(), b.Elem()
		return ae.Type() == be.Type() && semanticEqual(ae, be)
	}
	return a.Equal(b)
}
