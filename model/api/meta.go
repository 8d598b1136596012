package api

import (
	"fmt"
	"reflect"
	"time"
)

// TypeMeta is an object's apiVersion and kind.
type TypeMeta struct {
	APIVersion string `yaml:"apiVersion,omitempty" json:"apiVersion,omitempty"`
	Kind       string `yaml:"kind,omitempty" json:"kind,omitempty"`
}

// ObjectMeta is metadata as the API server keeps it.
type ObjectMeta struct {
	Name                       string            `yaml:"name,omitempty" json:"name,omitempty"`
	GenerateName               string            `yaml:"generateName,omitempty" json:"generateName,omitempty"`
	Namespace                  string            `yaml:"namespace,omitempty" json:"namespace,omitempty"`
	UID                        string            `yaml:"uid,omitempty" json:"uid,omitempty"`
	ResourceVersion            string            `yaml:"resourceVersion,omitempty" json:"resourceVersion,omitempty"`
	Generation                 int64             `yaml:"generation,omitempty" json:"generation,omitempty"`
	SelfLink                   string            `yaml:"selfLink,omitempty" json:"selfLink,omitempty"`
	CreationTimestamp          Time              `yaml:"creationTimestamp,omitempty" json:"creationTimestamp,omitzero"`
	DeletionTimestamp          *Time             `yaml:"deletionTimestamp,omitempty" json:"deletionTimestamp,omitempty"`
	DeletionGracePeriodSeconds *int64            `yaml:"deletionGracePeriodSeconds,omitempty" json:"deletionGracePeriodSeconds,omitempty"`
	Labels                     map[string]string `yaml:"labels,omitempty" json:"labels,omitempty"`
	Annotations                map[string]string `yaml:"annotations,omitempty" json:"annotations,omitempty"`
	OwnerReferences            []OwnerReference  `yaml:"ownerReferences,omitempty" json:"ownerReferences,omitempty"`
	Finalizers                 []string          `yaml:"finalizers,omitempty" json:"finalizers,omitempty"`
	ManagedFields              Opaque            `yaml:"managedFields,omitempty" json:"managedFields,omitzero"`
}

// OwnerReference points from a dependent object to its owner.
type OwnerReference struct {
	APIVersion         string `yaml:"apiVersion" json:"apiVersion"`
	Kind               string `yaml:"kind" json:"kind"`
	Name               string `yaml:"name" json:"name"`
	UID                string `yaml:"uid" json:"uid"`
	Controller         *bool  `yaml:"controller,omitempty" json:"controller,omitempty"`
	BlockOwnerDeletion *bool  `yaml:"blockOwnerDeletion,omitempty" json:"blockOwnerDeletion,omitempty"`
}

// Opaque holds a field svcsim accepts but does not interpret, as the
// generic value the decoder produced (maps, slices, scalars), or as a
// Compact value that stands for one. The zero Opaque is absent. It is one
// pointer wide: a Pod has two dozen such fields, and every stored version
// of every object carries them.
type Opaque struct {
	v *any
}

// Compact is implemented by the small values svcsim keeps in an Opaque in
// place of a generic one it fills in for every object of a kind (the
// service account token volume of every pod): one string instead of a
// list of maps per pod. Generic returns the value it stands for, built
// afresh; Opaque.Value returns that, so readers never see the difference.
type Compact interface {
	Generic() any
}

// OpaqueOf returns an Opaque holding v; nil gives the absent Opaque.
// v must not be changed afterwards: Opaque values are shared, not copied.
func OpaqueOf(v any) Opaque {
	if v == nil {
		return Opaque{}
	}
	return Opaque{v: &v}
}

// Value returns the value held, in its generic form; nil when absent.
func (o Opaque) Value() any {
	if o.v == nil {
		return nil
	}
	if c, ok := (*o.v).(Compact); ok {
		return c.Generic()
	}
	return *o.v
}

// Held returns the value as stored: a Compact value as itself.
func (o Opaque) Held() any {
	if o.v == nil {
		return nil
	}
	return *o.v
}

// IsZero reports whether the field was absent.
func (o Opaque) IsZero() bool { return o.v == nil }

// Equal reports whether two Opaques hold equal values, compact or generic
// (go-cmp and SemanticEqual use it).
func (o Opaque) Equal(p Opaque) bool {
	if o.v == p.v {
		return true
	}
	if a, b := o.Held(), p.Held(); a != nil && b != nil && reflect.TypeOf(a) == reflect.TypeOf(b) && reflect.TypeOf(a).Comparable() && a == b {
		return true // the same compact value, or equal scalars
	}
	return reflect.DeepEqual(o.Value(), p.Value())
}

// Epoch is the wall-clock instant that virtual time zero stands for when
// a timestamp is printed or parsed. It is fixed so that output is the same
// on every machine and every day.
var Epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Time is a point in virtual time, printed as RFC 3339 relative to Epoch.
// The zero Time is "unset" (a null timestamp).
type Time struct {
	// At is the virtual time since the start of the simulation.
	At time.Duration
	// Set tells a timestamp at virtual time zero from an absent one.
	Set bool
}

// At returns a set Time for virtual time d.
func At(d time.Duration) Time { return Time{At: d, Set: true} }

// IsZero reports whether the time is unset.
func (t Time) IsZero() bool { return !t.Set }

// String prints the time as the API does, e.g. "2026-01-01T00:00:05Z".
func (t Time) String() string {
	if !t.Set {
		return "<nil>"
	}
	return Epoch.Add(t.At.Truncate(time.Second)).Format(time.RFC3339)
}

// ParseTime reads an RFC 3339 timestamp into virtual time. Instants
// before Epoch map to negative virtual times: objects older than the
// simulation.
func ParseTime(s string) (Time, error) {
	wall, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return Time{}, fmt.Errorf("invalid timestamp %q: want RFC 3339, e.g. 2026-01-01T00:00:00Z", s)
	}
	return Time{At: wall.Sub(Epoch), Set: true}, nil
}
