package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cndtalks/internal/render"
	"cndtalks/model"
)

// updatedCatalogue is scheduledCatalogue after an update that moved
// engines, retitled compilers, added machines and removed a talk that is
// no longer there; changes is what that update found.
func updatedCatalogue() (*model.Catalogue, *model.ChangeSet) {
	old := scheduledCatalogue()
	old.Talks = old.Talks[:2]
	old.Talks[1].Title = "Compilers for some"
	old.Talks = append(old.Talks, model.Talk{ID: "looms", Title: "Jacquard looms", Kind: "talk",
		Start: time.Date(2024, 5, 14, 15, 0, 0, 0, time.UTC), Room: "Hall"})
	old.Index()
	cur := scheduledCatalogue()
	cur.Talks[0].Start = cur.Talks[0].Start.Add(24 * time.Hour)
	cur.Talks[0].Room = "Room 2"
	cs := model.Diff(old, cur)
	return cur, cs
}

func newChangesHarness(t *testing.T, cat *model.Catalogue, cs *model.ChangeSet, w, h int) *harness {
	t.Helper()
	op := &fakeOpener{}
	hs := &harness{t: t, opener: op}
	hs.m = New(cat, Options{Style: render.StyleDark, Opener: op, render: testRenderers.render, Changes: cs, tick: pendingTick,
		ExportDir: t.TempDir(), Now: func() time.Time { return time.Date(2026, 11, 26, 5, 0, 0, 0, time.UTC) }})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

func TestChangesMarkedInRowsAndDetail(t *testing.T) {
	cat, cs := updatedCatalogue()
	h := newChangesHarness(t, cat, cs, 120, 30)
	scr := h.screen()
	for _, want := range []string{"Programming the engine", "changed", "new", "c Changes"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the screen lacks %q:\n%s", want, scr)
		}
	}
	if !strings.Contains(scr, "~ Moved from Tue 09:00 Hall to Wed 09:00 Room 2") {
		t.Errorf("the engines detail does not say it moved:\n%s", scr)
	}
	h.keys("j")
	if scr := h.screen(); !strings.Contains(scr, "~ Retitled from “Compilers for some”") {
		t.Errorf("the compilers detail does not say it was retitled:\n%s", scr)
	}
	h.keys("j")
	if scr := h.screen(); !strings.Contains(scr, "+ New since the last update") {
		t.Errorf("the machines detail does not say it is new:\n%s", scr)
	}
}

func TestChangesView(t *testing.T) {
	cat, cs := updatedCatalogue()
	h := newChangesHarness(t, cat, cs, 120, 30)
	h.keys("c")
	if h.m.view != viewChanges {
		t.Fatalf("c did not open the Changes view")
	}
	scr := h.screen()
	for _, want := range []string{"4 changes", "moved from Tue 09:00 Hall to Wed 09:00 Roo…", "retitled from “Compilers for some”",
		"new since the last update", "Jacquard looms", "removed (was Tue 15:00 Hall)", "1/4"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the Changes view lacks %q:\n%s", want, scr)
		}
	}
	// The removed talk has no talk to jump to: the detail and enter say so.
	h.keys("G")
	if scr := h.screen(); !strings.Contains(scr, "The last update removed this talk from the schedule.") {
		t.Errorf("a removed talk's detail:\n%s", scr)
	}
	h.keys("enter")
	if h.m.view != viewChanges || !strings.Contains(h.m.status, "“Jacquard looms” is no longer in the schedule") {
		t.Errorf("enter on a removed talk: view %v, status %q", h.m.view, h.m.status)
	}
	// Enter on a changed talk reads it in the Talks view.
	h.keys("k", "enter")
	if h.m.view != viewTalks || h.m.currentTalk() != 2 || h.m.focus != focusDetail {
		t.Errorf("enter on machines: view %v, talk %d, focus %v", h.m.view, h.m.currentTalk(), h.m.focus)
	}
}

func TestIsChangedFilter(t *testing.T) {
	cat, cs := updatedCatalogue()
	h := newChangesHarness(t, cat, cs, 120, 30)
	h.keys("c", "/")
	if got := h.m.input.Value(); got != "is:changed " {
		t.Fatalf("/ from the Changes view starts the filter with %q", got)
	}
	h.keys("esc")
	h.keys("/").typeText("is:changed")
	if n := h.m.list.len(); n != 3 {
		t.Errorf("is:changed lists %d talks, want the 3 still in the schedule", n)
	}
	h.keys("esc", "/").typeText("-is:changed")
	if n := h.m.list.len(); n != 0 {
		t.Errorf("-is:changed lists %d talks, want none", n)
	}
}

func TestChangesInHelp(t *testing.T) {
	cat, cs := updatedCatalogue()
	h := newChangesHarness(t, cat, cs, 120, 40)
	h.keys("?")
	for _, want := range []string{"c changes", "is:changed", "talks the last update changed"} {
		if !strings.Contains(h.screen(), want) {
			t.Errorf("the help lacks %q:\n%s", want, h.screen())
		}
	}
}

func TestNoChangesNoChangesView(t *testing.T) {
	h := newChangesHarness(t, scheduledCatalogue(), nil, 120, 30)
	h.keys("c")
	if h.m.view != viewTalks {
		t.Errorf("c opened view %v without a change set", h.m.view)
	}
	scr := h.screen()
	if strings.Contains(scr, "Changes") || strings.Contains(scr, "changed") {
		t.Errorf("a catalogue never updated shows changes:\n%s", scr)
	}
	h.keys("?")
	if scr := h.screen(); strings.Contains(scr, "c changes") || strings.Contains(scr, "is:changed") {
		t.Errorf("the help offers c without a change set")
	}
}

// TestChangesGolden freezes the rows' badges, the detail's change lines and
// the Changes view, wide and narrow.
func TestChangesGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 30}, {80, 24}} {
		for _, st := range []struct {
			name string
			keys []string
		}{
			{"list", nil},
			{"view", []string{"c", "j"}},
		} {
			name := fmt.Sprintf("%s-%dx%d", st.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				cat, cs := updatedCatalogue()
				h := newChangesHarness(t, cat, cs, size[0], size[1])
				h.keys(st.keys...)
				golden(t, name, h.screen())
			})
		}
	}
}
