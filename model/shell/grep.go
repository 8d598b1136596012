package shell

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
)

const grepUsage = "BusyBox v1.31.1 () multi-call binary.\n\n" +
	"Usage: grep [-HhnlLoqvsriwFE] [-m N] [-A/B/C N] PATTERN/-e PATTERN.../-f FILE [FILE]...\n\n" +
	"Search for PATTERN in FILEs (or stdin)\n" +
	"\n\t-H\tAdd 'filename:' prefix\n\t-h\tDo not add 'filename:' prefix\n\t-n\tAdd 'line_no:' prefix" +
	"\n\t-l\tShow only names of files that match\n\t-L\tShow only names of files that don't match" +
	"\n\t-c\tShow only count of matching lines\n\t-o\tShow only the matching part of line" +
	"\n\t-q\tQuiet. Return 0 if PATTERN is found, 1 otherwise\n\t-v\tSelect non-matching lines" +
	"\n\t-s\tSuppress open and read errors\n\t-r\tRecurse\n\t-i\tIgnore case\n\t-w\tMatch whole words only" +
	"\n\t-x\tMatch whole lines only\n\t-F\tPATTERN is a literal (not regexp)\n\t-E\tPATTERN is an extended regexp" +
	"\n\t-m N\tMatch up to N times per file\n\t-A N\tPrint N lines of trailing context" +
	"\n\t-B N\tPrint N lines of leading context\n\t-C N\tSame as '-A N -B N'" +
	"\n\t-e PTRN\tPattern to match\n\t-f FILE\tRead pattern from file\n"

type grepOpts struct {
	invert, icase, ere, fixed, count, quiet, number, line, word bool
	after, before                                               int // -A, -B (-C sets both)
	patterns                                                    []string
	operands                                                    []string
}

// grep is busybox grep over stdin. Options may follow the pattern
// (getopt_long permutes); exit 0 when a line was selected, 1 when none,
// 2 on a usage error or a bad regexp.
func grep(argv []string, stdin string) (string, string, int, bool) {
	o, errMsg := grepParse(argv[1:])
	if errMsg != "" {
		return "", errMsg, 2, true
	}
	if len(o.patterns) == 0 {
		if len(o.operands) == 0 {
			return "", grepUsage, 2, true
		}
		o.patterns, o.operands = o.operands[:1], o.operands[1:]
	}
	if len(o.operands) > 0 && !(len(o.operands) == 1 && o.operands[0] == "-") {
		return "", "", 0, false
	}
	res := make([]*regexp.Regexp, 0, len(o.patterns))
	for _, p := range o.patterns {
		re, err := o.compile(p)
		if err != nil {
			return "", fmt.Sprintf("grep: bad regex '%s': %s\n", p, regerror(err)), 2, true
		}
		res = append(res, re)
	}
	var out strings.Builder
	all := lines(stdin)
	emit := func(i int, sep byte) {
		if o.number {
			fmt.Fprintf(&out, "%d%c", i+1, sep)
		}
		out.WriteString(all[i] + "\n")
	}
	n := 0
	printed, trailing := -1, 0 // last line printed; context lines still due after a match
	for i, l := range all {
		matched := false
		for _, re := range res {
			if re.MatchString(l) {
				matched = true
				break
			}
		}
		if matched == o.invert {
			if trailing > 0 && !o.count {
				emit(i, '-')
				printed, trailing = i, trailing-1
			}
			continue
		}
		n++
		if o.quiet {
			return "", "", 0, true
		}
		if o.count {
			continue
		}
		// Leading context, and "--" between groups that do not touch.
		start := max(i-o.before, printed+1)
		if (o.before > 0 || o.after > 0) && printed >= 0 && start > printed+1 {
			out.WriteString("--\n")
		}
		for j := start; j < i; j++ {
			emit(j, '-')
		}
		emit(i, ':')
		printed, trailing = i, o.after
	}
	if o.count {
		fmt.Fprintf(&out, "%d\n", n)
	}
	if n == 0 {
		return out.String(), "", 1, true
	}
	return out.String(), "", 0, true
}

func grepParse(args []string) (grepOpts, string) {
	var o grepOpts
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			o.operands = append(o.operands, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			o.operands = append(o.operands, a)
			continue
		}
		for j := 1; j < len(a); j++ {
			switch c := a[j]; c {
			case 'v':
				o.invert = true
			case 'i':
				o.icase = true
			case 'E':
				o.ere = true
			case 'F':
				o.fixed = true
			case 'c':
				o.count = true
			case 'q':
				o.quiet = true
			case 'n':
				o.number = true
			case 'x':
				o.line = true
			case 'w':
				o.word = true
			case 's', 'h', 'H':
			case 'A', 'B', 'C':
				v := a[j+1:]
				if v == "" {
					if i+1 >= len(args) {
						return o, "grep: option requires an argument: " + string(c) + "\n" + grepUsage
					}
					i++
					v = args[i]
				}
				k, err := strconv.Atoi(v)
				if err != nil || k < 0 {
					return o, "grep: invalid number '" + v + "'\n"
				}
				if c != 'B' {
					o.after = k
				}
				if c != 'A' {
					o.before = k
				}
				j = len(a)
			case 'e':
				if j+1 < len(a) {
					o.patterns = append(o.patterns, a[j+1:])
				} else if i+1 < len(args) {
					i++
					o.patterns = append(o.patterns, args[i])
				} else {
					return o, "grep: option requires an argument: e\n" + grepUsage
				}
				j = len(a)
			default:
				return o, "grep: unrecognized option: " + string(c) + "\n" + grepUsage
			}
		}
	}
	return o, ""
}

