package tui

import (
	"strings"
	"testing"

	"cndtalks/data"

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
		if w < 80 && !strings.Contains(plain, "…") {
			t.Fatalf("width %d: the event name is not cut with …: %q", w, plain)
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
