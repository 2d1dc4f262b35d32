package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the screen: header, body (list and detail, Speakers, Event or
// help), status line and key hint. It only lays out what Update prepared
// (no rendering of Markdown here) and never exceeds the window.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	if m.spFiltering && !m.lay.tooSmall && m.view == viewSpeakers && !m.showHelp {
		if c := m.spInput.Cursor(); c != nil {
			c.Position.X++
			c.Position.Y += m.lay.bodyY
			if c.Position.X < m.width && c.Position.Y < m.height {
				v.Cursor = c
			}
		}
	}
	if m.filtering && !m.lay.tooSmall && m.view == viewTalks {
		if c := m.input.Cursor(); c != nil {
			c.Position.X++ // filterLine indents the input by one cell
			c.Position.Y += m.lay.bodyY
			if c.Position.X < m.width && c.Position.Y < m.height {
				v.Cursor = c
			}
		}
	}
	return v
}

// content is the screen as a string of exactly the window's size.
func (m Model) content() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.lay.tooSmall {
		return m.tooSmallView()
	}
	l := m.lay
	lines := make([]string, 0, h)
	lines = append(lines, m.headerLines()...)
	lines = append(lines, m.bodyLines()...)
	lines = append(lines, m.statusLines()...)
	lines = append(lines, m.hintLine())
	return fit(strings.Join(lines[:min(len(lines), l.headerH+l.bodyH+l.footerH)], "\n"), w, h)
}

// tooSmallView says the window is too small, in as much of it as there is.
func (m Model) tooSmallView() string {
	msg := []string{
		m.st.tooSmall.Render("Terminal too small"),
		m.st.position.Render(fmt.Sprintf("need %d×%d, have %d×%d", minWidth, minHeight, m.width, m.height)),
		m.st.position.Render("q quits"),
	}
	out := make([]string, 0, m.height)
	for _, s := range msg {
		if len(out) == m.height {
			break
		}
		out = append(out, ansi.Truncate(s, m.width, "…"))
	}
	return strings.Join(out, "\n")
}

// --- header ---------------------------------------------------------------

// headerLines are the app name, the event and the count, then the tabs.
func (m Model) headerLines() []string {
	st := m.st
	ev := &m.cat.Event
	app := st.appName.Render("cndtalks")
	count := st.count.Render(m.countText())
	left := app + " " + st.eventName.Render(oneLine(ev.Name))
	if m.hasTimes && ev.Date == "" {
		// The header names the days the schedule covers (days.go).
		e := *ev
		e.Date, e.EndDate = m.firstDay, m.lastDay
		ev = &e
	}
	if meta := eventMeta(ev); meta != "" {
		left += st.eventMeta.Render(" · " + meta)
	}
	if room := m.width - cellWidth(app) - cellWidth(count) - 2; room < 6 {
		left = app // a lone "Mo…" says nothing: the count matters more
	}
	lines := []string{spread(left, count, m.width)}
	if m.lay.tabs {
		var b strings.Builder
		b.WriteString(" ")
		x := 1
		for _, t := range m.tabs() {
			b.WriteString(strings.Repeat(" ", max(t.x-x, 0))) // the gap tabs chose
			x = t.x + t.w
			if t.key != "" {
				b.WriteString(st.tabKey.Render(t.key) + " ")
			}
			if t.view == m.view {
				b.WriteString(st.tabActive.Render(t.label))
			} else {
				b.WriteString(st.tab.Render(t.label))
			}
		}
		lines = append(lines, padRight(b.String(), m.width))
	}
	for len(lines) < m.lay.headerH {
		lines = append(lines, "")
	}
	return lines
}

// tab is one view's label in the header, with its key and where it is for
// the mouse.
type tab struct {
	view  viewID
	key   string
	label string
	x, w  int
}

const tabGap = "   "

