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
