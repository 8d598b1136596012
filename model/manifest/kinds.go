package manifest

import (
	"reflect"
	"strings"
)

// ConfigKind is a kind that is not an API object but a component's
// configuration file that scenarios carry (kube-proxy's, later MetalLB's).
// Adding one is one entry in ConfigKinds.
type ConfigKind struct {
	APIVersion string
	Kind       string
	// New returns a pointer to the zero configuration.
	New func() any
	// Pkg is the Go package name the real types live in, as decoding
	// errors print it ("v1alpha1").
	Pkg string
	// Strict rejects unknown fields; when false they are only warned
	// about, as kube-proxy's lenient v1alpha1 decoding does.
	Strict bool
	// Fail wraps a decoding error as the component reports it.
	Fail string
}

// ConfigKinds lists the configuration kinds Decode knows.
var ConfigKinds = []*ConfigKind{
	{
		APIVersion: "kubeproxy.config.k8s.io/v1alpha1", Kind: "KubeProxyConfiguration",
		New: func() any { return &KubeProxyConfiguration{} }, Pkg: "v1alpha1",
		Fail: "failed to decode: ",
	},
}

func configKind(apiVersion, kind string) *ConfigKind {
	for _, k := range ConfigKinds {
		if k.APIVersion == apiVersion && k.Kind == kind {
			return k
		}
	}
	return nil
}

// pkgNamer names the Go package of a type as the real one is named:
// the api types are all "v1"; a config kind's own types use its Pkg.
func pkgNamer(configPkg string) func(reflect.Type) string {
	return func(t reflect.Type) string {
		if t.PkgPath() == apiPkg || t == durType {
			return "v1"
		}
		if configPkg != "" {
			return configPkg
		}
		return t.PkgPath()[strings.LastIndexByte(t.PkgPath(), '/')+1:]
	}
}
