package api

import (
	"strconv"
)

// IntOrString is a port given as a number or as a port name, as in
// targetPort. The zero value is the number 0 (unset).
type IntOrString struct {
	IsString bool
	IntVal   int32
	StrVal   string
}

// FromInt returns a numeric IntOrString.
func FromInt(i int32) IntOrString { return IntOrString{IntVal: i} }

// FromString returns a named IntOrString.
func FromString(s string) IntOrString { return IntOrString{IsString: true, StrVal: s} }

// String prints the value as kubectl does.
func (v IntOrString) String() string {
	if v.IsString {
		return v.StrVal
	}
	return strconv.Itoa(int(v.IntVal))
}

// IsZero reports whether the value is unset.
func (v IntOrString) IsZero() bool { return !v.IsString && v.IntVal == 0 }
