package tui

import (
	"fmt"
	"image/color"
	"reflect"
	"strings"
	"testing"

	"cndtalks/data/gen"
	"cndtalks/internal/opener"
	"cndtalks/internal/render"
	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// testCatalogue is a small catalogue with what the embedded one lacks: a
// video, a refused URL, a talk without links, many links.
func testCatalogue() *model.Catalogue {
	c := &model.Catalogue{
		Event: model.Event{
			ID: "testconf", Name: "TestConf", Year: 2024, City: "Lyon",
			Links:     []model.Link{{Kind: model.LinkVideo, URL: "https://video.example/event", Label: "Event video"}},
			Community: []model.Link{{Kind: model.LinkCommunity, URL: "https://chat.example/", Label: "Chat"}},
			Sponsors:  []string{"Acme"},
		},
		Speakers: []model.Speaker{
			{ID: "ada", Name: "Ada Lovelace", Org: "Analytical Engines"},
			{ID: "grace", Name: "Grace Hopper", Org: "Navy"},
			{ID: "alan", Name: "Alan Turing"},
		},
		Talks: []model.Talk{
			{ID: "engines", Title: "Programming the engine", Kind: "keynote", Order: 1, Speakers: []string{"ada"},
				Summary: "Notes on the first program.", Topics: []string{"history"},
				Links: []model.Link{
					{Kind: model.LinkSlides, URL: "https://slides.example/engines"},
					{Kind: model.LinkVideo, URL: "https://video.example/engines"},
					{Kind: model.LinkWeb, URL: "javascript:alert(1)", Label: "Bad link"},
				}},
			{ID: "compilers", Title: "Compilers for everyone", Kind: "talk", Order: 2, Speakers: []string{"grace", "ada"},
				Summary: "Why programs should read like English.", Topics: []string{"compilers"},
				Links: []model.Link{{Kind: model.LinkVideo, URL: "https://video.example/compilers"}}},
			{ID: "machines", Title: "Computing machinery", Kind: "talk", Order: 3, Speakers: []string{"alan"},
				Summary: "Can machines think?"},
		},
	}
	c.Index()
	return c
}

func TestNavigationKeepsSelectionVisible(t *testing.T) {
	h := newHarness(t, nil, 80, 24)
	if got := h.m.currentTalk(); got != 0 {
		t.Fatalf("first selection = %d, want 0", got)
	}
	h.keys("j", "j", "down")
	if got := h.m.currentTalk(); got != 3 {
		t.Fatalf("after j j down: selection = %d, want 3", got)
	}
	h.keys("k")
	if got := h.m.currentTalk(); got != 2 {
		t.Fatalf("after k: selection = %d, want 2", got)
	}
	h.keys("G")
	if got := h.m.currentTalk(); got != 10 {
		t.Fatalf("after G: selection = %d, want 10", got)
	}
	if !strings.Contains(h.screen(), "Own Your Destiny in the Cloud") {
		t.Fatalf("last talk not on screen after G:\n%s", h.screen())
	}
	h.keys("g")
	if got := h.m.currentTalk(); got != 0 {
		t.Fatalf("after g: selection = %d, want 0", got)
	}
	h.keys("pgdown")
	if got, want := h.m.list.cursor, h.m.list.visibleItems(); got != want {
		t.Fatalf("after pgdown: cursor = %d, want %d", got, want)
	}
	h.keys("end", "up", "home")
	if got := h.m.currentTalk(); got != 0 {
		t.Fatalf("after end up home: selection = %d, want 0", got)
	}
	// Walking the whole list one step at a time, the selected title is
	// always on screen.
	for i := range 11 {
		title := h.m.cat.Talks[h.m.currentTalk()].Title
		if !strings.Contains(h.screen(), title[:20]) {
			t.Fatalf("step %d: selected %q not on screen:\n%s", i, title, h.screen())
		}
		h.keys("j")
	}
}

func TestFilter(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("/")
	if !h.m.filtering {
		t.Fatal("/ did not focus the filter")
	}
	h.typeText("kafka")
	if got := h.m.list.len(); got != 1 {
		t.Fatalf("kafka: %d talks listed, want 1", got)
	}
	if got := h.m.cat.Talks[h.m.currentTalk()].ID; got != "streams-must-flow-kafka-streams-kubernetes" {
		t.Fatalf("kafka selected %s", got)
	}
	scr := h.screen()
	if !strings.Contains(scr, "1 of 11") {
		t.Fatalf("header does not say 1 of 11:\n%s", scr)
	}
	if title, _ := h.m.list.positions(0); len(title) == 0 {
		t.Fatal("no matched positions to highlight")
	}
	// q types into the filter instead of quitting (twice: "kafkaq" is
	// one typo away from "kafka", so still matches).
	h.send(keyMsg("q"))
	h.send(keyMsg("q"))
	if h.m.input.Value() != "kafkaqq" {
		t.Fatalf("q while filtering: input = %q", h.m.input.Value())
	}
	for _, m := range h.msgs {
		if _, ok := m.(tea.QuitMsg); ok {
			t.Fatal("q quit while the filter was focused")
		}
	}
	if !strings.Contains(h.screen(), "No talks match") || !strings.Contains(h.screen(), "esc to clear") {
		t.Fatalf("empty result does not say so:\n%s", h.screen())
	}
	h.keys("backspace", "backspace")
	// tab keeps the filter and gives the keyboard back to the list.
	h.keys("tab")
	if h.m.filtering || h.m.input.Value() != "kafka" || h.m.list.len() != 1 || h.m.focus != focusList {
		t.Fatalf("tab: filtering=%v input=%q items=%d", h.m.filtering, h.m.input.Value(), h.m.list.len())
	}
	// esc clears the filter and keeps the talk selected.
	h.keys("esc")
	if h.m.input.Value() != "" || h.m.list.len() != 11 {
		t.Fatalf("esc: input=%q items=%d", h.m.input.Value(), h.m.list.len())
	}
	if got := h.m.cat.Talks[h.m.currentTalk()].ID; got != "streams-must-flow-kafka-streams-kubernetes" {
		t.Fatalf("esc lost the selection: %s", got)
	}
	if !strings.Contains(h.screen(), "11 talks") {
		t.Fatalf("header does not say 11 talks:\n%s", h.screen())
	}
}

func TestFilterFieldsAndMalformedQuery(t *testing.T) {
	// The list shows exactly what the shared matcher answers, in its order.
	h := newHarness(t, nil, 120, 40)
	for _, query := range []string{"rook", "speaker:gamov", "org:cloudops", "has:slides", "topic:security", "-kubernetes", `"cloud native"`} {
		want := h.m.ix.Search(mustQuery(t, query), nil)
		h.keys("/")
		h.typeText(query)
		if h.m.list.len() != len(want) || len(want) == 0 {
			t.Errorf("%s: %d talks, want %d (and more than none)", query, h.m.list.len(), len(want))
			h.keys("esc")
			continue
		}
		for i, hit := range want {
			if h.m.list.item(i) != hit.Talk {
				t.Errorf("%s: row %d is talk %d, want %d", query, i, h.m.list.item(i), hit.Talk)
			}
		}
		h.keys("esc")
	}

	h.keys("/")
	h.typeText("rook")
	if got := h.m.cat.Talks[h.m.currentTalk()].ID; got != "using-rook-to-manage-kubernetes-storage-with-ceph" {
		t.Fatalf("rook: best match %s", got)
	}
	// A malformed query keeps the last valid result and says what is wrong.
	n := h.m.list.len()
	h.typeText(` -`)
	if got := h.m.list.len(); got != n {
		t.Fatalf("malformed query changed the list: %d talks, want %d", got, n)
	}
	if h.m.filterErr == "" || !strings.Contains(h.screen(), "needs a term") {
		t.Fatalf("malformed query not reported: err=%q\n%s", h.m.filterErr, h.screen())
	}
}

func TestStaleSearchResultIsDropped(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("/")
	h.typeText("speaker:gamov")
	old := h.m.ix.Refine(nil, mustQuery(t, "k"), nil)
	h.send(searchResultMsg{input: "k", res: old})
	if got := h.m.list.len(); got != 1 {
		t.Fatalf("a result for an older input replaced the list: %d talks", got)
	}
}

func TestNarrowEnterAndEsc(t *testing.T) {
	h := newHarness(t, nil, 80, 24)
	if h.m.lay.wide {
		t.Fatal("80 columns should be narrow")
	}
	h.keys("j", "enter")
	if !h.m.narrowDetail || h.m.focus != focusDetail {
		t.Fatal("enter did not open the detail")
	}
	if !strings.Contains(h.screen(), "Ian Crosby") || strings.Contains(h.screen(), "Syed Ahmed") {
		t.Fatalf("detail does not show the talk alone:\n%s", h.screen())
	}
	h.keys("esc")
	if h.m.narrowDetail || h.m.focus != focusList {
		t.Fatal("esc did not go back to the list")
	}
}

func TestWideTabMovesFocus(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("tab")
	if h.m.focus != focusDetail {
		t.Fatal("tab did not focus the detail")
	}
	// Movement keys now scroll the detail, not the list.
	h.keys("j")
	if h.m.currentTalk() != 0 {
		t.Fatal("j moved the list while the detail had the focus")
	}
	h.keys("tab")
	if h.m.focus != focusList {
		t.Fatal("tab did not give the focus back to the list")
	}
}

func TestDetailRenderedInCmdAndCached(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	var renders int
	for _, m := range h.msgs {
		if r, ok := m.(renderedMsg); ok && r.key.talk == 0 {
			renders++
		}
	}
	if renders != 1 {
		t.Fatalf("talk 0 rendered %d times, want 1", renders)
	}
	if !h.m.detailOK || !strings.Contains(h.screen(), "Summary") {
		t.Fatalf("detail not rendered:\n%s", h.screen())
	}
	// A late rendering for another talk is cached, not shown.
	k := renderKey{talk: 5, width: h.m.detailFor.width, dark: true}
	h.send(renderedMsg{key: k, content: "LATE"})
	if strings.Contains(h.screen(), "LATE") {
		t.Fatal("a rendering for another talk was shown")
	}
	// Coming back to a talk uses the cache: no new render.
	h.msgs = nil
	h.keys("j", "k")
	for _, m := range h.msgs {
		if r, ok := m.(renderedMsg); ok && r.key.talk == 0 {
			t.Fatal("talk 0 rendered again")
		}
	}
}

func TestDetailLinksNumbered(t *testing.T) {
	h := newHarness(t, testCatalogue(), 120, 40)
	scr := h.screen()
	for _, want := range []string{"[1] Slides", "[2] Video", "[3] Bad link", "not an http(s) link", "slides.example/engines"} {
		if !strings.Contains(scr, want) {
			t.Errorf("detail lacks %q:\n%s", want, scr)
		}
	}
	raw := h.m.View().Content
	if !strings.Contains(raw, "\x1b]8;;https://slides.example/engines\x07") {
		t.Error("the slides URL is not an OSC 8 hyperlink")
	}
	if strings.Contains(raw, "javascript:") {
		t.Error("a refused URL reached the screen as a link")
	}
}

func TestOpenLinks(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		url    string // what the opener must receive; "" = nothing opened
		status string
	}{
		{"o opens the slides", []string{"o"}, "https://slides.example/engines", "Opened slides in your browser"},
		{"v opens the video", []string{"v"}, "https://video.example/engines", "Opened video in your browser"},
		{"2 opens link 2", []string{"2"}, "https://video.example/engines", "Opened link [2] in your browser"},
		{"3 refuses javascript:", []string{"3"}, "", "Refused to open link [3]"},
		{"9 has no link", []string{"9"}, "", "This talk has no link [9]"},
		{"o without slides opens the video", []string{"j", "o"}, "https://video.example/compilers", "Opened video in your browser"},
		{"no video", []string{"j", "j", "v"}, "", "This talk has no video"},
		{"no links", []string{"j", "j", "o"}, "", "This talk has no links"},
		{"event video", []string{"e", "v"}, "https://video.example/event", "Opened the event video in your browser"},
		{"event link 2", []string{"e", "2"}, "https://chat.example/", "Opened link [2] in your browser"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, testCatalogue(), 120, 40)
			h.keys(tt.keys...)
			var opened []openedMsg
			for _, m := range h.msgs {
				if o, ok := m.(openedMsg); ok {
					opened = append(opened, o)
				}
			}
			if tt.url == "" {
				if len(h.opener.urls) != 0 || len(opened) != 0 {
					t.Fatalf("opened %v", h.opener.urls)
				}
			} else {
				if len(opened) != 1 || opened[0].url != tt.url || opened[0].err != nil {
					t.Fatalf("Cmd produced %+v, want one openedMsg for %s", opened, tt.url)
				}
				if !reflect.DeepEqual(h.opener.urls, []string{tt.url}) {
					t.Fatalf("opener got %v, want %s", h.opener.urls, tt.url)
				}
			}
			if !strings.Contains(h.m.status, tt.status) || !strings.Contains(h.screen(), tt.status) {
				t.Fatalf("status %q, want it to contain %q", h.m.status, tt.status)
			}
		})
	}
}

