package scenarios

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// WriteText prints reports as a person reads them: each step, its
// command and output, each expectation with ✓ or ✗ (and the words PASS
// or FAIL, so nothing depends on the symbols), then a summary line.
func WriteText(w io.Writer, reps []*Report, verbose bool) {
	passed, failed := 0, 0
	for _, rep := range reps {
		fmt.Fprintf(w, "=== %s: %s (%s, seed %d)\n", rep.Name, rep.Title, rep.File, rep.Seed)
		for i, st := range rep.Steps {
			fmt.Fprintf(w, "--- step %d: %s  [%s → %s]\n", i+1, st.Name, sim.FormatTime(st.Start), sim.FormatTime(st.End))
			if st.Command != "" {
				fmt.Fprintf(w, "$ %s\n", st.Command)
				if verbose || !st.Passed() {
					out := st.Output
					if out != "" {
						fmt.Fprint(w, out)
						if !strings.HasSuffix(out, "\n") {
							fmt.Fprintln(w)
						}
					}
				}
			}
			for _, c := range st.Checks {
				if c.Passed {
					fmt.Fprintf(w, "  ✓ PASS %s\n", c.What)
					continue
				}
				fmt.Fprintf(w, "  ✗ FAIL %s\n", c.What)
				if c.Detail != "" {
					fmt.Fprintf(w, "         %s\n", strings.ReplaceAll(c.Detail, "\n", "\n         "))
				}
			}
		}
		if rep.Error != "" {
			fmt.Fprintf(w, "  ✗ ERROR %s\n", rep.Error)
		}
		verdict := "PASS"
		if rep.Passed {
			passed++
		} else {
			verdict = "FAIL"
			failed++
		}
		fmt.Fprintf(w, "%s %s (%d steps, %d checks, %s simulated)\n\n", verdict, rep.Name, len(rep.Steps), countChecks(rep), sim.FormatTime(rep.Time))
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, failed)
}

func countChecks(rep *Report) int {
	n := 0
	for _, s := range rep.Steps {
		n += len(s.Checks)
	}
	return n
}

// WriteJSON prints the reports as one JSON document.
func WriteJSON(w io.Writer, reps []*Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Scenarios []*Report `json:"scenarios"`
		Passed    int       `json:"passed"`
		Failed    int       `json:"failed"`
	}{reps, count(reps, true), count(reps, false)})
}

func count(reps []*Report, passed bool) int {
	n := 0
	for _, r := range reps {
		if r.Passed == passed {
			n++
		}
	}
	return n
}

// JUnit XML, as CI systems read it: a testsuite per scenario, a testcase
// per step.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit prints the reports as JUnit XML. Times are simulated
// seconds.
func WriteJUnit(w io.Writer, reps []*Report) error {
	var out junitSuites
	for _, rep := range reps {
		s := junitSuite{Name: rep.Name, Time: seconds(rep.Time)}
		for _, st := range rep.Steps {
			c := junitCase{Name: st.Name, Classname: rep.Name, Time: seconds(st.End - st.Start)}
			for _, ch := range st.Checks {
				if !ch.Passed {
					if c.Failure == nil {
						c.Failure = &junitFailure{Message: ch.What}
					}
					c.Failure.Text += "FAIL " + ch.What + "\n" + ch.Detail + "\n"
				}
			}
			if c.Failure != nil {
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		if rep.Error != "" {
			s.Errors++
			s.Cases = append(s.Cases, junitCase{Name: "run", Classname: rep.Name, Time: "0", Error: &junitFailure{Message: rep.Error, Text: rep.Error}})
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func seconds(d interface{ Seconds() float64 }) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// WriteTrace prints a run's trace from the scenario's start: one line a
// record, the time relative to the start.
func WriteTrace(w io.Writer, rep *Report) {
	if rep.Cluster == nil {
		return
	}
	c := rep.Cluster
	for r := range c.Engine.Trace().From(c.StartIndex) {
		fmt.Fprintf(w, "%10s  %-34s %-22s %s\n", sim.FormatTime(r.At-c.StartTime), r.Component, r.Kind, r.Summary)
	}
}
