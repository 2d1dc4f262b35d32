package tui

import (
	"strings"
	"testing"
	"time"

	"cndtalks/internal/render"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// scheduleCatalogue is a two-day programme in Brussels: two rooms, a
// session after midnight listed under the first day, and a talk without a
// time.
func scheduleCatalogue(t testing.TB) *model.Catalogue {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hour, min int) time.Time { return time.Date(2023, 2, day, hour, min, 0, 0, loc) }
	talk := func(id, title, room string, start time.Time, d time.Duration, day string) model.Talk {
		return model.Talk{ID: id, Title: title, Kind: "talk", Room: room, Start: start, Duration: d, Day: day, Speakers: []string{"s1"}}
	}
	c := &model.Catalogue{
		Event:    model.Event{ID: "sched", Name: "Sched Conf", Date: "2023-02-04", TimeZone: "Europe/Brussels"},
		Speakers: []model.Speaker{{ID: "s1", Name: "Ana Lima"}},
		Talks: []model.Talk{
			talk("welcome", "Welcome", "Janson", at(4, 9, 30), 25*time.Minute, "2023-02-04"),
			talk("rust", "Rust in the kernel", "K.1.105", at(4, 10, 0), 50*time.Minute, "2023-02-04"),
			talk("go", "Go generics", "Janson", at(4, 10, 0), 30*time.Minute, "2023-02-04"),
			talk("late", "Late night hacking", "Janson", at(5, 1, 0), time.Hour, "2023-02-04"),
			talk("sunday", "Sunday keynote", "Janson", at(5, 9, 30), 0, "2023-02-05"),
			{ID: "tbd", Title: "To be announced", Kind: "talk"},
			{ID: "desk", Title: "Infodesk", Kind: "other", Room: "Hall", Start: at(5, 12, 0), Duration: 2 * time.Hour, Day: "2023-02-05"},
		},
	}
	for i := range c.Talks {
		c.Talks[i].Order = i + 1
	}
	c.Index()
	return c
}

func TestWhenWhere(t *testing.T) {
	c := scheduleCatalogue(t)
	for i, want := range []string{"Sat 09:30 · Janson", "Sat 10:00 · K.1.105", "Sat 10:00 · Janson", "Sun 01:00 · Janson", "Sun 09:30 · Janson", ""} {
		if got := whenWhere(&c.Talks[i], 40); got != want {
			t.Errorf("whenWhere(%s) = %q, want %q", c.Talks[i].ID, got, want)
		}
	}
}

// TestWhenWhereShortensRooms: in a narrow row the room is shortened by
// model.ShortRoom's rule, not cut anywhere.
func TestWhenWhereShortensRooms(t *testing.T) {
	talk := model.Talk{Start: time.Date(2023, 2, 4, 10, 0, 0, 0, time.UTC), Room: "K.1.105 (La Fontaine)"}
	for _, tc := range []struct {
		width int
		want  string
	}{
		{40, "Sat 10:00 · K.1.105 (La Fontaine)"},
		{22, "Sat 10:00 · K.1.105"},
		{12, "Sat 10:00"},
	} {
		if got := whenWhere(&talk, tc.width); got != tc.want {
			t.Errorf("whenWhere(width %d) = %q, want %q", tc.width, got, tc.want)
		}
	}
}

func TestByTime(t *testing.T) {
	c := scheduleCatalogue(t)
	// Relevance order from a search, with the untimed talk first.
	hits := []model.Hit{{Talk: 5}, {Talk: 3}, {Talk: 2}, {Talk: 0}, {Talk: 1}}
	var ids []string
	for _, h := range byTime(c, hits) {
		ids = append(ids, c.Talks[h.Talk].ID)
	}
	if got := strings.Join(ids, " "); got != "welcome rust go late tbd" {
		t.Errorf("byTime = %s", got)
	}
	if hits[0].Talk != 5 {
		t.Errorf("byTime changed its argument")
	}
}

