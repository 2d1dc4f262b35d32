package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"cndtalks/internal/render"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
)

// timeCatalogue is a two-day conference in Brussels, in time order as an
// imported schedule is: three rooms, two talks at once, a talk after
// midnight listed under Saturday, and a talk without a time at the end.
func timeCatalogue(t testing.TB) *model.Catalogue {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hour, min int) time.Time { return time.Date(2023, 2, day, hour, min, 0, 0, loc) }
	talk := func(id, title, room string, start time.Time, min int, day string) model.Talk {
		return model.Talk{ID: id, Title: title, Kind: "talk", Room: room, Start: start, Duration: time.Duration(min) * time.Minute, Day: day, Speakers: []string{"s1"}}
	}
	c := &model.Catalogue{
		Event:    model.Event{ID: "timeconf", Name: "Time Conf", Date: "2023-02-04", EndDate: "2023-02-05", TimeZone: "Europe/Brussels", City: "Brussels"},
		Speakers: []model.Speaker{{ID: "s1", Name: "Ana Lima"}},
		Talks: []model.Talk{
			talk("welcome", "Welcome", "Janson", at(4, 9, 30), 25, "2023-02-04"),
			talk("rust", "Rust in the kernel", "K.1.105", at(4, 10, 0), 50, "2023-02-04"),
			talk("go", "Go generics", "Janson", at(4, 10, 0), 30, "2023-02-04"),
			talk("zig", "Zig for C programmers", "H.2214", at(4, 10, 15), 30, "2023-02-04"),
			talk("lunch", "Lightning talks", "Janson", at(4, 13, 0), 60, "2023-02-04"),
			talk("late", "Late night hacking", "Janson", at(5, 1, 0), 60, "2023-02-04"),
			talk("sunday", "Sunday keynote", "Janson", at(5, 9, 30), 30, "2023-02-05"),
			talk("wasm", "WebAssembly everywhere", "K.1.105", at(5, 10, 0), 40, "2023-02-05"),
			talk("closing", "Closing", "Janson", at(5, 17, 0), 20, "2023-02-05"),
			{ID: "tbd", Title: "To be announced", Kind: "talk", Speakers: []string{"s1"}},
		},
	}
	for i := range c.Talks {
		c.Talks[i].Order = i + 1
	}
	c.Index()
	return c
}

// timeMoment is Saturday 10:20 in Brussels, inside the conference.
func timeMoment(t testing.TB) time.Time {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2023, 2, 4, 10, 20, 0, 0, loc)
}

// newTimeHarness is the browser on timeCatalogue with the clock at *now
// (a test moves it) and a real marks store, with go and rust starred
// (they overlap) and closing.
func newTimeHarness(t *testing.T, now *time.Time, w, h int) *harness {
	t.Helper()
	marks, _ := storeMarks(t, "timeconf")
	for _, id := range []string{"go", "rust", "closing", "welcome"} {
		if err := marks.StageStarred(id, true)(); err != nil {
			t.Fatal(err)
		}
	}
	op := &fakeOpener{}
	hs := &harness{t: t, opener: op}
	hs.m = New(timeCatalogue(t), Options{Style: render.StyleDark, Opener: op, render: testRenderers.render, Marks: marks,
		tick: pendingTick, ExportDir: t.TempDir(), Now: func() time.Time { return *now }})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// timeStates are the screens of the time features the goldens show.
var timeStates = []struct {
	name string
	keys []string
}{
	{"days", nil},
	{"days-next", []string{"]"}},
	{"days-scrolled", []string{"j", "j", "j"}},
	{"now", []string{"N"}},
	{"now-moved", []string{"N", "j", "j"}},
	{"agenda", []string{"a"}},
	{"agenda-conflict", []string{"a", "j", "j"}},
	{"help", []string{"?"}},
}

// TestTimeGolden compares the day headers, the Now view and the Agenda
// view with testdata at the three reference sizes, at a fixed moment.
func TestTimeGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}, {40, 12}} {
		for _, st := range timeStates {
			name := fmt.Sprintf("%s-%dx%d", st.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				now := timeMoment(t)
				h := newTimeHarness(t, &now, size[0], size[1])
				h.keys(st.keys...)
				checkBounds(t, name, h.m, size[0], size[1])
				golden(t, name, h.screen())
			})
		}
	}
}

// TestTimeViewsFit checks the time states at odd sizes and after a
// resize: never wider or taller than the window, never a panic.
func TestTimeViewsFit(t *testing.T) {
	for _, st := range timeStates {
		for _, size := range [][2]int{{0, 0}, {1, 1}, {3, 2}, {10, 3}, {24, 6}, {30, 8}, {55, 15}, {99, 30}, {200, 50}, {300, 300}} {
			now := timeMoment(t)
			h := newTimeHarness(t, &now, 80, 24)
			h.keys(st.keys...)
			h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			checkBounds(t, fmt.Sprintf("%s %dx%d", st.name, size[0], size[1]), h.m, size[0], size[1])
		}
	}
}

