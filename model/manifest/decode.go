package manifest

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/svcsim/svcsim/model/api"
)

// Document is one object of a manifest file, in the order kubectl
// applies them.
type Document struct {
	File  string
	Line  int // first line of the document, or of the List item
	Index int // 0-based position of the YAML document in the file (empty ones count)
	Item  int // position in a List's items; -1 when not from a List
	// Object is the API object; nil for a configuration kind.
	Object api.Object
	// Config is a configuration kind (*KubeProxyConfiguration, ...); nil
	// for an API object.
	Config any
	// Warnings are accepted problems the real component only logs
	// (unknown fields in kube-proxy's lenient v1alpha1 decoding).
	Warnings []string

	raw *value
}

// Generic returns the document as kubectl holds it before it is decoded
// into a type: the file's YAML read as JSON (a typed List's item with the
// list's apiVersion and kind), fields and values as written, nothing
// defaulted. `kubectl apply` records it in the object's
// last-applied-configuration annotation. It is built afresh on each call.
func (d Document) Generic() map[string]any {
	if d.raw == nil {
		return nil
	}
	m, _ := d.raw.generic().(map[string]any)
	return m
}

// Decode reads a manifest file as `kubectl apply -f` does: YAML (or
// JSON) documents separated by "---", empty documents skipped, List
// kinds flattened into their items. It returns every document that
// decoded and, joined with errors.Join, one *Error per document that did
// not, in file order.
//
// As in kubectl, a YAML syntax error or a missing apiVersion/kind stops
// the file there (documents before it are returned); an unknown kind or
// a field the API server refuses rejects only that document.
func Decode(filename string, data []byte) ([]Document, error) {
	var docs []Document
	var errs []error
	budget := 64*len(data) + 4096
	for index, ch := range splitDocuments(data) {
		if ch.err != "" {
			errs = append(errs, &Error{File: filename, Line: ch.first, Msg: "error: error parsing " + filename + ": " + ch.err})
			break
		}
		root, err := parseChunk(filename, ch, &budget)
		if err != nil {
			errs = append(errs, err)
			break
		}
		if root.kind == vNull {
			continue
		}
		d, derrs, stop := decodeRoot(filename, root, index)
		docs = append(docs, d...)
		errs = append(errs, derrs...)
		if stop {
			break
		}
	}
	return docs, errors.Join(errs...)
}

// parseChunk parses one document and converts it to the JSON kubectl
// would send.
func parseChunk(filename string, ch chunk, budget *int) (*value, error) {
	loader, err := yaml.NewLoader(bytes.NewReader(ch.data))
	if err != nil {
		return nil, &Error{File: filename, Line: ch.first, Msg: parseMsg(filename, "yaml: "+err.Error())}
	}
	var n yaml.Node
	if err := loader.Load(&n); err != nil {
		if errors.Is(err, io.EOF) {
			return &value{kind: vNull}, nil
		}
		return nil, syntaxError(filename, ch, err)
	}
	c := converter{lineOffset: ch.first - 1, budget: *budget, active: map[*yaml.Node]bool{}}
	v, err := c.convert(&n)
	*budget = c.budget
	if err != nil {
		var ce *errConvert
		errors.As(err, &ce)
		return nil, &Error{File: filename, Line: ce.line, Msg: parseMsg(filename, ce.msg)}
	}
	return v, nil
}

// syntaxError words a parser failure as yaml.v2 (inside kubectl) does:
// "yaml: line N: msg", N counted from the document's first line, and for
// a parser (not scanner) error one less, a quirk of yaml.v2.
func syntaxError(filename string, ch chunk, err error) error {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		return &Error{File: filename, Line: ch.first, Msg: parseMsg(filename, "yaml: "+err.Error())}
	}
	problem, context := le.Mark.Line-1, le.ContextMark.Line-1
	line := 0
	switch {
	case problem > 0:
		line = problem
		if le.Stage == "scanner" || le.Stage == "reader" {
			line++
		}
	case context > 0:
		line = context
	}
	text := le.Message
	if old, ok := v2Messages[text]; ok {
		text = old
	}
	msg := "yaml: " + text
	if line != 0 {
		msg = "yaml: line " + strconv.Itoa(line) + ": " + text
	}
	fileLine := ch.first
	if le.Mark.Line > 0 {
		fileLine = ch.first - 1 + le.Mark.Line
	}
	return &Error{File: filename, Line: fileLine, Column: le.Mark.Column, Msg: parseMsg(filename, msg)}
}

// v2Messages maps go-yaml v4's reworded scanner messages back to the
// libyaml words yaml.v2 (and so kubectl) prints, typo included.
var v2Messages = map[string]string{
	"found a tab character that violates indentation": "found a tab character that violate indentation",
}

