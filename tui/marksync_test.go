package tui

import (
	"strings"
	"testing"

	"cndtalks/data/store"
)

// deliverTicks sends the marks poll's pending ticks (pendingTick records
// them in msgs) and reports how many there were.
func deliverTicks(h *harness) int {
	h.t.Helper()
	var ticks []marksTickMsg
	rest := h.msgs[:0]
	for _, msg := range h.msgs {
		if t, ok := msg.(marksTickMsg); ok {
			ticks = append(ticks, t)
		} else {
			rest = append(rest, msg)
		}
	}
	h.msgs = rest
	for _, t := range ticks {
		h.send(t)
	}
	return len(ticks)
}

// TestMarksFromAnotherProcessAppear: a star written to the marks file by
// another store (cndtalks star) shows on the row and under is:starred at
// the next poll, and the browser's own unsaved mark survives the reload.
func TestMarksFromAnotherProcessAppear(t *testing.T) {
	marks, dir := storeMarks(t, "testconf")
	h := newMarksHarness(t, testCatalogue(), marks, 120, 30)
	h.run(h.m.Init())
	if n := deliverTicks(h); n != 1 {
		t.Fatalf("Init started %d marks polls, want 1", n)
	}
	// Nothing changed: the poll goes on, nothing is shown.
	if n := deliverTicks(h); n != 1 {
		t.Fatalf("the poll did not go on after an unchanged check (%d)", n)
	}
	if strings.Contains(h.screen(), "★") {
		t.Fatal("a star before anything was starred")
	}

	h.keys("/")
	h.typeText("is:starred")
	h.keys("tab")
	if h.m.list.len() != 0 {
		t.Fatalf("is:starred lists %v before any star", listed(h))
	}

	other, err := store.OpenMarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Apply(store.Op{Catalogue: "testconf", Talk: "machines", Mark: store.Star, On: true}); err != nil {
		t.Fatal(err)
	}
	deliverTicks(h)
	if got := listed(h); !equal(got, []string{"machines"}) {
		t.Fatalf("after a star elsewhere, is:starred lists %v", got)
	}
	if line := lineWith(h.screen(), "Computing machinery"); !strings.Contains(line, "★") {
		t.Errorf("the row shows no star: %q", line)
	}

	// A mark of this browser's own, not saved yet, is kept when the file
	// changes again under it.
	h.keys("esc")
	mk := marks.Store()
	save := mk.Stage(store.Op{Catalogue: "testconf", Talk: "engines", Mark: store.Watch, On: true})
	if err := other.Apply(store.Op{Catalogue: "testconf", Talk: "compilers", Mark: store.Star, On: true}); err != nil {
		t.Fatal(err)
	}
	deliverTicks(h)
	if !marks.Watched("engines") || !marks.Starred("compilers") || !marks.Starred("machines") {
		t.Errorf("after the reload: watched engines %v, starred compilers %v, machines %v",
			marks.Watched("engines"), marks.Starred("compilers"), marks.Starred("machines"))
	}
	if err := save(); err != nil {
		t.Fatal(err)
	}
}
