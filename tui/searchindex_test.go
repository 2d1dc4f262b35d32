package tui

import (
	"strings"
	"testing"

	"cndtalks/data/gen"
	"cndtalks/model"
)

// TestSearchIndexBuiltOnFirstSearch checks that a big catalogue's first
// frame is drawn without the search index, showing the speakers lines the
// index would, that opening the filter builds it, and that what the filter
// then shows is the index's answer.
func TestSearchIndexBuiltOnFirstSearch(t *testing.T) {
	cat := gen.Catalogue(syncSearchLimit+500, 3)
	h := newHarness(t, cat, 120, 40)
	if h.m.ix.ready.Load() {
		t.Fatal("the index was built before the first frame")
	}
	if screen := h.screen(); !strings.Contains(screen, "1/") {
		t.Fatalf("no first frame:\n%s", screen)
	}
	full := model.NewIndex(cat)
	for i := range 5 {
		if got, want := h.m.ix.SpeakerLine(i), full.SpeakerLine(i); got != want {
			t.Fatalf("talk %d: speakers line %q before the index, %q from it", i, got, want)
		}
	}
	if h.m.ix.ready.Load() {
		t.Fatal("drawing the first frame built the index")
	}
	h.keys("/")
	if !h.m.ix.ready.Load() {
		t.Fatal("opening the filter did not build the index")
	}
	h.typeText("kube")
	want := full.Search(mustQuery(t, "kube"), nil)
	if h.m.list.len() != len(want) || len(want) == 0 {
		t.Fatalf("kube: %d rows, want %d (and more than none)", h.m.list.len(), len(want))
	}
	for i, hit := range want {
		if h.m.list.item(i) != hit.Talk {
			t.Fatalf("kube: row %d is talk %d, want %d", i, h.m.list.item(i), hit.Talk)
		}
	}
}
