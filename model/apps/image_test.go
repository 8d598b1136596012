package apps

import "testing"

func TestRepository(t *testing.T) {
	tests := map[string]string{
		"kiamol/ch03-sleep":                       "kiamol/ch03-sleep",
		"kiamol/ch03-sleep:latest":                "kiamol/ch03-sleep",
		"docker.io/kiamol/ch03-sleep":             "kiamol/ch03-sleep",
		"gcr.io/kuar-demo/kuard-amd64:blue":       "kuar-demo/kuard-amd64",
		"nginx":                                   "nginx",
		"docker.io/library/nginx:1.27":            "nginx",
		"localhost:5000/team/app:v2":              "team/app",
		"registry.k8s.io/coredns/coredns:v1.12.1": "coredns/coredns",
		"busybox@sha256:abcd":                     "busybox",
	}
	for in, want := range tests {
		if got := Repository(in); got != want {
			t.Errorf("Repository(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookup(t *testing.T) {
	r := NewRegistry()
	if im := r.Lookup("kiamol/ch03-sleep"); !im.Shell || im.ExitsOnTerm || !im.HasTool("ping") {
		t.Errorf("kiamol sleep image = %+v, want a shell with ping that ignores SIGTERM", im)
	}
	if im := r.Lookup("mhausenblas/simpleservice:0.5.0"); len(im.Ports) != 1 || im.Ports[0] != 9876 {
		t.Errorf("simpleservice ports = %v, want [9876]", im.Ports)
	}
	if im := r.Lookup("example/unknown:1"); !im.UseDeclaredPorts || im.Shell {
		t.Errorf("unknown image = %+v, want a generic server on its declared ports without a shell", im)
	}
}
