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
	if ansi.StringWidth(s) == ansi.StringWidthWc(s) && !strings.ContainsRune(s, '\u200d') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for rest := s; rest != ""; {
		c, w := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
		rest = rest[len(c):]
		if ansi.StringWidthWc(c) == w {
			b.WriteString(c)
			continue
		}
		first := string([]rune(c)[0])
		if fw := ansi.StringWidth(first); fw > 0 && fw == ansi.StringWidthWc(first) {
			b.WriteString(first)
		} else {
			b.WriteString(strings.Repeat("?", max(w, 1)))
		}
	}
	return b.String()
}
