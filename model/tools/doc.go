// Package tools models what the client tools a learner runs inside a pod
// print: their command lines are parsed the way the real tool parses them,
// and a network outcome (network.FetchResult, network.PingResult) is
// written out byte for byte as the real tool writes it.
//
// Modelled programs and versions:
//
//   - ping: BusyBox 1.31.1 ping (FEATURE_FANCY_PING) as shipped by Alpine
//     3.12, the base of the kiamol images (networking/ping.c). Options are
//     parsed with musl's getopt: parsing stops at the first operand, so
//     "ping HOST -c 1" is a usage error, as it is on Alpine.
//   - wget: BusyBox 1.31.1 wget (networking/wget.c, libbb/progress.c) with
//     the status bar a non-terminal stderr gets under kubectl exec.
//   - curl: 7.69.1 (Alpine 3.12, kiamol/ch03-sleep) and the 8.x line
//     (8.11.1 in curlimages/curl). Wording that changed between releases
//     is chosen by the version string handed to FormatCurl; see curlerr.go
//     for the table of which message belongs to which releases.
//
// Every image modelled is Alpine based, so strerror texts are musl's
// ("Operation timed out", "Host is unreachable"), not glibc's.
//
// Under kubectl exec without -t neither stdout nor stderr is a terminal.
// That is why curl prints its progress meter on stderr unless -s is given
// and wget prints one status-bar line per update followed by a newline.
//
// Time comes from the simulation (FetchResult.Elapsed, PingReply.RTT);
// nothing here reads a clock.
package tools
