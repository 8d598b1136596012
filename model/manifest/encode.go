package manifest

import (
	"bytes"
	"encoding/json"

	"github.com/svcsim/svcsim/model/api"
)

// List is what kubectl prints for several objects: a v1 List whose
// metadata has an empty resourceVersion.
type List struct {
	Items []api.Object
}

// MarshalJSON prints the list as kubectl builds it.
func (l List) MarshalJSON() ([]byte, error) {
	items := l.Items
	if items == nil {
		items = []api.Object{}
	}
	return json.Marshal(struct {
		APIVersion string            `json:"apiVersion"`
		Items      []api.Object      `json:"items"`
		Kind       string            `json:"kind"`
		Metadata   map[string]string `json:"metadata"`
	}{"v1", items, "List", map[string]string{"resourceVersion": ""}})
}

// generic turns an object into the map kubectl's printers see: kubectl
// get works on unstructured objects, so keys print in sorted order.
func generic(obj any) (any, error) {
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// EncodeJSON prints an object (or a List) as `kubectl get -o json` does:
// encoding/json with four-space indent, keys sorted (kubectl prints the
// unstructured object it received), and a final newline.
func EncodeJSON(obj any) ([]byte, error) {
	v, err := generic(obj)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(v, "", "    ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// EncodeYAML prints an object (or a List) as `kubectl get -o yaml` does:
// sigs.k8s.io/yaml turns the JSON into YAML with yaml.v2, so keys are
// sorted (yaml.v2's natural order), lists sit at their key's column,
// strings are quoted only where YAML 1.1 would read them as something
// else, and long strings fold at 80 columns.
func EncodeYAML(obj any) ([]byte, error) {
	v, err := generic(obj)
	if err != nil {
		return nil, err
	}
	e := emitter{}
	e.node(v, 0, ctxTop)
	return e.buf, nil
}
