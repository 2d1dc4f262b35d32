package tui

import (
	"fmt"
	"time"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The Now view: for every room, the talk on now (with the time it has
// left) and the next one, at the clock's time (or the moment --now
// replays). It follows the clock: while it is open a tick rebuilds it every
// nowTickEvery. enter reads the selected talk.

// nowTickEvery is how often the Now view looks at the clock.
const nowTickEvery = 30 * time.Second

// nowTickMsg is the Now view's clock tick; seq drops the ticks of a view
// closed since.
type nowTickMsg struct{ seq int }

// openNow rebuilds the Now view and starts its clock.
func (m *Model) openNow() tea.Cmd {
	m.nowSeq++
	m.buildNow()
	return m.nowTick()
}

// nowTick asks for the next tick of the current Now view.
func (m Model) nowTick() tea.Cmd {
	tick := m.opts.tick
	if tick == nil {
		tick = tea.Tick
	}
	seq := m.nowSeq
	return tick(nowTickEvery, func(time.Time) tea.Msg { return nowTickMsg{seq: seq} })
}

// onNowTick rebuilds the Now view when the tick is its own.
func (m *Model) onNowTick(msg nowTickMsg) tea.Cmd {
	if msg.seq != m.nowSeq || m.view != viewNow {
		return nil
	}
	m.buildNow()
	return m.nowTick()
}

// buildNow fills the Now view's board for the clock's time and the width.
func (m *Model) buildNow() {
	at := m.now().In(m.loc)
	b := model.NowNext(m.cat, at)
	w := m.width
	lines := []boardLine{
		textLine(fmt.Sprintf(" %s · %s", at.Format("Monday 2 January 15:04"), plural(len(b.Rooms), "room")),
			func(st *theme) func(...string) string { return st.heading.Render }),
	}
	if h := b.Headline(); h != "" {
		lines = append(lines, textLine(" "+h, func(st *theme) func(...string) string { return st.status.Render }))
	}
	lines = append(lines, boardLine{draw: func(*theme, int, int) string { return "" }})
	roomW := 0
	for _, r := range b.Rooms {
		roomW = max(roomW, ansi.StringWidth(roomLabel(r.Room)))
	}
	roomW = min(roomW, max(w/5, 10), 26)
	columns := w >= 70
	for _, r := range b.Rooms {
		room := roomLabel(r.Room)
		first := true
		add := func(i int, now bool) {
			label := room
			if !first {
				label = ""
			}
			first = false
			lines = append(lines, m.nowLine(i, now, at, label, roomW, columns))
		}
		if !columns {
			lines = append(lines, textLine(" "+room, func(st *theme) func(...string) string { return st.speakerName.Render }))
		}
		for _, i := range r.Now {
			add(i, true)
		}
		if r.Next >= 0 {
			add(r.Next, false)
		}
	}
	m.nowView.setLines(lines)
}

// roomLabel is a room for display.
func roomLabel(r string) string {
	if r = oneLine(r); r == "" {
		return "(no room)"
	}
	return r
}

// nowLine is one talk of the Now view: "Janson  now   11:00–11:50  Title
// … 40 min left", or without the room column on narrow terminals.
func (m Model) nowLine(i int, now bool, at time.Time, room string, roomW int, columns bool) boardLine {
	t := &m.cat.Talks[i]
	title := oneLine(t.Title)
	starred := m.opts.Marks != nil && m.opts.Marks.Starred(t.ID)
	span := model.TimeSpan(t)
	if !now && t.Start.Format(time.DateOnly) != at.Format(time.DateOnly) {
		span = t.Start.Format("Mon ") + span
	}
	// The time left or to wait, and its short form for narrow terminals.
	what, long, short := "next", model.Until(t.Start.Sub(at)), "in "+compactMinutes(t.Start.Sub(at))
	if d := t.Start.Sub(at); d >= 24*time.Hour {
		short = long // "in 3 days"
	}
	if now {
		what, long, short = "now ", "", ""
		if t.Duration > 0 {
			left := model.Left(t, at)
			long, short = model.Minutes(left)+" left", compactMinutes(left)+" left"
		}
	}
	return boardLine{talks: []int{i}, draw: func(st *theme, sel, w int) string {
		right, rightW := long, 15
		if w < 100 {
			right, rightW = short, 10
		}
		bar := "  "
		titleStyle := st.title
		if sel >= 0 {
			bar, titleStyle = st.selBar.Render("│")+" ", st.titleSelected
		}
		lead := bar
		if columns {
			lead = bar + st.speakerName.Render(padRight(ansi.Truncate(room, roomW, "…"), roomW)) + "  "
		}
		whatStyle := st.meta
		if now {
			whatStyle = st.status
		}
		lead += whatStyle.Render(what) + "  " + st.meta.Render(span) + "  "
		star := ""
		if starred {
			star = st.starMark.Render("★") + " "
		}
		// The time left or to wait, right-aligned in a column of its own.
		rest := w - ansi.StringWidth(lead) - ansi.StringWidth(star) - 1
		tw := rest - rightW - 2
		if tw < 12 || right == "" {
			tw = rest
		}
		cut := ansi.Truncate(title, max(tw, 0), "…")
		line := lead + star + titleStyle.Render(cut)
		if tw < rest {
			line += spaces(tw-ansi.StringWidth(cut)+2+rightW-ansi.StringWidth(right)) + st.meta.Render(right)
		}
		return line
	}}
}

// compactMinutes is a duration in few cells: "40m", "1h40", "2h".
func compactMinutes(d time.Duration) string {
	d = (d + time.Minute - 1).Truncate(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02d", h, m)
}

// spaces is n spaces.
func spaces(n int) string { return repeatRune(' ', n) }

// handleBoardKey handles the Now and Agenda views: movement, enter to read
// the selected talk, the link and mark keys, esc back to the talks.
func (m Model) handleBoardKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	b := &m.nowView
	if m.view == viewAgenda {
		b = &m.agendaView
	}
	if cmd, ok := m.linkKey(msg, m.currentTalk()); ok {
		return m, cmd
	}
	if cmd, ok := m.markKey(msg, m.currentTalk()); ok {
		if m.view == viewAgenda {
			m.buildAgenda()
		} else {
			m.buildNow()
		}
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Enter):
		t, ok := b.selected()
		if !ok {
			return m, nil
		}
		return m, m.jumpFrom(t) // esc comes back here (history.go)
	}
	k.moveCursor(msg, b, b.pageSize(), len(b.targets))
	return m, nil
}
