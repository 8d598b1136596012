package tui

import (
	tea "charm.land/bubbletea/v2"
)

// lineInput is a one-line text field for the timeline filter: typed
// text appends, backspace deletes, ctrl+u clears. (Bubbles' textinput
// needs a clipboard module this build does not carry.)
type lineInput struct {
	prompt string
	value  []rune
}

func (in *lineInput) Value() string     { return string(in.value) }
func (in *lineInput) SetValue(s string) { in.value = []rune(s) }
func (in *lineInput) View(focused bool) string {
	cursor := ""
	if focused {
		cursor = "█"
	}
	return in.prompt + string(in.value) + cursor
}

// Update edits the value with one key press.
func (in *lineInput) Update(msg tea.KeyPressMsg) {
	switch {
	case msg.Code == tea.KeyBackspace:
		if len(in.value) > 0 {
			in.value = in.value[:len(in.value)-1]
		}
	case msg.Code == 'u' && msg.Mod == tea.ModCtrl:
		in.value = in.value[:0]
	case msg.Text != "":
		in.value = append(in.value, []rune(msg.Text)...)
	}
}
