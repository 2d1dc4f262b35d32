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

// viewsCatalogue is a two-day programme with five rooms (long names among
// them), tracks, talks of 10 to 90 minutes, one talk overlapping another
// in its room, and speakers whose names have particles.
func viewsCatalogue(t testing.TB) *model.Catalogue {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hour, min int) time.Time { return time.Date(2023, 2, day, hour, min, 0, 0, loc) }
	c := &model.Catalogue{
		Event: model.Event{ID: "views", Name: "Views Conf", Date: "2023-02-04", TimeZone: "Europe/Brussels"},
		Speakers: []model.Speaker{
			{ID: "lvb", Name: "Ludwig van Beethoven", Org: "Bonn"},
			{ID: "ada", Name: "Ada Lovelace", Org: "Analytical Engines"},
			{ID: "zoe", Name: "Zoë Adams"},
			{ID: "mad", Name: "Madonna"},
			{ID: "eric", Name: "Éric Zola"},
		},
	}
	type tk struct {
		id, title, room, track string
		day, h, m, mins        int
		sp                     []string
	}
	talks := []tk{
		{"open", "Opening of the conference", "Janson", "Keynotes", 4, 9, 30, 25, []string{"ada"}},
		{"rust", "Rust in the kernel: a progress report from the trenches", "K.1.105 (La Fontaine)", "Kernel", 4, 10, 0, 50, []string{"lvb"}},
		{"go", "Go generics in practice", "Janson", "Go", 4, 10, 0, 30, []string{"zoe"}},
		{"sbom", "SBOMs for everyone", "UB5.132", "Security", 4, 10, 0, 20, []string{"mad"}},
		{"sbom2", "Signing what you ship", "UB5.132", "Security", 4, 10, 20, 20, []string{"eric"}},
		{"light", "Lightning: ten minutes of eBPF", "UB5.132", "Lightning Talks", 4, 10, 40, 10, []string{"zoe"}},
		{"clash", "An overlapping session that the schedule put in the same room", "UB5.132", "Security", 4, 10, 45, 30, []string{"ada"}},
		{"music", "Computer music all afternoon", "Sendezentrum Bühne (Saal X 07)", "", 4, 11, 0, 90, []string{"mad", "lvb"}},
		{"hw", "Hardware hacking for beginners", "Hardware Hacking Area -- Rear", "", 4, 10, 30, 60, []string{"eric"}},
		{"late", "Late talk in Janson", "Janson", "Go", 4, 11, 0, 40, []string{"ada"}},
		{"sun1", "Sunday keynote", "Janson", "Keynotes", 5, 9, 30, 30, []string{"lvb"}},
		{"sun2", "Kernel on Sunday", "K.1.105 (La Fontaine)", "Kernel", 5, 10, 0, 45, []string{"zoe", "ada"}},
	}
	for i, x := range talks {
		c.Talks = append(c.Talks, model.Talk{ID: x.id, Title: x.title, Kind: "talk", Order: i + 1, Room: x.room, Track: x.track,
			Start: at(x.day, x.h, x.m), Duration: time.Duration(x.mins) * time.Minute, Day: fmt.Sprintf("2023-02-%02d", x.day), Speakers: x.sp})
	}
	c.Index()
	return c
}

// newViewsHarness is the browser on viewsCatalogue with marks.
func newViewsHarness(t *testing.T, w, h int) (*harness, *memMarks) {
	t.Helper()
	marks := &memMarks{starred: map[string]bool{"rust": true}, watched: map[string]bool{"open": true}}
	op := &fakeOpener{}
	hs := &harness{t: t, opener: op}
	hs.m = New(viewsCatalogue(t), Options{Style: render.StyleDark, Opener: op, render: testRenderers.render, Marks: marks,
		tick: pendingTick, ExportDir: t.TempDir(), Now: func() time.Time { return time.Date(2023, 2, 4, 10, 5, 0, 0, time.UTC) }})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs, marks
}

// memMarks is marks in memory that s and w can change.
type memMarks struct{ starred, watched map[string]bool }

func (m *memMarks) Starred(id string) bool { return m.starred[id] }
func (m *memMarks) Watched(id string) bool { return m.watched[id] }
func (m *memMarks) StageStarred(id string, on bool) func() error {
	m.starred[id] = on
	return func() error { return nil }
}
func (m *memMarks) StageWatched(id string, on bool) func() error {
	m.watched[id] = on
	return func() error { return nil }
}