func TestNowOrNext(t *testing.T) {
	c := scheduleCatalogue(t)
	loc := c.Talks[0].Start.Location()
	all := talkList{n: len(c.Talks)}
	tests := []struct {
		name   string
		list   talkList
		cursor int
		now    time.Time
		want   string
		onNow  bool
		ok     bool
	}{
		{"before it starts", all, 0, time.Date(2023, 2, 4, 8, 0, 0, 0, loc), "welcome", false, true},
		{"during the first talk", all, 0, time.Date(2023, 2, 4, 9, 40, 0, 0, loc), "welcome", true, true},
		{"between talks", all, 0, time.Date(2023, 2, 4, 9, 56, 0, 0, loc), "rust", false, true},
		// Two talks on at 10:10: the first after the cursor, then the other.
		{"two on now", all, 0, time.Date(2023, 2, 4, 10, 10, 0, 0, loc), "rust", true, true},
		{"two on now, again", all, 1, time.Date(2023, 2, 4, 10, 10, 0, 0, loc), "go", true, true},
		{"the instant it ends is not on", all, 0, time.Date(2023, 2, 4, 10, 50, 0, 0, loc), "late", false, true},
		{"after midnight", all, 0, time.Date(2023, 2, 5, 1, 30, 0, 0, loc), "late", true, true},
		// A talk without a duration is on for its first minute only.
		{"no duration", all, 0, time.Date(2023, 2, 5, 9, 30, 30, 0, loc), "sunday", true, true},
		{"over", all, 0, time.Date(2023, 2, 6, 12, 0, 0, 0, loc), "", false, false},
		// Filtered: only the listed talks count.
		{"filtered", talkList{n: 2, hits: []model.Hit{{Talk: 4}, {Talk: 2}}}, 0, time.Date(2023, 2, 4, 9, 40, 0, 0, loc), "go", false, true},
		{"empty list", talkList{}, 0, time.Date(2023, 2, 4, 9, 40, 0, 0, loc), "", false, false},
		// The instant is what counts, whatever zone the clock reads in.
		{"clock in UTC", all, 0, time.Date(2023, 2, 4, 8, 40, 0, 0, time.UTC), "welcome", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.list
			l.cursor = tt.cursor
			row, onNow, ok := l.nowOrNext(c, tt.now)
			got := ""
			if ok {
				got = c.Talks[l.item(row)].ID
			}
			if got != tt.want || onNow != tt.onNow || ok != tt.ok {
				t.Errorf("nowOrNext = %q on now %v ok %v; want %q %v %v", got, onNow, ok, tt.want, tt.onNow, tt.ok)
			}
		})
	}
}

func TestNowNextStatus(t *testing.T) {
	c := scheduleCatalogue(t)
	loc := c.Talks[0].Start.Location()
	at := func(d, h, m int) time.Time { return time.Date(2023, 2, d, h, m, 0, 0, loc) }
	tests := []struct {
		talk  int
		onNow bool
		now   time.Time
		want  string
	}{
		{0, true, at(4, 9, 40), "On now, until 09:55: Welcome · Janson"},
		{4, true, at(5, 9, 30), "On now: Sunday keynote · Janson"},
		{1, false, at(4, 9, 35), "Next, in 25 min (Sat 10:00): Rust in the kernel · K.1.105"},
		{3, false, at(4, 22, 55), "Next, in 2 h 5 min (Sun 01:00): Late night hacking · Janson"},
		{4, false, at(4, 6, 30), "Next, tomorrow (Sun 09:30): Sunday keynote · Janson"},
		{0, false, at(1, 9, 30), "Next, in 3 days (Sat 09:30): Welcome · Janson"},
		{0, false, at(4, 9, 29), "Next, in 1 min (Sat 09:30): Welcome · Janson"},
	}
	for _, tt := range tests {
		if got := nowNextStatus(&c.Talks[tt.talk], tt.onNow, tt.now); got != tt.want {
			t.Errorf("nowNextStatus(%s, %v) = %q, want %q", c.Talks[tt.talk].ID, tt.onNow, got, tt.want)
		}
	}
	if got := scheduleOver(c, talkList{n: len(c.Talks)}); got != "Nothing on now or later: the last listed talk ended Sun 5 Feb 2023 14:00" {
		t.Errorf("scheduleOver = %q", got)
	}
	// A talk with no duration has no known end: it "started", it did not
	// end at its start.
	if got := scheduleOver(c, talkList{n: 1, hits: []model.Hit{{Talk: 4}}}); got != "Nothing on now or later: the last listed talk started Sun 5 Feb 2023 09:30" {
		t.Errorf("scheduleOver(no duration) = %q", got)
	}
	if got := scheduleOver(c, talkList{n: 1, hits: []model.Hit{{Talk: 5}}}); got != "None of the listed talks has a time" {
		t.Errorf("scheduleOver = %q", got)
	}
}

