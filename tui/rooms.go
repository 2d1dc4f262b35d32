package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The Rooms view groups the talks by room, or (r again) by track: each
// group is a line with its name and count, then its talks in time order.
// enter on a group lists its talks in the Talks view through the filter
// (room:="Janson", so the user sees why the list is shorter, and esc comes
// back); enter on a talk reads it. ←/→ jump from group to group. The view
// exists only when the catalogue has rooms or tracks.

// roomGroup is one room (or track) and its talks in time order.
type roomGroup struct {
	name  string // "" for the talks with none
	talks []int
}

// roomsRowKind is what a line of the Rooms view shows.
type roomsRowKind uint8

const (
	roomsRowGroup roomsRowKind = iota // the group's name and count
	roomsRowTalk                      // one of its talks
	roomsRowGap                       // a blank line between groups
)

type roomsRow struct {
	kind  roomsRowKind
	group int
	talk  int
}

// roomsList is the Rooms view's state: by room or by track, the groups of
// each (built the first time they are shown), the rows, the cursor (a row
// index, never on a gap) and the scroll.
type roomsList struct {
	byTrack bool
	groups  [2][]roomGroup
	built   [2]bool
	rows    []roomsRow
	cursor  int
	offset  int
	width   int
	height  int
}

// roomsState is what the navigation history keeps of the Rooms view.
type roomsState struct {
	byTrack        bool
	cursor, offset int
}

func (l roomsList) state() roomsState {
	return roomsState{byTrack: l.byTrack, cursor: l.cursor, offset: l.offset}
}

// restore puts the view back as it was (the rows are rebuilt for the
// mode first).
func (l *roomsList) restore(c *model.Catalogue, s roomsState) {
	l.setMode(c, s.byTrack)
	l.cursor, l.offset = s.cursor, s.offset
	l.clamp()
}

// hasRooms says whether the catalogue has rooms or tracks to group by.
func hasRooms(c *model.Catalogue) bool {
	for i := range c.Talks {
		if c.Talks[i].Room != "" || c.Talks[i].Track != "" {
			return true
		}
	}
	return false
}

// groupTalks groups the talks by room or track, groups in the order they
// first appear in the catalogue (a schedule's own order of its rooms), the
// talks without one last; each group's talks by start time.
func groupTalks(c *model.Catalogue, byTrack bool) []roomGroup {
	index := map[string]int{}
	var groups []roomGroup
	none := roomGroup{}
	for i := range c.Talks {
		name := strings.TrimSpace(c.Talks[i].Room)
		if byTrack {
			name = strings.TrimSpace(c.Talks[i].Track)
		}
		if name == "" {
			none.talks = append(none.talks, i)
			continue
		}
		g, ok := index[name]
		if !ok {
			g = len(groups)
			index[name] = g
			groups = append(groups, roomGroup{name: name})
		}
		groups[g].talks = append(groups[g].talks, i)
	}
	if len(none.talks) > 0 {
		groups = append(groups, none)
	}
	for _, g := range groups {
		slices.SortStableFunc(g.talks, func(a, b int) int {
			ta, tb := &c.Talks[a], &c.Talks[b]
			if ta.HasSchedule() != tb.HasSchedule() {
				if ta.HasSchedule() {
					return -1
				}
				return 1
			}
			return ta.Start.Compare(tb.Start)
		})
	}
	return groups
}

// setMode groups by room (false) or track (true) and lays the rows out,
// the cursor on the first group.
func (l *roomsList) setMode(c *model.Catalogue, byTrack bool) {
	k := 0
	if byTrack {
		k = 1
	}
	if !l.built[k] {
		l.groups[k], l.built[k] = groupTalks(c, byTrack), true
	}
	if l.byTrack == byTrack && len(l.rows) > 0 {
		return
	}
	l.byTrack = byTrack
	l.rows = l.rows[:0]
	for g, grp := range l.groups[k] {
		if g > 0 {
			l.rows = append(l.rows, roomsRow{kind: roomsRowGap, group: g})
		}
		l.rows = append(l.rows, roomsRow{kind: roomsRowGroup, group: g})
		for _, t := range grp.talks {
			l.rows = append(l.rows, roomsRow{kind: roomsRowTalk, group: g, talk: t})
		}
	}
	l.cursor, l.offset = 0, 0
	l.clamp()
}

// current returns the groups of the mode shown.
func (l roomsList) current() []roomGroup {
	if l.byTrack {
		return l.groups[1]
	}
	return l.groups[0]
}

