package scenarios

import (
	"fmt"

	"github.com/svcsim/svcsim/model/shell"
)

// stepCommands are the programs a step's command line may start on the
// learner's machine; pipes and lists may add the shell's own filters
// (grep, tail, head, wc, sort, ...).
var stepCommands = map[string]bool{"kubectl": true, "curl": true, "wget": true, "sleep": true, "docker": true, "echo": true, "cat": true, "tee": true}

// checkCommand validates a step's command line without running it: its
// sh syntax, and for a plain command the program it starts.
func checkCommand(line string) error {
	if err := shell.Parse(line); err != nil {
		return err
	}
	argv, ok := shell.Simple(line, nil)
	if !ok || stepCommands[argv[0]] {
		return nil
	}
	return fmt.Errorf("unknown command %q: a step runs kubectl, docker exec NODE, curl/wget, sleep, echo, or cat/tee on the learner's machine", argv[0])
}
