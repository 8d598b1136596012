package shell

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// builtin runs a built-in command. handled is false when the command
// must go to Exec instead (a filter given file operands).
type builtin func(argv []string, stdin string) (stdout, stderr string, exit int, handled bool)

var builtins map[string]builtin

func init() {
	builtins = map[string]builtin{
		"echo": echo, "printf": printfCmd, "true": constant(0), "false": constant(1), ":": constant(0),
		"cat": cat, "grep": grep, "head": headTail(false), "tail": headTail(true), "wc": wc, "sort": sortCmd,
	}
}

func constant(code int) builtin {
	return func([]string, string) (string, string, int, bool) { return "", "", code, true }
}

// echo is ash's echo: leading -n, -e, -E (only whole words made of those
// letters) are options; escapes are interpreted only with -e.
func echo(argv []string, _ string) (string, string, int, bool) {
	args := argv[1:]
	newline, escapes := true, false
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && strings.Trim(args[0][1:], "neE") == "" {
		for _, c := range args[0][1:] {
			switch c {
			case 'n':
				newline = false
			case 'e':
				escapes = true
			case 'E':
				escapes = false
			}
		}
		args = args[1:]
	}
	s := strings.Join(args, " ")
	if escapes {
		var stop bool
		s, stop = unescape(s, true)
		if stop {
			return s, "", 0, true
		}
	}
	if newline {
		s += "\n"
	}
	return s, "", 0, true
}

// unescape interprets \n \t \\ \a \b \f \r \v \0NNN (and \c, which stops
// output, when allowC).
func unescape(s string, allowC bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '\\':
			b.WriteByte('\\')
		case 'c':
			if allowC {
				return b.String(), true
			}
			b.WriteString("\\c")
		case '0':
			n, j := 0, i+1
			for ; j < len(s) && j < i+4 && s[j] >= '0' && s[j] <= '7'; j++ {
				n = n*8 + int(s[j]-'0')
			}
			b.WriteByte(byte(n))
			i = j - 1
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), false
}

// printfCmd is a basic printf: %s %d %i %c %x %o %%, \ escapes, and the
// format reused while arguments remain.
func printfCmd(argv []string, _ string) (string, string, int, bool) {
	if len(argv) < 2 {
		return "", "BusyBox v1.31.1 () multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n\nFormat and print ARG(s) according to FORMAT (a-la C printf)\n", 1, true
	}
	format, _ := unescape(argv[1], false)
	args := argv[2:]
	var out, errs strings.Builder
	code := 0
	for {
		used := printfOnce(&out, &errs, &code, format, &args)
		if len(args) == 0 || used == 0 {
			break
		}
	}
	return out.String(), errs.String(), code, true
}

