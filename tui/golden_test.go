package tui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cndtalks/data"
	"cndtalks/internal/opener"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// -update rewrites the golden files. teatest's golden package defines the
// flag too; share it rather than redefine it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// updating reports whether -update was given.
func updating() bool { return flag.Lookup("update").Value.String() == "true" }

// states are the screens every golden and bounds test goes through, each
// reached from a fresh model by the keys a user would press.
var states = []struct {
	name string
	keys func(h *harness)
}{
	{"list", func(h *harness) {}},
	{"filtering", func(h *harness) { h.keys("/"); h.typeText("kube sec") }},
	{"detail", func(h *harness) { h.keys("j", "j", "j", "enter") }},
	{"detail-scrolled", func(h *harness) { h.keys("j", "j", "j", "enter", "pgdown", "j") }},
	{"help", func(h *harness) { h.keys("?") }},
	{"speakers", func(h *harness) { h.keys("p", "j", "j") }},
	{"event", func(h *harness) { h.keys("e") }},
	{"no-match", func(h *harness) { h.keys("/"); h.typeText("zzzz"); h.keys("tab") }},
	{"no-browser", func(h *harness) { h.opener.err = opener.ErrNoBrowser; h.keys("G", "o") }},
}

// TestGolden compares the screen, styling stripped, with testdata at the
// three reference sizes. Run with -update to rewrite the files.
func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}, {40, 12}} {
		for _, st := range states {
			if st.name == "detail-scrolled" {
				continue
			}
			name := fmt.Sprintf("%s-%dx%d", st.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				h := newHarness(t, goldenCatalogue(t), size[0], size[1])
				st.keys(h)
				golden(t, name, h.screen())
			})
		}
	}
}

// goldenCatalogue is the frozen copy of the embedded catalogue the golden
// files show.
func goldenCatalogue(t *testing.T) *model.Catalogue {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "catalogue.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := data.Parse("catalogue.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	return res.Catalogue
}

// golden compares got with testdata/<Test>/<name>.golden.
func golden(t *testing.T, name, got string) {
	t.Helper()
	// Trailing spaces are padding; keep the files readable in a diff.
	lines := strings.Split(got, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	got = strings.Join(lines, "\n") + "\n"
	test := strings.SplitN(t.Name(), "/", 2)[0]
	path := filepath.Join("testdata", test, name+".golden")
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -run %s -update)", err, test)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test ./tui -run %s -update to accept):\n--- got\n%s\n--- want\n%s", path, test, got, want)
	}
}

// TestViewNeverExceedsWindow checks every state at every size in the
// issue's list, reached at that size and reached at 80x24 then resized: the
// view never has more lines than the height or a line wider than the width
// (in cells), and never panics.
func TestViewNeverExceedsWindow(t *testing.T) {
	sizes := []int{0, 1, 2, 3, 5, 10, 20, 80, 300}
	for _, st := range states {
		for _, w := range sizes {
			for _, hgt := range sizes {
				for _, resized := range []bool{false, true} {
					var h *harness
					if resized {
						h = newHarness(t, nil, 80, 24)
						st.keys(h)
						h.send(tea.WindowSizeMsg{Width: w, Height: hgt})
					} else {
						h = newHarness(t, nil, w, hgt)
						st.keys(h)
					}
					checkBounds(t, fmt.Sprintf("%s %dx%d resized=%v", st.name, w, hgt, resized), h.m, w, hgt)
				}
			}
		}
	}
}

// checkBounds fails when m's view does not fit in w x h.
func checkBounds(t *testing.T, name string, m Model, w, h int) {
	t.Helper()
	v := m.View()
	if v.Content == "" {
		return
	}
	lines := strings.Split(v.Content, "\n")
	if len(lines) > h {
		t.Errorf("%s: %d lines", name, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s: line %d is %d cells wide: %q", name, i, lw, ansi.Strip(l))
			return
		}
	}
	if c := v.Cursor; c != nil && (c.Position.X >= w || c.Position.Y >= h || c.Position.X < 0 || c.Position.Y < 0) {
		t.Errorf("%s: cursor at %v outside the window", name, c.Position)
	}
}
