package api

// The token volume the ServiceAccount admission plugin adds to every pod
// whose service account token is automounted (the default): a projected
// volume named kube-api-access-<5 random characters>, mounted read-only
// in every container at TokenMountPath.
const (
	TokenMountPath    = "/var/run/secrets/kubernetes.io/serviceaccount"
	TokenVolumePrefix = "kube-api-access-"
)

// ServiceAccountToken is one pod's token volume: its name, and the
// compact Opaque values that stand for its volume list, its mount list
// and their statuses. The three share one allocation with the name: the
// API server makes one for every pod it admits.
type ServiceAccountToken struct {
	Name   string
	values [3]any
}

// NewServiceAccountToken returns the token volume named name.
func NewServiceAccountToken(name string) *ServiceAccountToken {
	t := &ServiceAccountToken{Name: name}
	// Each compact type is one pointer wide: boxing it allocates nothing.
	t.values = [3]any{TokenVolumes{t}, TokenMounts{t}, TokenMountStatuses{t}}
	return t
}

// Volumes is the pod's spec.volumes when the token volume is its only one.
func (t *ServiceAccountToken) Volumes() Opaque { return Opaque{v: &t.values[0]} }

// Mounts is a container's volumeMounts when the token is its only mount.
func (t *ServiceAccountToken) Mounts() Opaque { return Opaque{v: &t.values[1]} }

// MountStatuses is what a running container's status reports for Mounts.
func (t *ServiceAccountToken) MountStatuses() Opaque { return Opaque{v: &t.values[2]} }

// TokenVolumes is the compact form of a pod's token volume list.
type TokenVolumes struct{ t *ServiceAccountToken }

// Generic returns the volume list as `kubectl get pod -o yaml` prints it.
func (t TokenVolumes) Generic() any {
	return []any{map[string]any{
		"name": t.t.Name,
		"projected": map[string]any{
			"defaultMode": int64(420),
			"sources": []any{
				map[string]any{"serviceAccountToken": map[string]any{"expirationSeconds": int64(3607), "path": "token"}},
				map[string]any{"configMap": map[string]any{
					"name":  "kube-root-ca.crt",
					"items": []any{map[string]any{"key": "ca.crt", "path": "ca.crt"}},
				}},
				map[string]any{"downwardAPI": map[string]any{"items": []any{map[string]any{
					"path":     "namespace",
					"fieldRef": map[string]any{"apiVersion": "v1", "fieldPath": "metadata.namespace"},
				}}}},
			},
		},
	}}
}

// TokenMounts is the compact form of a container's token mount list.
type TokenMounts struct{ t *ServiceAccountToken }

// Generic returns the mount list.
func (m TokenMounts) Generic() any {
	return []any{map[string]any{"mountPath": TokenMountPath, "name": m.t.Name, "readOnly": true}}
}

// TokenMountStatuses is the compact form of a running container's status
// of TokenMounts.
type TokenMountStatuses struct{ t *ServiceAccountToken }

// Generic returns the mount status list.
func (m TokenMountStatuses) Generic() any {
	return []any{map[string]any{"mountPath": TokenMountPath, "name": m.t.Name, "readOnly": true, "recursiveReadOnly": "Disabled"}}
}

// MountStatuses returns the volumeMounts a running container's status
// reports for the container's volumeMounts: name and path, and for a
// read-only mount readOnly and recursiveReadOnly: Disabled (the kubelet
// reports Enabled only when the mount asks for it).
func MountStatuses(mounts Opaque) Opaque {
	switch m := mounts.Held().(type) {
	case nil:
		return Opaque{}
	case TokenMounts:
		return m.t.MountStatuses()
	}
	list, _ := mounts.Value().([]any)
	var out []any
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		st := map[string]any{"name": m["name"], "mountPath": m["mountPath"]}
		if ro, _ := m["readOnly"].(bool); ro {
			st["readOnly"] = true
			rro := "Disabled"
			if m["recursiveReadOnly"] == "Enabled" {
				rro = "Enabled"
			}
			st["recursiveReadOnly"] = rro
		}
		out = append(out, st)
	}
	if len(out) == 0 {
		return Opaque{}
	}
	return OpaqueOf(out)
}
