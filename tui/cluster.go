package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/sim"
)

// clusterPane shows the cluster as the API server held it at the
// current record: nodes, pods, Services and endpoints, with what the
// record changed marked + (created), ~ (changed) or - (deleted).
type clusterPane struct {
	scroller
	st  *styles
	at  *position
	all key.Binding // show kube-system too
	// showAll is the state all toggles.
	showAll bool
}

func newClusterPane(st *styles) *clusterPane {
	return &clusterPane{
		scroller: newScroller(), st: st,
		all: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "show/hide kube-system")),
	}
}

func (c *clusterPane) Title() string { return "Cluster" }

func (c *clusterPane) ShortHelp() []key.Binding {
	return append([]key.Binding{c.all}, c.scrollBindings()...)
}

func (c *clusterPane) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

func (c *clusterPane) SetSize(w, h int) {
	c.scroller.SetSize(w, h)
	c.rebuild()
}

func (c *clusterPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case moveMsg:
		c.at = msg.at
		c.rebuild()
	case tea.KeyPressMsg:
		if key.Matches(msg, c.all) {
			c.showAll = !c.showAll
			c.rebuild()
			return nil
		}
		c.scroll(msg)
	}
	return nil
}

// marks maps the store keys the current record changed to their mark.
func marks(rec *sim.Record) map[string]string {
	m := map[string]string{}
	for _, ch := range rec.Changes {
		switch {
		case ch.Before == nil:
			m[ch.Key] = "+"
		case ch.After == nil:
			m[ch.Key] = "-"
		default:
			m[ch.Key] = "~"
		}
	}
	return m
}

func (c *clusterPane) rebuild() {
	if c.at == nil || c.w <= 0 {
		return
	}
	rec := c.at.rec()
	mk := marks(rec)
	var lines []string
	if sum := changedObjects(rec); sum != "" {
		lines = append(lines, c.st.Changed.Render(clip("this event: "+sum, c.w)))
	}
	sections := []struct {
		title string
		kind  string
		rows  func(objs []marked) [][]string
	}{
		{"Nodes", "Node", nodeRows},
		{"Pods", "Pod", podRows},
		{"Services", "Service", serviceRows},
		{"Endpoints", "Endpoints", endpointsRows},
	}
	for _, s := range sections {
		objs, hidden := c.objects(s.kind, rec, mk)
		title := fmt.Sprintf("%s (%d)", s.title, len(objs))
		if hidden > 0 {
			title += fmt.Sprintf(", %d in kube-system hidden", hidden)
		}
		lines = append(lines, c.st.Section.Render(clip(title, c.w)))
		if len(objs) == 0 {
			lines = append(lines, c.st.Dim.Render("  none"))
			continue
		}
		for _, l := range table(s.rows(objs), c.w) {
			if strings.HasPrefix(l, " ") {
				lines = append(lines, l)
				continue
			}
			lines = append(lines, c.st.Changed.Render(l))
		}
	}
	c.setLines(lines)
}

// marked is an object with the mark of what the current record did to
// it ("" for nothing).
type marked struct {
	mark string
	obj  api.Object
}

// objects lists the objects of a kind at the position, with those the
// record deleted put back (marked -) so the change stays visible.
func (c *clusterPane) objects(kind string, rec *sim.Record, mk map[string]string) ([]marked, int) {
	prefix := "api/" + kind + "/"
	var out []marked
	hidden := 0
	add := func(k string, o api.Object) {
		if !c.showAll && o.Meta().Namespace == "kube-system" {
			hidden++
			return
		}
		out = append(out, marked{mark: mk[k], obj: o})
	}
	for _, k := range c.at.view.Keys(prefix) {
		if v, ok := c.at.view.Get(k); ok {
			if o, ok := v.(api.Object); ok {
				add(k, o)
			}
		}
	}
	for _, ch := range rec.Changes {
		if ch.After == nil && strings.HasPrefix(ch.Key, prefix) {
			if o, ok := ch.Before.(api.Object); ok {
				add(ch.Key, o)
			}
		}
	}
	return out, hidden
}

// name prints namespace/name, or the name alone in default or for a
// cluster-scoped object.
func name(o api.Object) string {
	m := o.Meta()
	if m.Namespace == "" || m.Namespace == "default" {
		return m.Name
	}
	return m.Namespace + "/" + m.Name
}

// markCol is the first column: the mark, or two spaces.
func markCol(m string) string {
	if m == "" {
		return " "
	}
	return m
}

// changedObjects names the API objects the record changed, with their
// marks (+ created, ~ changed, - deleted): "~ Endpoints sleep-2".
func changedObjects(rec *sim.Record) string {
	var parts []string
	for _, ch := range rec.Changes {
		rest, ok := strings.CutPrefix(ch.Key, "api/")
		if !ok {
			continue
		}
		kind, obj, _ := strings.Cut(rest, "/")
		obj = strings.TrimPrefix(obj, "default/")
		mark := "~"
		switch {
		case ch.Before == nil:
			mark = "+"
		case ch.After == nil:
			mark = "-"
		}
		parts = append(parts, mark+" "+kind+" "+obj)
	}
	return strings.Join(parts, ", ")
}
