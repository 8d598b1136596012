package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pane is one switchable view of the walkthrough (cluster, packet, event,
// output). It receives every moveMsg, and key presses only while it is
// the view on screen.
type pane interface {
	help.KeyMap
	// Title is the pane's name on its tab.
	Title() string
	SetSize(w, h int)
	Update(msg tea.Msg) tea.Cmd
	View() string
}

// scroller is the part every pane shares: its lines, and a window over
// them that the scroll keys move.
type scroller struct {
	lines []string
	off   int
	w, h  int
	keys  scrollKeys
}

func newScroller() scroller { return scroller{keys: newScrollKeys()} }

func (s *scroller) SetSize(w, h int) {
	s.w, s.h = w, h
	s.clamp()
}

// setLines replaces the content; the scroll offset stays where it was
// when it still fits, so stepping does not jump the view around.
func (s *scroller) setLines(lines []string) {
	s.lines = lines
	s.clamp()
	s.keys.Down.SetEnabled(s.off+s.h < len(s.lines))
	s.keys.Up.SetEnabled(s.off > 0)
}

func (s *scroller) clamp() {
	s.off = min(s.off, max(0, len(s.lines)-s.h))
	s.off = max(s.off, 0)
}

// scroll handles the scroll keys; it reports whether msg was one.
func (s *scroller) scroll(msg tea.KeyPressMsg) bool {
	page := max(1, s.h-1)
	switch {
	case key.Matches(msg, s.keys.Down):
		s.off += page
	case key.Matches(msg, s.keys.Up):
		s.off -= page
	default:
		return false
	}
	s.setLines(s.lines)
	return true
}

func (s *scroller) View() string {
	end := min(len(s.lines), s.off+s.h)
	return box(s.lines[min(s.off, end):end], s.w, s.h)
}

func (s *scroller) scrollBindings() []key.Binding { return []key.Binding{s.keys.Down, s.keys.Up} }

// textPane is a read-only view of the current position, rebuilt as a
// whole on every move and scrolled with the common keys: the packet, DNS
// and event views differ only in their title and in what they build.
type textPane struct {
	scroller
	st    *styles
	at    *position
	title string
	// resetOnMove starts every new position at the top.
	resetOnMove bool
	// build refills the lines from at; it does nothing before the first
	// move or sizing.
	build func()
}

func newTextPane(st *styles, title string) textPane {
	return textPane{scroller: newScroller(), st: st, title: title}
}

func (p *textPane) Title() string             { return p.title }
func (p *textPane) ShortHelp() []key.Binding  { return p.scrollBindings() }
func (p *textPane) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
func (p *textPane) SetSize(w, h int)          { p.scroller.SetSize(w, h); p.build() }
func (p *textPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case moveMsg:
		p.at = msg.at
		if p.resetOnMove {
			p.off = 0
		}
		p.build()
	case tea.KeyPressMsg:
		p.scroll(msg)
	}
	return nil
}
