package tui

import (
	"slices"
	"strings"
	"testing"

	"cndtalks/data"
	"cndtalks/data/gen"
	"cndtalks/model"

	"github.com/charmbracelet/x/ansi"
)

// TestHeaderKeepsCount: a long event name (with emoji sequences the
// terminal may count differently from lipgloss) is cut with "…", never the
// talk count at the right, however the renderer counts cells.
func TestHeaderKeepsCount(t *testing.T) {
	cat := *data.Default()
	cat.Event.Name = "☁️ Montréal 云原生 Cloud Native Day 👩‍💻👍🏽 2019, the Extraordinarily Long Edition"
	for w := minWidth; w <= 130; w++ {
		h := newHarness(t, &cat, w, 12)
		h.keys("/")
		h.typeText("kube")
		want := h.m.countText()
		line := strings.Split(h.m.View().Content, "\n")[0]
		for _, m := range []ansi.Method{ansi.GraphemeWidth, ansi.WcWidth} {
			if got := m.StringWidth(line); got != w {
				t.Fatalf("width %d: header is %d cells by method %v: %q", w, got, m, ansi.Strip(line))
			}
		}
		plain := ansi.Strip(line)
		if !strings.HasSuffix(plain, want) {
			t.Fatalf("width %d: header %q does not end with the whole count %q", w, plain, want)
		}
		if w < 80 && !strings.Contains(plain, "…") && strings.Contains(plain, "☁") {
			t.Fatalf("width %d: the event name is not cut with …: %q", w, plain)
		}
		if name := strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(plain, want), " cndtalks ")); len([]rune(name)) > 0 && len([]rune(name)) < 4 {
			t.Fatalf("width %d: a stub of the event name: %q", w, plain)
		}
	}
}

// TestCellSafe: clusters the renderer and lipgloss count differently are
// reduced to their first character; everything else is left alone.
func TestCellSafe(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Montréal 云原生 한국어", "Montréal 云原生 한국어"},
		{"e\u0301t\u00e9", "e\u0301t\u00e9"},
		{"👩‍💻 dev", "👩 dev"},
		{"☁️ cloud", "☁ cloud"},
		{"👍🏽 ok", "👍 ok"},
	} {
		got := cellSafe(c.in)
		if got != c.want {
			t.Errorf("cellSafe(%q) = %q, want %q", c.in, got, c.want)
		}
		if ansi.StringWidth(got) != ansi.StringWidthWc(got) {
			t.Errorf("cellSafe(%q) = %q: %d cells by grapheme, %d by code point", c.in, got, ansi.StringWidth(got), ansi.StringWidthWc(got))
		}
	}
}

// TestHintLine: the key hint names s and w when marks can change, and on
// narrow terminals drops whole hints, least useful first, keeping help and
// quit, rather than cutting one with "…".
func TestHintLine(t *testing.T) {
	marks, _ := storeMarks(t, "hints")
	states := map[string][]string{
		"list":     nil,
		"detail":   {"enter"},
		"filter":   {"/"},
		"filtered": {"/", "k", "enter"},
		"speakers": {"p"},
		"event":    {"e"},
		"help":     {"?"},
	}
	for name, keys := range states {
		for w := minWidth; w <= 200; w++ {
			h := newMarksHarness(t, scheduledCatalogue(), marks, w, 30)
			for _, k := range keys {
				if k == "k" {
					h.typeText(k)
				} else {
					h.keys(k)
				}
			}
			lines := strings.Split(h.screen(), "\n")
			hint := strings.TrimSpace(lines[len(lines)-1])
			if strings.Contains(hint, "…") {
				t.Fatalf("%s at %d: hint cut: %q", name, w, hint)
			}
			if name != "filter" && name != "help" && !strings.HasSuffix(hint, "q quit") {
				t.Fatalf("%s at %d: hint lost quit: %q", name, w, hint)
			}
			if name == "help" && !strings.Contains(hint, "?/esc close help") {
				t.Fatalf("%s at %d: hint lost close help: %q", name, w, hint)
			}
			if name != "filter" && name != "help" && !strings.Contains(hint, "? help") {
				t.Fatalf("%s at %d: hint lost help: %q", name, w, hint)
			}
			if w == 120 && (name == "list" || name == "detail" || name == "speakers") &&
				(!strings.Contains(hint, "s star") || !strings.Contains(hint, "w watched")) {
				t.Errorf("%s at %d: hint lacks s star / w watched: %q", name, w, hint)
			}
		}
	}
	// Without a way to save marks, s and w are not advertised.
	h := newHarness(t, nil, 120, 30)
	if hint := h.screen(); strings.Contains(hint, "s star") {
		t.Errorf("hint offers s star without marks:\n%s", hint)
	}
}

