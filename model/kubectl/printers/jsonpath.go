package printers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/svcsim/svcsim/model/api"
)

// JSONPath is a parsed kubectl JSONPath template. The zero JSONPath is
// not valid; use ParseJSONPath.
type JSONPath struct {
	raw  string
	root *jpList
}

// ParseJSONPath parses a template in client-go's JSONPath dialect. Its
// errors are the parser's own ("unclosed action"); PrintJSONPath wraps
// them as kubectl does.
func ParseJSONPath(tmpl string) (*JSONPath, error) {
	root, err := parseJSONPath(tmpl)
	if err != nil {
		return nil, err
	}
	return &JSONPath{raw: tmpl, root: root}, nil
}

// Find evaluates the template over JSON data (as Unstructured returns
// it), one list of values per action or text.
func (j *JSONPath) Find(data any, allowMissingKeys bool) ([][]any, error) {
	e := &jpEval{allowMissingKeys: allowMissingKeys}
	return e.findResults(data, j.root.nodes)
}

// Execute evaluates the template over data and writes the results as
// client-go's JSONPath.Execute does: values of one action separated by
// spaces, maps and lists as compact JSON.
func (j *JSONPath) Execute(w io.Writer, data any, allowMissingKeys bool) error {
	results, err := j.Find(data, allowMissingKeys)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	for _, r := range results {
		if err := printResults(&b, r); err != nil {
			return err
		}
	}
	_, err = w.Write(b.Bytes())
	return err
}

func printResults(b *bytes.Buffer, results []any) error {
	for i, r := range results {
		switch r.(type) {
		case map[string]any, []any:
			text, err := json.Marshal(r)
			if err != nil {
				return err
			}
			b.Write(text)
		default:
			fmt.Fprint(b, r)
		}
		if i != len(results)-1 {
			b.WriteByte(' ')
		}
	}
	return nil
}

// PrintJSONPath prints objects as kubectl get -o jsonpath=TMPL does. On
// failure nothing is written and the error's text is kubectl's, for
// ErrorText: "error parsing jsonpath {.items[0}, unclosed array expect ]"
// or "error executing jsonpath \"{...}\": Error executing template: ...".
func PrintJSONPath(w io.Writer, tmpl string, objs []api.Object, opts OutputOptions) error {
	if tmpl == "" {
		return fmt.Errorf("template format specified but no template given")
	}
	j, err := ParseJSONPath(tmpl)
	if err != nil {
		return fmt.Errorf("error parsing jsonpath %s, %v\n", tmpl, err)
	}
	data, err := Unstructured(objs, opts.Single)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if opts.AsJSON {
		err = j.executeAsJSON(&b, data, !opts.StrictKeys)
	} else {
		err = j.Execute(&b, data, !opts.StrictKeys)
	}
	if err != nil {
		return &JSONPathError{Template: tmpl, Data: data, Err: err}
	}
	_, err = w.Write(b.Bytes())
	return err
}

// executeAsJSON is -o jsonpath-as-json: each action's values as one
// indented JSON array.
func (j *JSONPath) executeAsJSON(w io.Writer, data any, allowMissingKeys bool) error {
	results, err := j.Find(data, allowMissingKeys)
	if err != nil {
		return err
	}
	for _, r := range results {
		if r == nil {
			r = []any{}
		}
		text, err := json.MarshalIndent(r, "", "    ")
		if err != nil {
			return err
		}
		if _, err := w.Write(append(text, '\n')); err != nil {
			return err
		}
	}
	return nil
}

// JSONPathError is an error evaluating a template, worded as
// cli-runtime's JSONPathPrinter words it, with the template and a Go-syntax
// dump of the data for debugging.
type JSONPathError struct {
	Template string
	Data     any
	Err      error
}

func (e *JSONPathError) Error() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Error executing template: %v. Printing more information for debugging the template:\n", e.Err)
	fmt.Fprintf(&b, "\ttemplate was:\n\t\t%v\n", e.Template)
	fmt.Fprintf(&b, "\tobject given to jsonpath engine was:\n\t\t%#v\n\n", e.Data)
	return fmt.Sprintf("error executing jsonpath %q: %v\n", e.Template, b.String())
}

func (e *JSONPathError) Unwrap() error { return e.Err }
