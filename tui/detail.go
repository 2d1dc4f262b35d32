package tui

import (
	tea "charm.land/bubbletea/v2"
)

// syncDetail makes the detail pane (or the Event page) show the current
// talk at the current width: from the cache when it is there, else a quick
// preview and a Cmd that renders it. Once shown, the neighbours are
// rendered ahead so moving through the list finds them ready.
func (m *Model) syncDetail() tea.Cmd {
	if m.lay.tooSmall {
		return nil
	}
	if m.view == viewEvent {
		k := renderKey{talk: eventPage, width: m.renderWidth(m.width), dark: m.st.isDark}
		if s, ok := m.renders.get(k); ok {
			if m.eventFor != k {
				m.event.SetContent(s)
				m.eventFor = k
			}
			return nil
		}
		if m.eventFor.talk != eventPage {
			m.event.SetContent("\n  " + m.st.eventName.Render(oneLine(m.cat.Event.Name)) +
				"\n\n  " + m.st.loading.Render(eventMeta(&m.cat.Event)))
		}
		return m.renderCmd(k)
	}
	if m.view == viewGrid {
		return nil // no detail beside the grid: enter shows it in Talks
	}
	t := m.currentTalk()
	if t < 0 {
		m.detail.SetContent("")
		m.detailFor, m.detailOK = renderKey{talk: -2}, false
		return nil
	}
	k := renderKey{talk: t, width: m.renderWidth(m.lay.detailW), dark: m.st.isDark}
	if s, ok := m.renders.get(k); ok {
		if m.detailFor != k || !m.detailOK {
			sameTalk := m.detailFor.talk == t
			off := m.detail.YOffset()
			m.detail.SetContent(m.withChanges(t, m.withBanner(t, s)))
			if sameTalk {
				m.detail.SetYOffset(off)
			} else {
				m.detail.GotoTop()
			}
			m.detailFor, m.detailOK = k, true
		}
		return m.prefetchNeighbours(k)
	}
	if m.detailFor.talk != t || !m.detailOK {
		m.detail.SetContent(m.withChanges(t, m.withBanner(t, m.preview(t))))
		m.detail.GotoTop()
		m.detailFor, m.detailOK = k, false
	}
	return m.renderCmd(k)
}

// prefetchNeighbours renders the talks listed just below and above the
// current one, so moving through the list finds them ready.
func (m *Model) prefetchNeighbours(k renderKey) tea.Cmd {
	if m.view != viewTalks {
		return nil
	}
	var cmds []tea.Cmd
	for _, row := range []int{m.list.cursor + 1, m.list.cursor - 1} {
		if row >= 0 && row < m.list.len() {
			cmds = append(cmds, m.renderCmd(renderKey{talk: m.list.item(row), width: k.width, dark: k.dark}))
		}
	}
	return tea.Batch(cmds...)
}

// renderWidth is the Glamour wrap width for a pane w cells wide.
func (m Model) renderWidth(w int) int {
	return min(max(w-2, 0), 100)
}

// preview is what the detail shows for the few milliseconds Glamour takes:
// the title and speakers, already styled.
func (m Model) preview(t int) string {
	talk := &m.cat.Talks[t]
	return "\n  " + m.st.eventName.Render(oneLine(talk.Title)) + "\n\n  " +
		m.st.meta.Render(oneLine(m.ix.SpeakerLine(t)))
}
