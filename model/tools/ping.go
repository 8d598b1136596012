package tools

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/network"
)

// PingOptions is a parsed busybox ping command line. Net is what the
// network needs; the rest only changes what is printed.
type PingOptions struct {
	Net network.PingOptions
	// Quiet is -q: no per-reply lines.
	Quiet bool
	// Deadline is -w: ping exits after this long whatever -c says.
	Deadline time.Duration
	// Size is -s, the ICMP payload size (default 56).
	Size int
	// CountFlag is -c as given (0 when absent); busybox's exit status
	// compares replies against it.
	CountFlag int
	// Unbounded says neither -c nor -w was given: the real ping runs
	// until interrupted. Net.Count is then 0 and the caller decides when
	// the learner "pressed Ctrl-C".
	Unbounded bool
}

// pingUsage is the FEATURE_FANCY_PING usage text of BusyBox 1.31.1 with
// PING6 enabled, as Alpine builds it.
const pingUsage = "[OPTIONS] HOST\n\n" +
	"Send ICMP ECHO_REQUEST packets to network hosts\n" +
	"\n\t-4,-6\t\tForce IP or IPv6 name resolution" +
	"\n\t-c CNT\t\tSend only CNT pings" +
	"\n\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)" +
	"\n\t-i SECS\t\tInterval" +
	"\n\t-A\t\tPing as soon as reply is recevied" +
	"\n\t-t TTL\t\tSet TTL" +
	"\n\t-I IFACE/IP\tSource interface or IP address" +
	"\n\t-W SEC\t\tSeconds to wait for the first response (default 10)" +
	"\n\t\t\t(after all -c CNT packets are sent)" +
	"\n\t-w SEC\t\tSeconds until ping exits (default:infinite)" +
	"\n\t\t\t(can exit earlier with -c CNT)" +
	"\n\t-q\t\tQuiet, only display output at start" +
	"\n\t\t\tand when finished" +
	"\n\t-p HEXBYTE\tPattern to use for payload"

// pingOpts is ping's getopt string "qvAc:+s:t:+w:+W:+I:np:i:46".
var pingOpts = optSpec{'q': false, 'v': false, 'A': false, 'c': true, 's': true, 't': true,
	'w': true, 'W': true, 'I': true, 'n': false, 'p': true, 'i': true, '4': false, '6': false}

// ParsePing parses the arguments after "ping" as BusyBox 1.31.1 does.
// A usage or number error is an *ExitError carrying ping's own text.
func ParsePing(args []string) (PingOptions, error) {
	o := PingOptions{Size: 56, Net: network.PingOptions{Interval: time.Second, Wait: 10 * time.Second}}
	opts, rest, err := getopt("ping", args, pingOpts)
	if err != nil {
		u := bbUsage("ping", pingUsage)
		u.Stderr = err.Error() + "\n" + u.Stderr
		return o, u
	}
	quiet, verbose := false, false
	for _, op := range opts {
		if err := o.apply(op); err != nil {
			return o, err
		}
		quiet = quiet || op.Name == 'q'
		verbose = verbose || op.Name == 'v'
	}
	// "=1:q--v:v--q": exactly one operand, -q and -v exclude each other.
	if len(rest) != 1 || (quiet && verbose) {
		return o, bbUsage("ping", pingUsage)
	}
	o.Quiet = quiet
	o.Net.Target = rest[0]
	if o.Net.Count == 0 {
		if o.Deadline > 0 {
			// Requests go out at 0, i, 2i, ... until the deadline.
			o.Net.Count = int((o.Deadline + o.Net.Interval - 1) / o.Net.Interval)
		} else {
			o.Unbounded = true
		}
	}
	return o, nil
}

func (o *PingOptions) apply(op opt) error {
	var n int
	var err error
	switch op.Name {
	case 'c', 't', 'w', 'W':
		n, err = bbNumber("ping", op.Arg)
	case 's':
		n, err = bbNumber("ping", op.Arg)
		if err == nil && n > 65535 {
			err = &ExitError{Stderr: "ping: number " + op.Arg + " is not in 0..65535 range\n", Code: 1}
		}
	case 'i':
		var d time.Duration
		d, err = bbDuration("ping", op.Arg)
		if d > 0 {
			o.Net.Interval = d
		}
	case 'p':
		if v, perr := strconv.ParseUint(op.Arg, 16, 8); perr != nil || v > 255 {
			err = &ExitError{Stderr: "ping: invalid number '" + op.Arg + "'\n", Code: 1}
		}
	}
	if err != nil {
		return err
	}
	switch op.Name {
	case 'c':
		o.Net.Count, o.CountFlag = n, n
	case 's':
		o.Size = n
	case 'w':
		o.Deadline = time.Duration(n) * time.Second
	case 'W':
		o.Net.Wait = time.Duration(n) * time.Second
	}
	return nil
}

// bbDuration parses BusyBox's parse_duration_str: a decimal number of
// seconds, fractions allowed, with an optional s/m/h/d suffix.
func bbDuration(prog, s string) (time.Duration, error) {
	bad := &ExitError{Stderr: prog + ": invalid number '" + s + "'\n", Code: 1}
	mult := time.Second
	num := s
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 's':
			num = s[:n-1]
		case 'm':
			num, mult = s[:n-1], time.Minute
		case 'h':
			num, mult = s[:n-1], time.Hour
		case 'd':
			num, mult = s[:n-1], 24*time.Hour
		}
	}
	if num == "" || strings.ContainsAny(num, "eE+-xXpP") {
		return 0, bad
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f > 1e6 {
		return 0, bad
	}
	return time.Duration(f * float64(mult)), nil
}

// FormatPing writes what busybox ping prints for a finished run: the
// PING line, one line per reply, the statistics block and the exit
// status (1 when nothing came back, or when -w ran out before -c replies).
func FormatPing(o PingOptions, res network.PingResult) (stdout, stderr string, exit int) {
	if res.ErrText != "" {
		return "", "ping: " + res.ErrText + "\n", 1
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PING %s (%s): %d data bytes\n", o.Net.Target, res.Addr, o.Size)
	var tsum, tmin, tmax int64
	tmin = -1
	for _, r := range res.Replies {
		us := r.RTT.Microseconds()
		tsum += us
		if tmin < 0 || us < tmin {
			tmin = us
		}
		if us > tmax {
			tmax = us
		}
		if !o.Quiet {
			fmt.Fprintf(&b, "%d bytes from %s: seq=%d ttl=%d time=%s ms\n", o.Size+8, res.Addr, r.Seq, r.TTL, usText(us))
		}
	}
	nrecv := len(res.Replies)
	loss := 0
	if res.Sent > 0 {
		loss = (res.Sent - nrecv) * 100 / res.Sent
	}
	fmt.Fprintf(&b, "\n--- %s ping statistics ---\n%d packets transmitted, %d packets received, %d%% packet loss\n",
		o.Net.Target, res.Sent, nrecv, loss)
	if nrecv > 0 {
		fmt.Fprintf(&b, "round-trip min/avg/max = %s/%s/%s ms\n", usText(tmin), usText(tsum/int64(nrecv)), usText(tmax))
	}
	if nrecv == 0 || (o.Deadline > 0 && nrecv < o.CountFlag) {
		exit = 1
	}
	return b.String(), "", exit
}

// usText prints microseconds as busybox does: "%u.%03u" milliseconds.
func usText(us int64) string { return fmt.Sprintf("%d.%03d", us/1000, us%1000) }
