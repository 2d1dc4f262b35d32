package tui

import (
	tea "charm.land/bubbletea/v2"
)

// handleWheel scrolls the pane under the pointer.
func (m Model) handleWheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	ms := msg.Mouse()
	delta := 0
	switch ms.Button {
	case tea.MouseWheelUp:
		delta = -1
	case tea.MouseWheelDown:
		delta = 1
	default:
		return m, nil
	}
	l := m.lay
	if l.tooSmall || ms.Y < l.bodyY || ms.Y >= l.bodyY+l.bodyH {
		return m, nil
	}
	switch {
	case m.showHelp:
		scrollBy(&m.helpVP, 3*delta)
	case m.view == viewEvent:
		scrollBy(&m.event, 3*delta)
	case m.detailShown() && (m.narrowDetail || ms.X >= l.detailX):
		scrollBy(&m.detail, 3*delta)
	case m.view == viewNow:
		m.nowView.moveBy(delta)
	case m.view == viewAgenda:
		m.agendaView.moveBy(delta)
	case m.view == viewSpeakers:
		before := m.speakers.cursor
		m.speakers.scroll(delta)
		if m.speakers.cursor != before {
			return m, m.syncDetail()
		}
	case m.view == viewRooms:
		m.rooms.scroll(delta)
		return m, m.syncDetail()
	case m.view == viewGrid:
		m.gridScroll(3 * delta)
	case m.view == viewChanges:
		before := m.changes.cursor
		m.changes.scroll(delta)
		if m.changes.cursor != before {
			return m, m.syncDetail()
		}
	default:
		before := m.list.cursor
		m.list.scroll(delta)
		if m.list.cursor != before {
			return m, m.syncDetail()
		}
	}
	return m, nil
}

// scrollBy scrolls a viewport n lines (negative: up).
func scrollBy(vp *pager, n int) {
	if n < 0 {
		vp.ScrollUp(-n)
	} else {
		vp.ScrollDown(n)
	}
}

// handleClick selects what was clicked: a tab, a talk (a second click on
// the selected talk opens its detail) or a pane.
func (m Model) handleClick(msg tea.MouseClickMsg) (tea.Model, tea.Cmd) {
	ms := msg.Mouse()
	l := m.lay
	if ms.Button != tea.MouseLeft || l.tooSmall {
		return m, nil
	}
	if l.tabs && ms.Y == 1 {
		for _, tab := range m.tabs() {
			if ms.X >= tab.x && ms.X < tab.x+tab.w {
				m.showHelp = false
				return m, m.switchView(tab.view)
			}
		}
		return m, nil
	}
	if m.showHelp || ms.Y < l.bodyY || ms.Y >= l.bodyY+l.bodyH {
		return m, nil
	}
	y := ms.Y - l.bodyY
	if m.detailShown() && (m.narrowDetail || ms.X >= l.detailX) {
		if m.view == viewTalks {
			m.focusDetailPane()
		}
		return m, nil
	}
	switch m.view {
	case viewTalks:
		if m.filtering && y < l.filterH {
			return m, nil
		}
		if y < l.filterH {
			return m, m.startFiltering()
		}
		row := m.list.rowAt(y - l.filterH - l.dayH)
		if row < 0 {
			return m, nil
		}
		if m.filtering {
			m.filtering = false
			m.input.Blur()
			m.relayout()
		}
		if row == m.list.cursor && m.focus == focusList {
			m.focusDetailPane()
			return m, m.syncDetail()
		}
		m.list.moveTo(row)
		m.focus = focusList
		m.clearStatus()
		return m, m.syncDetail()
	case viewRooms:
		return m.clickRooms(y)
	case viewGrid:
		return m.clickGrid(ms.X, y)
	case viewSpeakers:
		i := m.speakers.talkAt(y - l.filterH)
		if i < 0 {
			return m, nil
		}
		if i == m.speakers.cursor {
			return m, m.jumpFrom(m.speakers.rows[m.speakers.sel[i]].talk)
		}
		m.speakers.moveTo(i)
		m.clearStatus()
		return m, m.syncDetail()
	case viewChanges:
		i := m.changes.itemAt(y)
		if i < 0 {
			return m, nil
		}
		if i == m.changes.cursor {
			return m, m.openChange()
		}
		m.changes.moveTo(i)
		m.clearStatus()
		return m, m.syncDetail()
	case viewNow, viewAgenda:
		b := &m.nowView
		if m.view == viewAgenda {
			b = &m.agendaView
		}
		if k, ok := b.targetAt(ms.X, y); ok {
			if k == b.cursor {
				t, _ := b.selected()
				return m, m.jumpFrom(t)
			}
			b.moveTo(k)
		}
	}
	return m, nil
}