// bigMarksHarness is a catalogue past syncSearchLimit, so every filter is
// answered by a searchResultMsg from the background, with real marks.
func bigMarksHarness(t *testing.T) *harness {
	t.Helper()
	cat := gen.Catalogue(syncSearchLimit+500, 1)
	marks, _ := storeMarks(t, "big")
	return newMarksHarness(t, cat, marks, 120, 40)
}

// countResults counts the background answers h received.
func countResults(h *harness) int {
	n := 0
	for _, msg := range h.msgs {
		if _, ok := msg.(searchResultMsg); ok {
			n++
		}
	}
	return n
}

// TestSelectionKeptByBackgroundResult: on a big catalogue, s and w under a
// filter search again in the background; when the answer arrives the
// selection stays on the same talk (or, when it no longer matches, the row
// where it was), never back at the top.
func TestSelectionKeptByBackgroundResult(t *testing.T) {
	h := bigMarksHarness(t)
	h.keys("/")
	h.typeText("kube")
	h.keys("tab", "j", "j", "j", "j", "j")
	if h.m.list.len() < 20 {
		t.Fatalf("want many matches, got %d", h.m.list.len())
	}
	want, _ := h.m.list.selected()
	before := countResults(h)
	for _, k := range []string{"s", "w", "s"} {
		h.keys(k)
		if got, _ := h.m.list.selected(); got != want || h.m.list.cursor != 5 {
			t.Fatalf("after %s: selected talk %d on row %d, want talk %d on row 5", k, got, h.m.list.cursor, want)
		}
	}
	if countResults(h) == before {
		t.Fatal("no background search ran after the marks changed")
	}

	// Under is:starred, unstarring the selected talk leaves the row where
	// it was, now on the next starred talk.
	h.keys("esc", "g")
	for range 4 {
		h.keys("s", "j")
	}
	h.keys("/")
	h.typeText("is:starred")
	h.keys("tab", "j")
	if h.m.list.len() != 4 {
		t.Fatalf("is:starred lists %d talks, want 4", h.m.list.len())
	}
	next := h.m.list.item(2)
	h.keys("s")
	if got, _ := h.m.list.selected(); h.m.list.len() != 3 || got != next || h.m.list.cursor != 1 {
		t.Fatalf("after unstarring: %d listed, talk %d on row %d, want 3 listed, talk %d on row 1", h.m.list.len(), got, h.m.list.cursor, next)
	}
}

// TestSelectionKeptWhileTyping: a talk the user moved to stays selected as
// the query is typed further, while it matches; a new query selects its
// best match.
func TestSelectionKeptWhileTyping(t *testing.T) {
	for _, big := range []bool{false, true} {
		var h *harness
		if big {
			h = bigMarksHarness(t)
		} else {
			h = newHarness(t, testCatalogue(), 120, 40)
		}
		h.keys("/")
		h.typeText("a")
		if h.m.list.len() < 3 {
			t.Fatalf("big=%v: want at least 3 matches for a, got %d", big, h.m.list.len())
		}
		h.keys("tab", "j", "j", "/")
		want, _ := h.m.list.selected()
		// Type more, such that the talk still matches but is not the new
		// query's best match.
		title := strings.ToLower(h.m.cat.Talks[want].Title)
		more := ""
		for _, r := range title {
			q, err := model.ParseQuery("a " + string(r))
			if err != nil || r == ' ' {
				continue
			}
			hits := h.m.ix.Refine(nil, q, nil).Hits
			if len(hits) > 1 && hits[0].Talk != want && slices.ContainsFunc(hits, func(h model.Hit) bool { return h.Talk == want }) {
				more = " " + string(r)
				break
			}
		}
		if more == "" {
			t.Fatalf("big=%v: no letter of %q makes it a lower match", big, title)
		}
		h.typeText(more)
		if got, _ := h.m.list.selected(); got != want {
			t.Errorf("big=%v: typing %q moved the selection from %q to %q", big, more, title, h.m.cat.Talks[got].Title)
		}
		// Untouched, a fresh query starts on its best match.
		h.keys("esc", "/")
		h.typeText("e")
		if h.m.list.cursor != 0 {
			t.Errorf("big=%v: a new query selects row %d, want 0", big, h.m.list.cursor)
		}
	}
}

