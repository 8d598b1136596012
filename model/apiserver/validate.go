package apiserver

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// The API server's name rules (apimachinery/pkg/util/validation), each
// the regex in its comment written out as a loop; TestNameRules checks
// them against the regexes. Their messages follow.
var (
	dns1035Label = nameRule(isDNS1035Label) // ^[a-z]([-a-z0-9]*[a-z0-9])?$
	dns1123Label = nameRule(isDNS1123Label) // ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
	dns1123Sub   = nameRule(isDNS1123Sub)   // ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$
	ianaSvcName  = nameRule(isIANAChars)    // ^[-a-z0-9]+$
)

const (
	msgDNS1035    = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
	msgDNS1123    = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
	msgDNS1123Sub = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
	msgPortRange  = "must be between 1 and 65535, inclusive"
	msgIP         = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
)

// validate runs the create-time validation of one object.
func validate(obj api.Object) fieldErrors {
	var errs fieldErrors
	validateName(obj, &errs)
	switch o := obj.(type) {
	case *api.Service:
		validateService(o, &errs)
	case *api.Pod:
		validatePodSpec(&o.Spec, "spec", &errs)
	case *api.Deployment:
		validateReplicas(o.Spec.Replicas, &errs)
		validateTemplateSelector(o.Spec.Selector, o.Spec.Template.Labels, &errs)
		validatePodSpec(&o.Spec.Template.Spec, "spec.template.spec", &errs)
	case *api.ReplicaSet:
		validateReplicas(o.Spec.Replicas, &errs)
		validateTemplateSelector(o.Spec.Selector, o.Spec.Template.Labels, &errs)
		validatePodSpec(&o.Spec.Template.Spec, "spec.template.spec", &errs)
	case *api.ReplicationController:
		validateReplicas(o.Spec.Replicas, &errs)
		if o.Spec.Template == nil {
			errs.required("spec.template", "")
		} else {
			sel := api.SelectorFromMap(o.Spec.Selector)
			if len(o.Spec.Selector) == 0 {
				errs.required("spec.selector", "")
			} else if !sel.Matches(o.Spec.Template.Labels) {
				errs.invalid("spec.template.metadata.labels", rawValue(jsonMap(o.Spec.Template.Labels)), "`selector` does not match template `labels`")
			}
			validatePodSpec(&o.Spec.Template.Spec, "spec.template.spec", &errs)
		}
	case *api.Endpoints:
		validateEndpoints(o, &errs)
	}
	return errs
}

func validateName(obj api.Object, errs *fieldErrors) {
	m := obj.Meta()
	var ok bool
	var msg string
	switch obj.(type) {
	case *api.Service:
		ok, msg = dns1035Label.MatchString(m.Name) && len(m.Name) <= 63, msgDNS1035
	case *api.Namespace:
		ok, msg = dns1123Label.MatchString(m.Name) && len(m.Name) <= 63, msgDNS1123
	default:
		ok, msg = dns1123Sub.MatchString(m.Name) && len(m.Name) <= 253, msgDNS1123Sub
	}
	if !ok {
		errs.invalid("metadata.name", m.Name, msg)
	}
}

func validateReplicas(r *int32, errs *fieldErrors) {
	if r != nil && *r < 0 {
		errs.invalid("spec.replicas", *r, "must be greater than or equal to 0")
	}
}

// validateTemplateSelector is ValidateDeploymentSpec's (and the
// ReplicaSet's) selector check. A missing selector also fails the
// template match: LabelSelectorAsSelector(nil) is labels.Nothing().
func validateTemplateSelector(ls *api.LabelSelector, labels map[string]string, errs *fieldErrors) {
	mismatch := func() {
		errs.invalid("spec.template.metadata.labels", rawValue(jsonMap(labels)), "`selector` does not match template `labels`")
	}
	if ls == nil {
		errs.required("spec.selector", "")
		mismatch()
		return
	}
	sel, _, err := api.SelectorFromLabelSelector(ls)
	if err != nil {
		errs.invalid("spec.selector", rawValue(err.Error()), "")
		return
	}
	if sel.Empty() {
		errs.invalid("spec.selector", rawValue("{}"), "empty selector is invalid for deployment")
		return
	}
	if !sel.Matches(labels) {
		mismatch()
	}
}

// jsonMap prints a label map as apimachinery (1.34+) renders a composite
// bad value, as JSON with sorted keys: {"app":"web"}. Older servers
// printed Go syntax, map[string]string{"app":"web"}.
func jsonMap(m map[string]string) string {
	if m == nil {
		return "null"
	}
	keys := api.SortedKeys(m)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q:%q", k, m[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func validatePodSpec(ps *api.PodSpec, path string, errs *fieldErrors) {
	if len(ps.Containers) == 0 {
		errs.required(path+".containers", "")
	}
	names := map[string]bool{}
	for i, c := range ps.Containers {
		cp := path + ".containers[" + strconv.Itoa(i) + "]"
		switch {
		case c.Name == "":
			errs.required(cp+".name", "")
		case !dns1123Label.MatchString(c.Name):
			errs.invalid(cp+".name", c.Name, msgDNS1123)
		case names[c.Name]:
			errs.duplicate(cp+".name", c.Name)
		}
		names[c.Name] = true
		if strings.TrimSpace(c.Image) == "" {
			errs.required(cp+".image", "")
		}
		validateContainerPorts(c.Ports, cp+".ports", errs)
	}
}