// viewStates are the screens of the Rooms, Grid and Speakers views the
// goldens show.
var viewStates = []struct {
	name string
	keys func(h *harness)
}{
	{"list", func(h *harness) {}},
	{"rooms", func(h *harness) { h.keys("r", "j", "j") }},
	{"rooms-group", func(h *harness) { h.keys("r", "right", "right") }},
	{"tracks", func(h *harness) { h.keys("r", "r", "down") }},
	{"grid", func(h *harness) { h.keys("m") }},
	{"grid-moved", func(h *harness) { h.keys("m", "right", "right", "down") }},
	{"grid-sunday", func(h *harness) { h.keys("m", "]") }},
	{"speakers", func(h *harness) { h.keys("p") }},
	{"speakers-filter", func(h *harness) { h.keys("p", "/"); h.typeText("ada") }},
}

// TestViewsGolden: the Rooms, Grid and Speakers views, and the list, at
// the reference sizes and at 200 columns, where the list pane grows.
func TestViewsGolden(t *testing.T) {
	for _, size := range [][2]int{{200, 50}, {120, 40}, {80, 24}, {40, 12}} {
		for _, st := range viewStates {
			name := fmt.Sprintf("%s-%dx%d", st.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				h, _ := newViewsHarness(t, size[0], size[1])
				st.keys(h)
				golden(t, name, h.screen())
				checkBounds(t, name, h.m, size[0], size[1])
			})
		}
	}
}

func TestWideListPane(t *testing.T) {
	for _, tc := range []struct{ w, list int }{{100, 40}, {120, 48}, {160, 64}, {200, 103}, {300, 203}} {
		h, _ := newViewsHarness(t, tc.w, 40)
		if h.m.lay.listW != tc.list {
			t.Errorf("at %d columns the list is %d wide, want %d", tc.w, h.m.lay.listW, tc.list)
		}
		if d := h.m.lay.detailW; d > maxDetailW {
			t.Errorf("at %d columns the detail is %d wide", tc.w, d)
		}
	}
	// At 200 columns the longest title and its room are whole.
	h, _ := newViewsHarness(t, 200, 50)
	scr := h.screen()
	for _, s := range []string{"Rust in the kernel: a progress report from the trenches", "Sat 10:00 · K.1.105 (La Fontaine) · Ludwig van Beethoven"} {
		if !strings.Contains(scr, s) {
			t.Errorf("at 200 columns %q is cut:\n%s", s, scr)
		}
	}
}

// TestRoomsEnterAndBack: enter on a room lists its talks through the
// filter; enter there reads one; esc goes back to the list, then to the
// Rooms view on the same line.
func TestRoomsEnterAndBack(t *testing.T) {
	h, _ := newViewsHarness(t, 120, 40)
	h.keys("r", "right", "right") // UB5.132
	if h.m.view != viewRooms {
		t.Fatal("r did not open the Rooms view")
	}
	cursor := h.m.rooms.cursor
	h.keys("enter")
	if h.m.view != viewTalks || h.m.input.Value() != `room:="UB5.132"` {
		t.Fatalf("enter on a room: view %v, filter %q", h.m.view, h.m.input.Value())
	}
	if got := listed(h); !equal(got, []string{"sbom", "sbom2", "light", "clash"}) {
		t.Fatalf("the room's talks: %v", got)
	}
	if !strings.Contains(h.screen(), "4 of 12") {
		t.Error("the header does not count the room's talks")
	}
	h.keys("j", "enter")
	if h.m.focus != focusDetail || h.m.currentTalk() != 4 {
		t.Fatalf("enter in the list: focus %v, talk %d", h.m.focus, h.m.currentTalk())
	}
	h.keys("esc") // the detail, back to the list
	if h.m.view != viewTalks || h.m.focus != focusList {
		t.Fatalf("esc from the detail: view %v focus %v", h.m.view, h.m.focus)
	}
	h.keys("esc") // the list, back to Rooms
	if h.m.view != viewRooms || h.m.rooms.cursor != cursor {
		t.Fatalf("esc from the list: view %v cursor %d, want Rooms at %d", h.m.view, h.m.rooms.cursor, cursor)
	}
	if h.m.input.Value() != "" || h.m.list.len() != 12 {
		t.Errorf("the filter was not restored: %q, %d talks", h.m.input.Value(), h.m.list.len())
	}

	// enter on a talk reads it; esc comes straight back.
	h.keys("down", "down")
	row, _ := h.m.rooms.selected()
	h.keys("enter")
	if h.m.view != viewTalks || h.m.focus != focusDetail || h.m.currentTalk() != row.talk {
		t.Fatalf("enter on a talk: view %v focus %v talk %d, want %d", h.m.view, h.m.focus, h.m.currentTalk(), row.talk)
	}
	h.keys("esc")
	if h.m.view != viewRooms || h.m.rooms.cursor != cursor+2 {
		t.Errorf("esc after reading: view %v cursor %d", h.m.view, h.m.rooms.cursor)
	}
}