// TestEventMetaYearOnce: the header does not repeat a year the event's
// name already says.
func TestEventMetaYearOnce(t *testing.T) {
	for _, c := range []struct {
		ev   model.Event
		want string
	}{
		{model.Event{Name: "Montreal Cloud Native Day 2019", Year: 2019, City: "Montréal"}, "Montréal"},
		{model.Event{Name: "Montreal Cloud Native Day", Year: 2019, City: "Montréal"}, "2019 · Montréal"},
		{model.Event{Name: "FOSDEM 2023", Date: "2023-02-04"}, "4 February 2023"},
	} {
		if got := eventMeta(&c.ev); got != c.want {
			t.Errorf("eventMeta(%q) = %q, want %q", c.ev.Name, got, c.want)
		}
	}
}

// TestHelpPacksColumns: help groups that do not all fit side by side are
// laid out in as many columns as fit, not one long column.
func TestHelpPacksColumns(t *testing.T) {
	h := newHarness(t, nil, 80, 24)
	h.keys("?")
	if l := lineWith(h.screen(), "Move"); !strings.Contains(l, "Links") {
		t.Errorf("at 80 columns the Move and Links groups are not side by side:\n%s", h.screen())
	}
	for _, w := range []int{40, 60, 80, 100, 120, 200} {
		h := newHarness(t, nil, w, 40)
		out := h.m.fullHelp()
		for _, line := range strings.Split(out, "\n") {
			if ansi.StringWidth(line) > w {
				t.Errorf("help at %d columns has a line of %d cells: %q", w, ansi.StringWidth(line), ansi.Strip(line))
			}
		}
	}
}

// TestHelpScheduleQualifiers: on a schedule the help names day:, room:,
// track: and lang:; without times it does not.
func TestHelpScheduleQualifiers(t *testing.T) {
	h := newHarness(t, scheduledCatalogue(), 120, 60)
	h.keys("?")
	for _, want := range []string{"day:monday", "lang:fr", "room: track:"} {
		if !strings.Contains(h.screen(), want) {
			t.Errorf("schedule help lacks %q:\n%s", want, h.screen())
		}
	}
	h = newHarness(t, testCatalogue(), 120, 60)
	h.keys("?")
	if strings.Contains(h.screen(), "room:") {
		t.Errorf("help without times mentions room::\n%s", h.screen())
	}
}

// TestRowMarkersMargin: a row's markers keep a space from the pane
// separator.
func TestRowMarkersMargin(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	line := lineWith(h.screen(), "Kubernetes: Crossing the Chasm")
	if !strings.Contains(line, "slides │") {
		t.Errorf("markers touch the separator: %q", line)
	}
}

// TestNoticeCapitalised: the start-up notice reads as a sentence in the
// status line.
func TestNoticeCapitalised(t *testing.T) {
	m := New(testCatalogue(), Options{Notice: "skipped 2 records of x.xml", Width: 80, Height: 24})
	if m.status != "Skipped 2 records of x.xml" {
		t.Errorf("status = %q", m.status)
	}
	if got := sentence("émoi"); got != "Émoi" {
		t.Errorf("sentence(émoi) = %q", got)
	}
	if got := sentence("3 records"); got != "3 records" {
		t.Errorf("sentence(3 records) = %q", got)
	}
}

// TestEventHintVideo: the Event view offers v only when the event has a
// video.
func TestEventHintVideo(t *testing.T) {
	h := newHarness(t, nil, 120, 30)
	h.keys("e")
	if !strings.Contains(h.screen(), "v event video") {
		t.Errorf("built-in event (it has a video): no v hint:\n%s", h.screen())
	}
	cat := *testCatalogue()
	cat.Event.Links = nil
	h = newHarness(t, &cat, 120, 30)
	h.keys("e")
	if strings.Contains(h.screen(), "v event video") {
		t.Errorf("event without a video offers v:\n%s", h.screen())
	}
}

// TestSpeakersMargin: the Speakers view's talk titles stop a cell short of
// the pane separator.
func TestSpeakersMargin(t *testing.T) {
	cat := *testCatalogue()
	cat.Talks = append([]model.Talk(nil), cat.Talks...)
	cat.Talks[0].Title = strings.Repeat("A very long title ", 10)
	h := newHarness(t, &cat, 120, 30)
	h.keys("p")
	for _, line := range strings.Split(h.screen(), "\n")[3:] {
		if strings.Contains(line, "…│") {
			t.Errorf("title touches the separator: %q", line)
		}
	}
}

