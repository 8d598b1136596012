package tools

import "strings"

// ExitError is a tool ending before it did any network work: a usage
// error, a bad number, an unsupported URL. Stderr is exactly what the tool
// writes (ending in a newline) and Code is its exit status.
type ExitError struct {
	Stderr string
	Code   int
}

// Error returns the first line of what the tool prints.
func (e *ExitError) Error() string {
	line, _, _ := strings.Cut(e.Stderr, "\n")
	return line
}

// Output returns what a command line that failed to parse prints: empty
// stdout, the error text and the exit status. For an error that is not an
// *ExitError it prints the error text and exits 1.
func Output(err error) (stdout, stderr string, exit int) {
	if e, ok := err.(*ExitError); ok {
		return "", e.Stderr, e.Code
	}
	return "", err.Error() + "\n", 1
}

// BusyBoxBanner is the first line of every BusyBox usage text in the
// Alpine 3.12 build (Alpine builds without a timestamp, hence the empty
// parentheses — inferred from Alpine images, not read in the source).
const BusyBoxBanner = "BusyBox v1.31.1 () multi-call binary."

// bbUsage is what bb_show_usage writes for an applet, exit 1.
func bbUsage(applet, usage string) *ExitError {
	return &ExitError{Stderr: BusyBoxBanner + "\n\nUsage: " + applet + " " + usage + "\n", Code: 1}
}