func TestOpenWithoutBrowserShowsURL(t *testing.T) {
	h := newHarness(t, testCatalogue(), 120, 40)
	h.opener.err = fmt.Errorf("%w: none installed", opener.ErrNoBrowser)
	h.keys("o")
	if !strings.Contains(h.screen(), "https://slides.example/engines") || !h.m.statusErr {
		t.Fatalf("status does not give the URL: %q", h.m.status)
	}
}

func TestCopyUsesOSC52(t *testing.T) {
	h := newHarness(t, testCatalogue(), 120, 40)
	h.keys("y")
	var copied string
	for _, m := range h.msgs {
		v := reflect.ValueOf(m)
		if v.Kind() == reflect.String && strings.Contains(fmt.Sprintf("%T", m), "Clipboard") {
			copied = v.String()
		}
	}
	if copied != "https://slides.example/engines" {
		t.Fatalf("clipboard got %q", copied)
	}
	if h.m.status != "Copied slides link: https://slides.example/engines" {
		t.Fatalf("status = %q", h.m.status)
	}
}

func TestQuit(t *testing.T) {
	for _, tt := range []struct {
		name string
		keys []string
		quit bool
	}{
		{"q in the list", []string{"q"}, true},
		{"ctrl+c in the list", []string{"ctrl+c"}, true},
		{"q in help", []string{"?", "q"}, true},
		{"q in the detail", []string{"enter", "q"}, true},
		{"q in speakers", []string{"p", "q"}, true},
		{"q while filtering types", []string{"/", "q"}, false},
		{"ctrl+c while filtering", []string{"/", "ctrl+c"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, 80, 24)
			h.keys(tt.keys...)
			quit := false
			for _, m := range h.msgs {
				if _, ok := m.(tea.QuitMsg); ok {
					quit = true
				}
			}
			if quit != tt.quit {
				t.Fatalf("quit = %v, want %v", quit, tt.quit)
			}
		})
	}
}

