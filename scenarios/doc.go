// Package scenarios holds svcsim's scenario format, its loader, the
// runner that replays a scenario against a simulated cluster and checks
// its expectations, the reports it prints (text, JSON, JUnit XML), and
// the built-in library of scenarios.
//
// A scenario is one YAML file: the cluster to start from, inline files
// that steps refer to, and timed steps (kubectl and curl commands as a
// learner types them, waits), each with narration and expectations. The
// shape borrows from kuttl/Chainsaw test steps (an action, then asserts
// retried until a timeout) and Killercoda scenarios (a title, an intro,
// steps with text). docs/scenario-format.md is the reference.
package scenarios
