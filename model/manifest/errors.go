package manifest

import (
	"errors"
	"fmt"
	"strings"
)

// Error is one rejected document: where it is and what kubectl prints
// for it. Msg is kubectl's own text (possibly several lines), e.g.
//
//	Error from server (BadRequest): error when creating "svc.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].prot"
type Error struct {
	File   string
	Line   int    // 1-based line of the offending key or value
	Column int    // 1-based column, 0 when unknown
	Path   string // field path, "spec.ports[0].prot"; "" for document-level errors
	Msg    string // what kubectl prints, "error: " or "Error from server" included
}

// Errors splits what Decode returned into its errors, one per rejected
// document (nil for nil).
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		return joined.Unwrap()
	}
	return []error{err}
}

// Error prints "file:line: msg".
func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// stopValidateMessage ends kubectl's client-side validation errors
// (k8s.io/kubectl pkg/validation).
const stopValidateMessage = "if you choose to ignore these errors, turn validation off with --validate=false"

// parseMsg is the message of a YAML syntax error, as kubectl's stream
// visitor wraps sigs.k8s.io/yaml's conversion error.
func parseMsg(file, yamlMsg string) string {
	return fmt.Sprintf("error: error parsing %s: error converting YAML to JSON: %s", file, yamlMsg)
}

// validateMsg is kubectl's client-side check that apiVersion and kind are
// set; problems is one or more of "apiVersion not set", "kind not set".
func validateMsg(file string, problems []string) string {
	p := problems[0]
	if len(problems) > 1 {
		p = "[" + strings.Join(problems, ", ") + "]" // utilerrors.NewAggregate
	}
	return fmt.Sprintf("error: error validating %q: error validating data: %s; %s", file, p, stopValidateMessage)
}

// mappingMsg is kubectl's REST mapping failure for an unknown kind or
// apiVersion.
func mappingMsg(file, name, namespace, kind, apiVersion string) string {
	version := apiVersion
	if _, v, ok := strings.Cut(apiVersion, "/"); ok {
		version = v
	}
	group := ""
	if g, _, ok := strings.Cut(apiVersion, "/"); ok {
		group = g
	}
	gv := version
	if group != "" {
		gv = group + "/" + version
	}
	return fmt.Sprintf("error: resource mapping not found for name: %q namespace: %q from %q: no matches for kind %q in version %q\nensure CRDs are installed first",
		name, namespace, file, kind, gv)
}

// serverMsg is the API server's refusal to decode the body of a create,
// as kubectl prints it.
func serverMsg(file, kind, apiVersion, decodeErr string) string {
	version := apiVersion
	if _, v, ok := strings.Cut(apiVersion, "/"); ok {
		version = v
	}
	return fmt.Sprintf("Error from server (BadRequest): error when creating %q: %s in version %q cannot be handled as a %s: %s",
		file, kind, version, kind, decodeErr)
}
