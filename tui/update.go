package tui

import (
	"errors"
	"fmt"
	"strings"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// syncSearchLimit is the catalogue size up to which a filter keystroke is
// answered in the same Update (the same frame). Bigger catalogues are
// searched in a Cmd, off the UI goroutine; both paths use Index.Refine, so
// the result is the same.
const syncSearchLimit = 2000

// Update handles global keys first (quit, help, back), then size, colour
// and the results of Cmds, then hands keys and the mouse to the focused
// part.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		return m, m.syncDetail()
	case tea.BackgroundColorMsg:
		if m.opts.Style != StyleAuto || msg.IsDark() == m.st.isDark {
			return m, nil
		}
		m.setStyles(msg.IsDark())
		return m, m.syncDetail()
	case tea.MouseWheelMsg:
		return m.handleWheel(msg)
	case tea.MouseClickMsg:
		return m.handleClick(msg)
	case tea.PasteMsg:
		if m.filtering {
			// A paste may come from a hostile page: the text input drops
			// control bytes one by one but would keep an escape sequence's
			// body and bidi overrides.
			msg.Content = model.SanitizeLine(msg.Content)
			return m.updateInput(msg)
		}
		return m, nil
	case searchResultMsg:
		if msg.input != m.input.Value() {
			return m, nil // an older keystroke's answer
		}
		m.searching = false
		m.applyResult(msg.res)
		return m, m.syncDetail()
	case renderedMsg:
		m.renders.put(msg.key, msg.content)
		return m, m.syncDetail()
	case openedMsg:
		m.reportOpened(msg)
		return m, nil
	}
	return m, nil
}

// setSize stores the window size and resizes every child.
func (m *Model) setSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.relayout()
}

// relayout recomputes the layout (size, view or filter line changed) and
// passes the new sizes down.
func (m *Model) relayout() {
	m.lay = m.computeLayout()
	l := m.lay
	m.help.SetWidth(max(m.width-2, 0))
	m.input.SetWidth(max(l.listW-4, 1))
	m.list.setSize(l.listW, l.bodyH-l.filterH)
	m.speakers.setSize(l.listW, l.bodyH)
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
	if m.filtering {
		return m.handleFilterKey(msg)
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
	switch {
	case key.Matches(msg, k.Talks):
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Speakers):
		return m, m.switchView(viewSpeakers)
	case key.Matches(msg, k.Event):
		return m, m.switchView(viewEvent)
	case key.Matches(msg, k.Filter):
		return m, m.startFiltering()
	}
	switch m.view {
	case viewSpeakers:
		return m.handleSpeakersKey(msg)
	case viewEvent:
		return m.handleEventKey(msg)
	}
	return m.handleTalksKey(msg)
}

// handleTalksKey handles the Talks view: the list, or the detail when it
// has the focus.
func (m Model) handleTalksKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if cmd, ok := m.linkKey(msg, m.currentTalk()); ok {
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Back):
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
	switch {
	case key.Matches(msg, k.Up):
		m.list.moveBy(-1)
	case key.Matches(msg, k.Down):
		m.list.moveBy(1)
	case key.Matches(msg, k.PageUp):
		m.list.moveBy(-m.list.visibleItems())
	case key.Matches(msg, k.PageDown):
		m.list.moveBy(m.list.visibleItems())
	case key.Matches(msg, k.Top):
		m.list.moveTo(0)
	case key.Matches(msg, k.Bottom):
		m.list.moveTo(m.list.len() - 1)
	}
	if m.list.cursor == before {
		return m, nil
	}
	m.clearStatus()
	return m, m.syncDetail()
}

// handleSpeakersKey handles the Speakers view.
func (m Model) handleSpeakersKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if cmd, ok := m.linkKey(msg, m.currentTalk()); ok {
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Enter):
		row, ok := m.speakers.selected()
		if !ok {
			return m, nil
		}
		return m, m.jumpToTalk(row.talk)
	}
	before := m.speakers.cursor
	switch {
	case key.Matches(msg, k.Up):
		m.speakers.moveBy(-1)
	case key.Matches(msg, k.Down):
		m.speakers.moveBy(1)
	case key.Matches(msg, k.PageUp):
		m.speakers.moveBy(-m.speakers.pageSize())
	case key.Matches(msg, k.PageDown):
		m.speakers.moveBy(m.speakers.pageSize())
	case key.Matches(msg, k.Top):
		m.speakers.moveTo(0)
	case key.Matches(msg, k.Bottom):
		m.speakers.moveTo(len(m.speakers.sel) - 1)
	}
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

