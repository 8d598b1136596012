package api

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// MarshalJSON prints the time as the API does: an RFC 3339 string, or
// null when unset (a condition's `lastProbeTime: null`). An unset
// creationTimestamp is left out altogether (omitzero), as since
// Kubernetes 1.33, so templates no longer show `creationTimestamp: null`.
func (t Time) MarshalJSON() ([]byte, error) {
	if !t.Set {
		return []byte("null"), nil
	}
	return json.Marshal(t.String())
}

// UnmarshalJSON reads an RFC 3339 string or null.
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	parsed, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = parsed
	return nil
}

// MarshalJSON prints a number or a string.
func (v IntOrString) MarshalJSON() ([]byte, error) {
	if v.IsString {
		return json.Marshal(v.StrVal)
	}
	return []byte(strconv.Itoa(int(v.IntVal))), nil
}

// UnmarshalJSON reads a number or a string.
func (v *IntOrString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*v = FromString(s)
		return nil
	}
	var i int32
	if err := json.Unmarshal(b, &i); err != nil {
		return fmt.Errorf("int-or-string: %w", err)
	}
	*v = FromInt(i)
	return nil
}

// MarshalJSON prints the value as it was given.
func (o Opaque) MarshalJSON() ([]byte, error) { return json.Marshal(o.Value()) }

// UnmarshalJSON keeps whatever value is there.
func (o *Opaque) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*o = OpaqueOf(v)
	return nil
}
