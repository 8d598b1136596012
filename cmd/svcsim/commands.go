package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"github.com/svcsim/svcsim/scenarios"
)

// parseInterspersed parses flags that may come before or after the
// positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "report format: text, json or junit")
	seed := fs.String("seed", "", "override the scenarios' seed")
	trace := fs.Bool("trace", false, "print the full event log of each run")
	verbose := fs.Bool("verbose", false, "print every command's output")
	fs.BoolVar(verbose, "v", false, "print every command's output")
	budget := fs.Int64("event-budget", 0, "stop a run after this many events")
	pcap := fs.String("pcap", "", "write the run's frames to this capture file (one scenario)")
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return exitBadInput
	}
	if *format != "text" && *format != "json" && *format != "junit" {
		fmt.Fprintf(stderr, "svcsim run: --format %q: want text, json or junit\n", *format)
		return exitBadInput
	}
	opts := scenarios.Options{EventBudget: *budget}
	if *seed != "" {
		v, err := strconv.ParseUint(*seed, 10, 64)
		if err != nil {
			fmt.Fprintf(stderr, "svcsim run: --seed %q: want a non-negative integer\n", *seed)
			return exitBadInput
		}
		opts.Seed = &v
	}
	list, code := resolve(names, stderr)
	if code != exitOK {
		return code
	}
	if *pcap != "" && len(list) != 1 {
		fmt.Fprintf(stderr, "svcsim run: --pcap writes one run: give one scenario, not %d\n", len(list))
		return exitBadInput
	}
	var reps []*scenarios.Report
	for _, s := range list {
		reps = append(reps, scenarios.Run(s, opts))
	}
	if *pcap != "" {
		if err := writePcap(*pcap, reps[0]); err != nil {
			fmt.Fprintf(stderr, "svcsim run: --pcap: %v\n", err)
			return exitBadInput
		}
	}
	switch *format {
	case "json":
		err = scenarios.WriteJSON(stdout, reps)
	case "junit":
		err = scenarios.WriteJUnit(stdout, reps)
	default:
		scenarios.WriteText(stdout, reps, *verbose)
	}
	if err != nil {
		fmt.Fprintf(stderr, "svcsim run: %v\n", err)
		return exitBadInput
	}
	if *trace {
		for _, r := range reps {
			fmt.Fprintf(stdout, "\n=== trace of %s\n", r.Name)
			scenarios.WriteTrace(stdout, r)
		}
	}
	for _, r := range reps {
		if !r.Passed {
			return exitFailed
		}
	}
	return exitOK
}

// resolve turns arguments into scenarios: files first, then built-in
// names; no arguments means the whole library.
func resolve(names []string, stderr io.Writer) ([]*scenarios.Scenario, int) {
	if len(names) == 0 {
		lib, err := scenarios.Library()
		if err != nil {
			fmt.Fprintf(stderr, "svcsim: %v\n", err)
			return nil, exitBadInput
		}
		return lib, exitOK
	}
	var out []*scenarios.Scenario
	bad := false
	for _, n := range names {
		s, err := loadFile(n)
		switch {
		case err == nil:
			out = append(out, s)
		case errors.Is(err, os.ErrNotExist):
			if lib, ok := scenarios.Find(n); ok {
				out = append(out, lib)
				continue
			}
			fmt.Fprintf(stderr, "svcsim: %s: no such file, and no built-in scenario has that name (see svcsim list)\n", n)
			bad = true
		default:
			fmt.Fprintln(stderr, err)
			bad = true
		}
	}
	if bad {
		return nil, exitBadInput
	}
	return out, exitOK
}

func loadFile(name string) (*scenarios.Scenario, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("svcsim: %w", err)
	}
	return scenarios.Load(name, data, filepath.Dir(name))
}

func listCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "svcsim list: takes no arguments\n")
		return exitBadInput
	}
	lib, err := scenarios.Library()
	if err != nil {
		fmt.Fprintf(stderr, "svcsim: %v\n", err)
		return exitBadInput
	}
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tLEVEL\tTITLE\tTAGS")
	for _, s := range lib {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Metadata.Name, s.Metadata.Level, s.Metadata.Title, joinTags(s.Metadata.Tags))
	}
	tw.Flush()
	return exitOK
}

func joinTags(tags []string) string {
	s := ""
	for i, t := range tags {
		if i > 0 {
			s += ","
		}
		s += t
	}
	return s
}

func validateCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "svcsim validate: name at least one scenario file")
		return exitBadInput
	}
	code := exitOK
	for _, n := range args {
		if _, err := loadFile(n); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				fmt.Fprintf(stderr, "svcsim: %s: no such file\n", n)
			} else {
				fmt.Fprintln(stderr, err)
			}
			code = exitBadInput
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", n)
	}
	return code
}

// writePcap writes a run's capture file.
func writePcap(name string, rep *scenarios.Report) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := scenarios.WritePcap(f, rep); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