// newScheduleHarness is newHarness with a fixed clock.
func newScheduleHarness(t *testing.T, cat *model.Catalogue, now time.Time, w, h int) *harness {
	t.Helper()
	op := &fakeOpener{}
	hs := &harness{t: t, opener: op}
	hs.m = New(cat, Options{Style: render.StyleDark, Opener: op, render: testRenderers.render, tick: pendingTick, Now: func() time.Time { return now }})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

func selectedID(h *harness) string {
	i, ok := h.m.list.selected()
	if !ok {
		return ""
	}
	return h.m.cat.Talks[i].ID
}

func TestScheduleRowsAndHelp(t *testing.T) {
	c := scheduleCatalogue(t)
	h := newScheduleHarness(t, c, c.Talks[0].Start, 110, 30)
	scr := h.screen()
	h.keys("G")
	if scr := h.screen(); !strings.Contains(scr, "Sun 12:00 · Hall\n") && !strings.Contains(scr, "Sun 12:00 · Hall ") {
		t.Errorf("a row without speakers:\n%s", scr)
	} else if strings.Contains(scr, "Hall · ") {
		t.Errorf("a dangling separator on a row without speakers:\n%s", scr)
	}
	h.keys("g")
	for _, want := range []string{"Sat 09:30 · Janson · Ana Lima", "Sat 10:00 · K.1.105 · Ana Lima", "Sun 01:00 · Janson · Ana Lima", "n now"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
	if help := h.m.fullHelp(); !strings.Contains(help, "Schedule") || !strings.Contains(help, "now / next") || !strings.Contains(help, "matches by time") {
		t.Errorf("help lacks the schedule keys:\n%s", help)
	}

	// Without times nothing about schedules shows, and the keys do nothing
	// but say why.
	plain := newHarness(t, nil, 110, 30)
	if scr := plain.screen(); strings.Contains(scr, "n now") || strings.Contains(scr, " · Luc") || strings.Contains(scr, "Agenda") {
		t.Errorf("schedule bits on a catalogue without times:\n%s", scr)
	}
	before := selectedID(plain)
	for _, k := range []string{"n", "T", "[", "]", "N", "a"} {
		plain.keys(k)
		if selectedID(plain) != before || plain.m.timeOrder || plain.m.view != viewTalks ||
			!strings.HasPrefix(plain.m.status, "This catalogue has no times: "+k+" (") {
			t.Errorf("%s without times: %q %q %v %v", k, selectedID(plain), plain.m.status, plain.m.timeOrder, plain.m.view)
		}
	}
	if scr := plain.screen(); !strings.Contains(scr, "This catalogue has no times: a (my agenda) needs a schedule") {
		t.Errorf("the status line does not say why a does nothing:\n%s", scr)
	}
	if help := plain.m.fullHelp(); strings.Contains(help, "Schedule") || strings.Contains(help, "now / next") {
		t.Errorf("help shows schedule keys without times:\n%s", help)
	}
}

func TestNowNextKey(t *testing.T) {
	c := scheduleCatalogue(t)
	loc := c.Talks[0].Start.Location()
	h := newScheduleHarness(t, c, time.Date(2023, 2, 4, 10, 10, 0, 0, loc), 110, 30)
	h.keys("n")
	if selectedID(h) != "rust" || h.m.status != "On now, until 10:50: Rust in the kernel · K.1.105" {
		t.Errorf("n: selected %q, status %q", selectedID(h), h.m.status)
	}
	// Again: the other talk on now, then back to the first.
	h.keys("n")
	if selectedID(h) != "go" || h.m.status != "On now, until 10:30: Go generics · Janson" {
		t.Errorf("n n: selected %q, status %q", selectedID(h), h.m.status)
	}
	h.keys("n")
	if selectedID(h) != "rust" {
		t.Errorf("n n n: selected %q", selectedID(h))
	}
	if !strings.Contains(h.screen(), "On now, until 10:50: Rust in the kernel") {
		t.Errorf("status not on screen:\n%s", h.screen())
	}

	// From the detail pane too: the list takes the keyboard back.
	h.keys("enter")
	h.keys("n")
	if h.m.focus != focusList {
		t.Errorf("focus = %v after n in the detail", h.m.focus)
	}

	// Between sessions: the next one.
	h2 := newScheduleHarness(t, c, time.Date(2023, 2, 4, 22, 55, 0, 0, loc), 110, 30)
	h2.keys("n")
	if selectedID(h2) != "late" || h2.m.status != "Next, in 2 h 5 min (Sun 01:00): Late night hacking · Janson" {
		t.Errorf("next: selected %q, status %q", selectedID(h2), h2.m.status)
	}

	// After the conference: said so, selection unchanged.
	h3 := newScheduleHarness(t, c, time.Date(2023, 3, 1, 12, 0, 0, 0, loc), 110, 30)
	h3.keys("j", "n")
	if selectedID(h3) != "rust" || !strings.HasPrefix(h3.m.status, "Nothing on now or later") {
		t.Errorf("over: selected %q, status %q", selectedID(h3), h3.m.status)
	}

	// Filtered: only what is listed counts.
	h4 := newScheduleHarness(t, c, time.Date(2023, 2, 4, 10, 10, 0, 0, loc), 110, 30)
	h4.keys("/").typeText("generics").keys("tab", "n")
	if selectedID(h4) != "go" || !strings.HasPrefix(h4.m.status, "On now") {
		t.Errorf("filtered: selected %q, status %q", selectedID(h4), h4.m.status)
	}
}

func TestTimeOrderKey(t *testing.T) {
	c := scheduleCatalogue(t)
	h := newScheduleHarness(t, c, c.Talks[0].Start, 110, 30)
	h.keys("/").typeText("l").keys("tab")
	rows := func() []string {
		var ids []string
		for i := 0; i < h.m.list.len(); i++ {
			ids = append(ids, c.Talks[h.m.list.item(i)].ID)
		}
		return ids
	}
	relevance := rows()
	if len(relevance) < 3 {
		t.Fatalf("the query matched %v", relevance)
	}
	h.keys("j")
	sel := selectedID(h)
	h.keys("T")
	timed := rows()
	for i := 1; i < len(timed); i++ {
		a, b := &c.Talks[h.m.list.item(i-1)], &c.Talks[h.m.list.item(i)]
		if b.HasSchedule() && (!a.HasSchedule() || b.Start.Before(a.Start)) {
			t.Errorf("not in time order: %v", timed)
		}
	}
	if selectedID(h) != sel || h.m.status != "Matches in time order (T: by relevance)" {
		t.Errorf("after T: selected %q (was %q), status %q", selectedID(h), sel, h.m.status)
	}
	// A new search keeps the order the user chose.
	h.keys("/").typeText("e").keys("tab")
	for i := 1; i < h.m.list.len(); i++ {
		a, b := &c.Talks[h.m.list.item(i-1)], &c.Talks[h.m.list.item(i)]
		if b.HasSchedule() && (!a.HasSchedule() || b.Start.Before(a.Start)) {
			t.Errorf("refined search not in time order")
		}
	}
	h.keys("/", "backspace", "enter", "T")
	if got := rows(); strings.Join(got, " ") != strings.Join(relevance, " ") {
		t.Errorf("back to relevance: %v, want %v", got, relevance)
	}
}

// TestScheduleViewsFit checks that the schedule's rows and status keep the
// view within the window at every size.
func TestScheduleViewsFit(t *testing.T) {
	c := scheduleCatalogue(t)
	c.Talks[1].Room = "A room with a very long name indeed, and wide ones: 会議室 🏳️‍🌈"
	loc := c.Talks[0].Start.Location()
	for _, w := range []int{0, 1, 2, 3, 5, 10, 20, 30, 45, 80, 300} {
		for _, hgt := range []int{0, 1, 2, 3, 5, 10, 20, 80} {
			h := newScheduleHarness(t, c, time.Date(2023, 2, 4, 10, 10, 0, 0, loc), w, hgt)
			for _, k := range []string{"", "n", "T", "j"} {
				if k != "" {
					h.keys(k)
				}
				lines := strings.Split(h.screen(), "\n")
				if len(lines) > max(hgt, 1) {
					t.Fatalf("%dx%d after %q: %d lines", w, hgt, k, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("%dx%d after %q: line of %d cells: %q", w, hgt, k, ansi.StringWidth(l), l)
					}
				}
			}
		}
	}
}