func printfOnce(out, errs *strings.Builder, code *int, format string, args *[]string) int {
	used := 0
	next := func() string {
		if len(*args) == 0 {
			return ""
		}
		a := (*args)[0]
		*args = (*args)[1:]
		used++
		return a
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 >= len(format) {
			out.WriteByte(format[i])
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("-+ #0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			out.WriteString(format[i:])
			break
		}
		spec, verb := format[i+1:j], format[j]
		switch verb {
		case '%':
			out.WriteByte('%')
		case 's':
			fmt.Fprintf(out, "%"+spec+"s", next())
		case 'c':
			if a := next(); a != "" {
				out.WriteByte(a[0])
			}
		case 'd', 'i', 'x', 'X', 'o', 'u':
			a := next()
			n, err := strconv.ParseInt(strings.TrimSpace(a), 0, 64)
			if err != nil && a != "" {
				fmt.Fprintf(errs, "printf: invalid number '%s'\n", a)
				*code = 1
			}
			v := map[byte]byte{'i': 'd', 'u': 'd'}[verb]
			if v == 0 {
				v = verb
			}
			fmt.Fprintf(out, "%"+spec+string(v), n)
		default:
			out.WriteString(format[i : j+1])
		}
		i = j
	}
	return used
}

// cat copies stdin; with operands (other than "-") it is the pod's cat.
func cat(argv []string, stdin string) (string, string, int, bool) {
	for _, a := range argv[1:] {
		if a != "-" {
			return "", "", 0, false
		}
	}
	return stdin, "", 0, true
}

// lines splits text into lines without their newlines; a last line
// without a newline is still a line.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	ls := strings.Split(s, "\n")
	if ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// headTail implements head and tail: -n N, -N, and tail's -n +N.
func headTail(tail bool) builtin {
	name := "head"
	if tail {
		name = "tail"
	}
	return func(argv []string, stdin string) (string, string, int, bool) {
		n, fromStart, files, errMsg := countArg(name, argv[1:])
		if errMsg != "" {
			return "", errMsg, 1, true
		}
		if len(files) > 0 {
			return "", "", 0, false
		}
		ls := lines(stdin)
		keepNL := strings.HasSuffix(stdin, "\n")
		var sel []string
		switch {
		case !tail:
			sel = ls[:min(n, len(ls))]
			keepNL = keepNL || n < len(ls)
		case fromStart:
			sel = ls[min(max(n-1, 0), len(ls)):]
		default:
			sel = ls[len(ls)-min(n, len(ls)):]
		}
		if len(sel) == 0 {
			return "", "", 0, true
		}
		out := strings.Join(sel, "\n")
		if keepNL {
			out += "\n"
		}
		return out, "", 0, true
	}
}

// countArg parses head/tail options: -n N, -nN, -N, -n +N.
func countArg(name string, args []string) (n int, fromStart bool, files []string, errMsg string) {
	n = 10
	for i := 0; i < len(args); i++ {
		a := args[i]
		var v string
		switch {
		case a == "-n" && i+1 < len(args):
			i++
			v = args[i]
		case strings.HasPrefix(a, "-n") && len(a) > 2:
			v = a[2:]
		case len(a) > 1 && a[0] == '-' && a[1] >= '0' && a[1] <= '9':
			v = a[1:]
		case a == "-n":
			return 0, false, nil, name + ": option requires an argument: n\n"
		case len(a) > 1 && a[0] == '-':
			return 0, false, nil, name + ": unrecognized option: " + a[1:2] + "\n"
		default:
			files = append(files, a)
			continue
		}
		if strings.HasPrefix(v, "+") {
			fromStart, v = true, v[1:]
		}
		k, err := strconv.Atoi(v)
		if err != nil || k < 0 {
			return 0, false, nil, name + ": invalid number '" + v + "'\n"
		}
		n = k
	}
	return n, fromStart, files, ""
}

// wc counts lines, words and bytes of stdin as busybox wc prints them.
func wc(argv []string, stdin string) (string, string, int, bool) {
	var want []byte
	for _, a := range argv[1:] {
		if len(a) > 1 && a[0] == '-' {
			for _, c := range []byte(a[1:]) {
				if strings.IndexByte("lwc", c) < 0 {
					return "", "wc: unrecognized option: " + string(c) + "\n", 1, true
				}
				want = append(want, c)
			}
			continue
		}
		return "", "", 0, false
	}
	counts := map[byte]int{'l': strings.Count(stdin, "\n"), 'w': len(strings.Fields(stdin)), 'c': len(stdin)}
	order := []byte{'l', 'w', 'c'}
	sel := order
	if len(want) > 0 {
		sel = nil
		for _, c := range order {
			if strings.IndexByte(string(want), c) >= 0 {
				sel = append(sel, c)
			}
		}
	}
	if len(sel) == 1 {
		return fmt.Sprintf("%d\n", counts[sel[0]]), "", 0, true
	}
	var b strings.Builder
	for i, c := range sel {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%9d", counts[c])
	}
	return b.String() + "\n", "", 0, true
}

// sortCmd sorts stdin's lines bytewise (C locale); -r, -n, -u.
func sortCmd(argv []string, stdin string) (string, string, int, bool) {
	rev, num, uniq := false, false, false
	for _, a := range argv[1:] {
		if len(a) < 2 || a[0] != '-' {
			return "", "", 0, false
		}
		for _, c := range a[1:] {
			switch c {
			case 'r':
				rev = true
			case 'n':
				num = true
			case 'u':
				uniq = true
			default:
				return "", "sort: unrecognized option: " + string(c) + "\n", 1, true
			}
		}
	}
	ls := lines(stdin)
	less := func(a, b string) bool { return a < b }
	if num {
		less = func(a, b string) bool {
			x, y := leadingNumber(a), leadingNumber(b)
			if x != y {
				return x < y
			}
			return a < b
		}
	}
	sort.SliceStable(ls, func(i, j int) bool {
		if rev {
			return less(ls[j], ls[i])
		}
		return less(ls[i], ls[j])
	})
	if uniq {
		var u []string
		for i, l := range ls {
			if i == 0 || l != ls[i-1] {
				u = append(u, l)
			}
		}
		ls = u
	}
	if len(ls) == 0 {
		return "", "", 0, true
	}
	return strings.Join(ls, "\n") + "\n", "", 0, true
}

func leadingNumber(s string) float64 {
	s = strings.TrimLeft(s, " \t")
	j := 0
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || (j == 0 && s[j] == '-')) {
		j++
	}
	f, _ := strconv.ParseFloat(s[:j], 64)
	return f
}