func (o grepOpts) compile(p string) (*regexp.Regexp, error) {
	var expr string
	switch {
	case o.fixed:
		expr = regexp.QuoteMeta(p)
	case o.ere:
		expr = ereToRE2(p)
	default:
		expr = breToRE2(p)
	}
	if o.line {
		expr = "^(?:" + expr + ")$"
	} else if o.word {
		expr = `(?:^|[^[:alnum:]_])(?:` + expr + `)(?:[^[:alnum:]_]|$)`
	}
	if o.icase {
		expr = "(?i)" + expr
	}
	return regexp.Compile(expr)
}

// regerror words a compile error the way musl's regerror does.
func regerror(err error) string {
	if se, ok := err.(*syntax.Error); ok {
		switch se.Code {
		case syntax.ErrMissingBracket:
			return "Missing ']'"
		case syntax.ErrMissingParen, syntax.ErrUnexpectedParen:
			return "Missing ')'"
		case syntax.ErrMissingRepeatArgument, syntax.ErrInvalidRepeatOp:
			return "Invalid use of repetition operators"
		case syntax.ErrInvalidRepeatSize:
			return "Invalid contents of {}"
		case syntax.ErrTrailingBackslash, syntax.ErrInvalidEscape:
			return "Trailing backslash"
		case syntax.ErrInvalidCharRange:
			return "Invalid character range"
		}
	}
	return "Invalid regexp"
}

// bracket copies a POSIX bracket expression starting at p[i] == '['
// into b as an RE2 class, returning the index after it (or -1 if it is
// not closed). Backslash is literal inside brackets in POSIX.
func bracket(b *strings.Builder, p string, i int) int {
	j := i + 1
	b.WriteByte('[')
	if j < len(p) && p[j] == '^' {
		b.WriteByte('^')
		j++
	}
	if j < len(p) && p[j] == ']' {
		b.WriteString(`\]`)
		j++
	}
	for ; j < len(p); j++ {
		switch {
		case p[j] == ']':
			b.WriteByte(']')
			return j + 1
		case p[j] == '[' && j+1 < len(p) && (p[j+1] == ':' || p[j+1] == '.' || p[j+1] == '='):
			end := strings.Index(p[j+2:], string(p[j+1])+"]")
			if end < 0 {
				return -1
			}
			b.WriteString(p[j : j+2+end+2])
			j += 2 + end + 1
		case p[j] == '\\' || p[j] == '[':
			b.WriteString(`\` + p[j:j+1])
		default:
			b.WriteByte(p[j])
		}
	}
	return -1
}

// breToRE2 translates a POSIX basic regexp (with the GNU \| \+ \?
// extensions musl accepts) into RE2 syntax.
func breToRE2(p string) string {
	var b strings.Builder
	atStart := true // where '*' is literal
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '[':
			j := bracket(&b, p, i)
			if j < 0 {
				return p[:0] + "[" // an unclosed bracket: let RE2 report it
			}
			i, atStart = j, false
			continue
		case c == '\\' && i+1 < len(p):
			d := p[i+1]
			switch d {
			case '(', ')', '|', '{', '}', '+', '?':
				b.WriteByte(d)
			case '<', '>':
				b.WriteString(`\b`)
			default:
				b.WriteString(regexp.QuoteMeta(p[i+1 : i+2]))
			}
			i += 2
			atStart = d == '(' || d == '|'
			continue
		case c == '*' && atStart:
			b.WriteString(`\*`)
		case c == '+' || c == '?' || c == '|' || c == '(' || c == ')' || c == '{' || c == '}':
			b.WriteString(`\` + string(c))
		case c == '^' && i != 0 && !atStart:
			b.WriteString(`\^`)
		case c == '$' && i != len(p)-1 && !(i+2 < len(p) && p[i+1] == '\\' && p[i+2] == ')'):
			b.WriteString(`\$`)
		default:
			b.WriteByte(c)
		}
		atStart = c == '^' && atStart
		i++
	}
	return b.String()
}

// ereToRE2 translates a POSIX extended regexp into RE2 syntax; only
// bracket expressions differ.
func ereToRE2(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); {
		if p[i] == '[' {
			j := bracket(&b, p, i)
			if j < 0 {
				return "["
			}
			i = j
			continue
		}
		if p[i] == '\\' && i+1 < len(p) {
			if d := p[i+1]; d == '<' || d == '>' {
				b.WriteString(`\b`)
			} else {
				b.WriteString(p[i : i+2])
			}
			i += 2
			continue
		}
		b.WriteByte(p[i])
		i++
	}
	return b.String()
}
