package scenarios

import (
	"github.com/svcsim/svcsim/model/kubectl"
	"github.com/svcsim/svcsim/model/network"
)

// workstationFetch runs curl on the learner's machine, which reaches the
// cluster only through kubectl port-forward on localhost.
func (r *runner) workstationFetch(argv []string, done func(kubectl.Result)) {
	if argv[0] != "curl" {
		done(kubectl.Result{Stderr: "sh: " + argv[0] + ": svcsim models only curl on the learner's machine\n", Exit: 127})
		return
	}
	kubectl.Curl(argv, kubectl.DefaultCurlVersion, func(o network.FetchOptions, cb func(network.FetchResult)) {
		r.k.LocalFetch(o, cb)
	}, done)
}
