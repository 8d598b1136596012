package tools

import (
	"fmt"
	"strings"
	"time"
)

// The progress meter libcurl writes to stderr when stdout is not a
// terminal and neither -s nor --no-progress-meter is given
// (lib/progress.c, same layout in 7.69.1 and 8.11.1).
const meterHeader = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
	"                                 Dload  Upload   Total   Spent    Left  Speed\n"

// meterSample is the meter's state at one update.
type meterSample struct {
	at         time.Duration // since the transfer started
	downloaded int64
	size       int64 // Content-Length; -1 unknown
}

// meterLine is one "\r..." update. speedFrom is the time of the oldest
// sample in curl's five-second window for the "Current" column.
func meterLine(s meterSample, speedFrom time.Duration) string {
	ms := s.at.Milliseconds()
	secs := int64(s.at / time.Second)
	div := ms
	if div <= 0 {
		div = 1
	}
	dlspeed := s.downloaded * 1000 / div
	var dlpct, estimate int64
	if s.size >= 0 && dlspeed > 0 {
		estimate = s.size / dlspeed
		dlpct = percent(s.downloaded, s.size)
	}
	expected := s.downloaded
	if s.size >= 0 {
		expected = s.size
	}
	total := int64(0)
	if expected > 0 {
		total = percent(s.downloaded, expected)
	}
	left := int64(0)
	if estimate > 0 {
		left = estimate - secs
	}
	span := (s.at - speedFrom).Milliseconds()
	if span <= 0 {
		span = 1
	}
	current := int64(0)
	if s.at > 0 {
		current = s.downloaded * 1000 / span
	}
	return fmt.Sprintf("\r%3d %s  %3d %s  %3d %s  %s  %s %s %s %s %s",
		total, max5(expected), dlpct, max5(s.downloaded), 0, max5(0),
		max5(dlspeed), max5(0), timeStr(estimate), timeStr(secs), timeStr(left), max5(current))
}

func percent(part, whole int64) int64 {
	if whole > 10000 {
		return part / (whole / 100)
	}
	return part * 100 / whole
}

// max5 is curl's max5data: a size in at most five characters.
func max5(b int64) string {
	const k, m, g = 1024, 1024 * 1024, 1024 * 1024 * 1024
	switch {
	case b < 100000:
		return fmt.Sprintf("%5d", b)
	case b < 10000*k:
		return fmt.Sprintf("%4dk", b/k)
	case b < 100*m:
		return fmt.Sprintf("%2d.%01dM", b/m, (b%m)/(m/10))
	case b < 10000*m:
		return fmt.Sprintf("%4dM", b/m)
	case b < 100*g:
		return fmt.Sprintf("%2d.%01dG", b/g, (b%g)/(g/10))
	}
	return fmt.Sprintf("%4dG", b/g)
}

// timeStr is curl's time2str.
func timeStr(secs int64) string {
	if secs <= 0 {
		return "--:--:--"
	}
	h := secs / 3600
	if h <= 99 {
		return fmt.Sprintf("%2d:%02d:%02d", h, (secs%3600)/60, secs%60)
	}
	d := secs / 86400
	if d <= 999 {
		return fmt.Sprintf("%3dd %02dh", d, (secs%86400)/3600)
	}
	return fmt.Sprintf("%7dd", d)
}

// meter renders the meter for a transfer that took elapsed: an update at
// the start, one per whole second while waiting (curl's multi loop wakes
// at least once a second), and the forced final update unless the
// transfer failed before it began (then curl never calls
// Curl_pgrsDone and the error message follows on the same line).
type meter struct {
	b       *strings.Builder
	samples []time.Duration
}

func (m *meter) start() {
	m.b.WriteString(meterHeader)
	m.update(meterSample{size: -1})
}

func (m *meter) update(s meterSample) {
	m.samples = append(m.samples, s.at)
	from := m.samples[0]
	if n := len(m.samples); n > 6 {
		from = m.samples[n-6]
	}
	m.b.WriteString(meterLine(s, from))
}

// wait writes the once-a-second updates up to (not including) end.
func (m *meter) wait(end time.Duration) {
	for t := time.Second; t < end; t += time.Second {
		m.update(meterSample{at: t, size: -1})
	}
}

func (m *meter) done(s meterSample) {
	m.update(s)
	m.b.WriteString("\n")
}