// tabs lists the views in header order with their keys and columns.
func (m Model) tabs() []tab {
	k := m.keys
	tabs := []tab{
		{view: viewTalks, key: k.Talks.Help().Key, label: "Talks"},
		{view: viewSpeakers, key: k.Speakers.Help().Key, label: "Speakers"},
	}
	if k.Rooms.Enabled() {
		tabs = append(tabs, tab{view: viewRooms, key: k.Rooms.Help().Key, label: "Rooms"})
	}
	if k.Grid.Enabled() {
		tabs = append(tabs, tab{view: viewGrid, key: k.Grid.Help().Key, label: "Grid"})
	}
	if m.hasTimes {
		tabs = append(tabs, tab{view: viewNow, key: k.NowView.Help().Key, label: "Now"},
			tab{view: viewAgenda, key: k.Agenda.Help().Key, label: "Agenda"})
	}
	tabs = append(tabs, tab{view: viewEvent, key: k.Event.Help().Key, label: "Event"})
	if k.Changes.Enabled() {
		tabs = append(tabs, tab{view: viewChanges, key: k.Changes.Help().Key, label: "Changes"})
	}
	if fitted, ok := fitTabs(tabs, m.width); ok || m.width >= gridMinWidth || m.view == viewGrid {
		return fitted
	}
	// Still too many: the Grid's tab goes, as the grid needs gridMinWidth
	// columns anyway (m says so).
	tabs = slices.DeleteFunc(tabs, func(t tab) bool { return t.view == viewGrid })
	fitted, _ := fitTabs(tabs, m.width)
	return fitted
}

// fitTabs places the tabs in width columns: many tabs on a narrow
// terminal come closer together, then show their labels alone (help lists
// the keys). It reports whether they fit.
func fitTabs(tabs []tab, width int) ([]tab, bool) {
	for _, keys := range []bool{true, false} {
		for _, gap := range []string{tabGap, " "} {
			x := 1
			for i := range tabs {
				if !keys {
					tabs[i].key = ""
				}
				tabs[i].x = x
				tabs[i].w = cellWidth(tabs[i].label)
				if tabs[i].key != "" {
					tabs[i].w += cellWidth(tabs[i].key) + 1
				}
				x += tabs[i].w + len(gap)
			}
			if x-len(gap) <= width {
				return tabs, true
			}
		}
	}
	return tabs, false
}

// countText is "11 talks", "3 of 11" while filtering, or the speakers'
// count in the Speakers view.
func (m Model) countText() string {
	n := len(m.cat.Talks)
	switch {
	case m.view == viewSpeakers:
		return m.speakerCount()
	case m.view == viewChanges:
		return plural(len(m.changes.items), "change")
	case m.result != nil:
		return fmt.Sprintf("%d of %d", m.list.len(), n)
	}
	return plural(n, "talk")
}

// plural is "1 talk", "11 talks".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// eventMeta is the date (or year) and place, for the header.
func eventMeta(ev *model.Event) string {
	var parts []string
	switch {
	case ev.Date != "":
		if _, err := time.Parse(time.DateOnly, ev.Date); err == nil {
			parts = append(parts, model.DateRange(ev.Date, ev.EndDate)) // "4–5 February 2023"
		} else {
			parts = append(parts, oneLine(ev.Date))
		}
	case ev.Year > 0 && !strings.Contains(ev.Name, strconv.Itoa(ev.Year)):
		// "Montreal Cloud Native Day 2019 · 2019" says it twice.
		parts = append(parts, strconv.Itoa(ev.Year))
	}
	if p := ev.Place(); p != "" {
		parts = append(parts, oneLine(p))
	}
	return strings.Join(parts, " · ")
}

// --- body -------------------------------------------------------------------

// bodyLines renders the body: exactly bodyH lines of the full width.
func (m Model) bodyLines() []string {
	l := m.lay
	w, h := m.width, l.bodyH
	switch {
	case m.showHelp:
		return box(m.helpVP.View(), w, h)
	case m.switcher != nil:
		return m.switcherLines(w, h) // switcher.go
	case m.view == viewEvent:
		return m.moreBelow(box(m.event.View(), w, h), m.event, w)
	case m.view == viewNow:
		return box(m.nowView.view(m.st), w, h)
	case m.view == viewAgenda:
		return box(m.agendaView.view(m.st), w, h)
	case m.view == viewTalks && m.narrowDetail:
		return m.moreBelow(box(m.detailView(), w, h), m.detail, w)
	case m.view == viewGrid:
		return m.gridLines()
	}
	left := m.leftPane()
	if !l.wide {
		return left
	}
	right := m.moreBelow(box(m.detailView(), l.detailW, h), m.detail, l.detailW)
	// The detail's keyboard focus shows in the separator's colour and, for
	// NO_COLOR, its weight.
	sep := m.st.paneBorder.Render("│")
	if m.focus == focusDetail {
		sep = m.st.paneBorderActive.Render("┃")
	}
	out := make([]string, h)
	for i := range out {
		out[i] = left[i] + sep + right[i]
	}
	return out
}

