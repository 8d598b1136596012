package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/tui"
)

// isTerminal reports whether f is an interactive terminal (a character
// device), as the UI needs on both ends.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// interactive reports whether svcsim may open its UI: stdin and stdout
// are terminals.
func interactive(stdout io.Writer) bool { return isTerminal(os.Stdin) && isTerminal(stdout) }

// tuiCmd opens the terminal UI: the library, or the scenario named.
func tuiCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tui", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mono := fs.Bool("mono", false, "draw without colour (NO_COLOR does the same)")
	seed := fs.String("seed", "", "override the scenario's seed")
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return exitBadInput
	}
	if len(names) > 1 {
		fmt.Fprintln(stderr, "svcsim tui: name one scenario file or built-in name")
		return exitBadInput
	}
	opts := tui.Options{Mono: *mono}
	if *seed != "" {
		v, err := strconv.ParseUint(*seed, 10, 64)
		if err != nil {
			fmt.Fprintf(stderr, "svcsim tui: --seed %q: want a non-negative integer\n", *seed)
			return exitBadInput
		}
		opts.Run.Seed = &v
	}
	if len(names) == 1 {
		list, code := resolve(names, stderr)
		if code != exitOK {
			return code
		}
		opts.Open = list[0]
	}
	if !interactive(stdout) {
		fmt.Fprintln(stderr, "svcsim tui: needs a terminal on stdin and stdout (use svcsim run in scripts and CI)")
		return exitBadInput
	}
	return openUI(opts, stdout, stderr)
}

func openUI(opts tui.Options, stdout, stderr io.Writer) int {
	lib, err := scenarios.Library()
	if err != nil {
		fmt.Fprintf(stderr, "svcsim: %v\n", err)
		return exitBadInput
	}
	opts.Library = lib
	if err := tui.Run(opts, os.Stdin, stdout); err != nil {
		fmt.Fprintf(stderr, "svcsim tui: %v\n", err)
		return exitBadInput
	}
	return exitOK
}
