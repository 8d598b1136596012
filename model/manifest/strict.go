package manifest

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// decoder puts a value into a Go struct the way the API server's decoder
// does (sigs.k8s.io/json, case-sensitive, strict): the first type error
// wins and is reported as encoding/json words it; fields the type does
// not have are collected as strict errors; an error returned by a type's
// own UnmarshalJSON (Time, IntOrString) stops decoding at once.
type decoder struct {
	// errorContext of encoding/json: the struct that holds the field
	// being decoded and the JSON names of the fields on the way there.
	structName string
	fieldStack []string
	path       []byte // "spec.ports[0]" for strict errors

	typeErr    *typeError // first type error, as saveError keeps it
	fatal      *typeError // error returned by an UnmarshalJSON
	unknown    []string   // `unknown field "spec.x"`
	unknownAt  [2]int     // line, column of the first unknown field
	unknownArg string     // path of the first unknown field
	pkg        func(reflect.Type) string
}

// typeError is a decoding error with its position.
type typeError struct {
	msg       string
	line, col int
	path      string
}

var (
	timeType   = reflect.TypeFor[api.Time]()
	intstrType = reflect.TypeFor[api.IntOrString]()
	opaqueType = reflect.TypeFor[api.Opaque]()
	durType    = reflect.TypeFor[Duration]()
	apiPkg     = timeType.PkgPath()
)

// typeName prints a Go type as reflect does in the real API's packages:
// core, apps, meta and discovery types are all "v1.X".
func (d *decoder) typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		return "[]" + d.typeName(t.Elem())
	case reflect.Map:
		return "map[" + d.typeName(t.Key()) + "]" + d.typeName(t.Elem())
	case reflect.Pointer:
		return "*" + d.typeName(t.Elem())
	}
	if t.Name() != "" && t.PkgPath() != "" {
		return d.pkg(t) + "." + t.Name()
	}
	return t.String()
}

// errorf records an encoding/json UnmarshalTypeError with the current
// error context: "json: cannot unmarshal X into Go struct field S.a.b of type T".
func (d *decoder) typeErrorFor(v *value, jsonValue string, t string) *typeError {
	msg := "json: cannot unmarshal " + jsonValue + " into Go value of type " + t
	if d.structName != "" || len(d.fieldStack) > 0 {
		msg = "json: cannot unmarshal " + jsonValue + " into Go struct field " + d.structName + "." + strings.Join(d.fieldStack, ".") + " of type " + t
	}
	return &typeError{msg: msg, line: v.line, col: v.col, path: string(d.path)}
}

func (d *decoder) save(e *typeError) {
	if d.typeErr == nil {
		d.typeErr = e
	}
}

// decode stores v into rv; it returns false when decoding must stop.
func (d *decoder) decode(v *value, rv reflect.Value) bool {
	t := rv.Type()
	switch t {
	case timeType:
		return d.decodeTime(v, rv)
	case intstrType:
		return d.decodeIntOrString(v, rv)
	case opaqueType:
		rv.Set(reflect.ValueOf(api.OpaqueOf(v.generic())))
		return true
	case durType:
		return d.decodeDuration(v, rv)
	}
	if t.Kind() == reflect.Pointer {
		if v.kind == vNull {
			rv.SetZero()
			return true
		}
		if rv.IsNil() {
			rv.Set(reflect.New(t.Elem()))
		}
		return d.decode(v, rv.Elem())
	}
	switch v.kind {
	case vNull:
		if k := t.Kind(); k == reflect.Map || k == reflect.Slice || k == reflect.Interface {
			rv.SetZero()
		}
		return true
	case vObject:
		return d.decodeObject(v, rv)
	case vArray:
		return d.decodeArray(v, rv)
	}
	d.decodeLiteral(v, rv)
	return true
}

