// Package kubectl runs kubectl v1.36 commands against a simulated cluster:
// apply, create, delete, scale, expose, get, describe, wait, port-forward
// and exec, with kubectl's flags, output and error messages. Scenario
// steps and the TUI's command line share it.
//
// Commands run inside the simulation: a command that takes time (delete
// waits for its pods to go, exec runs a ping) finishes in a later event
// and reports through its callback. The package never reads a file
// itself: -f names are resolved through the Files the caller gives.
package kubectl
