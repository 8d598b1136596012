package tui

import "charm.land/bubbles/v2/key"

// globalKeys work on every screen.
type globalKeys struct {
	Help key.Binding
	Back key.Binding
	Quit key.Binding
	Kill key.Binding // ctrl+c: quits even while typing a filter
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Kill: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit at once")),
	}
}

// libraryKeys move through the scenario library.
type libraryKeys struct {
	Up   key.Binding
	Down key.Binding
	Open key.Binding
}

func newLibraryKeys() libraryKeys {
	return libraryKeys{
		Up:   key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down: key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open scenario")),
	}
}

// walkKeys drive a walkthrough. Bindings that cannot act from the
// current position are disabled, so the help never offers them.
type walkKeys struct {
	Next       key.Binding
	Prev       key.Binding
	NextStep   key.Binding
	PrevStep   key.Binding
	NextPacket key.Binding
	PrevPacket key.Binding
	NextExpect key.Binding
	Start      key.Binding
	End        key.Binding
	Play       key.Binding
	Faster     key.Binding
	Slower     key.Binding
	NextView   key.Binding
	PrevView   key.Binding
	Views      key.Binding // 1..6, shown as one help entry
	Filter     key.Binding
	Command    key.Binding // : runs a command in a what-if branch
	Break      key.Binding // b sets a breakpoint on a kind of record
	Continue   key.Binding // c runs to the breakpoint's next record
	Leave      key.Binding // esc leaves a what-if branch
	// Done and Clear end filter input: keep the filter, or drop it.
	Done  key.Binding
	Clear key.Binding
}

func newWalkKeys() walkKeys {
	return walkKeys{
		Next:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "next event")),
		Prev:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "previous event")),
		NextStep:   key.NewBinding(key.WithKeys("]", "n"), key.WithHelp("]/n", "next step")),
		PrevStep:   key.NewBinding(key.WithKeys("[", "N"), key.WithHelp("[/N", "previous step")),
		NextPacket: key.NewBinding(key.WithKeys("}", "p"), key.WithHelp("}/p", "next packet or frame")),
		PrevPacket: key.NewBinding(key.WithKeys("{", "P"), key.WithHelp("{/P", "previous packet or frame")),
		NextExpect: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "next expectation")),
		Start:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "scenario start")),
		End:        key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last event")),
		Play:       key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "play")),
		Faster:     key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "faster")),
		Slower:     key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "slower")),
		NextView:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "view")),
		PrevView:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous view")),
		Views:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7"), key.WithHelp("1-7", "view by number")),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Command:    key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command")),
		Break:      key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "break at a kind")),
		Continue:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "run to the breakpoint")),
		Leave:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave branch")),
		Done:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
	}
}

// scrollKeys scroll a view whose content is taller than its box.
type scrollKeys struct {
	Down key.Binding
	Up   key.Binding
}

func newScrollKeys() scrollKeys {
	return scrollKeys{
		Down: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn/ctrl+d", "scroll view down")),
		Up:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup/ctrl+u", "scroll view up")),
	}
}

// rulesKeys are the rules view's own keys.
type rulesKeys struct {
	Node      key.Binding
	PrevNode  key.Binding
	Hit       key.Binding
	Find      key.Binding
	FindNext  key.Binding
	FindPrev  key.Binding
	FindDone  key.Binding
	FindClear key.Binding
	Down      key.Binding
	Up        key.Binding
}

func newRulesKeys() rulesKeys {
	s := newScrollKeys()
	return rulesKeys{
		Node:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "next node")),
		PrevNode:  key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "previous node")),
		Hit:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "next matched rule")),
		Find:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "find in table")),
		FindNext:  key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "next found")),
		FindPrev:  key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "previous found")),
		FindDone:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep find")),
		FindClear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear find")),
		Down:      s.Down,
		Up:        s.Up,
	}
}

// switchKeys are the switch view's own keys.
type switchKeys struct {
	Host     key.Binding
	PrevHost key.Binding
}

func newSwitchKeys() switchKeys {
	return switchKeys{
		Host:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "next host's ARP cache")),
		PrevHost: key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "previous host's ARP cache")),
	}
}
