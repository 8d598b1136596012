package printers

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// customColumn is one HEADER:path column.
type customColumn struct {
	header string
	path   *JSONPath
}

var relaxedPathRe = regexp.MustCompile(`^\{\.?([^{}]+)\}$|^\.?([^{}]+)$`)

// relaxedJSONPath turns "metadata.name", ".metadata.name" or
// "{metadata.name}" into "{.metadata.name}" (cli-runtime's
// RelaxedJSONPathExpression).
func relaxedJSONPath(expr string) (string, error) {
	if expr == "" {
		return expr, nil
	}
	m := relaxedPathRe.FindStringSubmatch(expr)
	if m == nil {
		return "", errors.New("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
	}
	if m[1] != "" {
		return "{." + m[1] + "}", nil
	}
	return "{." + m[2] + "}", nil
}

func parseCustomColumns(spec string) ([]customColumn, error) {
	if spec == "" {
		return nil, errors.New("custom-columns format specified but no custom columns given")
	}
	var cols []customColumn
	for _, part := range strings.Split(spec, ",") {
		header, expr, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("unexpected custom-columns spec: %s, expected <header>:<json-path-expr>", part)
		}
		path, err := relaxedJSONPath(expr)
		if err != nil {
			return nil, err
		}
		j, err := ParseJSONPath(path)
		if err != nil {
			return nil, err
		}
		cols = append(cols, customColumn{header: header, path: j})
	}
	return cols, nil
}

// PrintCustomColumns prints objects as kubectl get -o custom-columns=SPEC
// does: a header of the given names (even with no objects), then a row an
// object, "<none>" where a path finds nothing, several values joined by
// commas.
func PrintCustomColumns(w io.Writer, spec string, objs []api.Object, opts OutputOptions) error {
	cols, err := parseCustomColumns(spec)
	if err != nil {
		return err
	}
	var b strings.Builder
	if !opts.NoHeaders {
		heads := make([]string, len(cols))
		for i, c := range cols {
			heads[i] = c.header
		}
		b.WriteString(strings.Join(heads, "\t") + "\n")
	}
	for _, o := range objs {
		u, err := toUnstructured(o)
		if err != nil {
			return err
		}
		cells := make([]string, len(cols))
		for i, c := range cols {
			if cells[i], err = customCell(c.path, u); err != nil {
				return err
			}
		}
		b.WriteString(strings.Join(cells, "\t") + "\n")
	}
	tw := newTabWriter(w)
	io.WriteString(tw, b.String())
	return tw.Flush()
}

func customCell(j *JSONPath, u any) (string, error) {
	results, err := j.Find(u, true)
	if err != nil {
		return "", err
	}
	var vals []string
	if len(results) == 0 || len(results[0]) == 0 {
		vals = append(vals, "<none>")
	}
	for _, r := range results {
		for _, v := range r {
			vals = append(vals, fmt.Sprintf("%v", v))
		}
	}
	return strings.Join(vals, ","), nil
}
