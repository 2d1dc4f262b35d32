package tui

import tea "charm.land/bubbletea/v2"

// Views keep a navigation history: enter on a talk in the Speakers, Rooms
// or Grid view (or on a room in Rooms) shows it in the Talks view, and esc
// there comes back to where it was, the same row on the same screen, as
// many times as the user went forward. Switching views with their keys
// starts a new history.

// navEntry is a view as it was when the user left it for a talk.
type navEntry struct {
	view viewID
	// filter is the talk filter's text then, and talk the talk selected
	// in the list (-1: none), both restored on the way back.
	filter string
	talk   int
	// The Speakers view: its filter, cursor and scroll.
	spFilter         string
	spCursor, spOffs int
	// The Rooms and Grid views keep their own state (rooms.go, grid.go).
	rooms roomsState
	grid  gridPos
	// detail says the jump showed the talk's detail: esc there goes back
	// at once rather than to the list first.
	detail bool
}

// pushNav records the current view before a jump.
func (m *Model) pushNav(detail bool) {
	t, ok := m.list.selected()
	if !ok {
		t = -1
	}
	e := navEntry{view: m.view, filter: m.input.Value(), talk: t,
		spFilter: m.spInput.Value(), spCursor: m.speakers.cursor, spOffs: m.speakers.offset,
		rooms: m.rooms.state(), grid: m.grid.pos, detail: detail}
	const maxHistory = 64 // a bound, not a limit anyone meets
	if len(m.history) == maxHistory {
		m.history = m.history[1:]
	}
	m.history = append(m.history, e)
}

// jumpFrom shows talk t's detail in the Talks view, remembering the view
// it was chosen in.
func (m *Model) jumpFrom(t int) tea.Cmd {
	m.pushNav(true)
	return m.jumpToTalk(t)
}

// backNav goes back to the last view left for a talk; false when there is
// none.
func (m *Model) backNav() (tea.Cmd, bool) {
	n := len(m.history)
	if n == 0 {
		return nil, false
	}
	e := m.history[n-1]
	m.history = m.history[:n-1]
	var cmds []tea.Cmd
	if m.input.Value() != e.filter {
		// The talk filter as it was: a jump may have cleared it (the talk
		// was hidden) or set it (a room's talks).
		m.filtering = false
		m.input.Blur()
		m.input.SetValue(e.filter)
		cmds = append(cmds, m.search())
	}
	if e.talk >= 0 {
		m.list.selectTalk(e.talk)
	}
	m.focusList()
	m.view = e.view
	switch e.view {
	case viewSpeakers:
		m.spInput.SetValue(e.spFilter)
		m.speakers.setFilter(m.cat, e.spFilter)
		m.speakers.cursor, m.speakers.offset = e.spCursor, e.spOffs
	case viewRooms:
		m.rooms.restore(m.cat, e.rooms)
	case viewGrid:
		m.grid.pos = e.grid
	}
	m.relayout()
	if e.view == viewSpeakers {
		// After the resize, so the restored scroll is kept in range.
		m.speakers.cursor, m.speakers.offset = e.spCursor, e.spOffs
		m.speakers.clamp()
	}
	return tea.Batch(append(cmds, m.syncDetail())...), true
}