func (l *roomsList) setSize(w, h int) {
	l.width, l.height = max(w, 0), max(h, 0)
	l.clamp()
}

// selected is the row under the cursor.
func (l roomsList) selected() (roomsRow, bool) {
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return roomsRow{}, false
	}
	return l.rows[l.cursor], true
}

// moveBy moves over n selectable rows (gaps are skipped).
func (l *roomsList) moveBy(n int) {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for ; n > 0; n-- {
		next := l.cursor + step
		for next >= 0 && next < len(l.rows) && l.rows[next].kind == roomsRowGap {
			next += step
		}
		if next < 0 || next >= len(l.rows) {
			break
		}
		l.cursor = next
	}
	l.clamp()
}

func (l *roomsList) moveTo(i int) {
	l.cursor = i
	if i >= len(l.rows)-1 {
		l.cursor = len(l.rows) - 1
	}
	l.clamp()
}

// nextGroup moves to the next (dir 1) or previous (-1) group's line; from
// a talk, -1 goes to its own group's line first.
func (l *roomsList) nextGroup(dir int) {
	for i := l.cursor + dir; i >= 0 && i < len(l.rows); i += dir {
		if l.rows[i].kind == roomsRowGroup {
			l.cursor = i
			// Show the group's talks under it, not just its name.
			if dir > 0 {
				l.offset = max(l.offset, min(i, len(l.rows)-l.height))
			}
			l.clamp()
			return
		}
	}
}

// clamp keeps the cursor on a selectable row and on screen, with the
// group's name above a talk when it fits.
func (l *roomsList) clamp() {
	if len(l.rows) == 0 {
		l.cursor, l.offset = 0, 0
		return
	}
	l.cursor = min(max(l.cursor, 0), len(l.rows)-1)
	if l.rows[l.cursor].kind == roomsRowGap {
		l.cursor++
	}
	h := max(l.height, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
	l.offset = min(max(l.offset, 0), max(len(l.rows)-h, 0))
}

// scroll moves the window by n lines; the cursor follows when it would
// leave the screen.
func (l *roomsList) scroll(n int) {
	h := max(l.height, 1)
	l.offset = min(max(l.offset+n, 0), max(len(l.rows)-h, 0))
	if l.cursor < l.offset {
		l.cursor = l.offset
	}
	if l.cursor >= l.offset+h {
		l.cursor = l.offset + h - 1
	}
	if l.cursor < len(l.rows) && l.rows[l.cursor].kind == roomsRowGap {
		l.cursor++
	}
	l.cursor = min(l.cursor, len(l.rows)-1)
}

// groupLabel is a group's name as shown.
func (l roomsList) groupLabel(g roomGroup) string {
	switch {
	case g.name != "":
		return oneLine(g.name)
	case l.byTrack:
		return "No track"
	}
	return "No room"
}

// view renders the visible rows, exactly l.height lines.
func (l roomsList) view(c *model.Catalogue, st *theme, badges func(*model.Talk) []string) string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	groups := l.current()
	lines := make([]string, 0, l.height)
	for r := l.offset; r < len(l.rows) && len(lines) < l.height; r++ {
		row := l.rows[r]
		sel := r == l.cursor
		bar := "  "
		if sel {
			bar = st.selBar.Render("│") + " "
		}
		inner := l.width - 3
		switch row.kind {
		case roomsRowGap:
			lines = append(lines, "")
		case roomsRowGroup:
			g := groups[row.group]
			count := plural(len(g.talks), "talk")
			room := max(inner-ansi.StringWidth(count)-3, 4)
			name := ansi.Truncate(l.groupLabel(g), room, "…")
			if !l.byTrack && g.name != "" {
				name = ansi.Truncate(roomIn(g.name, room), room, "…") // a room's name shortened by its rule
			}
			style := st.speakerName
			if sel {
				style = st.titleSelected
			}
			lines = append(lines, bar+style.Render(name)+st.speakerOrg.Render(" · "+count))
		case roomsRowTalk:
			t := &c.Talks[row.talk]
			when := ""
			if t.HasSchedule() {
				when = t.Start.Format("Mon 15:04") + " "
			}
			if l.byTrack && inner >= 50 {
				if room := roomIn(t.Room, 10); room != "" {
					when += room + strings.Repeat(" ", 11-ansi.StringWidth(room))
				}
			}
			marks := strings.Join(badges(t), " ")
			mw := ansi.StringWidth(marks)
			tw := inner - 2 - ansi.StringWidth(when)
			if mw > 0 && tw-mw-1 >= 10 {
				tw -= mw + 1
			} else {
				marks, mw = "", 0
			}
			titleStyle, metaStyle := st.title, st.meta
			if sel {
				titleStyle, metaStyle = st.titleSelected, st.metaSelected
			}
			title := titleStyle.Render(ansi.Truncate(oneLine(t.Title), max(tw, 0), "…"))
			line := bar + "  " + metaStyle.Render(when) + title
			if mw > 0 {
				line += strings.Repeat(" ", max(tw-ansi.StringWidth(title), 0)+1) + marks
			}
			lines = append(lines, line)
		}
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// --- the root's part ----------------------------------------------------------

// openRooms shows the Rooms view; r again switches rooms and tracks.
func (m *Model) openRooms() tea.Cmd {
	if !m.keys.Rooms.Enabled() {
		m.setError("This catalogue has no rooms or tracks to group the talks by")
		return nil
	}
	if m.view == viewRooms {
		m.rooms.setMode(m.cat, !m.rooms.byTrack)
		if m.rooms.byTrack {
			m.setStatus("Talks by track (r: by room)")
		} else {
			m.setStatus("Talks by room (r: by track)")
		}
		return m.syncDetail()
	}
	if len(m.rooms.rows) == 0 {
		m.rooms.setMode(m.cat, false)
	}
	return m.switchView(viewRooms)
}

// handleRoomsKey handles the Rooms view.
func (m Model) handleRoomsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if cmd, ok := m.talkKey(msg); ok {
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		if cmd, ok := m.backNav(); ok {
			return m, cmd
		}
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Enter):
		row, ok := m.rooms.selected()
		if !ok {
			return m, nil
		}
		if row.kind == roomsRowTalk {
			return m, m.jumpFrom(row.talk)
		}
		return m, m.listGroup(m.rooms.current()[row.group])
	case key.Matches(msg, k.NextGroup):
		m.rooms.nextGroup(1)
		return m, m.syncDetail()
	case key.Matches(msg, k.PrevGroup):
		m.rooms.nextGroup(-1)
		return m, m.syncDetail()
	}
	before := m.rooms.cursor
	k.moveCursor(msg, &m.rooms, max(m.rooms.height-2, 1), len(m.rooms.rows))
	if m.rooms.cursor == before {
		return m, nil
	}
	return m, m.syncDetail()
}

