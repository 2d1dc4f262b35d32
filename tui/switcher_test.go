package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/internal/render"
	"cndtalks/model"
)

// fakeSwitcher offers the built-in event, testCatalogue and their archive,
// with marks from one store, as the CLI does.
type fakeSwitcher struct {
	marks  *store.MarksStore
	opened []string
}

func (f *fakeSwitcher) Catalogues() ([]model.CatalogueChoice, error) {
	return []model.CatalogueChoice{
		{Key: "--all", Name: "All events", Talks: 14},
		{Key: "builtin", Name: "montreal", Event: "Montreal Cloud Native Day 2019", Talks: 11},
		{Key: "testconf", Name: "testconf", Event: "Test Conf", Talks: 3, Updated: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		{Key: "broken", Name: "broken", Event: "Broken", Talks: 1},
	}, nil
}

func (f *fakeSwitcher) Open(key string) (Opened, error) {
	f.opened = append(f.opened, key)
	test := testCatalogue()
	switch key {
	case "--all":
		cat := model.MergeArchive([]model.ArchiveSource{{Label: "montreal", Catalogue: data.Default()}, {Label: "testconf", Catalogue: test}})
		return Opened{Catalogue: cat, Marks: f.marks.ForArchive(cat)}, nil
	case "builtin":
		return Opened{Catalogue: data.Default(), Marks: f.marks.For(data.Default().Event.ID)}, nil
	case "testconf":
		return Opened{Catalogue: test, Marks: f.marks.For(test.Event.ID), Notice: "2 links dropped"}, nil
	}
	return Opened{}, errors.New("unreadable: bad XML")
}

func newSwitcherHarness(t *testing.T) (*harness, *fakeSwitcher) {
	t.Helper()
	ms, err := store.OpenMarks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sw := &fakeSwitcher{marks: ms}
	op := &fakeOpener{}
	h := &harness{t: t, opener: op}
	test := testCatalogue()
	h.m = New(test, Options{Style: render.StyleDark, Opener: op, render: testRenderers.render, tick: pendingTick,
		Marks: ms.For(test.Event.ID), Switcher: sw, CatalogueKey: "testconf", ExportDir: t.TempDir()})
	h.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	return h, sw
}

func TestSwitcherOpensAnotherCatalogue(t *testing.T) {
	h, sw := newSwitcherHarness(t)
	h.keys("s") // star the first talk of testconf
	h.keys("C")
	scr := h.screen()
	for _, want := range []string{"Catalogues", "All events", "14 talks", "montreal", "testconf", "updated 2026-01-02", "(shown)"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the switcher lacks %q:\n%s", want, scr)
		}
	}
	// The current catalogue is selected: up twice is All events.
	h.keys("k", "k", "enter")
	if len(sw.opened) != 1 || sw.opened[0] != "--all" {
		t.Fatalf("opened %v", sw.opened)
	}
	if h.m.switcher != nil || h.m.cat.Event.Name != "All events" || len(h.m.cat.Talks) != 14 {
		t.Fatalf("not switched: %q, %d talks", h.m.cat.Event.Name, len(h.m.cat.Talks))
	}
	if !strings.Contains(h.m.status, "Opened All events: 14 talks") {
		t.Errorf("status %q", h.m.status)
	}
	// Rows name their event; marks follow: the star is there.
	scr = h.screen()
	if !strings.Contains(scr, "montreal ·") {
		t.Errorf("rows do not name their event:\n%s", scr)
	}
	h.keys("/").typeText("is:starred").keys("enter")
	if n := h.m.list.len(); n != 1 || h.m.cat.Talks[h.m.list.item(0)].ID != "testconf/engines" {
		t.Fatalf("is:starred in the archive: %d rows", n)
	}
	// event: narrows to one event.
	h.keys("esc", "esc", "/").typeText("event:montreal").keys("enter")
	if n := h.m.list.len(); n != 11 {
		t.Errorf("event:montreal: %d rows, want 11", n)
	}
}

func TestSwitcherKeepsTheCatalogueWhenOpeningFails(t *testing.T) {
	h, _ := newSwitcherHarness(t)
	h.keys("C", "G", "enter")
	if h.m.cat.Event.Name == "Broken" || len(h.m.cat.Talks) != 3 {
		t.Fatal("the catalogue changed")
	}
	if !h.m.statusErr || !strings.Contains(h.m.status, "Cannot open broken: unreadable: bad XML") {
		t.Errorf("status %q", h.m.status)
	}
	// esc closes the switcher; the browser is as it was.
	h.keys("esc")
	if h.m.switcher != nil || !strings.Contains(h.screen(), "Programming the engine") {
		t.Errorf("esc did not close the switcher:\n%s", h.screen())
	}
}

func TestSwitcherKeyNeedsASwitcher(t *testing.T) {
	h := newHarness(t, nil, 120, 30)
	h.keys("C")
	if h.m.switcher != nil {
		t.Error("C opened a switcher with nothing to list")
	}
	h.keys("?")
	if strings.Contains(h.screen(), "catalogues") {
		t.Error("help offers C without a switcher")
	}
	hs, _ := newSwitcherHarness(t)
	hs.keys("?")
	if !strings.Contains(hs.screen(), "C catalogues") {
		t.Errorf("help does not offer C:\n%s", hs.screen())
	}
}