func TestRoomsByTrack(t *testing.T) {
	h, _ := newViewsHarness(t, 120, 40)
	h.keys("r", "r")
	if !h.m.rooms.byTrack || !strings.Contains(h.screen(), "Keynotes · 2 talks") {
		t.Fatalf("r again did not group by track:\n%s", h.screen())
	}
	if !strings.Contains(h.screen(), "No track · 2 talks") {
		t.Error("the talks without a track are not grouped")
	}
	h.keys("down", "up", "enter")
	if h.m.input.Value() != `track:="Keynotes"` || h.m.list.len() != 2 {
		t.Errorf("enter on a track: %q, %d talks", h.m.input.Value(), h.m.list.len())
	}
	// The talks without a track cannot be a filter: said, nothing moves.
	h.keys("esc", "end", "right") // the last group's line is reached from its last talk
	h.keys("left")
	for h.m.rooms.current()[h.m.rooms.rows[h.m.rooms.cursor].group].name != "" {
		h.keys("right")
	}
	h.keys("enter")
	if h.m.view != viewRooms || !strings.Contains(h.m.status, "cannot be written as a filter") {
		t.Errorf("enter on No track: view %v, status %q", h.m.view, h.m.status)
	}
}

func TestRoomsWithoutRooms(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("r")
	if h.m.view != viewTalks || !strings.Contains(h.m.status, "no rooms or tracks") {
		t.Errorf("r on the built-in catalogue: view %v, status %q", h.m.view, h.m.status)
	}
	h.keys("m")
	if h.m.view != viewTalks || !strings.Contains(h.m.status, "has none") {
		t.Errorf("m on the built-in catalogue: view %v, status %q", h.m.view, h.m.status)
	}
}

// TestGridNavigation: the arrows move between blocks, enter reads, esc
// comes back to the same block and scroll, [ ] change day.
func TestGridNavigation(t *testing.T) {
	h, _ := newViewsHarness(t, 120, 40)
	// Before the event the grid opens at its first talk.
	h.m.now = func() time.Time { return time.Date(2023, 2, 1, 12, 0, 0, 0, time.UTC) }
	h.keys("m")
	id := func() string { return h.m.cat.Talks[h.m.currentTalk()].ID }
	if h.m.view != viewGrid || id() != "open" {
		t.Fatalf("m: view %v, on %s", h.m.view, id())
	}
	for _, step := range []struct{ key, want string }{
		{"down", "go"}, {"down", "late"}, {"down", "late"}, {"up", "go"},
		{"right", "rust"}, // the overlapping block in the next room
		{"right", "sbom"}, // the most overlap of Rust's time
		{"down", "sbom2"}, // next in the room
		{"right", "hw"},   // the nearest room overlapping 10:20–10:40, past one that does not
		{"left", "music"}, // overlapping 10:30–11:30
		{"left", "clash"}, // the block overlapping 11:00–12:30
		{"left", "late"},  // Rust ended before the clash began: Janson
		{"left", "late"},  // no room on the left
		{"right", "clash"},
		{"end", "clash"}, {"home", "sbom"},
	} {
		h.keys(step.key)
		if id() != step.want {
			t.Fatalf("%s: on %s, want %s", step.key, id(), step.want)
		}
	}
	h.keys("down") // sbom2
	pos := h.m.grid.pos
	h.keys("enter")
	if h.m.view != viewTalks || h.m.focus != focusDetail || id() != "sbom2" {
		t.Fatalf("enter: view %v focus %v on %s", h.m.view, h.m.focus, id())
	}
	h.keys("esc")
	if h.m.view != viewGrid || h.m.grid.pos != pos {
		t.Fatalf("esc: view %v pos %+v, want the grid at %+v", h.m.view, h.m.grid.pos, pos)
	}
	h.keys("]")
	if h.m.grid.pos.day != 1 || id() != "sun1" {
		t.Errorf("]: day %d on %s", h.m.grid.pos.day, id())
	}
	h.keys("]")
	if !strings.Contains(h.m.status, "No day after") {
		t.Errorf("] on the last day: %q", h.m.status)
	}
	h.keys("[")
	if h.m.grid.pos.day != 0 {
		t.Errorf("[: day %d", h.m.grid.pos.day)
	}
	// s stars the selected block: the ★ shows in the grid at once.
	h.keys("s")
	if !strings.Contains(h.screen(), "09:30 ★✓ Opening") {
		t.Errorf("s in the grid: no star on the block\n%s", h.screen())
	}
}

