package tui

import (
	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Days in the talk list of a catalogue with times. While the list is in
// time order (every talk of an imported schedule, or a filter's matches
// after T) a header names each programme day ("Saturday 4 February"): one
// line above the list names the day of the top row, so it stays in sight
// while scrolling its day, and the gap line above a day's first talk names
// that day. Rows show start–end instead of the weekday; [ and ] jump to
// the previous and next day. In relevance order the line above the list
// says so and how to change it.

// inTimeOrder says whether the list is in time order, so it has days.
func (m Model) inTimeOrder() bool {
	if !m.hasTimes {
		return false
	}
	if m.result != nil {
		return m.timeOrder
	}
	return m.timeSorted
}

// dayOf is talk t's programme day, for the list's headers.
func (m Model) dayOf(t int) string { return m.cat.Talks[t].ProgrammeDay() }

// dayHeaders is what the list needs to draw day headers: nil when it is
// not in time order.
func (m Model) dayHeaders() func(t int) string {
	if !m.inTimeOrder() {
		return nil
	}
	return m.dayOf
}

// spanWhere is a talk's start–end and room, "11:00–11:25 · Janson", for a
// row under its day's header.
func spanWhere(t *model.Talk, width int) string {
	s := model.TimeSpan(t)
	if s == "" {
		return ""
	}
	if room := roomIn(t.Room, width-ansi.StringWidth(s)-3); room != "" {
		s += " · " + room
	}
	return s
}

// dayLine is the line above the list: the top row's day in time order, or
// how the matches are ordered.
func (m Model) dayLine(w int) string {
	if m.list.len() == 0 {
		return ""
	}
	if !m.inTimeOrder() {
		what := "Best matches first · T: in time order, by day"
		if m.result == nil {
			// A catalogue whose programme order is not time order (a
			// hand-written one, or a schedule an update moved talks in).
			what = "In programme order · a filter's matches go by day with T"
		}
		return " " + m.st.meta.Render(ansi.Truncate(what, max(w-2, 0), "…"))
	}
	return dayHeaderLine(m.st, dayLabel(m.dayOf(m.list.item(m.list.offset))), w)
}

// dayLabel names a programme day in a header; "" is the talks without a
// time, listed last.
func dayLabel(day string) string {
	if day == "" {
		return "Without a time"
	}
	return model.DayLabel(day)
}

// dayHeaderLine draws a day's header across w cells: "── Saturday 4
// February ───".
func dayHeaderLine(st *theme, label string, w int) string {
	if w < 6 {
		return ""
	}
	label = ansi.Truncate(label, w-5, "…")
	rule := max(w-ansi.StringWidth(label)-5, 0)
	return " " + st.paneBorder.Render("─") + " " + st.heading.Render(label) + " " + st.paneBorder.Render(repeatRune('─', rule))
}

// repeatRune is r n times.
func repeatRune(r rune, n int) string {
	out := make([]rune, max(n, 0))
	for i := range out {
		out[i] = r
	}
	return string(out)
}

// dayStart is the first row of the day of row i.
func (m Model) dayStart(i int) int {
	d := m.dayOf(m.list.item(i))
	for i > 0 && m.dayOf(m.list.item(i-1)) == d {
		i--
	}
	return i
}

// jumpDay moves the selection to the first talk of the next day (dir 1)
// or of the day before (dir -1; first to the start of the selected row's
// own day when it is not there yet). A filter in relevance order is put
// in time order first.
func (m *Model) jumpDay(dir int) tea.Cmd {
	if m.list.len() == 0 {
		return nil
	}
	if !m.inTimeOrder() {
		if m.result == nil {
			m.setStatus("The talks are not in time order: filter them, then T lists the matches by day")
			return nil
		}
		m.timeOrder = true
		t, _ := m.list.selected()
		m.list.showHits(m.result, m.ordered(m.result.Hits))
		m.list.selectTalk(t)
	}
	cur := m.list.cursor
	start := m.dayStart(cur)
	target := -1
	if dir < 0 {
		switch {
		case start < cur:
			target = start
		case start > 0:
			target = m.dayStart(start - 1)
		}
	} else {
		d := m.dayOf(m.list.item(cur))
		for i := cur + 1; i < m.list.len(); i++ {
			if m.dayOf(m.list.item(i)) != d {
				target = i
				break
			}
		}
	}
	if target < 0 {
		if dir < 0 {
			m.setStatus("This is the first day")
		} else {
			m.setStatus("This is the last day")
		}
		return nil
	}
	m.focusList()
	m.list.moveTo(target)
	// The day's first talk goes to the top, under its header.
	m.list.offset = target
	m.list.clamp()
	m.setStatus(dayLabel(m.dayOf(m.list.item(target))))
	return m.syncDetail()
}

// dayKey handles [ and ] in the Talks view.
func (m *Model) dayKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.PrevDay):
		return m.jumpDay(-1), true
	case key.Matches(msg, m.keys.NextDay):
		return m.jumpDay(1), true
	}
	return nil, false
}
