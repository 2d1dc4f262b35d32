package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"cndtalks/data"
	"cndtalks/internal/termscan"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// hostileCatalogues loads the catalogues in data/testdata/hostile: control
// sequences in every field (PWN marks the body of a real sequence), and
// wide text (CJK, emoji ZWJ sequences, words longer than any terminal).
func hostileCatalogues(t *testing.T) map[string]*model.Catalogue {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "data", "testdata", "hostile", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile catalogues (%v)", err)
	}
	cats := map[string]*model.Catalogue{}
	for _, f := range files {
		res, err := data.LoadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cats[filepath.Base(f)] = res.Catalogue
	}
	return cats
}

// hostilePaste is what a user might paste into the filter from a hostile
// web page.
const hostilePaste = "kube\x1b]0;PWN\x07\x1b[2J\u009b31m\u202e\r\nsec"

// hostileStates are the screens reached on a hostile catalogue, including
// the status line after each link key.
var hostileStates = []struct {
	name string
	keys func(h *harness)
}{
	{"list", func(h *harness) {}},
	{"filtering", func(h *harness) { h.keys("/"); h.typeText("t") }},
	{"filter-paste", func(h *harness) { h.keys("/"); h.send(tea.PasteMsg{Content: hostilePaste}) }},
	{"filter-error", func(h *harness) { h.keys("/"); h.typeText(`speaker:"`) }},
	{"detail", func(h *harness) { h.keys("tab") }},
	{"detail-scrolled", func(h *harness) { h.keys("enter", "pgdown", "j", "j") }},
	{"detail-bottom", func(h *harness) { h.keys("j", "enter", "end") }},
	{"open", func(h *harness) { h.keys("o") }},
	{"video", func(h *harness) { h.keys("v") }},
	{"link-2", func(h *harness) { h.keys("2") }},
	{"copy", func(h *harness) { h.keys("y") }},
	{"help", func(h *harness) { h.keys("?") }},
	{"speakers", func(h *harness) { h.keys("p", "j") }},
	{"event", func(h *harness) { h.keys("e", "pgdown") }},
	{"event-open", func(h *harness) { h.keys("e", "o") }},
}

// TestHostileCatalogueViews renders every screen of every hostile
// catalogue and scans the bytes of the view: only SGR styling and OSC 8
// links to SafeURL-valid URLs, no payload, and a clean window title.
func TestHostileCatalogueViews(t *testing.T) {
	for name, cat := range hostileCatalogues(t) {
		for _, st := range hostileStates {
			for _, size := range [][2]int{{120, 40}, {80, 24}, {30, 10}} {
				what := fmt.Sprintf("%s %s %dx%d", name, st.name, size[0], size[1])
				h := newHarness(t, cat, size[0], size[1])
				st.keys(h)
				v := h.m.View()
				if err := termscan.Check(v.Content, termscan.StylingOnly); err != nil {
					t.Errorf("%s: %v", what, err)
				}
				for _, marker := range []string{"PWN", "evil.example"} {
					if strings.Contains(v.Content, marker) {
						t.Errorf("%s: payload %q leaked:\n%s", what, marker, ansi.Strip(v.Content))
					}
				}
				if len(termscan.Scan(v.WindowTitle)) > 0 || strings.Contains(v.WindowTitle, "PWN") {
					t.Errorf("%s: window title %q", what, v.WindowTitle)
				}
				for _, u := range h.opener.urls {
					if _, err := model.SafeURL(u); err != nil || strings.HasPrefix(u, "-") {
						t.Errorf("%s: opener got %q", what, u)
					}
				}
			}
		}
	}
}

// TestHostileCatalogueBounds is the bounds test over the hostile and wide
// catalogues: at every size in the list, every screen fits, wide
// characters counted.
func TestHostileCatalogueBounds(t *testing.T) {
	sizes := []int{0, 1, 2, 3, 5, 10, 20, 80, 300}
	for name, cat := range hostileCatalogues(t) {
		for _, st := range hostileStates {
			for _, w := range sizes {
				for _, hgt := range sizes {
					h := newHarness(t, cat, w, hgt)
					st.keys(h)
					checkBounds(t, fmt.Sprintf("%s %s %dx%d", name, st.name, w, hgt), h.m, w, hgt)
					h.send(tea.WindowSizeMsg{Width: hgt, Height: w}) // and turned on its side
					checkBounds(t, fmt.Sprintf("%s %s %dx%d resized", name, st.name, hgt, w), h.m, hgt, w)
				}
			}
		}
	}
}
