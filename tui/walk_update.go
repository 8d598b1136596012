package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Update handles the walkthrough's messages. It reports handled=false for
// keys it does not know, so the parent can treat them (esc, q, ?).
func (w *walk) Update(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case playTickMsg:
		if !w.playing || msg.gen != w.gen {
			return nil, true
		}
		n := w.next()
		if n < 0 {
			w.playing = false
			w.moved()
			return nil, true
		}
		w.seek(n)
		if w.atBreak() {
			w.playing = false // a breakpoint pauses play
			w.moved()
			return nil, true
		}
		return w.play(), true
	case branchMsg:
		w.branched(msg)
		return nil, true
	case tea.KeyPressMsg:
		switch w.focus {
		case focusFilter:
			return w.filterKey(msg), true
		case focusCommand:
			return w.commandKey(msg), true
		case focusBreak:
			return w.breakKey(msg), true
		}
		if p := w.panes[w.active]; isTyping(p) {
			return p.Update(msg), true
		}
		return w.key(msg)
	}
	return nil, false
}

func isTyping(p pane) bool {
	t, ok := p.(typer)
	return ok && t.typing()
}

// typing reports whether the keys go to a text field.
func (w *walk) typing() bool { return w.focus != focusTimeline || isTyping(w.panes[w.active]) }

func (w *walk) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.keys.Done):
		w.focus = focusTimeline
		w.SetSize(w.w, w.h)
		w.moved()
		return nil
	case key.Matches(msg, w.keys.Clear):
		w.focus = focusTimeline
		w.filter.SetValue("")
		w.setFilter("")
		w.SetSize(w.w, w.h)
		return nil
	}
	w.filter.Update(msg)
	if w.filter.Value() != w.query {
		w.setFilter(w.filter.Value())
	}
	return nil
}

// key handles a key with the timeline focused: moves, play, views and
// the filter, then the active view's own keys.
func (w *walk) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	at := w.at
	k := &w.keys
	switch {
	case key.Matches(msg, k.Next):
		w.seek(w.next())
	case key.Matches(msg, k.Prev):
		w.seek(w.prev())
	case key.Matches(msg, k.NextStep):
		w.seek(after(at.ix.steps, at.pos))
	case key.Matches(msg, k.PrevStep):
		w.seek(before(at.ix.steps, at.pos))
	case key.Matches(msg, k.NextPacket):
		w.seek(after(at.ix.stops, at.pos))
	case key.Matches(msg, k.PrevPacket):
		w.seek(before(at.ix.stops, at.pos))
	case key.Matches(msg, k.NextExpect):
		w.seek(after(at.ix.expects, at.pos))
	case key.Matches(msg, k.Start):
		w.seek(at.start)
	case key.Matches(msg, k.End):
		w.seek(at.last())
	case key.Matches(msg, k.Play):
		return w.togglePlay(), true
	case key.Matches(msg, k.Faster):
		w.speed = min(w.speed+1, len(speeds)-1)
		w.moved()
	case key.Matches(msg, k.Slower):
		w.speed = max(w.speed-1, 0)
		w.moved()
	case key.Matches(msg, k.NextView):
		w.show((w.active + 1) % len(w.panes))
	case key.Matches(msg, k.PrevView):
		w.show((w.active + len(w.panes) - 1) % len(w.panes))
	case key.Matches(msg, k.Views):
		w.show(int(msg.Code - '1'))
	case key.Matches(msg, k.Command):
		w.focus = focusCommand
		w.cmd.SetValue("")
		w.SetSize(w.w, w.h)
		w.moved()
	case key.Matches(msg, k.Break):
		w.focus = focusBreak
		w.brk.SetValue(w.breakKind)
		w.SetSize(w.w, w.h)
		w.moved()
	case key.Matches(msg, k.Continue):
		w.seek(w.nextBreak())
	case key.Matches(msg, k.Filter):
		w.focus = focusFilter
		w.filter.SetValue(w.query)
		w.SetSize(w.w, w.h)
		w.moved()
		return nil, true
	case key.Matches(msg, k.Clear) && w.query != "":
		w.filter.SetValue("")
		w.setFilter("")
		w.SetSize(w.w, w.h)
	case claims(w.panes[w.active], msg):
		return w.panes[w.active].Update(msg), true
	case key.Matches(msg, k.Leave):
		w.leaveBranch()
		w.SetSize(w.w, w.h)
	default:
		return w.panes[w.active].Update(msg), false
	}
	return nil, true
}

func claims(p pane, msg tea.KeyPressMsg) bool {
	c, ok := p.(claimer)
	return ok && c.claims(msg)
}

func (w *walk) togglePlay() tea.Cmd {
	w.playing = !w.playing
	w.gen++
	defer w.moved()
	if w.playing {
		return w.play()
	}
	return nil
}

// ShortHelp is the one-line hint: pairs of moves under one entry, so it
// fits 80 columns.
func (w *walk) ShortHelp() []key.Binding {
	k := w.keys
	switch {
	case w.focus != focusTimeline:
		return []key.Binding{k.Done, k.Clear}
	case isTyping(w.panes[w.active]):
		return w.panes[w.active].ShortHelp()
	}
	pair := func(keys, desc string, a, b key.Binding) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc), enabledIf(a.Enabled() || b.Enabled()))
	}
	if w.at.branch != nil {
		hint := []key.Binding{pair("j/k", "event", k.Next, k.Prev), k.Play, k.NextView}
		if w.w >= 100 {
			hint = append(hint, k.Filter, k.Command)
		}
		if w.query != "" {
			return append(hint, k.Clear)
		}
		return append(hint, k.Leave)
	}
	hint := []key.Binding{
		pair("j/k", "event", k.Next, k.Prev),
		pair("]/[", "step", k.NextStep, k.PrevStep),
		k.Play, k.NextView, k.Filter,
	}
	if w.w >= 100 {
		hint = append(hint, k.Command, k.Break)
	}
	if w.query != "" {
		hint = append(hint, k.Clear)
	}
	return hint
}

func enabledIf(on bool) key.BindingOpt {
	if on {
		return func(*key.Binding) {}
	}
	return key.WithDisabled()
}

// FullHelp lists every key of the walkthrough, then the active view's.
func (w *walk) FullHelp() [][]key.Binding {
	k := w.keys
	groups := [][]key.Binding{
		{k.Next, k.Prev, k.NextStep, k.PrevStep, k.NextPacket, k.PrevPacket, k.NextExpect, k.Start, k.End},
		{k.Play, k.Faster, k.Slower, k.Break, k.Continue, k.NextView, k.PrevView, k.Views, k.Filter, k.Command, k.Done, k.Clear, k.Leave},
	}
	return append(groups, w.panes[w.active].FullHelp()...)
}
