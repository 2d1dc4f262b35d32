package tui

import (
	"strings"
	"testing"

	"cndtalks/data"
	"cndtalks/internal/render"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// widthCases are strings cellWidth must measure as ansi.StringWidth does:
// its fast path, and everything that must leave it.
var widthCases = []string{
	"", "a", "plain ASCII row", " 12:30 Kafka Streams ",
	"\x1b[1;38;2;255;0;0mbold red\x1b[m after", "\x1b[38;5;12m│\x1b[0m", "\x1b[?25l hidden cursor",
	"│ box │ ─── ┌┐└┘", "Ville de Montréal…", "★ ✓ · • – — ‘quoted’ “quoted”", "→ ← ↑ ↓", "█▌░",
	"☔ wide", "☁️ with VS16", "e\u0301 combining", "…\u0301 simple then combining", "a\u200db joiner",
	"👩‍💻 emoji ZWJ", "🇨🇦 flag", "漢字 wide", "한국어 Hangul", "\u00ad soft hyphen", "tab\there",
	"\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\", "\x1b[", "\x1b[12", "\x1b[1\x07m", "\x1bM",
	"\x7f", "bad \xff utf-8", "\u2028 line separator", "\u202e bidi", "x\x1b[m\u0301",
}

// TestCellWidth checks cellWidth against ansi.StringWidth on the cases,
// on every character of simpleRunes alone and between neighbours, and on
// every line of real screens.
func TestCellWidth(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("cellWidth(%q) = %d, ansi.StringWidth %d", s, got, want)
		}
	}
	for _, s := range widthCases {
		check(s)
	}
	neighbours := []string{"", "a", "\x1b[1m", "│", "é", "\u0301", "\ufe0f", "\u200d", "☁", "👩"}
	for _, rg := range simpleRunes {
		for r := rg[0]; r <= rg[1]; r++ {
			for _, before := range neighbours {
				for _, after := range neighbours {
					check(before + string(r) + after)
				}
			}
		}
	}
	h := newHarness(t, data.Default(), 120, 40)
	for _, keys := range [][]string{nil, {"/", "k", "u", "b"}, {"enter"}, {"e"}, {"p"}, {"?"}} {
		h.keys(keys...)
		for line := range strings.SplitSeq(h.m.View().Content, "\n") {
			check(line)
		}
	}
}

// TestLineWidth checks lineWidth against lipgloss.Width, one line or
// several.
func TestLineWidth(t *testing.T) {
	for _, s := range append(widthCases, strings.Join(widthCases, "\n"), "a\n\nbcd\n", "\n", "☔\r\nx") {
		if got, want := lineWidth(s), lipgloss.Width(s); got != want {
			t.Fatalf("lineWidth(%q) = %d, lipgloss.Width %d", s, got, want)
		}
	}
}

// FuzzCellWidth checks cellWidth against ansi.StringWidth, and lineWidth
// against lipgloss.Width, on any string.
func FuzzCellWidth(f *testing.F) {
	for _, s := range widthCases {
		f.Add(s)
	}
	st := newTheme(true)
	f.Add(st.eventName.Render("Montréal ★") + " │ " + st.meta.Render("…"))
	f.Add(render.FilterTerminalOutput("\x1b[31mred\x1b[0m ┃ x"))
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("cellWidth(%q) = %d, ansi.StringWidth %d", s, got, want)
		}
		if got, want := lineWidth(s), lipgloss.Width(s); got != want {
			t.Fatalf("lineWidth(%q) = %d, lipgloss.Width %d", s, got, want)
		}
	})
}