func TestHelpIsGeneratedFromKeys(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("?")
	scr := h.screen()
	for _, b := range flatten(h.m.keys.FullHelp()) {
		if !strings.Contains(scr, b.Help().Desc) {
			t.Errorf("help lacks %q", b.Help().Desc)
		}
	}
	h.keys("?")
	if h.m.showHelp {
		t.Fatal("? did not close the help")
	}
}

func TestSpeakersEnterJumpsToTalk(t *testing.T) {
	h := newHarness(t, nil, 80, 24)
	h.keys("/")
	h.typeText("rook")
	h.keys("tab", "p")
	if h.m.view != viewSpeakers || !strings.Contains(h.screen(), "14 speakers") {
		t.Fatalf("p did not open the speakers view:\n%s", h.screen())
	}
	// Find Ian Rae's talk and jump to it: the filter hiding it is cleared.
	for range len(h.m.speakers.sel) {
		row, _ := h.m.speakers.selected()
		if h.m.cat.Speakers[row.speaker].Name == "Ian Rae" {
			break
		}
		h.keys("j")
	}
	h.keys("enter")
	if h.m.view != viewTalks || h.m.cat.Talks[h.m.currentTalk()].ID != "own-your-destiny-in-the-cloud" {
		t.Fatalf("enter did not jump to the talk: view=%d talk=%d", h.m.view, h.m.currentTalk())
	}
	if !h.m.narrowDetail {
		t.Fatal("the jumped-to talk's detail is not shown")
	}
}

