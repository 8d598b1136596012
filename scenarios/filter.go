package scenarios

import (
	"github.com/svcsim/svcsim/model/kubectl"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/model/shell"
)

// firstOutput stands for the pipeline's first command, which already ran
// in simulated time: the filters read what it printed.
const firstOutput = "svcsim-first-command-output"

// filter runs the filters after the first '|' of a step's command
// (grep, tail, head, ...) on the first command's output, as sh would.
func filter(pipeline, stdin string) (string, string, int) {
	return shell.Run(firstOutput+" | "+pipeline, func(argv []string, in string) (string, string, int) {
		if len(argv) == 1 && argv[0] == firstOutput {
			return stdin, "", 0
		}
		return "", "", 127 // not a filter: sh prints "not found"
	})
}

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