// leftPane is the list column: the talk list (with the filter line) or the
// speakers list, exactly listW x bodyH.
func (m Model) leftPane() []string {
	l := m.lay
	switch m.view {
	case viewSpeakers:
		return m.speakersPane()
	case viewRooms:
		return box(m.rooms.view(m.cat, m.st, m.markBadges), l.listW, l.bodyH)
	}
	if m.view == viewChanges {
		return box(m.changes.view(m.st), l.listW, l.bodyH)
	}
	var lines []string
	if l.filterH > 0 {
		lines = append(lines, padRight(m.filterLine(), l.listW))
		errLines := m.filterErrLines(l.listW)
		for k := range l.filterH - 1 {
			line := ""
			if k < len(errLines) {
				line = errLines[k]
				if k == l.filterH-2 && len(errLines) > l.filterH-1 {
					line = ansi.Truncate(line, max(l.listW-2, 0), "") + "…"
				}
			}
			lines = append(lines, padRight(line, l.listW))
		}
	}
	if l.dayH > 0 {
		lines = append(lines, padRight(m.dayLine(l.listW), l.listW)) // days.go
	}
	if m.list.len() == 0 {
		return append(lines, box(m.emptyView(), l.listW, l.bodyH-len(lines))...)
	}
	rc := rowContext{cat: m.cat, st: m.st, speaker: m.ix.SpeakerLine, markers: m.rowMarkers,
		blurred: m.focus == focusDetail, when: m.rowWhen(), day: m.dayHeaders(), event: m.rowEvent()}
	return append(lines, box(m.list.view(rc), l.listW, l.bodyH-len(lines))...)
}

// filterLine is the filter input.
func (m Model) filterLine() string {
	return " " + m.input.View()
}

// filterErrLines say what is wrong with a malformed query, wrapped to
// width (the list keeps the last valid result meanwhile); nil when the
// query is fine.
func (m Model) filterErrLines(width int) []string {
	if m.filterErr == "" {
		return nil
	}
	wrapped := strings.Split(ansi.Wrap("⚠ "+m.filterErr, max(width-4, 8), " "), "\n")
	for k, line := range wrapped {
		wrapped[k] = "   " + m.st.filterError.Render(line)
	}
	return wrapped
}

// filterErrLine is filterErrLines on one line, cut to fit, for screens too
// short for more.
func (m Model) filterErrLine() string {
	if m.filterErr == "" {
		return ""
	}
	return "   " + m.st.filterError.Render(ansi.Truncate("⚠ "+m.filterErr, max(m.lay.listW-4, 0), "…"))
}

// emptyView says that nothing matches and how to get the talks back.
func (m Model) emptyView() string {
	if len(m.cat.Talks) == 0 {
		return "\n  " + m.st.empty.Render("This catalogue has no talks.")
	}
	widen := "or backspace to widen it."
	if !m.filtering {
		widen = "or / to change it."
	}
	return "\n  " + m.st.empty.Render("No talks match “"+ansi.Truncate(oneLine(m.input.Value()), max(m.lay.listW-22, 4), "…")+"”.") +
		"\n\n  " + m.st.emptyHint.Render("Press esc to clear the filter,") +
		"\n  " + m.st.emptyHint.Render(widen)
}

// rowMarkers are the small badges at the end of a talk's row: its marks
// (⚠ ★ ✓), then what links it has. Times (a later feature) go here too.
func (m Model) rowMarkers(t *model.Talk) []string {
	out := append(m.changeBadge(t), m.markBadges(t)...)
	if _, ok := t.Link(model.LinkSlides); ok {
		out = append(out, m.st.marker.Render("slides"))
	}
	if _, ok := t.VideoLink(); ok {
		out = append(out, m.st.marker.Render("video"))
	}
	return out
}

// detailView is the detail pane's content.
func (m Model) detailView() string {
	if m.view == viewRooms && m.currentTalk() < 0 {
		return m.groupSummary()
	}
	if m.currentTalk() < 0 {
		if s, ok := m.removedDetail(); ok {
			return s
		}
		return "\n  " + m.st.loading.Render("No talk selected.")
	}
	return m.detail.View()
}

// moreBelow replaces the last line of a pane with "↓ N more lines" when
// the page goes on below it, so a cut-off detail does not look finished.
func (m Model) moreBelow(lines []string, p pager, w int) []string {
	n := p.TotalLineCount() - p.YOffset() - p.Height()
	if n <= 0 || len(lines) < 4 {
		return lines
	}
	more := "  ↓ " + plural(n, "more line")
	lines[len(lines)-1] = padRight(m.st.loading.Render(more), w)
	return lines
}