// TestGridNeedsWidth: under 120 columns the grid key keeps the list and
// says why; a grid shown when the terminal narrows gives way to the list.
func TestGridNeedsWidth(t *testing.T) {
	h, _ := newViewsHarness(t, 119, 40)
	h.keys("m")
	if h.m.view != viewTalks || !strings.Contains(h.m.status, "The grid needs 120 columns (this terminal has 119)") {
		t.Fatalf("m at 119 columns: view %v, status %q", h.m.view, h.m.status)
	}
	h.send(tea.WindowSizeMsg{Width: 160, Height: 40})
	h.keys("m")
	if h.m.view != viewGrid {
		t.Fatal("m at 160 columns did not open the grid")
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 40})
	if h.m.view != viewTalks || !strings.Contains(h.m.status, "The grid needs 120 columns") {
		t.Errorf("narrowed to 100: view %v, status %q", h.m.view, h.m.status)
	}
	checkBounds(t, "narrowed", h.m, 100, 40)
}

// TestGridScrollsBothWays: on a day with more rooms than fit, moving right
// scrolls the rooms (the time column stays) and moving down scrolls time.
func TestGridScrollsBothWays(t *testing.T) {
	c := viewsCatalogue(t)
	base := c.Talks[0].Start
	for i := range 12 {
		c.Talks = append(c.Talks, model.Talk{ID: fmt.Sprintf("x%d", i), Title: fmt.Sprintf("Extra talk %d", i), Kind: "talk",
			Room: fmt.Sprintf("Room X%02d", i), Start: base.Add(time.Duration(i) * time.Hour), Duration: 45 * time.Minute, Day: "2023-02-04"})
	}
	c.Index()
	h := newHarness(t, c, 120, 30)
	h.keys("m")
	for range 16 {
		h.keys("right")
	}
	p := h.m.grid.pos
	if p.left == 0 || p.top == 0 {
		t.Fatalf("after moving right 16 times: %+v", p)
	}
	scr := h.screen()
	if !strings.Contains(scr, "◀") || !strings.Contains(scr, "X11") {
		t.Errorf("the scrolled grid:\n%s", scr)
	}
	checkBounds(t, "scrolled", h.m, 120, 30)
}

// TestSpeakersFilterAndBack: / filters the Speakers in place, keeping the
// keyboard like the talk filter; enter reads the talk; esc comes back to
// the filtered Speakers on the same talk.
func TestSpeakersFilterAndBack(t *testing.T) {
	h, _ := newViewsHarness(t, 120, 40)
	h.keys("p")
	first := h.m.cat.Speakers[h.m.speakers.rows[0].speaker].Name
	if first != "Zoë Adams" {
		t.Errorf("first speaker %q, want Zoë Adams (by family name)", first)
	}
	h.keys("/")
	h.typeText("lov")
	if h.m.view != viewSpeakers || h.m.speakers.count != 1 {
		t.Fatalf("typing lov: view %v, %d speakers", h.m.view, h.m.speakers.count)
	}
	h.typeText("q") // a letter types, it does not quit
	if h.m.spInput.Value() != "lovq" || h.m.speakers.count != 0 {
		t.Fatalf("q typed: %q, %d speakers", h.m.spInput.Value(), h.m.speakers.count)
	}
	if !strings.Contains(h.screen(), "No speaker matches “lovq”") {
		t.Error("no message for an empty result")
	}
	h.keys("backspace", "down", "down")
	cursor := h.m.speakers.cursor
	talk := h.m.currentTalk()
	h.keys("enter")
	if h.m.view != viewTalks || h.m.currentTalk() != talk || h.m.focus != focusDetail {
		t.Fatalf("enter: view %v talk %d focus %v", h.m.view, h.m.currentTalk(), h.m.focus)
	}
	h.keys("esc")
	if h.m.view != viewSpeakers || h.m.spInput.Value() != "lov" || h.m.speakers.cursor != cursor {
		t.Fatalf("esc: view %v filter %q cursor %d, want %d", h.m.view, h.m.spInput.Value(), h.m.speakers.cursor, cursor)
	}
	// Again, with the list's keys: tab keeps the filter, enter goes.
	h.keys("up", "enter")
	h.keys("esc")
	if h.m.view != viewSpeakers || h.m.speakers.cursor != cursor-1 {
		t.Fatalf("second esc: view %v cursor %d", h.m.view, h.m.speakers.cursor)
	}
	h.keys("esc") // clears the filter
	if h.m.spInput.Value() != "" || h.m.speakers.count != 5 {
		t.Errorf("esc did not clear: %q %d", h.m.spInput.Value(), h.m.speakers.count)
	}
	h.keys("esc") // back to Talks
	if h.m.view != viewTalks {
		t.Errorf("esc with no filter and no history: view %v", h.m.view)
	}
}

