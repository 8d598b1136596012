package tui

import (
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/svcsim/svcsim/scenarios"
)

// Options configure the UI.
type Options struct {
	// Library is what the library screen lists.
	Library []*scenarios.Scenario
	// Open, when set, is opened at once instead of showing the library.
	Open *scenarios.Scenario
	// Run is passed to scenarios.Run (seed, event budget).
	Run scenarios.Options
	// Mono draws without colour; NO_COLOR in the environment does too.
	Mono bool
}

// screen is what the UI shows.
type screen int

const (
	screenLibrary screen = iota
	screenLoading        // a scenario is running headless
	screenWalk
)

// openedMsg carries a finished headless run to open.
type openedMsg struct {
	sc  *scenarios.Scenario
	rep *scenarios.Report
}

// Model is the root of the UI: the library, the walkthrough, the help
// screen, and the key hint at the bottom.
type Model struct {
	opts     Options
	st       styles
	keys     globalKeys
	help     help.Model
	screen   screen
	lib      *library
	walk     *walk
	loading  string // the title of the scenario being run
	message  string // an error to show on the library screen
	showHelp bool
	w, h     int
}

// New returns the UI's model.
func New(opts Options) *Model {
	m := &Model{opts: opts, st: newStyles(opts.Mono || monoFromEnv()), keys: newGlobalKeys(), help: help.New()}
	m.help.Styles = m.st.Help
	m.lib = newLibrary(&m.st, opts.Library)
	return m
}

// Run shows the UI on a terminal until the user quits.
func Run(opts Options, in io.Reader, out io.Writer) error {
	_, err := tea.NewProgram(New(opts), tea.WithInput(in), tea.WithOutput(out)).Run()
	return err
}

// Init opens the scenario named in the options, if any.
func (m *Model) Init() tea.Cmd {
	if m.opts.Open != nil {
		return m.open(m.opts.Open)
	}
	return nil
}

// open runs a scenario headless, off the UI's event loop.
func (m *Model) open(sc *scenarios.Scenario) tea.Cmd {
	m.screen, m.loading, m.message = screenLoading, sc.Metadata.Title, ""
	opts := m.opts.Run
	return func() tea.Msg { return openedMsg{sc: sc, rep: scenarios.Run(sc, opts)} }
}

// Update routes messages: sizes to every screen, keys to the screen on
// show (after the help screen and the global keys), ticks to the
// walkthrough.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
	case openedMsg:
		m.opened(msg)
	case playTickMsg, branchMsg:
		if m.walk != nil {
			cmd, _ := m.walk.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) opened(msg openedMsg) {
	if msg.rep.Cluster == nil || msg.rep.Cluster.Engine.Trace().Len() == 0 {
		m.screen, m.message = screenLibrary, fmt.Sprintf("%s: %s", msg.sc.Metadata.Name, msg.rep.Error)
		return
	}
	m.walk = newWalk(&m.st, msg.sc, msg.rep, m.opts.Run)
	m.screen = screenWalk
	m.setSize(m.w, m.h)
}

func (m *Model) setSize(w, h int) {
	m.w, m.h = w, h
	m.help.SetWidth(w)
	m.lib.SetSize(w, max(1, h-1))
	if m.walk != nil {
		m.walk.SetSize(w, max(1, h-1))
	}
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Kill) {
		return tea.Quit
	}
	typing := m.screen == screenWalk && m.walk.typing()
	if m.showHelp {
		if key.Matches(msg, m.keys.Quit) && !typing {
			return tea.Quit
		}
		m.showHelp = false // any other key closes the help
		return nil
	}
	if !typing && key.Matches(msg, m.keys.Help) {
		m.showHelp = true
		return nil
	}
	switch m.screen {
	case screenLibrary:
		if sc, ok := m.lib.Update(msg); ok {
			if sc != nil {
				return m.open(sc)
			}
			return nil
		}
	case screenWalk:
		if cmd, ok := m.walk.Update(msg); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return tea.Quit
	case key.Matches(msg, m.keys.Back) && m.screen == screenWalk:
		m.screen, m.walk = screenLibrary, nil
	}
	return nil
}

// View draws the screen on show and the one-line key hint.
func (m *Model) View() tea.View {
	var body string
	switch {
	case m.w <= 0 || m.h <= 0:
		body = ""
	case m.showHelp:
		body = m.helpScreen()
	case m.screen == screenLoading:
		body = box([]string{"", "  Running " + m.loading + " …"}, m.w, m.h-1)
	case m.screen == screenWalk:
		body = m.walk.View()
	default:
		body = m.lib.View()
		if m.message != "" {
			lines := strings.Split(body, "\n")
			lines[len(lines)-1] = m.st.Fail.Render(fit("✗ "+m.message, m.w))
			body = strings.Join(lines, "\n")
		}
	}
	if m.w > 0 && m.h > 0 {
		body += "\n" + fit(m.help.ShortHelpView(m.hint()), m.w)
	}
	v := tea.NewView(body)
	v.AltScreen = true
	v.WindowTitle = "svcsim"
	return v
}

// hint is the bottom line: the screen's main keys, then help and quit.
func (m *Model) hint() []key.Binding {
	g := m.keys
	if m.showHelp {
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("any key", "close help")), g.Quit}
	}
	switch m.screen {
	case screenWalk:
		if m.walk.typing() {
			return m.walk.ShortHelp()
		}
		return append(m.walk.ShortHelp(), g.Help, g.Quit)
	case screenLibrary:
		return append(m.lib.ShortHelp(), g.Help, g.Quit)
	}
	return []key.Binding{g.Quit}
}

// keyGroups lists every key of the screen on show, for the help screen.
func (m *Model) keyGroups() []helpGroup {
	g := m.keys
	switch m.screen {
	case screenWalk:
		full := m.walk.FullHelp()
		return []helpGroup{
			{"Moving through the trace", full[0]},
			{"Playing, views, filter", full[1]},
			{m.walk.panes[m.walk.active].Title() + " view", flatten(full[2:])},
			{"Everywhere", []key.Binding{g.Help, g.Back, g.Quit, g.Kill}},
		}
	}
	return []helpGroup{
		{"Library", flatten(m.lib.FullHelp())},
		{"Everywhere", []key.Binding{g.Help, g.Quit, g.Kill}},
	}
}

func flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}
