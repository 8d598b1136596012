package apiserver

import (
	"errors"
	"fmt"
	"strings"
)

// Reasons of API status errors, as kubectl prints them in
// "Error from server (Reason): ...".
const (
	ReasonNotFound      = "NotFound"
	ReasonAlreadyExists = "AlreadyExists"
	ReasonInvalid       = "Invalid"
	ReasonBadRequest    = "BadRequest"
	ReasonConflict      = "Conflict"
	ReasonForbidden     = "Forbidden"
	ReasonInternalError = "InternalError"
)

// StatusError is an error the API server returns, with its reason. Its
// message is the server's own text; kubectl adds "Error from server
// (Reason): " in front.
type StatusError struct {
	Reason  string
	Message string
}

func (e *StatusError) Error() string { return e.Message }

// IsNotFound reports whether err is a NotFound status error.
func IsNotFound(err error) bool { return reasonOf(err) == ReasonNotFound }

// IsAlreadyExists reports whether err is an AlreadyExists status error.
func IsAlreadyExists(err error) bool { return reasonOf(err) == ReasonAlreadyExists }

func reasonOf(err error) string {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Reason
	}
	return ""
}

// notFound returns `services "web" not found`.
func notFound(groupResource, name string) error {
	return &StatusError{Reason: ReasonNotFound, Message: fmt.Sprintf("%s %q not found", groupResource, name)}
}

func alreadyExists(groupResource, name string) error {
	return &StatusError{Reason: ReasonAlreadyExists, Message: fmt.Sprintf("%s %q already exists", groupResource, name)}
}

// FieldError is one field validation error, printed as the API server
// prints field.Error: "spec.ports[0].port: Invalid value: 0: must be ...".
type FieldError struct {
	Path   string
	Type   string // "Invalid value", "Required value", "Unsupported value", "Forbidden", "Duplicate value"
	Value  string // already formatted as the server formats it; empty when not shown
	Detail string
}

func (e FieldError) String() string {
	var b strings.Builder
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(e.Type)
	if e.Value != "" {
		b.WriteString(": ")
		b.WriteString(e.Value)
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// fieldErrors collects validation errors in order.
type fieldErrors []FieldError

func (l *fieldErrors) invalid(path string, value any, detail string) {
	*l = append(*l, FieldError{Path: path, Type: "Invalid value", Value: formatValue(value), Detail: detail})
}

func (l *fieldErrors) append(more fieldErrors) { *l = append(*l, more...) }

func (l *fieldErrors) required(path, detail string) {
	*l = append(*l, FieldError{Path: path, Type: "Required value", Detail: detail})
}

func (l *fieldErrors) forbidden(path, detail string) {
	*l = append(*l, FieldError{Path: path, Type: "Forbidden", Detail: detail})
}

func (l *fieldErrors) duplicate(path string, value any) {
	*l = append(*l, FieldError{Path: path, Type: "Duplicate value", Value: formatValue(value)})
}

func (l *fieldErrors) unsupported(path string, value string, supported ...string) {
	quoted := make([]string, len(supported))
	for i, s := range supported {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	*l = append(*l, FieldError{Path: path, Type: "Unsupported value", Value: fmt.Sprintf("%q", value),
		Detail: "supported values: " + strings.Join(quoted, ", ")})
}

// formatValue prints a value as field.Error does: strings quoted, numbers
// bare, string slices as Go syntax.
func formatValue(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case []string:
		return fmt.Sprintf("%#v", v)
	case rawValue:
		return string(v)
	default:
		return fmt.Sprint(v)
	}
}

// rawValue is printed as it is.
type rawValue string

// internalError is errors.NewInternalError: "Internal error occurred: ...".
func internalError(msg string) error {
	return &StatusError{Reason: ReasonInternalError, Message: "Internal error occurred: " + msg}
}

// invalid builds the Invalid status error: `The Service "x" is invalid: ...`,
// several errors as a bracketed list the way the server aggregates them
// (ErrorList.ToAggregate drops repeated messages).
func invalid(kind, name string, errs fieldErrors) error {
	msgs := make([]string, 0, len(errs))
	seen := map[string]bool{}
	for _, e := range errs {
		if m := e.String(); !seen[m] {
			seen[m] = true
			msgs = append(msgs, m)
		}
	}
	detail := msgs[0]
	if len(msgs) > 1 {
		detail = "[" + strings.Join(msgs, ", ") + "]"
	}
	return &StatusError{Reason: ReasonInvalid, Message: fmt.Sprintf("%s %q is invalid: %s", kind, name, detail)}
}