// TestSpeakersShowMarks: ★ and ✓ beside a speaker's talks.
func TestSpeakersShowMarks(t *testing.T) {
	h, _ := newViewsHarness(t, 120, 40)
	h.keys("p")
	scr := h.screen()
	if line := lineWith(scr, "Rust in the kernel"); !strings.Contains(line, "★") {
		t.Errorf("starred talk row: %q", line)
	}
	if line := lineWith(scr, "Opening of the conference"); !strings.Contains(line, "✓") {
		t.Errorf("watched talk row: %q", line)
	}
}

// TestViewsNeverExceedWindow: the new views at many sizes, reached at that
// size and reached at 200x50 then resized, never draw outside the window.
func TestViewsNeverExceedWindow(t *testing.T) {
	sizes := []int{0, 1, 5, 12, 24, 80, 119, 120, 300}
	for _, st := range viewStates {
		for _, w := range sizes {
			for _, hgt := range []int{0, 1, 5, 12, 40} {
				for _, resized := range []bool{false, true} {
					var h *harness
					if resized {
						h, _ = newViewsHarness(t, 200, 50)
						st.keys(h)
						h.send(tea.WindowSizeMsg{Width: w, Height: hgt})
					} else {
						h, _ = newViewsHarness(t, w, hgt)
						st.keys(h)
					}
					checkBounds(t, fmt.Sprintf("%s %dx%d resized=%v", st.name, w, hgt, resized), h.m, w, hgt)
				}
			}
		}
	}
}

// TestGridFillsBodyExactly: whatever the height, the grid's body is the
// body's height, so the status and hint lines stay at the bottom.
func TestGridFillsBodyExactly(t *testing.T) {
	for _, hgt := range []int{6, 7, 8, 10, 40} {
		h, _ := newViewsHarness(t, 130, hgt)
		h.keys("m")
		if h.m.lay.tooSmall {
			continue
		}
		if got := len(h.m.bodyLines()); got != h.m.lay.bodyH {
			t.Errorf("at height %d the grid's body has %d lines, want %d", hgt, got, h.m.lay.bodyH)
		}
		lines := strings.Split(h.screen(), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, "quit") {
			t.Errorf("at height %d the last line is %q, not the hints", hgt, last)
		}
	}
}

// TestGridDrawnInUpdate: after a key, the columns on screen are drawn
// already, so View only slices them; a change of marks makes them drawn
// again, with the star.
func TestGridDrawnInUpdate(t *testing.T) {
	h, marks := newViewsHarness(t, 120, 40)
	h.keys("m", "right")
	d := h.m.grid.data
	geo := h.m.gridGeometry(h.m.grid.day(h.m.cat))
	if !d.ok || d.drawn.colW != geo.colW {
		t.Fatalf("the drawing is not ready after Update: %+v", d.drawn)
	}
	for c := h.m.grid.pos.left; c < min(h.m.grid.pos.left+geo.cols, len(d.lines)); c++ {
		if d.lines[c] == nil {
			t.Errorf("column %d is not drawn after Update", c)
		}
	}
	before := d.drawn
	marks.starred["go"] = true
	h.send(marksReloadedMsg{changed: true})
	if d.drawn == before {
		t.Error("a change of marks did not draw the grid again")
	}
	if !strings.Contains(h.screen(), "10:00 ★ Go generics") {
		t.Errorf("the star made elsewhere is not in the grid:\n%s", h.screen())
	}
}

// TestGridClick: a click selects the block under the pointer, a second
// click reads it.
func TestGridClick(t *testing.T) {
	h, _ := newViewsHarness(t, 120, 40)
	h.keys("m")
	// Row 0 of the grid is the body's third line; Rust (K.1.105, the
	// second column) starts at 10:00, six rows below 09:30.
	click := tea.MouseClickMsg{X: gridTimeW + h.m.gridGeometry(h.m.grid.day(h.m.cat)).colW + 3, Y: h.m.lay.bodyY + 2 + 7, Button: tea.MouseLeft}
	h.send(click)
	if id := h.m.cat.Talks[h.m.currentTalk()].ID; id != "rust" {
		t.Fatalf("the click selected %s", id)
	}
	h.send(click)
	if h.m.view != viewTalks || h.m.cat.Talks[h.m.currentTalk()].ID != "rust" {
		t.Errorf("the second click: view %v", h.m.view)
	}
}
