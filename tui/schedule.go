package tui

import (
	"fmt"
	"slices"
	"time"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// What the browser shows and does for a catalogue with times (an imported
// schedule): each row says when and where, a key jumps to what is on now or
// next, and a key lists a filter's matches in time order instead of by
// relevance. A catalogue without times shows none of it.

// whenWhere is a talk's weekday, start time and room, "Sat 10:30 · One",
// in the zone the schedule gave it (the conference's), within width cells
// (the room shortened by roomIn). It is "" for a talk without a time.
func whenWhere(t *model.Talk, width int) string {
	if !t.HasSchedule() {
		return ""
	}
	s := t.Start.Format("Mon 15:04")
	if room := roomIn(t.Room, width-ansi.StringWidth(s)-3); room != "" {
		s += " · " + room
	}
	return s
}

// byTime returns the hits in programme time order (start, then catalogue
// order), leaving hits as they are.
func byTime(cat *model.Catalogue, hits []model.Hit) []model.Hit {
	out := slices.Clone(hits)
	slices.SortStableFunc(out, func(a, b model.Hit) int {
		ta, tb := &cat.Talks[a.Talk], &cat.Talks[b.Talk]
		switch {
		case ta.HasSchedule() != tb.HasSchedule():
			if ta.HasSchedule() {
				return -1
			}
			return 1
		case !ta.Start.Equal(tb.Start):
			return ta.Start.Compare(tb.Start)
		}
		return a.Talk - b.Talk
	})
	return out
}

// nowOrNext finds, among the listed rows, a talk running at now, else the
// next to start. Several talks run at once at a conference, so it starts
// looking just after the selected row and wraps: pressing the key again
// visits each talk on now in turn. It returns the row, whether that talk is
// on now, and false when nothing listed is on now or later.
func (l talkList) nowOrNext(cat *model.Catalogue, now time.Time) (row int, onNow, ok bool) {
	next, nextStart := -1, time.Time{}
	for k := 1; k <= l.n; k++ {
		i := (l.cursor + k) % l.n
		t := &cat.Talks[l.item(i)]
		if !t.HasSchedule() {
			continue
		}
		end := t.End()
		if t.Duration <= 0 {
			end = t.Start.Add(time.Minute)
		}
		if !t.Start.After(now) && now.Before(end) {
			return i, true, true
		}
		if t.Start.After(now) && (next < 0 || t.Start.Before(nextStart) || t.Start.Equal(nextStart) && i < next) {
			next, nextStart = i, t.Start
		}
	}
	if next < 0 {
		return 0, false, false
	}
	return next, false, true
}

// nowNextStatus says what the now/next key found, for the status line.
func nowNextStatus(t *model.Talk, onNow bool, now time.Time) string {
	title := oneLine(t.Title)
	where := ""
	if room := oneLine(t.Room); room != "" {
		where = " · " + room
	}
	if onNow {
		if t.Duration > 0 {
			return fmt.Sprintf("On now, until %s: %s%s", t.End().Format("15:04"), title, where)
		}
		return fmt.Sprintf("On now: %s%s", title, where)
	}
	return fmt.Sprintf("Next, %s (%s): %s%s", model.Until(t.Start.Sub(now)), t.Start.Format("Mon 15:04"), title, where)
}

// scheduleOver says there is nothing left, naming when the listed talks
// ended.
func scheduleOver(cat *model.Catalogue, l talkList) string {
	var last time.Time
	ended := true // false when the last moment known is a start with no duration
	for i := 0; i < l.n; i++ {
		if t := &cat.Talks[l.item(i)]; t.HasSchedule() && t.End().After(last) {
			last, ended = t.End(), t.Duration > 0
		}
	}
	if last.IsZero() {
		return "None of the listed talks has a time"
	}
	if !ended {
		return "Nothing on now or later: the last listed talk started " + last.Format("Mon 2 Jan 2006 15:04")
	}
	return "Nothing on now or later: the last listed talk ended " + last.Format("Mon 2 Jan 2006 15:04")
}

// setupSchedule turns the schedule keys off for a catalogue without times,
// which hides them from the help too.
func (m *Model) setupSchedule() {
	on := m.cat.HasSchedule()
	for _, b := range m.scheduleBindings() {
		b.SetEnabled(on)
	}
	rooms := hasRooms(m.cat)
	for _, b := range []*key.Binding{&m.keys.Rooms, &m.keys.PrevGroup, &m.keys.NextGroup} {
		b.SetEnabled(rooms)
	}
	for _, b := range []*key.Binding{&m.keys.Grid, &m.keys.GridLeft, &m.keys.GridRight, &m.keys.GridPrevDay, &m.keys.GridNextDay} {
		b.SetEnabled(on && rooms)
	}
}

// rowWhen is what the list rows show as time and room: nil without times.
func (m Model) rowWhen() func(*model.Talk, int) string {
	if !m.hasTimes {
		return nil
	}
	if m.inTimeOrder() {
		return spanWhere // under the day's header (days.go)
	}
	return whenWhere
}

// ordered puts a search's hits in the order the list shows them.
func (m Model) ordered(hits []model.Hit) []model.Hit {
	if m.timeOrder {
		return byTime(m.cat, hits)
	}
	return hits
}

// scheduleKey handles the schedule keys in the Talks view.
func (m *Model) scheduleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.NowNext):
		now := m.now()
		row, onNow, ok := m.list.nowOrNext(m.cat, now)
		if !ok {
			m.setStatus(scheduleOver(m.cat, m.list))
			return nil, true
		}
		m.focusList()
		m.list.moveTo(row)
		t, _ := m.list.selected()
		m.setStatus(nowNextStatus(&m.cat.Talks[t], onNow, now))
		return m.syncDetail(), true
	case key.Matches(msg, m.keys.TimeOrder):
		m.timeOrder = !m.timeOrder
		if m.result == nil {
			// Every talk is listed in programme order anyway: say what T
			// will do, since nothing moves now.
			if m.timeOrder {
				m.setStatus("A filter's matches will be listed in time order (T: by relevance)")
			} else {
				m.setStatus("A filter's matches will be listed by relevance (T: in time order)")
			}
			return nil, true
		}
		if m.timeOrder {
			m.setStatus("Matches in time order (T: by relevance)")
		} else {
			m.setStatus("Matches by relevance (T: in time order)")
		}
		t, had := m.list.selected()
		m.list.showHits(m.result, m.ordered(m.result.Hits))
		if had {
			m.list.selectTalk(t)
		}
		return m.syncDetail(), true
	}
	return nil, false
}

// scheduleBindings are the keys that need times.
func (m *Model) scheduleBindings() []*key.Binding {
	k := &m.keys
	return []*key.Binding{&k.NowNext, &k.TimeOrder, &k.PrevDay, &k.NextDay, &k.NowView, &k.Agenda}
}

// noTimesKey says why a schedule key does nothing on a catalogue without
// times (its binding is off, so help does not offer it), and reports
// whether msg was one.
func (m *Model) noTimesKey(msg tea.KeyPressMsg) bool {
	if m.hasTimes {
		return false
	}
	for _, b := range m.scheduleBindings() {
		for _, k := range b.Keys() {
			if msg.String() == k {
				m.setError("This catalogue has no times: " + b.Help().Key + " (" + b.Help().Desc + ") needs a schedule")
				return true
			}
		}
	}
	return false
}
