package tui

import (
	"fmt"
	"strings"
	"time"

	"cndtalks/internal/render"
	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Status messages last until the next key press or this long.
const (
	statusTTL      = 5 * time.Second
	statusErrorTTL = 10 * time.Second
)

// Update handles global keys first (quit, help, back), then size, colour
// and the results of Cmds, then hands keys and the mouse to the focused
// part. A key press clears the last status message (the export prompt
// aside); a new message starts its timeout.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if t, ok := msg.(statusTimeoutMsg); ok {
		if t.seq == m.statusSeq && m.export == nil {
			m.clearStatus()
		}
		return m, nil
	}
	seq := m.statusSeq
	if _, ok := msg.(tea.KeyPressMsg); ok && m.export == nil {
		m.clearStatus()
	}
	next, cmd := m.update(msg)
	nm, ok := next.(Model)
	if ok && nm.view == viewGrid {
		nm.gridPrepare() // the drawing View slices (grid.go)
		next = nm
	}
	if !ok || nm.statusSeq == seq || nm.status == "" || nm.export != nil {
		return next, cmd
	}
	ttl := statusTTL
	if nm.statusErr {
		ttl = statusErrorTTL
	}
	tick := nm.opts.tick
	if tick == nil {
		tick = tea.Tick
	}
	shown := nm.statusSeq
	return nm, tea.Batch(cmd, tick(ttl, func(time.Time) tea.Msg { return statusTimeoutMsg{seq: shown} }))
}

// update is Update without the status timeout.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		m.gridTooNarrow()
		m.gridFollow()
		return m, m.syncDetail()
	case tea.BackgroundColorMsg:
		if m.opts.Style != render.StyleAuto || msg.IsDark() == m.st.isDark {
			return m, nil
		}
		m.setStyles(msg.IsDark())
		return m, m.syncDetail()
	case tea.MouseWheelMsg:
		return m.handleWheel(msg)
	case tea.MouseClickMsg:
		return m.handleClick(msg)
	case tea.PasteMsg:
		if m.spFiltering && m.view == viewSpeakers {
			msg.Content = model.SanitizeLine(msg.Content)
			return m.updateSpeakerInput(msg)
		}
		if m.filtering {
			// A paste may come from a hostile page: the text input drops
			// control bytes one by one but would keep an escape sequence's
			// body and bidi overrides.
			msg.Content = model.SanitizeLine(msg.Content)
			return m.updateInput(msg)
		}
		return m, nil
	case searchResultMsg:
		if msg.input != m.pending {
			return m, nil // an older keystroke's answer
		}
		m.pending = ""
		m.applyResult(msg.res, msg.input)
		return m, m.syncDetail()
	case renderedMsg:
		delete(m.asked, msg.key)
		m.renders.put(msg.key, msg.content, msg.err)
		return m, m.syncDetail()
	case openedMsg:
		m.reportOpened(msg)
		return m, nil
	case markedMsg:
		m.reportMarked(msg)
		return m, nil
	case marksTickMsg:
		return m, m.reloadMarks()
	case marksReloadedMsg:
		return m, m.marksReloaded(msg)
	case exportedMsg:
		m.reportExported(msg)
		return m, nil
	case cataloguesListedMsg:
		m.listedCatalogues(msg)
		return m, nil
	case catalogueOpenedMsg:
		return m.openedCatalogue(msg) // switcher.go
	case nowTickMsg:
		return m, m.onNowTick(msg)
	}
	return m, nil
}

// setSize stores the window size and resizes every child.
func (m *Model) setSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.relayout()
	switch m.view {
	case viewNow:
		m.buildNow() // its columns depend on the width
	case viewAgenda:
		m.buildAgenda() // conflicts side by side or one under another
	}
}

// relayout recomputes the layout (size, view or filter line changed) and
// passes the new sizes down.
func (m *Model) relayout() {
	m.lay = m.computeLayout()
	l := m.lay
	// Crossing the wide threshold: side by side, the detail keeps the
	// keyboard; narrowed, the focused detail takes the screen.
	if !l.tooSmall {
		m.narrowDetail = !l.wide && m.view == viewTalks && m.focus == focusDetail
	}
	m.help.SetWidth(max(m.width-2, 0))
	m.input.SetWidth(max(l.listW-4, 1))
	m.list.setSize(l.listW, l.bodyH-l.filterH-l.dayH)
	m.speakers.setSize(l.listW, l.bodyH-l.filterH)
	m.rooms.setSize(l.listW, l.bodyH)
	m.nowView.setSize(m.width, l.bodyH)
	m.agendaView.setSize(m.width, l.bodyH)
	m.changes.setSize(l.listW, l.bodyH)
	m.detail.SetHeight(l.bodyH)
	m.event.SetHeight(l.bodyH)
	m.helpVP.SetHeight(l.bodyH)
	if m.showHelp {
		m.helpVP.SetContent(m.fullHelp())
	}
}

