package printers

import (
	"fmt"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// HumanDuration prints a duration as kubectl's AGE column does
// (k8s.io/apimachinery/pkg/util/duration.HumanDuration): "5s", "2m30s",
// "10m", "3h20m", "2d5h", "3y120d". Durations more than a second in the
// future print as "<invalid>".
func HumanDuration(d time.Duration) string {
	seconds := int64(d / time.Second)
	switch {
	case seconds < -1:
		return "<invalid>"
	case seconds < 0:
		return "0s"
	case seconds < 60*2:
		return fmt.Sprintf("%ds", seconds)
	}
	minutes := int64(d / time.Minute)
	if minutes < 10 {
		if s := seconds % 60; s != 0 {
			return fmt.Sprintf("%dm%ds", minutes, s)
		}
		return fmt.Sprintf("%dm", minutes)
	}
	if minutes < 60*3 {
		return fmt.Sprintf("%dm", minutes)
	}
	hours := int64(d / time.Hour)
	switch {
	case hours < 8:
		if m := minutes % 60; m != 0 {
			return fmt.Sprintf("%dh%dm", hours, m)
		}
		return fmt.Sprintf("%dh", hours)
	case hours < 48:
		return fmt.Sprintf("%dh", hours)
	case hours < 24*8:
		if h := hours % 24; h != 0 {
			return fmt.Sprintf("%dd%dh", hours/24, h)
		}
		return fmt.Sprintf("%dd", hours/24)
	case hours < 24*365*2:
		return fmt.Sprintf("%dd", hours/24)
	case hours < 24*365*8:
		if dy := (hours / 24) % 365; dy != 0 {
			return fmt.Sprintf("%dy%dd", hours/24/365, dy)
		}
		return fmt.Sprintf("%dy", hours/24/365)
	}
	return fmt.Sprintf("%dy", hours/24/365)
}

// since prints the age of a timestamp at virtual time now, "<unknown>"
// for an unset one (kubectl's translateTimestampSince).
func since(t api.Time, now time.Duration) string {
	if !t.Set {
		return "<unknown>"
	}
	return HumanDuration(now - t.At)
}

// wallClock prints a timestamp as kubectl describe does (RFC 1123 with a
// numeric zone): "Thu, 01 Jan 2026 00:00:05 +0000".
func wallClock(t api.Time) string {
	return api.Epoch.Add(t.At).Format(time.RFC1123Z)
}