// validateContainerPorts is validateContainerPorts: name, then
// containerPort (0 is missing, not out of range), then protocol.
func validateContainerPorts(ports []api.ContainerPort, path string, errs *fieldErrors) {
	names := map[string]bool{}
	for j, p := range ports {
		pp := path + "[" + strconv.Itoa(j) + "]"
		if p.Name != "" {
			n := len(*errs)
			validatePortName(p.Name, pp+".name", errs)
			if len(*errs) == n && names[p.Name] {
				errs.duplicate(pp+".name", p.Name)
			}
			names[p.Name] = true
		}
		switch {
		case p.ContainerPort == 0:
			errs.required(pp+".containerPort", "")
		case p.ContainerPort < 1 || p.ContainerPort > 65535:
			errs.invalid(pp+".containerPort", p.ContainerPort, msgPortRange)
		}
		if p.Protocol == "" {
			errs.required(pp+".protocol", "")
		} else {
			validateProtocol(p.Protocol, pp+".protocol", errs)
		}
	}
}

func validateProtocol(p, path string, errs *fieldErrors) {
	switch p {
	case "TCP", "UDP", "SCTP":
	default:
		errs.unsupported(path, p, "SCTP", "TCP", "UDP")
	}
}

// validatePortName applies IsValidPortName (an IANA service name),
// which reports every rule the name breaks.
func validatePortName(name, path string, errs *fieldErrors) {
	if len(name) > 15 {
		errs.invalid(path, name, "must be no more than 15 characters")
	}
	if !ianaSvcName.MatchString(name) {
		errs.invalid(path, name, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
	}
	if !strings.ContainsAny(name, "abcdefghijklmnopqrstuvwxyz") {
		errs.invalid(path, name, "must contain at least one letter (a-z)")
	}
	if strings.Contains(name, "--") {
		errs.invalid(path, name, "must not contain consecutive hyphens")
	}
	if strings.HasPrefix(name, "-") || strings.HasSuffix(name, "-") {
		errs.invalid(path, name, "must not begin or end with a hyphen")
	}
}

func validateEndpoints(ep *api.Endpoints, errs *fieldErrors) {
	for i, ss := range ep.Subsets {
		for j, a := range append(append([]api.EndpointAddress{}, ss.Addresses...), ss.NotReadyAddresses...) {
			field := "addresses"
			idx := j
			if j >= len(ss.Addresses) {
				field, idx = "notReadyAddresses", j-len(ss.Addresses)
			}
			validateExternalIP(a.IP, fmt.Sprintf("subsets[%d].%s[%d].ip", i, field, idx), errs)
		}
		for j, p := range ss.Ports {
			if p.Port == nil || *p.Port < 1 || *p.Port > 65535 {
				v := int32(0)
				if p.Port != nil {
					v = *p.Port
				}
				errs.invalid(fmt.Sprintf("subsets[%d].ports[%d].port", i, j), v, msgPortRange)
			}
		}
	}
}

// validateUpdate checks what may not change once set.
func validateUpdate(obj, old api.Object) fieldErrors {
	var errs fieldErrors
	switch o := obj.(type) {
	case *api.Service:
		errs.append(validateServiceUpdate(o, old.(*api.Service)))
	case *api.Deployment:
		if !reflect.DeepEqual(o.Spec.Selector, old.(*api.Deployment).Spec.Selector) {
			errs.invalid("spec.selector", rawValue(labelSelectorString(o.Spec.Selector)), "field is immutable")
		}
	case *api.ReplicaSet:
		if !reflect.DeepEqual(o.Spec.Selector, old.(*api.ReplicaSet).Spec.Selector) {
			errs.invalid("spec.selector", rawValue(labelSelectorString(o.Spec.Selector)), "field is immutable")
		}
	case *api.Pod:
		op := old.(*api.Pod)
		a, b := api.DeepCopy(o), api.DeepCopy(op)
		for i := range a.Spec.Containers {
			if i < len(b.Spec.Containers) {
				a.Spec.Containers[i].Image = b.Spec.Containers[i].Image
			}
		}
		ax, bx := a.Spec.Extra(), b.Spec.Extra() // nil and all-zero alike
		ax.ActiveDeadlineSeconds, ax.Tolerations = bx.ActiveDeadlineSeconds, bx.Tolerations
		a.Spec.PodSpecExtra, b.Spec.PodSpecExtra = nil, nil
		if !api.SemanticEqual(a.Spec, b.Spec) || !api.SemanticEqual(ax, bx) {
			errs.forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)")
		}
	}
	return errs
}

// jsonList prints a string list as newer apimachinery prints it in
// field errors: ["10.96.0.10"].
func jsonList(list []string, fallback string) string {
	if len(list) == 0 {
		list = []string{fallback}
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ",") + "]"
}

func labelSelectorString(ls *api.LabelSelector) string {
	if ls == nil {
		return "nil"
	}
	keys := make([]string, 0, len(ls.MatchLabels))
	for k := range ls.MatchLabels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q:%q", k, ls.MatchLabels[k])
	}
	return "v1.LabelSelector{MatchLabels:map[string]string{" + strings.Join(parts, ", ") + "}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"
}
