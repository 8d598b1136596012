package printers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// OutputOptions are the kubectl get flags of the generic printers
// (-o jsonpath, -o custom-columns, -o name).
type OutputOptions struct {
	// Single is set when one object was asked for by name: templates then
	// see that object, not a List holding it.
	Single bool
	// StrictKeys is --allow-missing-template-keys=false: a missing field
	// is an error rather than nothing.
	StrictKeys bool
	// NoHeaders drops the custom-columns header.
	NoHeaders bool
	// AsJSON is -o jsonpath-as-json: the results as an indented JSON array.
	AsJSON bool
}

// ErrorText returns what kubectl writes to stderr for an error returned
// here (cmdutil.CheckErr): "error: " before it, a newline after it unless
// it already ends with one.
func ErrorText(err error) string {
	msg := err.Error()
	if !strings.HasPrefix(msg, "error: ") {
		msg = "error: " + msg
	}
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	return msg
}

// Unstructured returns the JSON form kubectl's generic printers work on:
// the object itself when opts.Single and there is one object, else
// {"apiVersion":"v1","items":[...],"kind":"List","metadata":{"resourceVersion":""}}.
// Numbers are int64 when integral, float64 otherwise, as in
// k8s.io/apimachinery's unstructured objects.
func Unstructured(objs []api.Object, single bool) (any, error) {
	if single && len(objs) == 1 {
		return toUnstructured(objs[0])
	}
	items := make([]any, 0, len(objs))
	for _, o := range objs {
		u, err := toUnstructured(o)
		if err != nil {
			return nil, err
		}
		items = append(items, u)
	}
	return map[string]any{
		"apiVersion": "v1",
		"items":      items,
		"kind":       "List",
		"metadata":   map[string]any{"resourceVersion": ""},
	}, nil
}

func toUnstructured(o api.Object) (any, error) {
	data, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	m, _ := convertNumbers(v).(map[string]any)
	if m == nil {
		return nil, fmt.Errorf("printers: %T does not marshal to a JSON object", o)
	}
	// The API server always sends apiVersion and kind.
	k := api.KindOf(o)
	if _, ok := m["apiVersion"]; !ok {
		m["apiVersion"] = k.APIVersion
	}
	if _, ok := m["kind"]; !ok {
		m["kind"] = k.Kind
	}
	return m, nil
}

func convertNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = convertNumbers(x)
		}
	case []any:
		for i, x := range v {
			v[i] = convertNumbers(x)
		}
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	}
	return v
}

// PrintNames prints objects as -o name does: "pod/sleep-1-...", one a
// line.
func PrintNames(w io.Writer, objs []api.Object) error {
	var b strings.Builder
	for _, o := range objs {
		b.WriteString(KindPrefix(api.KindOf(o)))
		b.WriteString(o.Meta().Name)
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