// groupQuery is the filter that lists a group's talks: room:="…" or
// track:="…", and false when the name cannot be written in a query (the
// talks with no room; a name with a double quote).
func groupQuery(g roomGroup, byTrack bool) (string, bool) {
	if g.name == "" || strings.Contains(g.name, `"`) {
		return "", false
	}
	q := "room"
	if byTrack {
		q = "track"
	}
	return q + `:="` + strings.Join(strings.Fields(g.name), " ") + `"`, true
}

// listGroup lists a group's talks in the Talks view through the filter,
// remembering the Rooms view for esc.
func (m *Model) listGroup(g roomGroup) tea.Cmd {
	q, ok := groupQuery(g, m.rooms.byTrack)
	if !ok {
		m.setError("The talks of “" + m.rooms.groupLabel(g) + "” cannot be written as a filter; enter on a talk reads it")
		return nil
	}
	m.pushNav(false)
	m.view = viewTalks
	m.focusList()
	m.filtering = false
	m.input.Blur()
	m.input.SetValue(q)
	cmd := m.search()
	m.relayout()
	m.setStatus(fmt.Sprintf("The %s of %s (esc: back to Rooms)", plural(len(g.talks), "talk"), m.rooms.groupLabel(g)))
	return tea.Batch(cmd, m.syncDetail())
}

// roomsCurrentTalk is the talk selected in the Rooms view, or -1 on a
// group's line.
func (m Model) roomsCurrentTalk() int {
	if row, ok := m.rooms.selected(); ok && row.kind == roomsRowTalk {
		return row.talk
	}
	return -1
}

