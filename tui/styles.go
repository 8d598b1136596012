package tui

import (
	"os"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// styles are every style the UI uses. In monochrome mode no style sets
// a colour: state is told by symbols and words everywhere anyway, and
// emphasis by bold, faint and reverse video.
type styles struct {
	mono bool

	Title     lipgloss.Style // screen titles
	Header    lipgloss.Style // the walkthrough's status line
	Dim       lipgloss.Style // secondary text
	Selected  lipgloss.Style // the selected library item, the current record
	Step      lipgloss.Style // a scenario.step row and the narration's heading
	Narration lipgloss.Style
	Pass      lipgloss.Style // ✓ PASS
	Fail      lipgloss.Style // ✗ FAIL
	Changed   lipgloss.Style // state this record changed
	Tab       lipgloss.Style
	TabActive lipgloss.Style
	Section   lipgloss.Style // headings inside a view
	Packet    lipgloss.Style // packet rows of the timeline
	Help      help.Styles
}

// monoFromEnv reports whether the environment asks for no colour
// (https://no-color.org: NO_COLOR set and not empty).
func monoFromEnv() bool { return os.Getenv("NO_COLOR") != "" }

func newStyles(mono bool) styles {
	s := styles{mono: mono}
	plain := lipgloss.NewStyle()
	s.Title = plain.Bold(true)
	s.Header = plain.Bold(true)
	s.Dim = plain.Faint(true)
	s.Selected = plain.Reverse(true)
	s.Step = plain.Bold(true)
	s.Narration = plain
	s.Pass = plain.Bold(true)
	s.Fail = plain.Bold(true)
	s.Changed = plain.Bold(true)
	s.Tab = plain
	s.TabActive = plain.Reverse(true).Bold(true)
	s.Section = plain.Bold(true).Underline(true)
	s.Packet = plain
	s.Help = help.Styles{
		ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain.Faint(true),
		FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain.Faint(true),
		Ellipsis: plain.Faint(true),
	}
	if mono {
		return s
	}
	accent := lipgloss.Color("#7D56F4")
	s.Title = s.Title.Foreground(accent)
	s.Header = s.Header.Foreground(lipgloss.Color("#FAFAFA")).Background(accent)
	s.Step = s.Step.Foreground(lipgloss.Color("#F5A623"))
	s.Pass = s.Pass.Foreground(lipgloss.Color("#3FB950"))
	s.Fail = s.Fail.Foreground(lipgloss.Color("#F85149"))
	s.Changed = s.Changed.Foreground(lipgloss.Color("#F5A623"))
	s.TabActive = plain.Bold(true).Foreground(lipgloss.Color("#FAFAFA")).Background(accent)
	s.Packet = s.Packet.Foreground(lipgloss.Color("#58A6FF"))
	s.Help.ShortKey = s.Help.ShortKey.Foreground(accent)
	s.Help.FullKey = s.Help.FullKey.Foreground(accent)
	return s
}