func (d *decoder) decodeLiteral(v *value, rv reflect.Value) {
	t := rv.Type()
	switch {
	case v.kind == vString && t.Kind() == reflect.String:
		rv.SetString(v.str)
	case v.kind == vBool && t.Kind() == reflect.Bool:
		rv.SetBool(v.b)
	case v.kind == vNumber && rv.CanInt():
		n, err := strconv.ParseInt(v.str, 10, 64)
		if err != nil || rv.OverflowInt(n) {
			d.save(d.typeErrorFor(v, "number "+v.str, d.typeName(t)))
			return
		}
		rv.SetInt(n)
	case v.kind == vNumber && rv.CanUint():
		n, err := strconv.ParseUint(v.str, 10, 64)
		if err != nil || rv.OverflowUint(n) {
			d.save(d.typeErrorFor(v, "number "+v.str, d.typeName(t)))
			return
		}
		rv.SetUint(n)
	case v.kind == vNumber && rv.CanFloat():
		f, err := strconv.ParseFloat(v.str, t.Bits())
		if err != nil || rv.OverflowFloat(f) {
			d.save(d.typeErrorFor(v, "number "+v.str, d.typeName(t)))
			return
		}
		rv.SetFloat(f)
	case t.Kind() == reflect.Interface:
		rv.Set(reflect.ValueOf(v.generic()))
	default:
		d.save(d.typeErrorFor(v, v.kind.name(), d.typeName(t)))
	}
}

func (d *decoder) decodeArray(v *value, rv reflect.Value) bool {
	t := rv.Type()
	if t.Kind() == reflect.Interface {
		rv.Set(reflect.ValueOf(v.generic()))
		return true
	}
	if t.Kind() != reflect.Slice {
		d.save(d.typeErrorFor(v, "array", d.typeName(t)))
		return true
	}
	out := reflect.MakeSlice(t, len(v.items), len(v.items))
	base := len(d.path)
	for i, it := range v.items {
		d.path = strconv.AppendInt(append(d.path, '['), int64(i), 10)
		d.path = append(d.path, ']')
		ok := d.decode(it, out.Index(i))
		d.path = d.path[:base]
		if !ok {
			return false
		}
	}
	rv.Set(out)
	return true
}

func (d *decoder) decodeObject(v *value, rv reflect.Value) bool {
	t := rv.Type()
	switch t.Kind() {
	case reflect.Interface:
		rv.Set(reflect.ValueOf(v.generic()))
		return true
	case reflect.Map:
		return d.decodeMap(v, rv)
	case reflect.Struct:
	default:
		d.save(d.typeErrorFor(v, "object", d.typeName(t)))
		return true
	}
	fields := structFields(t)
	saveStruct, saveStack, base := d.structName, len(d.fieldStack), len(d.path)
	for _, f := range v.fields {
		sf, ok := fields[f.name]
		d.appendPath(f.name)
		if !ok {
			d.unknownField(f)
			d.path = d.path[:base]
			continue
		}
		d.fieldStack = append(d.fieldStack, f.name)
		d.structName = t.Name()
		ok = d.decode(f.val, fieldByIndex(rv, sf))
		if !ok {
			return false // the error context stays, as encoding/json's does
		}
		d.fieldStack, d.structName, d.path = d.fieldStack[:saveStack], saveStruct, d.path[:base]
	}
	dropZeroEmbedded(rv)
	return true
}

// fieldByIndex is reflect's FieldByIndex that allocates the embedded
// struct pointers on the way, as encoding/json does.
func fieldByIndex(rv reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				rv.Set(reflect.New(rv.Type().Elem()))
			}
			rv = rv.Elem()
		}
		rv = rv.Field(x)
	}
	return rv
}

// dropZeroEmbedded sets the embedded struct pointers (PodSpecExtra) that
// hold only zero values back to nil: a field given as null allocates one,
// and a stored object's absent extra fields are always a nil pointer.
func dropZeroEmbedded(rv reflect.Value) {
	t := rv.Type()
	for i := range t.NumField() {
		if sf := t.Field(i); sf.Anonymous && sf.Type.Kind() == reflect.Pointer {
			if f := rv.Field(i); !f.IsNil() && f.Elem().IsZero() {
				f.SetZero()
			}
		}
	}
}

func (d *decoder) appendPath(name string) {
	if len(d.path) > 0 {
		d.path = append(d.path, '.')
	}
	d.path = append(d.path, name...)
}

func (d *decoder) unknownField(f field) {
	if len(d.unknown) == 0 {
		d.unknownAt = [2]int{f.line, f.col}
		d.unknownArg = string(d.path)
	}
	d.unknown = append(d.unknown, "unknown field "+strconv.Quote(string(d.path)))
}