// handleKey routes a key press: quit and help first, then the filter input
// when it has the keyboard, then the current view.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	if m.export != nil {
		return m.handleExportKey(msg)
	}
	if m.filtering {
		return m.handleFilterKey(msg)
	}
	if m.spFiltering && m.view == viewSpeakers && !m.showHelp {
		return m.handleSpeakerFilterKey(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.toggleHelp()
		return m, nil
	}
	if m.showHelp {
		switch {
		case key.Matches(msg, k.Back):
			m.toggleHelp()
		case key.Matches(msg, k.Up):
			m.helpVP.ScrollUp(1)
		case key.Matches(msg, k.Down):
			m.helpVP.ScrollDown(1)
		case key.Matches(msg, k.PageUp):
			m.helpVP.PageUp()
		case key.Matches(msg, k.PageDown):
			m.helpVP.PageDown()
		}
		return m, nil
	}
	if m.lay.tooSmall {
		return m, nil
	}
	if m.switcher != nil {
		return m.handleSwitcherKey(msg)
	}
	switch {
	case key.Matches(msg, k.Catalogues):
		return m, m.openSwitcher()
	case key.Matches(msg, k.Talks):
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Speakers):
		return m, m.switchView(viewSpeakers)
	case key.Matches(msg, k.Event):
		return m, m.switchView(viewEvent)
	case pressed(msg, k.Rooms):
		return m, m.openRooms()
	case pressed(msg, k.Grid):
		return m, m.openGrid()
	case key.Matches(msg, k.NowView):
		return m, m.switchView(viewNow)
	case key.Matches(msg, k.Agenda):
		return m, m.switchView(viewAgenda)
	case key.Matches(msg, k.Changes):
		return m, m.switchView(viewChanges)
	case m.noTimesKey(msg): // schedule.go
		return m, nil
	case key.Matches(msg, k.Filter):
		if m.view == viewSpeakers {
			return m, m.startSpeakerFilter()
		}
		if m.view == viewChanges && m.input.Value() == "" {
			m.input.SetValue("is:changed ")
		}
		return m, m.startFiltering()
	}
	switch m.view {
	case viewSpeakers:
		return m.handleSpeakersKey(msg)
	case viewEvent:
		return m.handleEventKey(msg)
	case viewRooms:
		return m.handleRoomsKey(msg)
	case viewGrid:
		return m.handleGridKey(msg)
	case viewNow, viewAgenda:
		return m.handleBoardKey(msg) // now.go
	case viewChanges:
		return m.handleChangesKey(msg)
	}
	return m.handleTalksKey(msg)
}

// handleTalksKey handles the Talks view: the list, or the detail when it
// has the focus.
func (m Model) handleTalksKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if cmd, ok := m.talkKey(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.scheduleKey(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.dayKey(msg); ok { // days.go
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		if n := len(m.history); n > 0 && (m.focus == focusList || m.history[n-1].detail) {
			if cmd, ok := m.backNav(); ok {
				return m, cmd
			}
		}
		switch {
		case m.focus == focusDetail:
			m.focusList()
		case m.input.Value() != "":
			m.clearFilter()
			return m, m.syncDetail()
		}
		return m, nil
	case key.Matches(msg, k.Enter):
		if m.focus == focusList {
			m.focusDetailPane()
			return m, m.syncDetail()
		}
		return m, nil
	case key.Matches(msg, k.Focus):
		if m.focus == focusDetail {
			m.focusList()
		} else {
			m.focusDetailPane()
		}
		return m, m.syncDetail()
	}
	if m.focus == focusDetail {
		m.scrollViewport(&m.detail, msg)
		return m, nil
	}
	before := m.list.cursor
	k.moveCursor(msg, &m.list, m.list.visibleItems(), m.list.len())
	if m.list.cursor == before {
		return m, nil
	}
	m.clearStatus()
	return m, m.syncDetail()
}

// handleSpeakersKey handles the Speakers view.
func (m Model) handleSpeakersKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if cmd, ok := m.talkKey(msg); ok {
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		if m.spInput.Value() != "" {
			return m, m.clearSpeakerFilter()
		}
		if cmd, ok := m.backNav(); ok {
			return m, cmd
		}
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Enter):
		row, ok := m.speakers.selected()
		if !ok {
			return m, nil
		}
		return m, m.jumpFrom(row.talk)
	}
	before := m.speakers.cursor
	k.moveCursor(msg, &m.speakers, m.speakers.pageSize(), len(m.speakers.sel))
	if m.speakers.cursor == before {
		return m, nil
	}
	m.clearStatus()
	return m, m.syncDetail()
}

// handleEventKey handles the Event view: scrolling and the event's links.
func (m Model) handleEventKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	ev := &m.cat.Event
	links := eventLinks(ev)
	switch {
	case key.Matches(msg, k.Back):
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Open):
		if len(links) == 0 {
			m.setError("The event has no links")
			return m, nil
		}
		return m, m.openLink(links[0], strings.ToLower(linkLabel(links[0])))
	case key.Matches(msg, k.Video):
		v, ok := ev.VideoLink()
		if !ok {
			m.setError("The event has no video")
			return m, nil
		}
		return m, m.openLink(v, "the event video")
	case key.Matches(msg, k.Link):
		n := int(msg.String()[0] - '0')
		if n > len(links) {
			m.setError(fmt.Sprintf("There is no link [%d]", n))
			return m, nil
		}
		return m, m.openLink(links[n-1], "link ["+msg.String()+"]")
	case key.Matches(msg, k.Copy):
		if len(links) == 0 {
			m.setError("The event has no links")
			return m, nil
		}
		return m, m.copyLink(links[0])
	}
	m.scrollViewport(&m.event, msg)
	return m, nil
}

