package printers

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// TableOptions are the kubectl get flags that shape a table.
type TableOptions struct {
	// Now is the virtual time the table is printed at; AGE is Now minus
	// the object's creationTimestamp.
	Now time.Duration
	// Wide adds the -o wide columns.
	Wide bool
	// AllNamespaces (-A) adds a NAMESPACE column first.
	AllNamespaces bool
	// ShowKind prefixes names with the resource ("pod/", "deployment.apps/"),
	// as --show-kind, kubectl get all and multi-type gets do.
	ShowKind bool
	// NoHeaders (--no-headers) drops the header line.
	NoHeaders bool
	// ShowLabels (--show-labels) adds a LABELS column last.
	ShowLabels bool
	// Namespace is the namespace listed, for the "No resources found"
	// message; leave it empty for cluster-scoped kinds.
	Namespace string
}

// NoResourcesError is returned by PrintTable and PrintGetAll when there is
// nothing to print. Real kubectl writes its text, followed by a newline, to
// stderr and exits 0.
type NoResourcesError struct {
	// Namespace is the namespace listed; empty for -A or cluster-scoped
	// kinds, which print the short form.
	Namespace string
}

func (e *NoResourcesError) Error() string {
	if e.Namespace == "" {
		return "No resources found"
	}
	return fmt.Sprintf("No resources found in %s namespace.", e.Namespace)
}

// column is one column of a kind's table.
type column struct {
	name string // as the header prints it: "CLUSTER-IP"
	wide bool   // shown only with -o wide (priority 1)
}

// table is one kind's columns and rows, before layout.
type table struct {
	columns []column
	rows    []row
}

// row is one object's cells, one per column.
type row struct {
	obj   api.Object
	cells []string
}

// newTabWriter returns the writer kubectl get aligns columns with
// (cli-runtime printers.GetNewTabWriter: minwidth 6, tabwidth 4,
// padding 3, padded with spaces). kubectl's liggitt/tabwriter fork adds
// RememberWidths, which only matters across flushes of --watch output.
func newTabWriter(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 6, 4, 3, ' ', 0)
}

// PrintTable prints objects of one kind as kubectl get prints them. With
// no objects it prints nothing and returns a *NoResourcesError. Objects of
// kinds kubectl has no table for are an error.
func PrintTable(w io.Writer, objs []api.Object, opts TableOptions) error {
	if len(objs) == 0 {
		return noResources(opts)
	}
	t, err := buildTable(objs, opts)
	if err != nil {
		return err
	}
	tw := newTabWriter(w)
	writeTable(tw, t, opts)
	return tw.Flush()
}

func noResources(opts TableOptions) error {
	if opts.AllNamespaces {
		return &NoResourcesError{}
	}
	return &NoResourcesError{Namespace: opts.Namespace}
}

// buildTable turns objects into a table; all must be of one kind.
func buildTable(objs []api.Object, opts TableOptions) (*table, error) {
	kind := api.KindOf(objs[0])
	p, ok := tablePrinters[kind.Kind]
	if !ok {
		return nil, fmt.Errorf("printers: no table for kind %s", kind.Kind)
	}
	t := &table{columns: p.columns}
	for _, o := range objs {
		if k := api.KindOf(o); k != kind {
			return nil, fmt.Errorf("printers: table of %s given a %s", kind.Kind, k.Kind)
		}
		cells := p.cells(o, opts)
		if opts.ShowKind {
			cells[0] = KindPrefix(kind) + cells[0]
		}
		t.rows = append(t.rows, row{obj: o, cells: cells})
	}
	return t, nil
}

// KindPrefix returns what kubectl puts before a name with --show-kind and
// -o name: "pod/", "deployment.apps/".
func KindPrefix(k *api.Kind) string {
	if g := k.Group(); g != "" {
		return strings.ToLower(k.Kind) + "." + g + "/"
	}
	return strings.ToLower(k.Kind) + "/"
}

// writeTable writes the header and rows, tab-separated, as cli-runtime's
// printTable does.
func writeTable(w io.Writer, t *table, opts TableOptions) {
	var b strings.Builder
	if !opts.NoHeaders {
		var head []string
		if opts.AllNamespaces {
			head = append(head, "NAMESPACE")
		}
		for _, c := range t.columns {
			if !c.wide || opts.Wide {
				head = append(head, c.name)
			}
		}
		if opts.ShowLabels {
			head = append(head, "LABELS")
		}
		b.WriteString(strings.Join(head, "\t"))
		b.WriteByte('\n')
	}
	for _, r := range t.rows {
		var cells []string
		if opts.AllNamespaces {
			cells = append(cells, r.obj.Meta().Namespace)
		}
		for i, c := range t.columns {
			if !c.wide || opts.Wide {
				cells = append(cells, cellText(r.cells[i]))
			}
		}
		if opts.ShowLabels {
			cells = append(cells, formatLabels(r.obj.Meta().Labels))
		}
		b.WriteString(strings.Join(cells, "\t"))
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}

// cellText cuts a cell at its first line break and marks the cut with
// "...", as kubectl does so that one row stays one line.
func cellText(s string) string {
	if i := strings.IndexAny(s, "\f\n\r"); i >= 0 {
		return s[:i] + "..."
	}
	return s
}

// formatLabels prints labels as "k=v,k2=v2" in key order, "<none>" when
// there are none (labels.FormatLabels).
func formatLabels(m map[string]string) string {
	if len(m) == 0 {
		return "<none>"
	}
	var b strings.Builder
	for i, k := range api.SortedKeys(m) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(m[k])
	}
	return b.String()
}