func TestMouse(t *testing.T) {
	h := newHarness(t, nil, 120, 24)
	l := h.m.lay
	// Click the third talk's title line.
	h.send(tea.MouseClickMsg{X: 5, Y: l.bodyY + 2*h.m.list.itemHeight(), Button: tea.MouseLeft})
	if got := h.m.currentTalk(); got != 2 {
		t.Fatalf("click selected %d, want 2", got)
	}
	// Wheel over the list scrolls it.
	before := h.m.list.offset
	h.send(tea.MouseWheelMsg{X: 5, Y: l.bodyY + 1, Button: tea.MouseWheelDown})
	if h.m.list.offset != before+1 {
		t.Fatalf("wheel over the list did nothing: offset %d", h.m.list.offset)
	}
	// Wheel over the detail scrolls the detail, not the list.
	h = newHarness(t, nil, 120, 20)
	cur := h.m.currentTalk()
	h.send(tea.MouseWheelMsg{X: h.m.lay.detailX + 5, Y: h.m.lay.bodyY + 1, Button: tea.MouseWheelDown})
	if h.m.detail.YOffset() == 0 || h.m.currentTalk() != cur {
		t.Fatalf("wheel over the detail: yoffset %d, talk %d", h.m.detail.YOffset(), h.m.currentTalk())
	}
	// Clicking a tab switches the view.
	tabs := h.m.tabs()
	h.send(tea.MouseClickMsg{X: tabs[2].x, Y: 1, Button: tea.MouseLeft})
	if h.m.view != viewEvent {
		t.Fatal("clicking the Event tab did not open it")
	}
}

