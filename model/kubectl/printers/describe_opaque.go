package printers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// The pod fields below are Opaque in model/api (svcsim accepts them but
// does not interpret them); describe reads what it prints from the
// generic value the decoder produced.

func opaqueList(o api.Opaque) []map[string]any {
	l, _ := o.Value().([]any)
	var out []map[string]any
	for _, v := range l {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func str(m map[string]any, k string) string {
	if v, ok := m[k]; ok && v != nil {
		return fmt.Sprint(v)
	}
	return ""
}

// describeMounts prints a container's volume mounts, sorted by path.
func describeMounts(d *describer, o api.Opaque) {
	mounts := opaqueList(o)
	if len(mounts) == 0 {
		d.line(2, "Mounts:\t<none>\n")
		return
	}
	d.line(2, "Mounts:\n")
	slices.SortStableFunc(mounts, func(a, b map[string]any) int { return strings.Compare(str(a, "mountPath"), str(b, "mountPath")) })
	for _, m := range mounts {
		flags := []string{"rw"}
		if m["readOnly"] == true {
			flags[0] = "ro"
		}
		if sp := str(m, "subPath"); sp != "" {
			flags = append(flags, fmt.Sprintf("path=%q", sp))
		}
		d.line(3, "%s from %s (%s)\n", str(m, "mountPath"), str(m, "name"), strings.Join(flags, ","))
	}
}

// describeVolumes prints the pod's volumes: projected, emptyDir and
// configMap sources as kubectl words them.
// describeVolumes prints a pod's volumes, or with space "  " a pod
// template's.
func describeVolumes(d *describer, space string, o api.Opaque) {
	nameIndent := ""
	if space != "" {
		nameIndent = " "
	}
	vols := opaqueList(o)
	if len(vols) == 0 {
		d.line(0, "%sVolumes:\t<none>\n", space)
		return
	}
	d.line(0, "%sVolumes:\n", space)
	for _, v := range vols {
		d.line(1, "%s%v:\n", nameIndent, str(v, "name"))
		switch {
		case v["projected"] != nil:
			d.line(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
			p, _ := v["projected"].(map[string]any)
			for _, s := range opaqueList(api.OpaqueOf(p["sources"])) {
				describeProjection(d, s)
			}
		case v["emptyDir"] != nil:
			e, _ := v["emptyDir"].(map[string]any)
			d.line(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n")
			d.line(2, "Medium:\t%s\n", str(e, "medium"))
			d.line(2, "SizeLimit:\t%s\n", orUnset(str(e, "sizeLimit")))
		case v["configMap"] != nil:
			c, _ := v["configMap"].(map[string]any)
			d.line(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n")
			d.line(2, "Name:\t%s\n", str(c, "name"))
			d.line(2, "Optional:\t%v\n", c["optional"] == true)
		default:
			d.line(2, "Type:\t<unknown>\n")
		}
	}
}

func describeProjection(d *describer, s map[string]any) {
	get := func(k string) map[string]any { m, _ := s[k].(map[string]any); return m }
	switch {
	case get("secret") != nil:
		d.line(2, "SecretName:\t%v\n    SecretOptionalName:\t%v\n", str(get("secret"), "name"), optional(get("secret")))
	case get("downwardAPI") != nil:
		d.line(2, "DownwardAPI:\ttrue\n")
	case get("configMap") != nil:
		d.line(2, "ConfigMapName:\t%v\n    ConfigMapOptional:\t%v\n", str(get("configMap"), "name"), optional(get("configMap")))
	case get("serviceAccountToken") != nil:
		d.line(2, "TokenExpirationSeconds:\t%s\n", str(get("serviceAccountToken"), "expirationSeconds"))
	}
}

// optional prints a *bool field as %v does: "<nil>" when absent.
func optional(m map[string]any) string {
	if v, ok := m["optional"].(bool); ok {
		return fmt.Sprint(v)
	}
	return "<nil>"
}

func orUnset(s string) string {
	if s == "" {
		return "<unset>"
	}
	return s
}

// describeTolerations prints "Tolerations:\tkey=value:Effect op=Exists for 300s"
// lines, sorted by key.
func describeTolerations(d *describer, title string, o api.Opaque) {
	tols := opaqueList(o)
	d.line(0, "%s:\t", title)
	if len(tols) == 0 {
		d.line(0, "<none>\n")
		return
	}
	slices.SortStableFunc(tols, func(a, b map[string]any) int { return strings.Compare(str(a, "key"), str(b, "key")) })
	for i, t := range tols {
		if i > 0 {
			d.line(0, "\t")
		}
		var b strings.Builder
		key, value, effect := str(t, "key"), str(t, "value"), str(t, "effect")
		b.WriteString(key)
		if value != "" {
			b.WriteString("=" + value)
		}
		if effect != "" {
			b.WriteString(":" + effect)
		}
		if str(t, "operator") == "Exists" && value == "" {
			if key != "" || effect != "" {
				b.WriteString(" ")
			}
			b.WriteString("op=Exists")
		}
		if s := str(t, "tolerationSeconds"); s != "" {
			b.WriteString(" for " + s + "s")
		}
		d.line(0, "%s\n", b.String())
	}
}
