package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cndtalks/data/store"
	"cndtalks/internal/render"
	"cndtalks/model"
)

// newMarksHarness is newHarness with marks and an export directory.
func newMarksHarness(t *testing.T, cat *model.Catalogue, marks model.Marks, w, h int) *harness {
	t.Helper()
	op := &fakeOpener{}
	hs := &harness{t: t, opener: op}
	hs.m = New(cat, Options{Style: render.StyleDark, Opener: op, render: testRenderers.render, Marks: marks, tick: pendingTick,
		ExportDir: t.TempDir(), Now: func() time.Time { return time.Date(2026, 11, 26, 5, 0, 0, 0, time.UTC) }})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// storeMarks is a real marks store in a temporary state directory.
func storeMarks(t *testing.T, catalogue string) (*store.CatalogueMarks, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := store.OpenMarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s.For(catalogue), dir
}

// scheduledCatalogue is testCatalogue with times: engines and compilers
// overlap, machines comes after.
func scheduledCatalogue() *model.Catalogue {
	c := testCatalogue()
	day := time.Date(2024, 5, 14, 9, 0, 0, 0, time.UTC)
	c.Talks[0].Start, c.Talks[0].Duration, c.Talks[0].Room = day, time.Hour, "Hall"
	c.Talks[1].Start, c.Talks[1].Duration, c.Talks[1].Room = day.Add(30*time.Minute), time.Hour, "Room 2"
	c.Talks[2].Start, c.Talks[2].Duration = day.Add(2*time.Hour), 30*time.Minute
	return c
}

func TestStarAndWatchKeys(t *testing.T) {
	marks, dir := storeMarks(t, "testconf")
	h := newMarksHarness(t, testCatalogue(), marks, 120, 30)

	h.keys("s")
	if !marks.Starred("engines") {
		t.Fatal("s did not star the selected talk")
	}
	if !strings.Contains(h.m.status, "★ Starred “Programming the engine”") {
		t.Errorf("status %q", h.m.status)
	}
	scr := h.screen()
	if !strings.Contains(scr, "★ Starred") {
		t.Errorf("detail does not say starred:\n%s", scr)
	}
	if row := lineWith(scr, "Programming the engine"); !strings.Contains(row, "★") {
		t.Errorf("row has no star: %q", row)
	}

	h.keys("j", "w")
	if !marks.Watched("compilers") || marks.Starred("compilers") {
		t.Fatal("w did not mark the second talk watched (only)")
	}
	if row := lineWith(h.screen(), "Compilers for everyone"); !strings.Contains(row, "✓") {
		t.Errorf("row has no watched mark: %q", row)
	}
	if !strings.Contains(h.screen(), "✓ Watched") {
		t.Errorf("detail does not say watched:\n%s", h.screen())
	}

	// Saved to the file by the Cmd, for the next session.
	r, err := store.OpenMarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Starred("testconf", "engines") || !r.Watched("testconf", "compilers") {
		t.Error("marks not saved")
	}

	// And back.
	h.keys("w", "k", "s")
	if marks.Starred("engines") || marks.Watched("compilers") {
		t.Error("s and w did not toggle back")
	}
	if strings.Contains(h.screen(), "★") || strings.Contains(h.screen(), "✓") {
		t.Errorf("marks still shown:\n%s", h.screen())
	}
}

func lineWith(screen, s string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// The filter follows the marks: starring or unstarring under is:starred
// updates the list at once.
func TestStarredFilterFollowsMarks(t *testing.T) {
	marks, _ := storeMarks(t, "testconf")
	h := newMarksHarness(t, testCatalogue(), marks, 120, 30)
	h.keys("s", "j", "j", "s") // engines and machines
	h.keys("/")
	h.typeText("is:starred")
	h.keys("tab")
	if got := listed(h); !equal(got, []string{"engines", "machines"}) {
		t.Fatalf("is:starred lists %v", got)
	}
	h.keys("s") // unstar engines, selected first
	if got := listed(h); !equal(got, []string{"machines"}) {
		t.Fatalf("after unstarring: %v", got)
	}
	if h.m.currentTalk() != 2 {
		t.Errorf("selection %d, want machines", h.m.currentTalk())
	}
	h.keys("esc", "/")
	h.typeText("-is:watched")
	h.keys("tab", "w")
	if got := listed(h); !equal(got, []string{"compilers", "machines"}) {
		t.Errorf("-is:watched after marking the first watched: %v", got)
	}
}

func listed(h *harness) []string {
	var out []string
	for i := 0; i < h.m.list.len(); i++ {
		out = append(out, h.m.cat.Talks[h.m.list.item(i)].ID)
	}
	return out
}

func equal(a, b []string) bool {
	return strings.Join(a, ",") == strings.Join(b, ",")
}

func TestConflictsShown(t *testing.T) {
	marks, _ := storeMarks(t, "testconf")
	h := newMarksHarness(t, scheduledCatalogue(), marks, 120, 30)
	h.keys("s", "j", "s")
	if !h.m.statusErr || !strings.Contains(h.m.status, "overlaps 1 starred talk") {
		t.Errorf("status %q (error %v)", h.m.status, h.m.statusErr)
	}
	scr := h.screen()
	if !strings.Contains(scr, "⚠ Overlaps “Programming the engine”, Tue 09:00–10:00") {
		t.Errorf("detail does not name the overlap:\n%s", scr)
	}
	for _, title := range []string{"Programming the engine", "Compilers for everyone"} {
		if row := lineWith(scr, title); !strings.Contains(row, "⚠") {
			t.Errorf("row %q has no overlap mark", row)
		}
	}
	if row := lineWith(scr, "Computing machinery"); strings.Contains(row, "⚠") {
		t.Errorf("unrelated row flagged: %q", row)
	}
	// Starring a talk that overlaps nothing is not a warning.
	h.keys("j", "s")
	if h.m.statusErr {
		t.Errorf("status %q is an error", h.m.status)
	}
	// Unstarring one side clears the flags.
	h.keys("g", "s")
	if strings.Contains(h.screen(), "⚠") {
		t.Errorf("overlap still shown:\n%s", h.screen())
	}
}

// failingMarker keeps marks in memory and fails every save, like a
// read-only home.
type failingMarker struct{ starred, watched map[string]bool }

func (f *failingMarker) Starred(id string) bool { return f.starred[id] }
func (f *failingMarker) Watched(id string) bool { return f.watched[id] }
func (f *failingMarker) StageStarred(id string, on bool) func() error {
	f.starred[id] = on
	return func() error { return errors.New("marks not saved, kept for this session only: read-only file system") }
}
func (f *failingMarker) StageWatched(id string, on bool) func() error {
	f.watched[id] = on
	return func() error { return errors.New("marks not saved, kept for this session only: read-only file system") }
}

type fixedMarks map[string]bool

func (f fixedMarks) Starred(id string) bool { return f[id] }
func (f fixedMarks) Watched(string) bool    { return false }

func TestMarksThatCannotBeSaved(t *testing.T) {
	fm := &failingMarker{starred: map[string]bool{}, watched: map[string]bool{}}
	h := newMarksHarness(t, testCatalogue(), fm, 120, 30)
	h.keys("s")
	if !fm.starred["engines"] || !strings.Contains(h.screen(), "★ Starred") {
		t.Error("the mark does not hold for the session")
	}
	if !h.m.statusErr || !strings.Contains(h.m.status, "read-only file system") {
		t.Errorf("status %q does not say the mark was not saved", h.m.status)
	}

	// Marks that cannot change at all (not a Marker): shown, and s says so.
	h = newMarksHarness(t, testCatalogue(), fixedMarks{"compilers": true}, 120, 30)
	if row := lineWith(h.screen(), "Compilers for everyone"); !strings.Contains(row, "★") {
		t.Errorf("fixed star not shown: %q", row)
	}
	h.keys("s")
	if !h.m.statusErr || !strings.Contains(h.m.status, "cannot be changed") {
		t.Errorf("status %q", h.m.status)
	}

	// No marks at all: nothing shown, nothing breaks.
	h = newMarksHarness(t, testCatalogue(), nil, 120, 30)
	h.keys("s", "w")
	if strings.Contains(h.screen(), "★") || !h.m.statusErr {
		t.Errorf("without marks: status %q\n%s", h.m.status, h.screen())
	}
}

func TestExportView(t *testing.T) {
	marks, _ := storeMarks(t, "testconf")
	h := newMarksHarness(t, scheduledCatalogue(), marks, 120, 30)
	h.keys("s", "/")
	h.typeText("is:starred")
	h.keys("tab", "x")
	path := filepath.Join(h.m.opts.ExportDir, "cndtalks-testconf-20261126-050000.md")
	// x only proposes a name: nothing is written before enter.
	if !strings.Contains(h.m.status, "Export 1 talk to: cndtalks-testconf-20261126-050000.md") {
		t.Fatalf("prompt %q", h.m.status)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("x wrote a file before enter")
	}
	h.keys("enter")
	if !strings.Contains(h.m.status, "Exported 1 talk to ") || !strings.Contains(h.m.status, "cndtalks-testconf-20261126-050000.md") {
		t.Fatalf("status %q", h.m.status)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	if !strings.Contains(md, "1 talk matching `is:starred`") || !strings.Contains(md, "★ **Programming the engine**") ||
		strings.Contains(md, "Compilers") {
		t.Errorf("export is not the view:\n%s", md)
	}

	// The same name again: enter asks, esc cancels, the file is kept.
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.keys("x", "enter")
	if h.m.export == nil || !h.m.export.exists || !strings.Contains(h.m.status, "exists: enter replaces it") {
		t.Fatalf("existing file: prompt %+v, status %q", h.m.export, h.m.status)
	}
	h.keys("esc")
	if b, _ := os.ReadFile(path); string(b) != "mine" || h.m.export != nil || !strings.Contains(h.m.status, "cancelled") {
		t.Fatalf("esc: file %q, status %q", b, h.m.status)
	}
	// A second enter replaces it.
	h.keys("x", "enter", "enter")
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "Programming the engine") {
		t.Fatalf("second enter did not replace the file: %q (status %q)", b, h.m.status)
	}
	// The name is editable: backspace, typing; letters do not run commands.
	h.keys("x", "backspace", "backspace", "backspace")
	h.typeText("-mine.md")
	h.keys("enter")
	edited := filepath.Join(h.m.opts.ExportDir, "cndtalks-testconf-20261126-050000-mine.md")
	if _, err := os.Stat(edited); err != nil || !strings.Contains(h.m.status, "-mine.md") {
		t.Fatalf("edited name: %v (status %q)", err, h.m.status)
	}

	// iCalendar of the whole list.
	h.keys("esc", "X", "enter")
	ics, err := os.ReadFile(filepath.Join(h.m.opts.ExportDir, "cndtalks-testconf-20261126-050000.ics"))
	if err != nil {
		t.Fatalf("%v (status %q)", err, h.m.status)
	}
	if n := strings.Count(string(ics), "BEGIN:VEVENT\r\n"); n != 3 {
		t.Errorf("%d events, want 3", n)
	}
	if !strings.Contains(h.m.status, "Exported 3 talks") {
		t.Errorf("status %q", h.m.status)
	}
}

func TestExportViewFailures(t *testing.T) {
	h := newMarksHarness(t, testCatalogue(), nil, 120, 30)
	h.keys("X", "enter")
	if !h.m.statusErr || !strings.Contains(h.m.status, "no talk in this view has a time") {
		t.Errorf("ics without times: status %q", h.m.status)
	}
	h.m.opts.ExportDir = filepath.Join(h.m.opts.ExportDir, "missing", "dir")
	h.keys("x", "enter")
	if !h.m.statusErr || !strings.Contains(h.m.status, "Export failed") {
		t.Errorf("unwritable directory: status %q", h.m.status)
	}
	h.keys("/")
	h.typeText("zzzz")
	h.keys("tab", "x")
	if !h.m.statusErr || !strings.Contains(h.m.status, "Nothing to export") {
		t.Errorf("empty view: status %q", h.m.status)
	}
}

func TestMarkKeysInHelp(t *testing.T) {
	h := newMarksHarness(t, testCatalogue(), nil, 120, 40)
	h.keys("?")
	scr := h.screen()
	for _, want := range []string{"s star", "w watched", "x export .md", "X export .ics", "is:starred"} {
		if !strings.Contains(scr, want) {
			t.Errorf("help lacks %q:\n%s", want, scr)
		}
	}
}

// TestMarksGolden freezes how marks look: ★ and ✓ on the rows, ⚠ on
// starred talks that overlap, and the detail's banner, wide and narrow.
func TestMarksGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 30}, {80, 24}} {
		for _, st := range []struct {
			name string
			keys []string
		}{
			{"list", []string{"s", "j", "s", "w"}},
			{"detail", []string{"s", "j", "s", "w", "enter"}},
		} {
			name := fmt.Sprintf("%s-%dx%d", st.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				marks, _ := storeMarks(t, "testconf")
				h := newMarksHarness(t, scheduledCatalogue(), marks, size[0], size[1])
				h.keys(st.keys...)
				golden(t, name, h.screen())
			})
		}
	}
}
