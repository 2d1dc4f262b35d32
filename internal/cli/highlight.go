package cli

import (
	"strings"
	"unicode/utf8"
)

// Highlighting for matched characters: bold magenta, then back to normal.
const (
	matchOn  = "\x1b[1;35m"
	matchOff = "\x1b[22;39m"
)

// highlight wraps the runes starting at the given byte offsets (ascending)
// in matchOn/matchOff, one pair per run of adjacent matches.
func highlight(s string, offsets []int) string {
	if len(offsets) == 0 {
		return s
	}
	var b strings.Builder
	prev := 0
	for i := 0; i < len(offsets); {
		start := offsets[i]
		if start < prev || start >= len(s) {
			i++
			continue
		}
		end := start
		for i < len(offsets) && offsets[i] == end && end < len(s) {
			_, size := utf8.DecodeRuneInString(s[end:])
			end += size
			i++
		}
		b.WriteString(s[prev:start])
		b.WriteString(matchOn)
		b.WriteString(s[start:end])
		b.WriteString(matchOff)
		prev = end
	}
	b.WriteString(s[prev:])
	return b.String()
}
