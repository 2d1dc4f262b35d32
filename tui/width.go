package tui

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// cellWidth is ansi.StringWidth(s), the cells s takes by grapheme
// cluster, computed without segmenting clusters when s is made only of
// printable ASCII, SGR and other CSI sequences, and the characters of
// simpleRunes: the rows, borders, hints and status lines View measures
// several times a frame. ansi.StringWidth passes every character, ASCII
// too, through the grapheme segmenter; that was a fifth of a served
// session's CPU (BENCHMARKS.md, "cndtalks serve"). None of those
// characters joins a cluster with its neighbour (none is a combining
// mark, a joiner, a prepended or a spacing mark, nor a regional
// indicator), so each is a cluster of its own, whose width is what
// ansi.StringWidth says for it alone. Anything else (another escape
// sequence, a control character, any other character) takes
// ansi.StringWidth.
func cellWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			w++
			i++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// A CSI sequence: parameter bytes, intermediate bytes, then
			// a final byte. It takes no cells.
			j := i + 2
			for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
				j++
			}
			for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
				j++
			}
			if j == len(s) || s[j] < 0x40 || s[j] > 0x7e {
				return ansi.StringWidth(s)
			}
			i = j + 1
		case c >= 0x80:
			r, n := utf8.DecodeRuneInString(s[i:])
			rw, ok := simpleRuneWidth(r)
			if !ok {
				return ansi.StringWidth(s)
			}
			w += rw
			i += n
		default:
			return ansi.StringWidth(s)
		}
	}
	return w
}

// lineWidth is lipgloss.Width(s), the widest of s's lines, with
// cellWidth measuring each.
func lineWidth(s string) int {
	w := 0
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, cellWidth(line))
	}
	return w
}

// simpleRunes are the ranges of characters cellWidth measures by itself:
// letters of Latin-1 and Latin Extended-A, punctuation (dashes, quotes,
// bullets, the ellipsis), arrows, box drawing, blocks, geometric shapes
// and dingbats. The Unicode classes that join clusters (Extend,
// SpacingMark, Prepend, ZWJ, Regional_Indicator, Control, the Hangul
// jamo) have no character in them: the gaps leave out the soft hyphen,
// the zero-width characters and the line and bidi controls.
var simpleRunes = [][2]rune{
	{0x00a0, 0x00ac}, {0x00ae, 0x017f},
	{0x2010, 0x2027}, {0x2030, 0x205e},
	{0x2190, 0x21ff},
	{0x2500, 0x27bf},
}

var (
	simpleWidthsOnce sync.Once
	simpleWidths     [][]uint8 // simpleWidths[i][r-simpleRunes[i][0]]
)

// simpleRuneWidth is ansi.StringWidth of r alone, for the characters of
// simpleRunes (ok false for the others), measured once.
func simpleRuneWidth(r rune) (w int, ok bool) {
	simpleWidthsOnce.Do(func() {
		simpleWidths = make([][]uint8, len(simpleRunes))
		for i, rg := range simpleRunes {
			ws := make([]uint8, rg[1]-rg[0]+1)
			for c := rg[0]; c <= rg[1]; c++ {
				ws[c-rg[0]] = uint8(ansi.StringWidth(string(c)))
			}
			simpleWidths[i] = ws
		}
	})
	for i, rg := range simpleRunes {
		if r >= rg[0] && r <= rg[1] {
			return int(simpleWidths[i][r-rg[0]]), true
		}
	}
	return 0, false
}