// --- footer -------------------------------------------------------------------

// statusLines are the last message on the left and where you are on the
// right, on one line; a message too long for that (a URL no browser could
// open) wraps onto up to maxStatusLines lines, so it can be read whole.
func (m Model) statusLines() []string {
	st := m.st
	pos := st.position.Render(m.position()) + " "
	if wrapped := m.wrappedStatus(); len(wrapped) > 1 {
		if limit := max(m.lay.footerH-1, 1); len(wrapped) > limit {
			wrapped = wrapped[:limit]
			wrapped[limit-1] = ansi.Truncate(wrapped[limit-1], max(m.width-3, 0), "") + "…"
		}
		out := make([]string, len(wrapped))
		for i, line := range wrapped {
			out[i] = padRight(" "+m.linked(m.statusStyle().Render(line)), m.width)
		}
		return out
	}
	left := ""
	if m.status != "" {
		left = " " + m.linked(m.statusStyle().Render(oneLine(m.status)))
	} else if m.filterErr != "" && m.lay.filterH == 1 {
		left = m.filterErrLine()
	} else if m.pending != "" {
		left = " " + st.loading.Render("searching…")
	}
	return []string{spread(left, pos, m.width)}
}

// maxStatusLines bounds how far a long message pushes the body up.
const maxStatusLines = 5

// wrappedStatus is the status message wrapped to the width, or one line
// when it fits beside the position.
func (m Model) wrappedStatus() []string {
	msg := oneLine(m.status)
	room := m.width - 2
	// Room is kept for the position ("12345/100000") whatever it says, so
	// the layout and the view agree on the number of lines.
	if msg == "" || room <= 0 || cellWidth(msg)+16 <= m.width {
		return []string{msg}
	}
	lines := strings.Split(ansi.Wrap(msg, room, ""), "\n")
	if len(lines) > maxStatusLines {
		lines = lines[:maxStatusLines]
		lines[maxStatusLines-1] = ansi.Truncate(lines[maxStatusLines-1], room-1, "") + "…"
	}
	return lines
}

// statusStyle colours the message as news or as a problem.
func (m Model) statusStyle() lipgloss.Style {
	if m.statusErr {
		return m.st.statusError
	}
	return m.st.status
}

// position says where the focused pane is: "3/11" in a list, a percentage
// in a scrolled page.
func (m Model) position() string {
	switch {
	case m.showHelp:
		return scrollPos(m.helpVP.ScrollPercent(), m.helpVP.Scrollable())
	case m.view == viewEvent:
		return scrollPos(m.event.ScrollPercent(), m.event.Scrollable())
	case m.focus == focusDetail && m.detailShown():
		return scrollPos(m.detail.ScrollPercent(), m.detail.Scrollable())
	case m.view == viewRooms || m.view == viewGrid:
		return m.roomsPosition()
	case m.view == viewNow || m.view == viewAgenda:
		b := m.nowView
		if m.view == viewAgenda {
			b = m.agendaView
		}
		if cur, n := b.position(); n > 0 {
			return fmt.Sprintf("%d/%d", cur, n)
		}
		return ""
	case m.view == viewSpeakers:
		// Counted in speakers, as the header counts them, not in talk rows.
		r, ok := m.speakers.selected()
		if !ok {
			return ""
		}
		return fmt.Sprintf("%d/%d", r.nth, m.speakers.count)
	case m.view == viewChanges:
		if len(m.changes.items) == 0 {
			return ""
		}
		return fmt.Sprintf("%d/%d", m.changes.cursor+1, len(m.changes.items))
	case m.list.len() == 0:
		return ""
	}
	return fmt.Sprintf("%d/%d", m.list.cursor+1, m.list.len())
}

// scrollPos is "42%" when there is something to scroll.
func scrollPos(p float64, scrollable bool) string {
	if !scrollable {
		return ""
	}
	return fmt.Sprintf("%d%%", int(p*100+0.5))
}

// hintLine is the one-line key hint for what has the keyboard: as many of
// the context's hints as fit, the least useful dropped first, never a hint
// cut in the middle.
func (m Model) hintLine() string {
	return padRight(" "+m.fitHints(m.shortHelp(), m.width-2), m.width)
}

// hint is a binding for the key hint line with its priority: 0 is always
// shown (help and quit, the way to everything else), higher numbers are
// dropped first on narrow terminals.
type hint struct {
	b    key.Binding
	prio int
}