// TestNoMatchHints: with nothing listed, the hint offers only the ways back
// and the message names a key that works in the current state.
func TestNoMatchHints(t *testing.T) {
	h := newHarness(t, nil, 80, 24)
	h.keys("/")
	h.typeText("zzzz")
	if !strings.Contains(h.screen(), "or backspace to widen it.") {
		t.Errorf("while typing, the empty list does not mention backspace:\n%s", h.screen())
	}
	h.keys("enter")
	scr := h.screen()
	lines := strings.Split(scr, "\n")
	hint := lines[len(lines)-1]
	if !strings.Contains(scr, "or / to change it.") || strings.Contains(scr, "backspace") {
		t.Errorf("with the filter kept, the empty list should point at /:\n%s", scr)
	}
	if !strings.Contains(hint, "esc clear filter") || strings.Contains(hint, "o open") || strings.Contains(hint, "details") {
		t.Errorf("empty list hint: %q", hint)
	}
}

// TestOpenPhraseNarrows: a phrase being typed narrows the list as if its
// quote were closed, without an error.
func TestOpenPhraseNarrows(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("/")
	h.typeText(`"crossing the`)
	want := h.m.ix.Search(mustQuery(t, `"crossing the"`), nil)
	if h.m.filterErr != "" || h.m.list.len() != len(want) || len(want) != 1 {
		t.Fatalf("err %q, %d listed, want %d", h.m.filterErr, h.m.list.len(), len(want))
	}
	h.typeText(`"`)
	if h.m.filterErr != "" || h.m.list.len() != 1 {
		t.Fatalf("closed: err %q, %d listed", h.m.filterErr, h.m.list.len())
	}
}

// TestFocusedSeparator: without colours the separator still says which
// pane has the keyboard.
func TestFocusedSeparator(t *testing.T) {
	h := newHarness(t, nil, 120, 30)
	if strings.Contains(h.screen(), "┃") {
		t.Fatal("list focused but the separator is heavy")
	}
	h.keys("tab")
	if !strings.Contains(h.screen(), "┃") || strings.Contains(h.screen(), "│  ") {
		t.Fatalf("detail focused but the separator is light:\n%s", h.screen())
	}
}

// TestOverlapBannerKeepsTime: on a narrow screen the overlap banner cuts
// the other talk's title, not its time.
func TestOverlapBannerKeepsTime(t *testing.T) {
	cat := scheduledCatalogue()
	cat.Talks = append([]model.Talk(nil), cat.Talks...)
	cat.Talks[0].Title = "Programming the engine, a very long title about the analytical engine"
	marks, _ := storeMarks(t, "banner")
	h := newMarksHarness(t, cat, marks, 60, 20)
	h.keys("s", "j", "s", "enter")
	line := lineWith(h.screen(), "Overlaps")
	if !strings.Contains(line, "…”, Tue 09:00–10:00") {
		t.Errorf("banner: %q", line)
	}
}

// TestTimeOrderWithoutFilter: T with no filter says what it will do
// rather than claim the (unchanged) list is now in time order.
func TestTimeOrderWithoutFilter(t *testing.T) {
	h := newHarness(t, scheduledCatalogue(), 120, 30)
	h.keys("T")
	if h.m.status != "A filter's matches will be listed in time order (T: by relevance)" {
		t.Errorf("status %q", h.m.status)
	}
	h.keys("/")
	h.typeText("e")
	h.keys("tab", "T")
	if h.m.status != "Matches by relevance (T: in time order)" {
		t.Errorf("status %q", h.m.status)
	}
}

// TestCellSafePos: highlight offsets follow the text when an emoji
// sequence before them is shortened, so the match stays underlined.
func TestCellSafePos(t *testing.T) {
	s := "We show Quadball🤾🏿‍♀️🏳️‍⚧️: kube brooms"
	i := strings.Index(s, "kube")
	out, pos := cellSafePos(s, []int{i, i + 1, i + 2, i + 3})
	// 🤾🏿‍♀️ is 2 cells or 6: cut to 🤾; 🏳️‍⚧️ is 2 either way: kept.
	if out != "We show Quadball🤾🏳️\u200d⚧️: kube brooms" {
		t.Fatalf("cellSafePos = %q", out)
	}
	var got []byte
	for _, p := range pos {
		got = append(got, out[p])
	}
	if string(got) != "kube" {
		t.Errorf("positions point at %q, want kube", got)
	}
	// Offsets inside a dropped part of a cluster are dropped.
	j := strings.Index(s, "🏿")
	if _, pos := cellSafePos(s, []int{j}); len(pos) != 0 {
		t.Errorf("a dropped joiner kept its offset: %v", pos)
	}
}