func TestBackgroundColour(t *testing.T) {
	light := tea.BackgroundColorMsg{Color: color.White}
	auto := New(testCatalogue(), Options{})
	if !auto.st.isDark {
		t.Fatal("auto does not start dark")
	}
	if auto.Init() == nil {
		t.Fatal("auto does not ask for the background colour")
	}
	m, _ := auto.Update(light)
	if m.(Model).st.isDark {
		t.Fatal("auto stayed dark on a light background")
	}
	forced := New(testCatalogue(), Options{Style: render.StyleDark})
	m, _ = forced.Update(light)
	if !m.(Model).st.isDark {
		t.Fatal("--style dark switched to light")
	}
	if l := New(testCatalogue(), Options{Style: render.StyleLight}); l.st.isDark {
		t.Fatal("--style light starts dark")
	}
}

func TestTooSmall(t *testing.T) {
	h := newHarness(t, nil, 20, 5)
	if !strings.Contains(h.screen(), "Terminal too small") {
		t.Fatalf("20x5:\n%s", h.screen())
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(h.screen(), "Kubernetes: Crossing the Chasm") {
		t.Fatalf("back to 80x24:\n%s", h.screen())
	}
}

func TestEmptyCatalogue(t *testing.T) {
	c := &model.Catalogue{Event: model.Event{Name: "Empty"}}
	h := newHarness(t, c, 120, 40)
	h.keys("j", "o", "enter", "p", "enter", "e", "t")
	if !strings.Contains(h.screen(), "no talks") {
		t.Fatalf("empty catalogue:\n%s", h.screen())
	}
}

func mustQuery(t *testing.T, s string) model.Query {
	t.Helper()
	q, err := model.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func TestLongStatusWrapsInNarrowTerminal(t *testing.T) {
	h := newHarness(t, nil, 40, 20)
	h.opener.err = fmt.Errorf("%w: none installed", opener.ErrNoBrowser)
	h.keys("G", "o")
	url := "https://www.slideshare.net/CloudOps2005/own-your-destiny-in-the-cloud-ian-rae-cloud-native-day-montreal-2019"
	joined := strings.ReplaceAll(strings.ReplaceAll(h.screen(), "\n", ""), " ", "")
	if !strings.Contains(joined, url) {
		t.Fatalf("the URL is not on screen whole:\n%s", h.screen())
	}
	checkBounds(t, "wrapped status", h.m, 40, 20)
}

func TestBigCatalogueSearchesOffTheUIGoroutine(t *testing.T) {
	cat := gen.Catalogue(syncSearchLimit+500, 7)
	h := newHarness(t, cat, 120, 40)
	h.keys("/")
	// Two keystrokes whose searches finish in the wrong order.
	m, cmdK := h.m.Update(keyMsg("k"))
	m, cmdKu := m.(Model).Update(keyMsg("u"))
	h.m = m.(Model)
	if cmdK == nil || cmdKu == nil {
		t.Fatal("a big catalogue was searched in Update")
	}
	if h.m.pending == "" {
		t.Fatal("no sign that a search is running")
	}
	h.run(cmdKu)
	want := h.m.ix.Search(mustQuery(t, "ku"), nil)
	if h.m.list.len() != len(want) || h.m.pending != "" {
		t.Fatalf("ku: %d talks listed, want %d", h.m.list.len(), len(want))
	}
	h.run(cmdK) // the late answer for "k" must not replace "ku"'s
	if h.m.list.len() != len(want) {
		t.Fatalf("a stale result replaced the list: %d talks, want %d", h.m.list.len(), len(want))
	}
	for i := range want {
		if h.m.list.item(i) != want[i].Talk {
			t.Fatalf("row %d: talk %d, want %d", i, h.m.list.item(i), want[i].Talk)
		}
	}
}

func TestFilterCursorAfterTypedText(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("/")
	h.typeText("kub")
	c := h.m.View().Cursor
	if c == nil {
		t.Fatal("no cursor while filtering")
	}
	line := strings.Split(h.screen(), "\n")[c.Position.Y]
	if before := line[:c.Position.X]; !strings.HasSuffix(before, "/ kub") {
		t.Fatalf("cursor at %v, after %q", c.Position, before)
	}
	h.keys("enter")
	if h.m.View().Cursor != nil {
		t.Fatal("cursor still shown after leaving the filter")
	}
}

func TestResizeAcrossWideThreshold(t *testing.T) {
	h := newHarness(t, nil, 80, 24)
	h.keys("j", "enter")
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if h.m.narrowDetail || h.m.focus != focusDetail || !strings.Contains(h.screen(), "A well-grounded Cloud") {
		t.Fatalf("widened: list and detail should sit side by side, detail focused:\n%s", h.screen())
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !h.m.narrowDetail {
		t.Fatal("narrowed with the detail focused: the detail should take the screen")
	}
}

// From the Speakers view, / filters the speakers in place (it used to
// switch to Talks with speaker:; issue 12 item 6).
func TestFilterFromSpeakersFiltersInPlace(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("p", "/")
	h.typeText("rae")
	if h.m.view != viewSpeakers || h.m.spInput.Value() != "rae" || h.m.speakers.count != 1 || h.m.input.Value() != "" {
		t.Fatalf("view %d, speakers filter %q, %d speakers, talk filter %q", h.m.view, h.m.spInput.Value(), h.m.speakers.count, h.m.input.Value())
	}
}

func TestMalformedQueryLetsTheLastValidSearchFinish(t *testing.T) {
	cat := gen.Catalogue(syncSearchLimit+500, 7)
	h := newHarness(t, cat, 120, 40)
	h.keys("/")
	m, cmdKu := h.m.Update(keyMsg("k"))
	h.m = m.(Model)
	h.run(cmdKu)
	m, cmd := h.m.Update(keyMsg("u"))
	m, _ = m.(Model).Update(keyMsg("\"")) // "ku\"": unclosed quote
	h.m = m.(Model)
	if h.m.filterErr == "" {
		t.Fatal("unclosed quote not reported")
	}
	h.run(cmd)
	want := h.m.ix.Search(mustQuery(t, "ku"), nil)
	if h.m.list.len() != len(want) {
		t.Fatalf("the last valid query's result was dropped: %d talks, want %d", h.m.list.len(), len(want))
	}
}

// The Speakers view counts its position in speakers, as its header does,
// not in the talk rows the cursor moves over.
func TestSpeakersPositionCountsSpeakers(t *testing.T) {
	h := newHarness(t, testCatalogue(), 120, 40)
	h.keys("p")
	// By family name: Grace Hopper, then Ada Lovelace with two talks,
	// then Alan Turing.
	for i, want := range []string{"1/3", "2/3", "2/3", "3/3"} {
		if i > 0 {
			h.keys("j")
		}
		if got := h.m.position(); got != want {
			t.Fatalf("after %d× j: position %q, want %q", i, got, want)
		}
	}
}

// What an importer skipped is listed on the Event page, with a bound, so the
// start-up notice's count has its reasons one key away.
func TestEventPageListsSkippedRecords(t *testing.T) {
	h := newHarness(t, testCatalogue(), 120, 200)
	for i := range maxSkippedShown + 3 {
		h.m.opts.Skipped = append(h.m.opts.Skipped, fmt.Sprintf("event %d: link dropped: no host", i))
	}
	h.keys("e")
	screen := h.screen()
	for _, want := range []string{"Skipped while importing", "event 0: link dropped: no host"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("Event page lacks %q:\n%s", want, screen)
		}
	}
	h.keys("G")
	if screen := h.screen(); !strings.Contains(screen, "… and 3 more") {
		t.Fatalf("Event page does not bound the list:\n%s", screen)
	}
}

// TestFilterKeepsKeyboard: while the filter has the keyboard, the
// selection moves with up, down, ctrl+p, ctrl+n, pgup and pgdn and typing
// goes on; letters type (x writes nothing, q does not quit); enter reads
// the selected talk.
func TestFilterKeepsKeyboard(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	h.keys("/")
	h.typeText("kube")
	n := h.m.list.len()
	if n < 4 {
		t.Fatalf("kube: %d talks", n)
	}
	for _, step := range []struct {
		key  string
		want int
	}{{"down", 1}, {"ctrl+n", 2}, {"up", 1}, {"ctrl+p", 0}, {"pgdown", n - 1}, {"pgup", 0}, {"down", 1}} {
		h.keys(step.key)
		if !h.m.filtering || h.m.list.cursor != step.want {
			t.Fatalf("%s: filtering=%v cursor=%d, want the filter focused on row %d", step.key, h.m.filtering, h.m.list.cursor, step.want)
		}
	}
	sel, _ := h.m.list.selected()
	h.typeText(" x")
	if h.m.input.Value() != "kube x" || !h.m.filtering {
		t.Fatalf("typing after moving: input %q, filtering=%v", h.m.input.Value(), h.m.filtering)
	}
	if h.m.status != "" {
		t.Fatalf("x ran a command while typing: %q", h.m.status)
	}
	h.keys("backspace", "backspace")
	h.m.list.selectTalk(sel)
	h.keys("enter")
	if h.m.filtering || h.m.focus != focusDetail || h.m.currentTalk() != sel {
		t.Fatalf("enter: filtering=%v focus=%v talk=%d, want the detail of %d", h.m.filtering, h.m.focus, h.m.currentTalk(), sel)
	}
	if !strings.Contains(h.screen(), "enter") && strings.Contains(h.screen(), "select") {
		t.Fatal("hint line still says select")
	}
}

// TestUnknownQualifierShownWhole: foo:bar is an error, shown whole (wrapped
// under the filter) while the list keeps the last valid result.
func TestUnknownQualifierShownWhole(t *testing.T) {
	h := newHarness(t, nil, 60, 30)
	h.keys("/")
	h.typeText("kafka ")
	if h.m.list.len() != 1 {
		t.Fatalf("kafka: %d talks", h.m.list.len())
	}
	h.send(tea.PasteMsg{Content: "foo:bar"})
	if h.m.list.len() != 1 {
		t.Fatalf("the list did not keep the last valid result: %d talks", h.m.list.len())
	}
	scr := h.screen()
	flat := strings.Join(strings.Fields(scr), " ")
	for _, want := range []string{`unknown qualifier "foo:"`, "speaker:", "lang:", "has:", "is:", "event:)"} {
		if !strings.Contains(flat, want) {
			t.Fatalf("the error is not shown whole (%q missing):\n%s", want, scr)
		}
	}
	h.keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	if strings.Contains(h.screen(), "unknown qualifier") || h.m.input.Value() != "kafka " {
		t.Fatalf("the error stayed after fixing the query:\n%s", h.screen())
	}
}

// TestStatusClears: a status message goes at the next key press, or when
// its timeout arrives; an older message's timeout leaves a newer one.
func TestStatusClears(t *testing.T) {
	h := newHarness(t, nil, 120, 40)
	timeouts := func() []statusTimeoutMsg {
		var out []statusTimeoutMsg
		for _, m := range h.msgs {
			if t, ok := m.(statusTimeoutMsg); ok {
				out = append(out, t)
			}
		}
		return out
	}
	h.keys("y") // copies the link: "Copied ..."
	if h.m.status == "" || len(timeouts()) != 1 {
		t.Fatalf("y: status %q, %d timeouts", h.m.status, len(timeouts()))
	}
	h.keys("j")
	if h.m.status != "" {
		t.Fatalf("the next key left the status %q", h.m.status)
	}
	h.keys("y")
	first := timeouts()[1]
	h.keys("y") // a newer message, its own timeout
	h.send(first)
	if h.m.status == "" {
		t.Fatal("an older message's timeout cleared the newer one")
	}
	h.send(timeouts()[2])
	if h.m.status != "" {
		t.Fatalf("the timeout left the status %q", h.m.status)
	}
}
