package tui

import (
	"strings"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// What the browser shows of the last update of a stored schedule
// (Options.Changes, from 'cndtalks update'): a badge on the rows of the
// talks it changed, a line per change above their detail, a Changes view
// listing every change (the removed talks too; enter on a talk jumps to
// it), and is:changed in the filter. Without a change set none of it
// appears.

// changeList is the Changes view: one item of two lines per changed talk,
// its title then what changed.
type changeList struct {
	items  []changeItem
	cursor int
	offset int // first visible item
	width  int
	height int
}

// changeItem is one changed talk: the change, and the talk's index in the
// catalogue (-1 for a removed talk).
type changeItem struct {
	change *model.TalkChange
	talk   int
}

// changeItemHeight is the lines an item takes.
const changeItemHeight = 2

// newChangeList lists cs's changes in its order, with the talks they are
// about.
func newChangeList(c *model.Catalogue, cs *model.ChangeSet) changeList {
	byID := make(map[string]int, len(c.Talks))
	for i := range c.Talks {
		if _, dup := byID[c.Talks[i].ID]; !dup {
			byID[c.Talks[i].ID] = i
		}
	}
	var l changeList
	for i := range cs.Talks {
		ch := &cs.Talks[i]
		t, ok := byID[ch.ID]
		if !ok || ch.Removed {
			t = -1
		}
		l.items = append(l.items, changeItem{change: ch, talk: t})
	}
	return l
}

func (l *changeList) setSize(w, h int) {
	l.width, l.height = max(w, 0), max(h, 0)
	l.clamp()
}

func (l changeList) visible() int { return max(l.height/changeItemHeight, 1) }

func (l *changeList) moveBy(n int) {
	l.cursor += n
	l.clamp()
}

func (l *changeList) moveTo(i int) {
	l.cursor = i
	l.clamp()
}

func (l *changeList) clamp() {
	l.cursor = min(max(l.cursor, 0), max(len(l.items)-1, 0))
	v := l.visible()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+v {
		l.offset = l.cursor - v + 1
	}
	l.offset = min(max(l.offset, 0), max(len(l.items)-v, 0))
}

// scroll moves the window by n items, the cursor following.
func (l *changeList) scroll(n int) {
	v := l.visible()
	l.offset = min(max(l.offset+n, 0), max(len(l.items)-v, 0))
	l.cursor = min(max(l.cursor, l.offset), l.offset+v-1)
	l.clamp()
}

// selected returns the selected item.
func (l changeList) selected() (changeItem, bool) {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return changeItem{}, false
	}
	return l.items[l.cursor], true
}

// itemAt returns the item on line y, or -1.
func (l changeList) itemAt(y int) int {
	if y < 0 || y >= l.height {
		return -1
	}
	i := l.offset + y/changeItemHeight
	if i >= len(l.items) {
		return -1
	}
	return i
}

// view renders the visible items, exactly l.height lines.
func (l changeList) view(st *theme) string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	lines := make([]string, 0, l.height)
	tw := max(l.width-5, 0)
	for i := l.offset; i < len(l.items) && len(lines)+changeItemHeight <= l.height; i++ {
		ch := l.items[i].change
		title := ansi.Truncate(oneLine(ch.Title), tw, "…")
		what := ansi.Truncate(strings.Join(ch.Lines(), "; "), tw, "…")
		mark := st.changeMark.Render(ch.Mark())
		if i == l.cursor {
			lines = append(lines, st.selBar.Render("│")+" "+mark+" "+st.titleSelected.Render(title),
				st.selBar.Render("│")+"   "+st.metaSelected.Render(what))
		} else {
			lines = append(lines, "  "+mark+" "+st.title.Render(title), "    "+st.meta.Render(what))
		}
	}
	if len(l.items) == 0 {
		lines = append(lines, "", "  "+st.empty.Render("The last update changed no talk."))
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:l.height], "\n")
}

// changeOf is the last update's change of talk t, if it changed.
func (m Model) changeOf(t *model.Talk) (*model.TalkChange, bool) {
	if m.opts.Changes == nil {
		return nil, false
	}
	return m.opts.Changes.Find(t.ID)
}

// changeBadge is the row marker of a changed talk: "new", or "changed".
func (m Model) changeBadge(t *model.Talk) []string {
	c, ok := m.changeOf(t)
	if !ok || c.Removed {
		return nil
	}
	if c.Added {
		return []string{m.st.changeMark.Render("new")}
	}
	return []string{m.st.changeMark.Render("changed")}
}

// withChanges puts above a talk's detail what the last update changed in
// it: "~ moved from Sat 11:00 Janson to Sun 10:00 K.1.105".
func (m Model) withChanges(t int, detail string) string {
	if t < 0 {
		return detail
	}
	c, ok := m.changeOf(&m.cat.Talks[t])
	if !ok {
		return detail
	}
	var lines []string
	for _, l := range c.Lines() {
		lines = append(lines, "  "+m.st.changeMark.Render(c.Mark()+" "+sentence(l)))
	}
	return "\n" + strings.Join(lines, "\n") + "\n" + detail
}

// searchMarks are the marks the filter searches with: the session's, and
// the change set for is:changed.
func (m Model) searchMarks() model.Marks {
	if m.opts.Changes == nil {
		return m.opts.Marks
	}
	return model.WithChanges(m.opts.Marks, m.opts.Changes)
}

// handleChangesKey handles the Changes view: moving, enter to read the
// talk, esc back to the talks.
func (m Model) handleChangesKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if cmd, ok := m.talkKey(msg); ok {
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Enter):
		return m, m.openChange()
	}
	before := m.changes.cursor
	k.moveCursor(msg, &m.changes, m.changes.visible(), len(m.changes.items))
	if m.changes.cursor == before {
		return m, nil
	}
	m.clearStatus()
	return m, m.syncDetail()
}

// openChange jumps to the selected change's talk, or says it was removed.
func (m *Model) openChange() tea.Cmd {
	it, ok := m.changes.selected()
	if !ok {
		return nil
	}
	if it.talk < 0 {
		m.setStatus("“" + shortTitle(it.change.Title) + "” is no longer in the schedule: " + strings.Join(it.change.Lines(), "; "))
		return nil
	}
	return m.jumpFrom(it.talk) // esc comes back to Changes (history.go)
}

// removedDetail is what the detail pane says of a removed talk selected in
// the Changes view.
func (m Model) removedDetail() (string, bool) {
	if m.view != viewChanges {
		return "", false
	}
	it, ok := m.changes.selected()
	if !ok || it.talk >= 0 {
		return "", false
	}
	return "\n  " + m.st.eventName.Render(ansi.Truncate(oneLine(it.change.Title), max(m.lay.detailW-4, 0), "…")) +
		"\n\n  " + m.st.changeMark.Render("- "+sentence(strings.Join(it.change.Lines(), "; "))) +
		"\n\n  " + m.st.loading.Render("The last update removed this talk from the schedule."), true
}