// groupSummary is what the detail pane shows for a group's line: its
// name, count, when its talks run and what else groups them.
func (m Model) groupSummary() string {
	row, ok := m.rooms.selected()
	if !ok || row.kind != roomsRowGroup {
		return ""
	}
	g := m.rooms.current()[row.group]
	st := m.st
	var b strings.Builder
	b.WriteString("\n  " + st.eventName.Render(m.rooms.groupLabel(g)) + "\n\n")
	b.WriteString("  " + st.meta.Render(plural(len(g.talks), "talk")))
	var first, last *model.Talk
	days := map[string]bool{}
	others := map[string]int{}
	for _, t := range g.talks {
		talk := &m.cat.Talks[t]
		if talk.HasSchedule() {
			if first == nil {
				first = talk
			}
			if last == nil || talk.End().After(last.End()) {
				last = talk
			}
			days[talk.Start.Format("2006-01-02")] = true
		}
		other := talk.Track
		if m.rooms.byTrack {
			other = talk.Room
		}
		if other != "" {
			others[other]++
		}
	}
	if first != nil {
		b.WriteString(st.meta.Render(", " + first.Start.Format("Mon 15:04") + " to " + last.End().Format("Mon 15:04")))
		if len(days) > 1 {
			b.WriteString(st.meta.Render(" over " + strconv.Itoa(len(days)) + " days"))
		}
	}
	b.WriteString("\n")
	if len(others) > 0 {
		names := make([]string, 0, len(others))
		for n := range others {
			names = append(names, n)
		}
		slices.SortFunc(names, func(a, b string) int { return others[b] - others[a] })
		what := "Tracks"
		if m.rooms.byTrack {
			what = "Rooms"
		}
		b.WriteString("\n  " + st.heading.Render(what) + "\n\n")
		for i, n := range names {
			if i == 8 {
				b.WriteString("  " + st.meta.Render(fmt.Sprintf("and %d more", len(names)-8)) + "\n")
				break
			}
			b.WriteString("  " + ansi.Truncate(oneLine(n), max(m.lay.detailW-12, 8), "…") + st.meta.Render(" · "+strconv.Itoa(others[n])) + "\n")
		}
	}
	if q, ok := groupQuery(g, m.rooms.byTrack); ok {
		b.WriteString("\n  " + st.meta.Render("enter lists them in Talks: ") + ansi.Truncate(oneLine(q), max(m.lay.detailW-32, 8), "…") + "\n")
	}
	return b.String()
}

// roomsHints are the key hints of the Rooms view.
func (m Model) roomsHints(marks []hint) []hint {
	k := m.keys
	enter := withHelp(k.Enter, "enter", "list room")
	if row, ok := m.rooms.selected(); ok && row.kind == roomsRowTalk {
		enter = withHelp(k.Enter, "enter", "read")
	}
	out := []hint{{withHelp(k.Up, "↑/↓", "move"), 6}, {withHelp(k.NextGroup, "←/→", "room"), 3}, {enter, 1}}
	if m.rooms.byTrack {
		out = append(out, hint{withHelp(k.Rooms, "r", "by room"), 2})
	} else {
		out = append(out, hint{withHelp(k.Rooms, "r", "by track"), 2})
	}
	if k.Grid.Enabled() && m.width >= gridMinWidth {
		out = append(out, hint{withHelp(k.Grid, "m", "grid"), 5})
	}
	out = append(out, marks...)
	return append(out, hint{withHelp(k.Back, "esc", "back"), 2}, hint{k.Help, 0}, hint{k.Quit, 0})
}

// roomsPosition is the status line's position in the Rooms and Grid
// views: which room (or track) of how many.
func (m Model) roomsPosition() string {
	if m.view == viewGrid {
		if m.grid.data == nil {
			return ""
		}
		day := m.grid.day(m.cat)
		if len(day.cols) == 0 {
			return ""
		}
		return fmt.Sprintf("room %d/%d", m.grid.pos.col+1, len(day.cols))
	}
	row, ok := m.rooms.selected()
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d/%d", row.group+1, len(m.rooms.current()))
}

// pressed is key.Matches that also matches a disabled binding: the keys
// of the views a catalogue cannot have say why instead of doing nothing.
func pressed(msg tea.KeyPressMsg, b key.Binding) bool {
	return slices.Contains(b.Keys(), msg.String())
}

// clickRooms selects the row clicked on line y of the Rooms view; a
// second click does what enter does.
func (m Model) clickRooms(y int) (tea.Model, tea.Cmd) {
	r := m.rooms.offset + y
	if y < 0 || r >= len(m.rooms.rows) || m.rooms.rows[r].kind == roomsRowGap {
		return m, nil
	}
	if r == m.rooms.cursor {
		return m.handleRoomsKey(tea.KeyPressMsg{Code: tea.KeyEnter})
	}
	m.rooms.cursor = r
	m.rooms.clamp()
	return m, m.syncDetail()
}
