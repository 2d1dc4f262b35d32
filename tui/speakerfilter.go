package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The Speakers view filters in place: / opens a line above the speakers
// where typing narrows them to those whose name or organisation has words
// starting with what is typed (model.NameMatches). It keeps the keyboard
// the way the talk filter does (filter.go): the arrows, ctrl+p/ctrl+n and
// page keys move the selection, letters type, enter goes to the selected
// talk, tab gives the keyboard back to the list with the filter kept, esc
// clears it.

// speakerFilterShown says whether the speakers' filter line is on screen.
func (m Model) speakerFilterShown() bool {
	return m.spFiltering || m.spInput.Value() != ""
}

// startSpeakerFilter gives the keyboard to the speakers' filter.
func (m *Model) startSpeakerFilter() tea.Cmd {
	m.spFiltering = true
	m.spInput.CursorEnd()
	cmd := m.spInput.Focus()
	m.relayout()
	return cmd
}

// clearSpeakerFilter empties the speakers' filter and lists everyone.
func (m *Model) clearSpeakerFilter() tea.Cmd {
	m.spFiltering = false
	m.spInput.Blur()
	m.spInput.Reset()
	m.speakers.setFilter(m.cat, "")
	m.relayout()
	return m.syncDetail()
}

// handleSpeakerFilterKey handles a key while the speakers' filter has the
// keyboard.
func (m Model) handleSpeakerFilterKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.ClearFilter):
		return m, m.clearSpeakerFilter()
	case key.Matches(msg, k.AcceptInput):
		m.spFiltering = false
		m.spInput.Blur()
		m.relayout()
		if row, ok := m.speakers.selected(); ok {
			return m, m.jumpFrom(row.talk)
		}
		return m, nil
	case key.Matches(msg, k.KeepFilter):
		m.spFiltering = false
		m.spInput.Blur()
		m.relayout()
		return m, nil
	case key.Matches(msg, k.FilterUp):
		m.speakers.moveBy(-1)
		return m, m.syncDetail()
	case key.Matches(msg, k.FilterDown):
		m.speakers.moveBy(1)
		return m, m.syncDetail()
	case key.Matches(msg, k.FilterPageUp):
		m.speakers.moveBy(-m.speakers.pageSize())
		return m, m.syncDetail()
	case key.Matches(msg, k.FilterPageDown):
		m.speakers.moveBy(m.speakers.pageSize())
		return m, m.syncDetail()
	}
	return m.updateSpeakerInput(msg)
}

// updateSpeakerInput passes a message (a key, a paste) to the speakers'
// filter and narrows the list when the text changed.
func (m Model) updateSpeakerInput(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.spInput.Value()
	var cmd tea.Cmd
	m.spInput, cmd = m.spInput.Update(msg)
	if m.spInput.Value() == before {
		return m, cmd
	}
	m.speakers.setFilter(m.cat, m.spInput.Value())
	return m, tea.Batch(cmd, m.syncDetail())
}

// speakersPane is the Speakers view's list column, with its filter line.
func (m Model) speakersPane() []string {
	l := m.lay
	var lines []string
	if l.filterH > 0 {
		lines = append(lines, padRight(" "+m.spInput.View(), l.listW))
		for range l.filterH - 1 {
			lines = append(lines, padRight("", l.listW))
		}
	}
	h := l.bodyH - len(lines)
	if m.speakers.count == 0 {
		msg := "\n  " + m.st.empty.Render("No speaker matches “"+ansi.Truncate(oneLine(m.spInput.Value()), max(l.listW-24, 4), "…")+"”.") +
			"\n\n  " + m.st.emptyHint.Render("Press esc to clear the filter.")
		if len(m.cat.Speakers) == 0 {
			msg = "\n  " + m.st.empty.Render("This catalogue names no speakers.")
		}
		return append(lines, box(msg, l.listW, h)...)
	}
	return append(lines, box(m.speakers.view(m.cat, m.st, m.markBadges), l.listW, h)...)
}

// speakerCount is the header's count in the Speakers view: "12 speakers",
// or "3 of 12" while filtered.
func (m Model) speakerCount() string {
	if m.speakers.filter != "" {
		return fmt.Sprintf("%d of %d", m.speakers.count, len(m.cat.Speakers))
	}
	return plural(len(m.cat.Speakers), "speaker")
}