// scrollViewport applies the movement keys to a scrollable pane.
func (m Model) scrollViewport(vp *pager, msg tea.KeyPressMsg) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	}
}

// setStatus, setError and clearStatus change the status message; the
// layout follows, since a long message takes more than one line.
func (m *Model) setStatus(s string) {
	m.status, m.statusErr = s, false
	m.statusSeq++
	m.relayout()
}

func (m *Model) setError(s string) {
	m.status, m.statusErr = s, true
	m.statusSeq++
	m.relayout()
}

func (m *Model) clearStatus() {
	if m.status != "" {
		m.status, m.statusErr = "", false
		m.relayout()
	}
}

// toggleHelp shows or hides the full help.
func (m *Model) toggleHelp() {
	m.showHelp = !m.showHelp
	if m.showHelp {
		m.helpVP.SetContent(m.fullHelp())
		m.helpVP.GotoTop()
	}
}

// switchView shows another view, leaving the filter and selection as they
// are.
func (m *Model) switchView(v viewID) tea.Cmd {
	if m.view == v {
		return nil
	}
	m.view = v
	m.history = nil // a view chosen by its key starts a new history
	if v == viewSpeakers && !m.speakersReady {
		m.speakers, m.speakersReady = newSpeakerList(m.cat), true
	}
	if v == viewChanges && !m.changesReady {
		m.changes, m.changesReady = newChangeList(m.cat, m.opts.Changes), true
	}
	m.focus = focusList
	m.narrowDetail = false
	m.clearStatus()
	m.relayout()
	switch v {
	case viewNow:
		return m.openNow()
	case viewAgenda:
		m.buildAgenda()
		return nil
	}
	return m.syncDetail()
}

// jumpToTalk shows talk t in the Talks view, clearing a filter that hides
// it, with its detail on screen.
func (m *Model) jumpToTalk(t int) tea.Cmd {
	m.view = viewTalks
	if !m.list.selectTalk(t) {
		m.clearFilter()
		m.list.selectTalk(t)
	}
	m.relayout()
	m.focusDetailPane()
	return m.syncDetail()
}

// focusList gives the keyboard back to the list (narrow: shows it again).
func (m *Model) focusList() {
	m.focus = focusList
	m.narrowDetail = false
}

// focusDetailPane gives the keyboard to the detail (narrow: full screen).
func (m *Model) focusDetailPane() {
	if m.currentTalk() < 0 {
		return
	}
	m.focus = focusDetail
	m.narrowDetail = !m.lay.wide
}

// currentTalk is the talk the detail pane and the link keys are about, or
// -1.
func (m Model) currentTalk() int {
	switch m.view {
	case viewTalks:
		if t, ok := m.list.selected(); ok {
			return t
		}
	case viewSpeakers:
		if row, ok := m.speakers.selected(); ok {
			return row.talk
		}
	case viewRooms:
		return m.roomsCurrentTalk()
	case viewGrid:
		return m.gridCurrentTalk()
	case viewNow:
		if t, ok := m.nowView.selected(); ok {
			return t
		}
	case viewAgenda:
		if t, ok := m.agendaView.selected(); ok {
			return t
		}
	case viewChanges:
		if it, ok := m.changes.selected(); ok {
			return it.talk
		}
	}
	return -1
}

// detailShown says whether the detail pane is on screen.
func (m Model) detailShown() bool {
	if m.lay.tooSmall || m.showHelp {
		return false
	}
	switch m.view {
	case viewTalks:
		return m.lay.wide || m.narrowDetail
	case viewSpeakers, viewRooms, viewChanges:
		return m.lay.wide
	}
	return false
}

// cursorList is a list whose cursor the movement keys move: the talk list
// and the Speakers view.
type cursorList interface {
	moveBy(n int)
	moveTo(i int)
}

// moveCursor applies a movement key (up, down, page up and down, top,
// bottom) to l, whose page is page rows long and which holds n rows.
func (k keyMap) moveCursor(msg tea.KeyPressMsg, l cursorList, page, n int) {
	switch {
	case key.Matches(msg, k.Up):
		l.moveBy(-1)
	case key.Matches(msg, k.Down):
		l.moveBy(1)
	case key.Matches(msg, k.PageUp):
		l.moveBy(-page)
	case key.Matches(msg, k.PageDown):
		l.moveBy(page)
	case key.Matches(msg, k.Top):
		l.moveTo(0)
	case key.Matches(msg, k.Bottom):
		l.moveTo(n - 1)
	}
}