func (d *decoder) decodeMap(v *value, rv reflect.Value) bool {
	t := rv.Type()
	if t.Key().Kind() != reflect.String {
		d.save(d.typeErrorFor(v, "object", d.typeName(t)))
		return true
	}
	if rv.IsNil() {
		rv.Set(reflect.MakeMapWithSize(t, len(v.fields)))
	}
	base := len(d.path)
	for _, f := range v.fields {
		elem := reflect.New(t.Elem()).Elem()
		d.appendPath(f.name)
		ok := d.decode(f.val, elem)
		d.path = d.path[:base]
		if !ok {
			return false
		}
		rv.SetMapIndex(reflect.ValueOf(f.name).Convert(t.Key()), elem)
	}
	return true
}

// decodeTime is metav1.Time's UnmarshalJSON: null, or an RFC 3339 string.
func (d *decoder) decodeTime(v *value, rv reflect.Value) bool {
	switch v.kind {
	case vNull:
		rv.SetZero()
		return true
	case vString:
		if _, err := time.Parse(time.RFC3339, v.str); err != nil {
			d.fatal = &typeError{msg: err.Error(), line: v.line, col: v.col, path: string(d.path)}
			return false
		}
		t, err := api.ParseTime(v.str)
		if err != nil {
			d.fatal = &typeError{msg: err.Error(), line: v.line, col: v.col, path: string(d.path)}
			return false
		}
		rv.Set(reflect.ValueOf(t))
		return true
	}
	d.fatal = d.typeErrorFor(v, v.kind.name(), "string")
	return false
}

// decodeIntOrString is intstr.IntOrString's UnmarshalJSON: a string is a
// name, anything else is unmarshalled into an int32.
func (d *decoder) decodeIntOrString(v *value, rv reflect.Value) bool {
	switch v.kind {
	case vString:
		rv.Set(reflect.ValueOf(api.FromString(v.str)))
		return true
	case vNull:
		rv.SetZero()
		return true
	case vNumber:
		n, err := strconv.ParseInt(v.str, 10, 32)
		if err == nil {
			rv.Set(reflect.ValueOf(api.FromInt(int32(n))))
			return true
		}
		d.fatal = d.typeErrorFor(v, "number "+v.str, "int32")
		return false
	}
	d.fatal = d.typeErrorFor(v, v.kind.name(), "int32")
	return false
}

// decodeDuration is metav1.Duration's UnmarshalJSON: a Go duration string.
func (d *decoder) decodeDuration(v *value, rv reflect.Value) bool {
	switch v.kind {
	case vString:
		pd, err := time.ParseDuration(v.str)
		if err != nil {
			d.fatal = &typeError{msg: err.Error(), line: v.line, col: v.col, path: string(d.path)}
			return false
		}
		rv.Set(reflect.ValueOf(Duration{pd}))
		return true
	case vNull:
		d.fatal = &typeError{msg: `time: invalid duration ""`, line: v.line, col: v.col, path: string(d.path)}
		return false
	}
	d.fatal = d.typeErrorFor(v, v.kind.name(), "string")
	return false
}

var fieldCache sync.Map // reflect.Type → map[string][]int

// structFields maps the JSON names of a struct's fields (from the yaml
// tags, which the api types keep equal to the json ones) to their index
// paths; ",inline" embedded structs lend their fields.
func structFields(t reflect.Type) map[string][]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string][]int)
	}
	m := map[string][]int{}
	addFields(t, nil, m)
	fieldCache.Store(t, m)
	return m
}

func addFields(t reflect.Type, prefix []int, m map[string][]int) {
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag, ok := sf.Tag.Lookup("yaml")
		if !ok {
			tag = sf.Tag.Get("json")
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		index := append(append([]int{}, prefix...), i)
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Pointer && sf.Type.Elem().Kind() == reflect.Struct {
			addFields(sf.Type.Elem(), index, m)
			continue
		}
		if sf.Anonymous && name == "" && (opts == "inline" || sf.Type.Kind() == reflect.Struct) {
			addFields(sf.Type, index, m)
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if _, dup := m[name]; !dup {
			m[name] = index
		}
	}
}