// linkKey handles o, v, 1-9 and y for talk t (-1: none selected).
func (m *Model) linkKey(msg tea.KeyPressMsg, t int) (tea.Cmd, bool) {
	k := m.keys
	if !key.Matches(msg, k.Open, k.Video, k.Link, k.Copy) {
		return nil, false
	}
	if t < 0 {
		m.setError("No talk is selected")
		return nil, true
	}
	talk := &m.cat.Talks[t]
	switch {
	case key.Matches(msg, k.Open):
		l, ok := talk.MainLink()
		if !ok {
			m.setError("This talk has no links")
			return nil, true
		}
		return m.openLink(l, strings.ToLower(model.KindLabel(l.Kind))), true
	case key.Matches(msg, k.Video):
		l, ok := talk.VideoLink()
		if !ok {
			m.setError("This talk has no video")
			return nil, true
		}
		return m.openLink(l, "video"), true
	case key.Matches(msg, k.Link):
		n := int(msg.String()[0] - '0')
		if n > len(talk.Links) {
			m.setError(fmt.Sprintf("This talk has no link [%d]", n))
			return nil, true
		}
		return m.openLink(talk.Links[n-1], "link ["+msg.String()+"]"), true
	default:
		l, ok := talk.MainLink()
		if !ok {
			m.setError("This talk has no links to copy")
			return nil, true
		}
		return m.copyLink(l), true
	}
}

// openLink checks l's URL and returns the Cmd that opens it. The opener
// (a browser that may block) runs off the UI goroutine.
func (m *Model) openLink(l model.Link, what string) tea.Cmd {
	u, err := model.SafeURL(l.URL)
	if err != nil {
		m.setError(fmt.Sprintf("Refused to open %s: %s", what, refusal(err)))
		return nil
	}
	target, opener := u.String(), m.opener
	m.setStatus("Opening " + what + "…")
	return func() tea.Msg {
		return openedMsg{what: what, url: target, err: opener.Open(target)}
	}
}

// refusal says in a few words why SafeURL refused a URL.
func refusal(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "+model.ErrUnsafeURL.Error()); i >= 0 {
		s = s[:i]
	}
	return model.SanitizeLine(s)
}

// copyLink copies l's URL to the clipboard with OSC 52.
func (m *Model) copyLink(l model.Link) tea.Cmd {
	u, err := model.SafeURL(l.URL)
	if err != nil {
		m.setError("Refused to copy: " + refusal(err))
		return nil
	}
	m.setStatus("Copied " + strings.ToLower(linkLabel(l)) + " link: " + u.String())
	return tea.SetClipboard(u.String())
}

// reportOpened puts the opener's outcome in the status line. When no
// browser could be started, the URL itself is shown so it can be copied.
func (m *Model) reportOpened(msg openedMsg) {
	switch {
	case msg.err == nil:
		m.setStatus("Opened " + msg.what + " in your browser")
	case errors.Is(msg.err, ErrBrowserTimeout):
		m.setStatus("Sent " + msg.what + " to your browser")
	default:
		m.setError("No browser could open it. The link: " + msg.url)
	}
}

func (m *Model) setStatus(s string) { m.status, m.statusErr = s, false }
func (m *Model) setError(s string)  { m.status, m.statusErr = s, true }
func (m *Model) clearStatus()       { m.status, m.statusErr = "", false }

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
	m.focus = focusList
	m.narrowDetail = false
	m.clearStatus()
	m.relayout()
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
	case viewSpeakers:
		return m.lay.wide
	}
	return false
}

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
		return m.renderCmd(k)
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
			m.detail.SetContent(s)
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
		m.detail.SetContent(m.preview(t))
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
	return "\n  " + m.st.eventName.Render(model.SanitizeLine(talk.Title)) + "\n\n  " +
		m.st.meta.Render(model.SanitizeLine(m.ix.SpeakerLine(t)))
}

