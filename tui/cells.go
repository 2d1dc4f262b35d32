package tui

import (
	"strings"

	"cndtalks/model"

	"github.com/charmbracelet/x/ansi"
)

// oneLine is catalogue text for one line of the screen: sanitised (no
// control sequences), and with every character taking the same number of
// cells however the terminal counts them.
//
// Bubble Tea lays out cells by code point (wcwidth) unless the terminal
// reports grapheme clustering (mode 2027, which tmux and most terminals do
// not), while lipgloss measures by grapheme. They disagree on emoji
// sequences: "👩‍💻" is 2 cells to lipgloss and 4 to the renderer, "☁️" 2
// and 1. A title or event name with one would push whatever sits to its
// right (the talk count, the row markers, the pane separator) off by a cell
// or more, or off the screen. Such a cluster is shown as its first
// character, which all agree on: "👩", "☁".
func oneLine(s string) string {
	return cellSafe(model.SanitizeLine(s))
}

// cellSafe keeps every grapheme cluster whose width both counts agree on,
// and replaces the others by their first character (or "?" when even that
// is ambiguous). Plain text is returned as it is.
func cellSafe(s string) string {
	out, _ := cellSafePos(s, nil)
	return out
}

// cellSafePos is cellSafe that also moves pos, byte offsets of matched
// characters in s (the search's highlights), to where those characters
// are in the result; the offsets of dropped characters are dropped.
func cellSafePos(s string, pos []int) (string, []int) {
	if cellWidth(s) == ansi.StringWidthWc(s) && !strings.ContainsRune(s, '\u200d') {
		return s, pos
	}
	var b strings.Builder
	b.Grow(len(s))
	var moved []int
	keep := func(from, n, to int) { // bytes [from, from+n) of s now start at to
		for _, p := range pos {
			if p >= from && p < from+n {
				moved = append(moved, to+p-from)
			}
		}
	}
	for off, rest := 0, s; rest != ""; {
		c, w := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
		rest = rest[len(c):]
		at := b.Len()
		switch first := string([]rune(c)[0]); {
		case ansi.StringWidthWc(c) == w:
			b.WriteString(c)
			keep(off, len(c), at)
		case ansi.StringWidth(first) > 0 && ansi.StringWidth(first) == ansi.StringWidthWc(first):
			b.WriteString(first)
			keep(off, len(first), at)
		default:
			b.WriteString(strings.Repeat("?", max(w, 1)))
			keep(off, 1, at)
		}
		off += len(c)
	}
	return b.String(), moved
}
