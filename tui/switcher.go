package tui

import (
	"fmt"
	"strings"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The catalogue switcher (C): a list of the catalogues the browser can
// show instead of the current one (the library's entries, the built-in
// event and "All events"); enter opens one without a restart. Listing and
// opening run in Cmds; the new catalogue's search index is built there too,
// so the screen never waits for them. Marks follow: each catalogue comes
// with its marks, kept in the same store.

// Switcher lists and opens the catalogues C offers. Its methods are called
// in Cmds, off the UI goroutine.
type Switcher interface {
	// Catalogues lists the choices, in the order shown.
	Catalogues() ([]model.CatalogueChoice, error)
	// Open reads the catalogue a choice's Key names.
	Open(key string) (Opened, error)
}

// Opened is a catalogue opened by the switcher, with what the browser
// shows beside it (as Options has them at start).
type Opened struct {
	Catalogue *model.Catalogue
	Marks     model.Marks
	Notice    string
	Skipped   []string
	// Changes are the last update's, for a stored schedule (nil: none).
	Changes *model.ChangeSet
}

// switcherState is the open switcher.
type switcherState struct {
	choices []model.CatalogueChoice
	cursor  int
	listed  bool   // the choices arrived
	err     string // listing failed
	opening string // the Key being opened ("": none)
}

// cataloguesListedMsg answers the switcher's listing.
type cataloguesListedMsg struct {
	choices []model.CatalogueChoice
	err     error
}

// catalogueOpenedMsg answers enter in the switcher: the catalogue, its
// index and its marks, or why it could not be read.
type catalogueOpenedMsg struct {
	key    string
	name   string
	opened Opened
	ix     *model.Index
	err    error
}

// openSwitcher shows the switcher and lists the catalogues in a Cmd.
func (m *Model) openSwitcher() tea.Cmd {
	sw := m.opts.Switcher
	if sw == nil {
		return nil
	}
	m.switcher = &switcherState{}
	return func() tea.Msg {
		choices, err := sw.Catalogues()
		return cataloguesListedMsg{choices: choices, err: err}
	}
}

// listedCatalogues fills the switcher, the current catalogue selected.
func (m *Model) listedCatalogues(msg cataloguesListedMsg) {
	s := m.switcher
	if s == nil {
		return
	}
	s.listed = true
	if msg.err != nil {
		s.err = oneLine(msg.err.Error())
		return
	}
	s.choices = msg.choices
	for i, c := range s.choices {
		if c.Key == m.opts.CatalogueKey {
			s.cursor = i
		}
	}
}

// handleSwitcherKey moves in the switcher, opens the selected catalogue
// (enter) or closes it (esc).
func (m Model) handleSwitcherKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	s := m.switcher
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Catalogues):
		m.switcher = nil
		return m, nil
	case key.Matches(msg, k.Enter):
		if s.opening != "" || s.cursor >= len(s.choices) {
			return m, nil
		}
		c := s.choices[s.cursor]
		s.opening = c.Key
		m.setStatus("Opening " + oneLine(c.Name) + "…")
		sw := m.opts.Switcher
		return m, func() tea.Msg {
			o, err := sw.Open(c.Key)
			if err != nil {
				return catalogueOpenedMsg{key: c.Key, name: c.Name, err: err}
			}
			return catalogueOpenedMsg{key: c.Key, name: c.Name, opened: o, ix: model.NewIndex(o.Catalogue)}
		}
	}
	if s.opening == "" {
		k.moveCursor(msg, s, max(m.lay.bodyH-2, 1), len(s.choices))
	}
	return m, nil
}

// moveBy and moveTo make the switcher a cursorList.
func (s *switcherState) moveBy(n int) { s.moveTo(s.cursor + n) }
func (s *switcherState) moveTo(i int) {
	s.cursor = min(max(i, 0), max(len(s.choices)-1, 0))
}

// openedCatalogue replaces the browser's catalogue with the one opened:
// a new model on it, at the same size and colours, its Talks view showing.
func (m Model) openedCatalogue(msg catalogueOpenedMsg) (tea.Model, tea.Cmd) {
	if m.switcher == nil || m.switcher.opening != msg.key {
		return m, nil // closed meanwhile
	}
	if msg.err != nil {
		m.switcher.opening = ""
		m.setError("Cannot open " + oneLine(msg.name) + ": " + oneLine(msg.err.Error()))
		return m, nil
	}
	opts := m.opts
	opts.Marks, opts.Notice, opts.Skipped = msg.opened.Marks, msg.opened.Notice, msg.opened.Skipped
	opts.Changes = msg.opened.Changes
	opts.CatalogueKey = msg.key
	opts.Width, opts.Height = m.width, m.height
	opts.render = m.render // keep the Glamour renderers built so far
	nm := newWithIndex(msg.opened.Catalogue, msg.ix, opts)
	nm.opener = m.opener
	if nm.st.isDark != m.st.isDark {
		nm.setStyles(m.st.isDark)
	}
	status := fmt.Sprintf("Opened %s: %s", oneLine(msg.name), plural(len(msg.opened.Catalogue.Talks), "talk"))
	if n := model.SanitizeLine(msg.opened.Notice); n != "" {
		status += "; " + n
	}
	nm.setStatus(status)
	return nm, nm.syncDetail()
}

// switcherLines draw the switcher in the body: a title, then one line per
// catalogue (name, talks, when updated, event), exactly w x h.
func (m Model) switcherLines(w, h int) []string {
	st := m.st
	s := m.switcher
	lines := []string{" " + st.eventName.Render("Catalogues") + st.position.Render("  enter opens · esc closes"), ""}
	switch {
	case s.err != "":
		lines = append(lines, " "+st.statusError.Render("Cannot list the catalogues: "+s.err))
	case !s.listed:
		lines = append(lines, " "+st.position.Render("Listing…"))
	}
	nameW := 8
	for _, c := range s.choices {
		nameW = max(nameW, min(ansi.StringWidth(oneLine(c.Name)), 32))
	}
	rows := max(h-len(lines), 1)
	first := max(0, min(s.cursor-rows/2, len(s.choices)-rows))
	for i := first; i < len(s.choices) && i < first+rows; i++ {
		c := s.choices[i]
		updated := ""
		if !c.Updated.IsZero() {
			updated = "updated " + c.Updated.Local().Format("2006-01-02")
		}
		name := ansi.Truncate(oneLine(c.Name), nameW, "…")
		text := name + strings.Repeat(" ", max(nameW-ansi.StringWidth(name), 0)) +
			fmt.Sprintf("  %11s  %-18s %s", plural(c.Talks, "talk"), updated, oneLine(c.Event))
		bar, style := "  ", st.title
		if i == s.cursor {
			bar, style = st.selBar.Render("│")+" ", st.titleSelected
			if c.Key == s.opening {
				text += "  opening…"
			}
		}
		if c.Key == m.opts.CatalogueKey {
			text += "  (shown)"
		}
		lines = append(lines, bar+style.Render(ansi.Truncate(text, max(w-3, 1), "…")))
	}
	return box(strings.Join(lines, "\n"), w, h)
}

// rowEvent names each row's event in an archive (its part's label), nil
// for one catalogue.
func (m Model) rowEvent() func(i int) string {
	if len(m.cat.Parts) == 0 {
		return nil
	}
	return func(i int) string {
		if p := m.cat.PartOf(i); p != nil {
			return oneLine(p.Label)
		}
		return ""
	}
}
