// Command svcsim simulates Kubernetes Service networking: it replays
// scenarios against a simulated cluster, shows every step, and checks
// expectations for CI.
//
//	svcsim                      on a terminal: the scenario library (terminal UI)
//	svcsim tui [FILE|NAME]      open the terminal UI, or one scenario in it
//	svcsim run [FILE|NAME...]   run scenarios (all built-in ones if none given)
//	svcsim list                 list the built-in scenarios
//	svcsim validate FILE...     check scenario files without running them
//	svcsim iptables-save -f FILE... --node NAME
//	                            a node's tables after kube-proxy synced the objects
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/svcsim/svcsim/internal/gcpolicy"
	"github.com/svcsim/svcsim/tui"
)

// Exit codes.
const (
	exitOK       = 0
	exitFailed   = 1 // an expectation failed
	exitBadInput = 2 // a file, a flag or a scenario is wrong
)

func main() {
	gcpolicy.Apply()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: testable, it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		if interactive(stdout) {
			return openUI(tui.Options{}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	switch args[0] {
	case "tui":
		return tuiCmd(args[1:], stdout, stderr)
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "list":
		return listCmd(args[1:], stdout, stderr)
	case "validate":
		return validateCmd(args[1:], stdout, stderr)
	case "iptables-save":
		return iptablesSaveCmd(args[1:], stdout, stderr)
	case "dig":
		return digCmd(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		usage(stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "svcsim (development build); models Kubernetes v1.36")
		return exitOK
	default:
		fmt.Fprintf(stderr, "svcsim: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitBadInput
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `svcsim simulates Kubernetes Service networking, step by step.

Usage:
  svcsim                              on a terminal: open the scenario library
  svcsim tui [--mono] [FILE|NAME]     open the terminal UI, or one scenario in it
  svcsim run [flags] [FILE|NAME...]   run scenarios and check their expectations
                                      (every built-in scenario when none is named)
  svcsim list                         list the built-in scenarios
  svcsim validate FILE...             check scenario files without running them
  svcsim iptables-save -f FILE... [--node NAME]
                                      print a node's iptables-save after kube-proxy
                                      synced these Services, EndpointSlices and Node
  svcsim dig -f FILE... [-n NS] [@SERVER] NAME [TYPE] [+short] [+search]
                                      the answer a pod in NS gets from cluster DNS
                                      for these objects, as dig prints it

Flags of run:
  --format text|json|junit   report format (default text)
  --seed N                   override the scenarios' seed
  --trace                    print every recorded event of each run
  -v, --verbose              print every command's output, not only failing ones
  --event-budget N           stop a run after N events (default 5000000)

Exit status: 0 all expectations passed, 1 an expectation failed, 2 bad input.
Docs: README.md and docs/scenario-format.md.
`)
}
