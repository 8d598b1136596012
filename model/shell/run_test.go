package shell

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// nslookupOut is busybox 1.31 nslookup for a ClusterIP Service from a
// pod in default (as model/dns prints it).
const nslookupOut = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n" +
	"Name:\tnumbers-api.default.svc.cluster.local\nAddress: 10.96.45.12\n\n" +
	"** server can't find numbers-api.svc.cluster.local: NXDOMAIN\n\n" +
	"** server can't find numbers-api.cluster.local: NXDOMAIN\n\n\n" +
	"** server can't find numbers-api.svc.cluster.local: NXDOMAIN\n\n" +
	"** server can't find numbers-api.cluster.local: NXDOMAIN\n\n"

// fakeExec is the pod's programs: nslookup, kubectl, ping, and cat of
// one file; anything else is not found.
func fakeExec(argv []string, stdin string) (string, string, int) {
	switch strings.Join(argv, " ") {
	case "nslookup numbers-api":
		return nslookupOut, "", 1
	case "kubectl get pod -l app=sleep-2 --output jsonpath={.items[0].status.podIP}":
		return "10.244.2.5", "", 0
	case "cat /etc/resolv.conf":
		return "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n", "", 0
	case "cat /nope":
		return "", "cat: can't open '/nope': No such file or directory\n", 1
	case "grep nameserver /etc/resolv.conf":
		return "nameserver 10.96.0.10\n", "", 0
	case "upper":
		return strings.ToUpper(stdin), "", 0
	case "fail":
		return "", "fail: boom\n", 3
	}
	if argv[0] == "ping" || argv[0] == "args" {
		return strings.Join(argv, "|") + "\n", "", 0
	}
	return "", "", 127
}

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name, script, stdout, stderr string
		exit                         int
	}{
		{"tail_source_text", "nslookup numbers-api | tail -n 5", "\n** server can't find numbers-api.svc.cluster.local: NXDOMAIN\n\n** server can't find numbers-api.cluster.local: NXDOMAIN\n\n", "", 0},
		{"grep_source_text", `nslookup numbers-api | grep "^[^*]"`, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\nName:\tnumbers-api.default.svc.cluster.local\nAddress: 10.96.45.12\n", "", 0},
		{"command_substitution", "ping -c 2 $(kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}')", "ping|-c|2|10.244.2.5\n", "", 0},
		{"backquotes", "args `echo a b` \"`echo c  d`\"", "args|a|b|c d\n", "", 0},
		{"quotes_and_escapes", `args 'a b' "c \"d\" \$e" f\ g h\\i ''`, "args|a b|c \"d\" $e|f g|h\\i|\n", "", 0},
		{"unset_variable", `args $HOME "$NOPE" x${Y}z`, "args||xz\n", "", 0},
		{"status_variable", "false; echo $?; true && echo $?", "1\n0\n", "", 0},
		{"and_or", "false && echo no || echo yes; true || echo no", "yes\n", "", 0},
		{"pipeline_status", "echo x | false", "", "", 1},
		{"pipeline_three", "printf 'b\\na\\nc\\n' | sort | head -n 2", "a\nb\n", "", 0},
		{"not_found", "xyz --help", "", "sh: xyz: not found\n", 127},
		{"not_found_in_pipeline", "xyz | wc -l", "0\n", "sh: xyz: not found\n", 0},
		{"unterminated_single", "echo 'abc", "", "sh: syntax error: unterminated quoted string\n", 2},
		{"unterminated_double", `echo "abc`, "", "sh: syntax error: unterminated quoted string\n", 2},
		{"unexpected_pipe", "| grep x", "", "sh: syntax error: unexpected \"|\"\n", 2},
		{"unexpected_eof", "echo a &&", "", "sh: syntax error: unexpected end of file\n", 2},
		{"unexpected_semicolon", "; echo", "", "sh: syntax error: unexpected \";\"\n", 2},
		{"unclosed_substitution", "echo $(echo a", "", "sh: syntax error: unexpected end of file (expecting \")\")\n", 2},
		{"stray_paren", "echo a )", "", "sh: syntax error: unexpected \")\"\n", 2},
		{"grep_count", "cat /etc/resolv.conf | grep -c a", "2\n", "", 0},
		{"grep_quiet_invert_icase", "cat /etc/resolv.conf | grep -qvi NAMESERVER && echo some", "some\n", "", 0},
		{"grep_no_match", "echo abc | grep -E 'x|y'", "", "", 1},
		{"grep_ere_alternation", "printf 'ax\\nby\\ncz\\n' | grep -E 'x|z'", "ax\ncz\n", "", 0},
		{"grep_bre_literal_plus", "printf 'a+b\\naab\\n' | grep 'a+b'", "a+b\n", "", 0},
		{"grep_file_goes_to_exec", "grep nameserver /etc/resolv.conf", "nameserver 10.96.0.10\n", "", 0},
		{"grep_bad_regex", "echo a | grep '['", "", "grep: bad regex '[': Missing ']'\n", 2},
		{"grep_after_context", "printf 'a\\nx1\\nb\\nc\\nd\\nx2\\ne\\n' | grep -A1 x", "x1\nb\n--\nx2\ne\n", "", 0},
		{"grep_before_context_numbered", "printf 'a\\nb\\nx\\nc\\n' | grep -n -B 2 x", "1-a\n2-b\n3:x\n", "", 0},
		{"grep_context_groups_touch", "printf 'x\\na\\nx\\nb\\nc\\nd\\n' | grep -C1 x", "x\na\nx\nb\n", "", 0},
		{"grep_bad_context", "echo a | grep -A z a", "", "grep: invalid number 'z'\n", 2},
		{"tail_plus", "printf '1\\n2\\n3\\n' | tail -n +2", "2\n3\n", "", 0},
		{"tail_dash_n", "printf '1\\n2\\n3\\n' | tail -1", "3\n", "", 0},
		{"head_default", "printf '1\\n2\\n' | head", "1\n2\n", "", 0},
		{"wc_all", "printf 'a b\\nc\\n' | wc", "        2         3         6\n", "", 0},
		{"sort_numeric_reverse_unique", "printf '10\\n9\\n10\\n100\\n' | sort -nru", "100\n10\n9\n", "", 0},
		{"echo_options", "echo -n a; echo -e 'b\\tc'; echo 'd\\n'", "ab\tc\nd\\n\n", "", 0},
		{"printf_reuse", "printf '%s=%d\\n' a 1 b 2", "a=1\nb=2\n", "", 0},
		{"redirect_stderr_null", "fail 2>/dev/null; echo $?", "3\n", "", 0},
		{"redirect_merge", "fail 2>&1 | upper", "FAIL: BOOM\n", "", 0},
		{"redirect_to_stderr", "echo hi >&2", "", "hi\n", 0},
		{"redirect_stdout_null", "echo hi > /dev/null", "", "", 0},
		{"redirect_input", "upper < /etc/resolv.conf | head -n 1", "NAMESERVER 10.96.0.10\n", "", 0},
		{"redirect_input_missing", "upper < /nope", "", "sh: can't open '/nope': No such file or directory\n", 1},
		{"subshell", "(echo a; echo b) | wc -l", "2\n", "", 0},
		{"exit_code", "echo a; exit 4; echo b", "a\n", "", 4},
		{"comments_and_newlines", "echo a # hidden\necho b", "a\nb\n", "", 0},
		{"empty", "", "", "", 0},
		{"substitution_status", "$(false)", "", "", 1},
		{"cat_stdin", "echo x | cat -", "x\n", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, exit := Run(tc.script, fakeExec)
			got := []any{stdout, stderr, exit}
			want := []any{tc.stdout, tc.stderr, tc.exit}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Run(%q) mismatch (-want +got):\n%s", tc.script, diff)
			}
		})
	}
}