func TestDayKeys(t *testing.T) {
	now := timeMoment(t)
	h := newTimeHarness(t, &now, 120, 40)
	steps := []struct {
		key, want, status string
	}{
		{"]", "sunday", "Sunday 5 February"},
		{"]", "tbd", "Without a time"},
		{"]", "tbd", "This is the last day"},
		{"[", "sunday", "Sunday 5 February"},
		{"j", "wasm", ""},
		{"[", "sunday", "Sunday 5 February"}, // first the start of its own day
		{"[", "welcome", "Saturday 4 February"},
		{"[", "welcome", "This is the first day"},
	}
	for _, s := range steps {
		h.keys(s.key)
		if got := selectedID(h); got != s.want || h.m.status != s.status {
			t.Fatalf("after %s: %s, status %q; want %s, %q", s.key, got, h.m.status, s.want, s.status)
		}
	}
	// The header above the list follows the top row's day; within a day
	// it stays.
	h.send(tea.WindowSizeMsg{Width: 80, Height: 16})
	h.keys("g", "j", "j")
	if line := h.m.dayLine(60); !strings.Contains(line, "Saturday 4 February") {
		t.Errorf("day line while scrolling Saturday: %q", line)
	}
	h.keys("]")
	if line := h.m.dayLine(60); !strings.Contains(line, "Sunday 5 February") {
		t.Errorf("day line on Sunday: %q", line)
	}
	// Moving down from Saturday's last talk lands on Sunday's first: the
	// headers are not rows.
	h.keys("g")
	for range 5 {
		h.keys("j")
	}
	if got := selectedID(h); got != "late" {
		t.Fatalf("Saturday's last talk: %s", got)
	}
	h.keys("j")
	if got := selectedID(h); got != "sunday" {
		t.Errorf("down from Saturday's last talk: %s, want sunday", got)
	}
}

func TestDayKeysPutAFilterInTimeOrder(t *testing.T) {
	now := timeMoment(t)
	h := newTimeHarness(t, &now, 120, 40)
	h.keys("/")
	h.typeText("room:janson")
	h.keys("tab")
	if h.m.inTimeOrder() {
		t.Fatal("a filter starts in relevance order")
	}
	if scr := h.screen(); !strings.Contains(scr, "Best matches first · T: in time order, by day") {
		t.Errorf("the line above the matches does not say their order:\n%s", scr)
	}
	h.keys("]")
	if !h.m.inTimeOrder() || selectedID(h) != "sunday" {
		t.Errorf("] on a filter: time order %v, selected %s", h.m.inTimeOrder(), selectedID(h))
	}
	if scr := h.screen(); !strings.Contains(scr, "─ Sunday 5 February ─") || !strings.Contains(scr, "09:30–10:00 · Janson") {
		t.Errorf("the matches are not by day:\n%s", scr)
	}
}

func TestNowViewFollowsTheClock(t *testing.T) {
	now := timeMoment(t)
	h := newTimeHarness(t, &now, 120, 40)
	h.keys("N")
	scr := h.screen()
	for _, want := range []string{"Saturday 4 February 10:20 · 3 rooms", "Go generics", "10 min left", "Lightning talks", "in 2 h 40 min", "Zig for C programmers"} {
		if !strings.Contains(scr, want) {
			t.Errorf("Now view at 10:20 lacks %q:\n%s", want, scr)
		}
	}
	// Half a minute later nothing changes until the tick; the tick rebuilds
	// the view, and a tick of an earlier opening is dropped.
	seq := h.m.nowSeq
	now = now.Add(20 * time.Minute)
	h.send(nowTickMsg{seq: seq - 1})
	if !strings.Contains(h.screen(), "10:20") {
		t.Error("a stale tick rebuilt the Now view")
	}
	h.send(nowTickMsg{seq: seq})
	scr = h.screen()
	if !strings.Contains(scr, "10:40 · 3 rooms") || strings.Contains(scr, "Go generics") || !strings.Contains(scr, "10 min left") {
		t.Errorf("after the tick at 10:40:\n%s", scr)
	}
	// enter reads the selected talk in the Talks view.
	h.keys("enter")
	if h.m.view != viewTalks || h.m.focus != focusDetail {
		t.Errorf("enter in Now: view %v focus %v", h.m.view, h.m.focus)
	}

	// Before and after the conference.
	now = timeMoment(t).Add(-72 * time.Hour)
	h.keys("N")
	if scr := h.screen(); !strings.Contains(scr, "The conference starts in 3 days (Saturday 4 February 09:30); its first talks:") || !strings.Contains(scr, "Welcome") {
		t.Errorf("before the conference:\n%s", scr)
	}
	now = timeMoment(t).Add(48 * time.Hour)
	h.keys("t", "N")
	if scr := h.screen(); !strings.Contains(scr, "The conference is over: it ended Sunday 5 February 2023 17:20") {
		t.Errorf("after the conference:\n%s", scr)
	}
}