// fitHints renders hints in their order, leaving out the lowest-priority
// ones (the later of equals first) until the line fits in w cells.
func (m Model) fitHints(hints []hint, w int) string {
	hm := m.help
	hm.SetWidth(0) // fitHints does the fitting: no "…" from bubbles
	keep := make([]bool, len(hints))
	for i := range keep {
		keep[i] = true
	}
	for {
		bs := make([]key.Binding, 0, len(hints))
		for i, h := range hints {
			if keep[i] {
				bs = append(bs, h.b)
			}
		}
		line := hm.ShortHelpView(bs)
		if cellWidth(line) <= w {
			return line
		}
		drop := -1
		for i, h := range hints {
			if keep[i] && h.prio > 0 && (drop < 0 || h.prio >= hints[drop].prio) {
				drop = i
			}
		}
		if drop < 0 {
			return line // only the essentials left: padRight cuts them
		}
		keep[drop] = false
	}
}

// shortHelp picks the hints worth showing in the current state, in the
// order they are shown, with their priorities.
func (m Model) shortHelp() []hint {
	k := m.keys
	help, quit := hint{k.Help, 0}, hint{k.Quit, 0}
	switch {
	case m.showHelp:
		return []hint{{withHelp(k.Up, "↑/↓", "scroll"), 2}, {withHelp(k.Help, "?/esc", "close help"), 0}, {k.Quit, 1}}
	case m.filtering, m.spFiltering && m.view == viewSpeakers:
		return []hint{{withHelp(k.FilterUp, "↑/↓", "move"), 1}, {withHelp(k.AcceptInput, "enter", "read"), 0},
			{withHelp(k.KeepFilter, "tab", "list"), 3}, {withHelp(k.ClearFilter, "esc", "clear"), 1},
			{withHelp(k.Quit, "ctrl+c", "quit"), 2}}
	case m.view == viewEvent:
		out := []hint{{withHelp(k.Up, "↑/↓", "scroll"), 3}}
		if _, ok := m.cat.Event.VideoLink(); ok {
			out = append(out, hint{withHelp(k.Video, "v", "event video"), 2})
		}
		return append(out, hint{withHelp(k.Link, "1-9", "open link"), 1}, hint{withHelp(k.Back, "esc", "talks"), 1}, help, quit)
	}
	marks := m.marksHints()
	if m.view == viewNow || m.view == viewAgenda {
		out := []hint{{withHelp(k.Up, "↑/↓", "move"), 5}, {withHelp(k.Enter, "enter", "read talk"), 1}, {withHelp(k.Open, "o", "open"), 3}}
		out = append(out, marks...)
		return append(out, hint{withHelp(k.Back, "esc", "talks"), 2}, help, quit)
	}
	switch m.view {
	case viewRooms:
		return m.roomsHints(marks)
	case viewGrid:
		return m.gridHints(marks)
	}
	if m.view == viewChanges {
		out := []hint{{withHelp(k.Up, "↑/↓", "move"), 6}, {withHelp(k.Enter, "enter", "go to talk"), 1},
			{withHelp(k.Open, "o", "open"), 3}}
		out = append(out, marks...)
		return append(out, hint{withHelp(k.Back, "esc", "talks"), 2}, help, quit)
	}
	if m.view == viewSpeakers {
		out := []hint{{withHelp(k.Up, "↑/↓", "move"), 6}, {withHelp(k.Enter, "enter", "go to talk"), 1},
			{withHelp(k.Open, "o", "open"), 3}, {withHelp(k.Filter, "/", "filter"), 2}}
		out = append(out, marks...)
		return append(out, hint{withHelp(k.Back, "esc", "talks"), 2}, help, quit)
	}
	if m.focus == focusDetail {
		out := []hint{{withHelp(k.Up, "↑/↓", "scroll"), 6}, {withHelp(k.Open, "o", "open"), 1},
			{withHelp(k.Video, "v", "video"), 3}, {withHelp(k.Link, "1-9", "link"), 4}}
		out = append(out, marks...)
		return append(out, hint{withHelp(k.Copy, "y", "copy"), 7}, hint{withHelp(k.Back, "esc", "list"), 1}, help, quit)
	}
	if m.list.len() == 0 {
		// Nothing to read or open: only the ways back.
		out := []hint{{withHelp(k.Filter, "/", "change filter"), 2}}
		if m.input.Value() != "" {
			out = append(out, hint{withHelp(k.ClearFilter, "esc", "clear filter"), 1})
		}
		return append(out, help, quit)
	}
	enter := k.Enter
	if m.lay.wide {
		enter = withHelp(k.Focus, "tab", "read")
	}
	out := []hint{{withHelp(k.Up, "↑/↓", "move"), 7}, {k.Filter, 1}, {enter, 2}, {withHelp(k.Open, "o", "open"), 3}}
	out = append(out, marks...)
	out = append(out, hint{withHelp(k.Video, "v", "video"), 6}, hint{withHelp(k.NowNext, "n", "now"), 3})
	if m.inTimeOrder() {
		out = append(out, hint{withHelp(k.NextDay, "[/]", "day"), 5})
	}
	if m.input.Value() != "" {
		out = append(out, hint{withHelp(k.ClearFilter, "esc", "clear"), 2})
	}
	return append(out, help, quit)
}