// TestRedirectToFiles: output redirections write through the runner's tee,
// which owns the files; a runner that cannot create one makes it sh's
// "can't create" error.
func TestRedirectToFiles(t *testing.T) {
	for _, tc := range []struct {
		name, script, stdout, stderr string
		exit                         int
		files                        map[string]string
	}{
		{"create_then_read", "echo ok > /tmp/ready; cat /tmp/ready", "ok\n", "", 0, map[string]string{"/tmp/ready": "ok\n"}},
		{"truncate_then_append", "echo a > f; echo b > f; echo c >> f", "", "", 0, map[string]string{"f": "b\nc\n"}},
		{"stderr_to_file", "fail 2> err; echo $?", "3\n", "", 0, map[string]string{"err": "fail: boom\n"}},
		{"stdout_to_file_stderr_kept", "printf 'x\\n' > out; fail", "", "fail: boom\n", 3, map[string]string{"out": "x\n"}},
		{"nothing_left_to_pipe", "echo hi > f | wc -l", "0\n", "", 0, map[string]string{"f": "hi\n"}},
		{"dev_stdout_and_stderr", "echo out > /dev/stderr; fail 2> /dev/stdout; echo $?", "fail: boom\n3\n", "out\n", 0, map[string]string{}},
		{"cannot_create", "echo x > /ro/f; echo $?", "1\n", "sh: can't create /ro/f: nonexistent directory\n", 0, map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			exec := func(argv []string, stdin string) (string, string, int) {
				switch {
				case argv[0] == "tee" && strings.HasPrefix(argv[len(argv)-1], "/ro/"):
					return "", "tee: " + argv[len(argv)-1] + ": Read-only file system\n", 1
				case argv[0] == "tee" && argv[1] == "-a":
					files[argv[2]] += stdin
					return stdin, "", 0
				case argv[0] == "tee":
					files[argv[1]] = stdin
					return stdin, "", 0
				case argv[0] == "cat":
					return files[argv[1]], "", 0
				}
				return fakeExec(argv, stdin)
			}
			stdout, stderr, exit := Run(tc.script, exec)
			if diff := cmp.Diff([]any{tc.stdout, tc.stderr, tc.exit}, []any{stdout, stderr, exit}); diff != "" {
				t.Errorf("Run(%q) mismatch (-want +got):\n%s", tc.script, diff)
			}
			if diff := cmp.Diff(tc.files, files); diff != "" {
				t.Errorf("files after Run(%q) (-want +got):\n%s", tc.script, diff)
			}
		})
	}
}