func TestNowKeyUsesTheClock(t *testing.T) {
	now := timeMoment(t)
	h := newTimeHarness(t, &now, 120, 40)
	h.keys("n")
	if !strings.HasPrefix(h.m.status, "On now, until") {
		t.Errorf("n at 10:20: %q", h.m.status)
	}
}

func TestAgendaView(t *testing.T) {
	now := timeMoment(t)
	h := newTimeHarness(t, &now, 120, 40)
	h.keys("a")
	scr := h.screen()
	for _, want := range []string{"My agenda · 4 starred talks · 1 conflict", "─ Saturday 4 February ─", "⚠ 2 talks at once, 10:00–10:50: pick one",
		"free 09:55–10:00 (5 min)", "─ Sunday 5 February ─", "17:00–17:20", "Closing · Janson"} {
		if !strings.Contains(scr, want) {
			t.Errorf("agenda lacks %q:\n%s", want, scr)
		}
	}
	// The conflict's talks are side by side, on one line.
	if !strings.Contains(scr, "Rust in the kernel") || strings.Count(scr, "\n") < 10 {
		t.Fatalf("agenda:\n%s", scr)
	}
	for _, line := range strings.Split(scr, "\n") {
		if strings.Contains(line, "Rust in the kernel") && !strings.Contains(line, "Go generics") {
			t.Errorf("the conflicting talks are not side by side: %q", line)
		}
	}
	// Down moves through them in reading order; s unstars, and the agenda
	// follows.
	h.keys("j")
	if t0, _ := h.m.agendaView.selected(); h.m.cat.Talks[t0].ID != "rust" {
		t.Errorf("second target: %s", h.m.cat.Talks[t0].ID)
	}
	h.keys("s")
	if scr := h.screen(); strings.Contains(scr, "conflict") || !strings.Contains(scr, "3 starred talks") {
		t.Errorf("after unstarring rust:\n%s", scr)
	}
}

func TestNowViewMouse(t *testing.T) {
	now := timeMoment(t)
	h := newTimeHarness(t, &now, 120, 40)
	h.keys("N")
	click := tea.MouseClickMsg{X: 40, Y: h.m.lay.bodyY + 3, Button: tea.MouseLeft}
	h.send(click)
	if tk, _ := h.m.nowView.selected(); h.m.cat.Talks[tk].ID != "lunch" {
		t.Fatalf("click on Janson's next talk selected %s", h.m.cat.Talks[tk].ID)
	}
	h.send(click)
	if h.m.view != viewTalks || selectedID(h) != "lunch" {
		t.Errorf("a second click: view %v, talk %s", h.m.view, selectedID(h))
	}
	h.keys("N") // the selection is kept: lunch, the second talk
	h.send(tea.MouseWheelMsg{X: 10, Y: h.m.lay.bodyY + 5, Button: tea.MouseWheelDown})
	if h.m.nowView.cursor != 2 {
		t.Errorf("the wheel moved the Now view's selection to %d", h.m.nowView.cursor)
	}
}

func TestFilterDayToday(t *testing.T) {
	now := timeMoment(t).Add(24 * time.Hour) // Sunday
	h := newTimeHarness(t, &now, 120, 40)
	h.keys("/")
	h.typeText("day:today")
	if got := h.m.list.len(); got != 3 {
		t.Errorf("day:today on Sunday lists %d talks, want 3", got)
	}
}

func TestCompactMinutes(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{{40 * time.Minute, "40m"}, {39*time.Minute + time.Second, "40m"}, {100 * time.Minute, "1h40"}, {65 * time.Minute, "1h05"}, {2 * time.Hour, "2h"}} {
		if got := compactMinutes(tt.d); got != tt.want {
			t.Errorf("compactMinutes(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// Enter in the Now or Agenda view reads the talk; esc comes back to the
// view, at the same selection (history.go).
func TestNowAndAgendaEnterAndBack(t *testing.T) {
	for _, v := range []struct {
		key  string
		view viewID
	}{{"N", viewNow}, {"a", viewAgenda}} {
		now := timeMoment(t)
		h := newTimeHarness(t, &now, 120, 40)
		h.keys(v.key, "j")
		b := &h.m.nowView
		if v.view == viewAgenda {
			b = &h.m.agendaView
		}
		cursor := b.cursor
		want, _ := b.selected()
		h.keys("enter")
		if h.m.view != viewTalks || h.m.currentTalk() != want {
			t.Fatalf("%s, enter: view %v talk %d, want the Talks view on %d", v.key, h.m.view, h.m.currentTalk(), want)
		}
		h.keys("esc")
		if h.m.view == viewTalks && h.m.focus == focusDetail {
			h.keys("esc")
		}
		if h.m.view != v.view || b.cursor != cursor {
			t.Errorf("%s, esc after enter: view %v cursor %d, want %v at %d", v.key, h.m.view, b.cursor, v.view, cursor)
		}
	}
}