// marksHints are s and w, when this session can change marks.
func (m Model) marksHints() []hint {
	if _, ok := m.opts.Marks.(Marker); !ok {
		return nil
	}
	return []hint{{m.keys.Star, 4}, {m.keys.Watched, 5}}
}

// withHelp is b with other help text: the same keys, shown differently
// where a context calls for it.
func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// fullHelp is the help page: every binding, grouped, then the query
// language. Groups sit side by side when they fit, else one under another.
func (m Model) fullHelp() string {
	st := m.st
	groups := m.keys.FullHelp()
	titles := m.keys.groupTitles()
	cols := make([]string, len(groups))
	for i, g := range groups {
		title := ""
		if i < len(titles) {
			title = titles[i]
		}
		cols[i] = st.helpGroup.Render(title) + "\n" + m.help.FullHelpView([][]key.Binding{g})
	}
	keysBlock := packColumns(cols, "    ", m.width-4)
	var b strings.Builder
	b.WriteString("\n" + indent(st.helpTitle.Render("Keys"), 2) + "\n\n")
	b.WriteString(indent(keysBlock, 2) + "\n\n")
	b.WriteString(indent(st.helpTitle.Render("Filter"), 2) + "\n\n")
	// The rows come from the one summary of the query language, which the
	// CLI's 'help query' and the README print too.
	var rows [][2]string
	for _, r := range model.QueryRows {
		if r.Brief != "" && (!r.Schedule || m.keys.NowNext.Enabled()) && (!r.Changes || m.keys.Changes.Enabled()) &&
			(!r.Archive || m.keys.Catalogues.Enabled() || len(m.cat.Parts) > 0) {
			// Only a schedule has times and rooms to filter on.
			rows = append(rows, [2]string{r.Example, r.Brief})
		}
	}
	kw := 0
	for _, r := range rows {
		kw = max(kw, cellWidth(r[0]))
	}
	// Descriptions wrap beside their query; when there is too little room
	// beside it, under it.
	descX := 2 + kw + 2
	descW := m.width - descX - 1
	if descW < 16 {
		descX, descW = 4, max(m.width-5, 8)
	}
	for _, r := range rows {
		desc := strings.Split(ansi.Wordwrap(r[1], descW, ""), "\n")
		k := r[0] + strings.Repeat(" ", kw-cellWidth(r[0]))
		first := "  " + st.help.FullKey.Render(k) + "  "
		if descX == 4 {
			b.WriteString("  " + st.help.FullKey.Render(r[0]) + "\n")
			first = "    "
		}
		for i, d := range desc {
			if i > 0 {
				first = strings.Repeat(" ", descX)
			}
			b.WriteString(first + st.help.FullDesc.Render(d) + "\n")
		}
	}
	return b.String()
}

// packColumns lays blocks out side by side, in order, starting a new row
// of blocks (under a blank line) when the next would pass width: on a
// narrow terminal the help is two or three columns, not one long one.
func packColumns(blocks []string, gap string, width int) string {
	var rows, row []string
	rowW := 0
	for _, b := range blocks {
		bw := lipgloss.Width(b)
		if len(row) > 0 && rowW+len(gap)+bw > width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, interleave(row, gap)...))
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			rowW += len(gap)
		}
		row, rowW = append(row, b), rowW+bw
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, interleave(row, gap)...))
	}
	return strings.Join(rows, "\n\n")
}

// interleave puts sep between the elements of s.
func interleave(s []string, sep string) []string {
	out := make([]string, 0, 2*len(s))
	for i, x := range s {
		if i > 0 {
			out = append(out, sep)
		}
		out = append(out, x)
	}
	return out
}

// indent prefixes every line of s with n spaces.
func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}