// --- filtering --------------------------------------------------------

// startFiltering focuses the filter input (in the Talks view).
func (m *Model) startFiltering() tea.Cmd {
	m.view = viewTalks
	m.showHelp = false
	m.filtering = true
	m.focus = focusList
	m.narrowDetail = false
	m.input.CursorEnd()
	cmd := m.input.Focus()
	m.relayout()
	return tea.Batch(cmd, m.syncDetail())
}

// handleFilterKey handles keys while the filter input has the keyboard:
// esc clears, enter keeps, up and down move the selection, the rest types.
func (m Model) handleFilterKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.ClearFilter):
		m.clearFilter()
		return m, m.syncDetail()
	case key.Matches(msg, k.AcceptInput):
		m.filtering = false
		m.input.Blur()
		m.relayout()
		return m, m.syncDetail()
	case msg.String() == "up" || msg.String() == "ctrl+p":
		m.list.moveBy(-1)
		return m, m.syncDetail()
	case msg.String() == "down" || msg.String() == "ctrl+n":
		m.list.moveBy(1)
		return m, m.syncDetail()
	}
	return m.updateInput(msg)
}

// updateInput passes a message to the input and searches when its text
// changed.
func (m Model) updateInput(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() == before {
		return m, cmd
	}
	wasShown := m.lay.filterH > 0
	search := m.search()
	if wasShown != m.filterShown() {
		m.relayout()
	}
	return m, tea.Batch(cmd, search, m.syncDetail())
}

// search answers the filter text. Small catalogues are answered at once;
// big ones in a Cmd whose result names the text it answers. A malformed
// query keeps the last valid result and says what is wrong.
func (m *Model) search() tea.Cmd {
	in := m.input.Value()
	if strings.TrimSpace(in) == "" {
		m.filterErr = ""
		m.searching = false
		m.applyResult(nil)
		return nil
	}
	q, err := model.ParseQuery(in)
	if err != nil {
		var qe *model.QueryError
		if errors.As(err, &qe) {
			m.filterErr = model.SanitizeLine(qe.Msg)
		} else {
			m.filterErr = model.SanitizeLine(err.Error())
		}
		return nil
	}
	m.filterErr = ""
	prev, ix, marks := m.result, m.ix, m.opts.Marks
	if len(m.cat.Talks) <= syncSearchLimit {
		m.applyResult(ix.Refine(prev, q, marks))
		return nil
	}
	m.searching = true
	return func() tea.Msg {
		return searchResultMsg{input: in, res: ix.Refine(prev, q, marks)}
	}
}

// applyResult shows a search result (nil: every talk) with the best match
// selected.
func (m *Model) applyResult(res *model.Result) {
	m.result = res
	if res == nil {
		m.list.showAll(len(m.cat.Talks))
		return
	}
	m.list.showHits(res.Hits)
}

// clearFilter empties the filter and shows every talk again, keeping the
// selected talk selected.
func (m *Model) clearFilter() {
	t, had := m.list.selected()
	m.filtering = false
	m.input.Blur()
	m.input.Reset()
	m.filterErr = ""
	m.searching = false
	if m.result != nil {
		m.applyResult(nil)
		if had {
			m.list.selectTalk(t)
		}
	}
	m.relayout()
}

// --- mouse --------------------------------------------------------------

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
	case m.view == viewSpeakers:
		before := m.speakers.cursor
		m.speakers.scroll(delta)
		if m.speakers.cursor != before {
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
		row := m.list.rowAt(y - l.filterH)
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
	case viewSpeakers:
		i := m.speakers.talkAt(y)
		if i < 0 {
			return m, nil
		}
		if i == m.speakers.cursor {
			return m, m.jumpToTalk(m.speakers.rows[m.speakers.sel[i]].talk)
		}
		m.speakers.moveTo(i)
		m.clearStatus()
		return m, m.syncDetail()
	}
	return m, nil
}