// decodeRoot decodes one non-empty document: a single object or a List.
// stop reports an error after which kubectl reads no further.
func decodeRoot(filename string, root *value, index int) (docs []Document, errs []error, stop bool) {
	apiVersion, kind, err := objectKind(filename, root)
	if err != nil {
		return nil, []error{err}, true
	}
	itemKind, isList := listItemKind(apiVersion, kind)
	if !isList {
		d, err := decodeObject(filename, root, apiVersion, kind, index, -1)
		if err != nil {
			return nil, []error{err}, false
		}
		return []Document{d}, nil, false
	}
	items := root.get("items")
	if items == nil || items.kind != vArray {
		return nil, nil, false
	}
	for i, item := range items.items {
		if itemKind != "" && item.kind == vObject {
			fillKind(item, apiVersion, itemKind)
		}
		av, k, err := objectKind(filename, item)
		if err != nil {
			return docs, append(errs, err), true
		}
		d, err := decodeObject(filename, item, av, k, index, i)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs, false
}

// listItemKind tells a List ("List", or "ServiceList" and the like, as
// `kubectl get -o yaml` prints) and the kind of its items ("" for List,
// whose items carry their own).
func listItemKind(apiVersion, kind string) (string, bool) {
	if kind == "List" && apiVersion == "v1" {
		return "", true
	}
	item, ok := strings.CutSuffix(kind, "List")
	if !ok {
		return "", false
	}
	if k, found := api.KindByName(item); found && k.APIVersion == apiVersion {
		return item, true
	}
	return "", false
}

// fillKind gives a typed list's item the list's apiVersion and kind when
// it does not carry them.
func fillKind(item *value, apiVersion, kind string) {
	if item.get("apiVersion") == nil {
		item.fields = append(item.fields, field{name: "apiVersion", line: item.line, val: &value{kind: vString, str: apiVersion, line: item.line}})
	}
	if item.get("kind") == nil {
		item.fields = append(item.fields, field{name: "kind", line: item.line, val: &value{kind: vString, str: kind, line: item.line}})
	}
	sortFields(item)
}

func sortFields(v *value) {
	for i := 1; i < len(v.fields); i++ {
		for j := i; j > 0 && v.fields[j].name < v.fields[j-1].name; j-- {
			v.fields[j], v.fields[j-1] = v.fields[j-1], v.fields[j]
		}
	}
}

// objectKind is kubectl's client-side check (getObjectKind in
// k8s.io/kubectl pkg/validation) that apiVersion and kind are set.
func objectKind(filename string, v *value) (apiVersion, kind string, err error) {
	if v.kind != vObject {
		return "", "", &Error{File: filename, Line: v.line, Msg: validateMsg(filename, []string{"invalid object to validate"})}
	}
	var problems []string
	switch av := v.get("apiVersion"); {
	case av == nil || av.kind == vNull:
		problems = append(problems, "apiVersion not set")
	case av.kind != vString:
		problems = append(problems, "apiVersion isn't string type")
	case strings.Count(av.str, "/") > 1:
		problems = append(problems, "unexpected GroupVersion string: "+av.str)
	default:
		apiVersion = av.str
	}
	switch k := v.get("kind"); {
	case k == nil || k.kind == vNull:
		problems = append(problems, "kind not set")
	case k.kind != vString:
		problems = append(problems, "kind isn't string type")
	default:
		kind = k.str
	}
	if problems != nil {
		return "", "", &Error{File: filename, Line: v.line, Msg: validateMsg(filename, problems)}
	}
	return apiVersion, kind, nil
}

// decodeObject maps the kind and decodes the object strictly.
func decodeObject(filename string, v *value, apiVersion, kind string, index, item int) (Document, error) {
	doc := Document{File: filename, Line: v.line, Index: index, Item: item, raw: v}
	if ck := configKind(apiVersion, kind); ck != nil {
		cfg := ck.New()
		d := decodeValue(v, cfg, ck.Pkg)
		if e := d.failure(); e != nil {
			return doc, &Error{File: filename, Line: e.line, Column: e.col, Path: e.path, Msg: ck.Fail + e.msg}
		}
		if len(d.unknown) > 0 {
			doc.Warnings = append(doc.Warnings, "Using lenient decoding as strict decoding failed: strict decoding error: "+strings.Join(d.unknown, ", "))
		}
		doc.Config = cfg
		return doc, nil
	}
	k, ok := api.KindByName(kind)
	if !ok || k.APIVersion != apiVersion {
		kv := v.get("kind")
		return doc, &Error{File: filename, Line: kv.line, Column: kv.col, Path: "kind",
			Msg: mappingMsg(filename, metaString(v, "name"), metaString(v, "namespace"), kind, apiVersion)}
	}
	obj := k.New()
	d := decodeValue(v, obj, "")
	if e := d.failure(); e != nil {
		return doc, &Error{File: filename, Line: e.line, Column: e.col, Path: e.path, Msg: serverMsg(filename, kind, apiVersion, e.msg)}
	}
	if len(d.unknown) > 0 {
		return doc, &Error{File: filename, Line: d.unknownAt[0], Column: d.unknownAt[1], Path: d.unknownArg,
			Msg: serverMsg(filename, kind, apiVersion, "strict decoding error: "+strings.Join(d.unknown, ", "))}
	}
	doc.Object = obj
	return doc, nil
}

func decodeValue(v *value, out any, pkg string) *decoder {
	d := &decoder{pkg: pkgNamer(pkg)}
	d.decode(v, reflect.ValueOf(out).Elem())
	return d
}

// failure is the decoding error the API server returns, if any: an
// UnmarshalJSON's own error, else the first type error.
func (d *decoder) failure() *typeError {
	if d.fatal != nil {
		return d.fatal
	}
	return d.typeErr
}

func metaString(v *value, name string) string {
	if s := v.get("metadata").get(name); s != nil && s.kind == vString {
		return s.str
	}
	return ""
}
