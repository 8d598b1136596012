// Package shell runs the small POSIX sh subset a learner types after
// `kubectl exec POD -- sh -c '...'` and on the TUI's command line, the
// way BusyBox 1.31.1 ash (Alpine 3.12) runs it.
//
// Supported: words with single quotes, double quotes and backslash
// escapes; $(...) and `...` command substitution with field splitting;
// $? and $0 ($# is 0); any other $NAME, ${NAME} expands to nothing, as an
// unset variable does; pipelines a | b | c; lists with &&, ||, ; and
// newlines (a trailing & runs the command in the foreground); ( ... )
// subshells; # comments; the redirections > FILE, >> FILE, 2> FILE
// (written through the program runner's tee, FILE /dev/null discarding),
// 2>&1, >&2 and < FILE (read through the program runner's cat).
//
// Built in, as BusyBox implements them: echo, printf (basic), true,
// false, exit, and the filters grep (-v -i -E -F -c -q -e -n -x -w -A -B -C,
// POSIX basic regexps by default), head and tail (-n N, -N, tail -n +N),
// wc (-l -w -c), sort (-r -n -u) and cat. A filter given file operands is
// handed to the program runner, which owns the pod's files. Everything
// else goes to the Exec the caller supplies.
//
// Not modelled: variables and assignments, globbing, here-documents,
// control flow (if, for, while, case), functions, arithmetic, and the
// interleaving of stdout and stderr: each stream is collected in order,
// and 2>&1 appends a command's stderr after its stdout.
//
// Everything is synchronous: a program's output is complete before the
// next command in a pipeline reads it.
package shell
