package api

import "reflect"

// DeepCopy returns a copy of o that shares no maps, slices or pointers with
// it, so the copy can be changed and stored while the original stays as
// the API server last stored it. Opaque values are the exception: they
// are never changed in place, so copies share them.
func DeepCopy[T Object](o T) T {
	switch o := any(o).(type) {
	case *Pod:
		return any(deepCopyPod(o)).(T)
	case *ReplicaSet:
		return any(deepCopyReplicaSet(o)).(T)
	case *Deployment:
		return any(deepCopyDeployment(o)).(T)
	case *Endpoints:
		return any(deepCopyEndpoints(o)).(T)
	case *EndpointSlice:
		return any(deepCopyEndpointSlice(o)).(T)
	}
	return deepCopyValue(reflect.ValueOf(o)).Interface().(T)
}

var opaqueType = reflect.TypeOf(Opaque{})

func deepCopyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(deepCopyValue(v.Elem()))
		return out
	case reflect.Struct:
		if v.Type() == opaqueType {
			return v // immutable: shared
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(v) // copies scalars; references are replaced below
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if needsCopy(f.Kind()) {
				out.Field(i).Set(deepCopyValue(f))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		if !needsCopy(v.Type().Elem().Kind()) {
			reflect.Copy(out, v)
			return out
		}
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(deepCopyValue(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			out.SetMapIndex(iter.Key(), deepCopyValue(iter.Value()))
		}
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := deepCopyValue(v.Elem())
		out := reflect.New(v.Type()).Elem()
		out.Set(c)
		return out
	default:
		return v
	}
}

func needsCopy(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Struct, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}
