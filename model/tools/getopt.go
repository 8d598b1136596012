package tools

// optSpec describes one short option for getopt: whether it takes an
// argument.
type optSpec map[byte]bool

// opt is one parsed option; Arg is set for options with an argument.
type opt struct {
	Name byte
	Arg  string
}

// getoptError is musl getopt's complaint about an option; the caller
// follows it with the applet's usage text.
type getoptError struct{ msg string }

func (e *getoptError) Error() string { return e.msg }

// getopt parses short options the way musl's getopt does for BusyBox
// applets: clustered flags ("-qc2"), an argument either attached or in
// the next word, "--" ends the options, and parsing stops at the first
// word that is not an option (musl does not permute). It returns the
// options in order and the remaining operands.
func getopt(prog string, args []string, spec optSpec) ([]opt, []string, error) {
	var opts []opt
	i := 0
	for i < len(args) {
		a := args[i]
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		for j := 1; j < len(a); j++ {
			c := a[j]
			hasArg, known := spec[c]
			if !known {
				return nil, nil, &getoptError{prog + ": unrecognized option: " + string(c)}
			}
			if !hasArg {
				opts = append(opts, opt{Name: c})
				continue
			}
			if j+1 < len(a) {
				opts = append(opts, opt{Name: c, Arg: a[j+1:]})
			} else if i+1 < len(args) {
				i++
				opts = append(opts, opt{Name: c, Arg: args[i]})
			} else {
				return nil, nil, &getoptError{prog + ": option requires an argument: " + string(c)}
			}
			break
		}
		i++
	}
	return opts, args[i:], nil
}

// bbNumber converts a BusyBox option number like xatoi_positive: decimal
// digits only (a leading '+' allowed by strtoul is not: BusyBox rejects
// it), no overflow past INT_MAX.
func bbNumber(prog, s string) (int, error) {
	if s == "" {
		return 0, &ExitError{Stderr: prog + ": invalid number '" + s + "'\n", Code: 1}
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, &ExitError{Stderr: prog + ": invalid number '" + s + "'\n", Code: 1}
		}
		n = n*10 + int(c-'0')
		if n > 1<<31-1 {
			return 0, &ExitError{Stderr: prog + ": number " + s + " is not in 0..2147483647 range\n", Code: 1}
		}
	}
	return n, nil
}
