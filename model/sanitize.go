package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes untrusted catalogue text safe to put on a terminal. It keeps
// printable Unicode (CJK, emoji and their ZWJ sequences included), newlines and
// tabs, and drops everything a terminal could act on: C0 controls, DEL, C1
// controls, whole ESC-introduced sequences (CSI, OSC, DCS, APC, PM, SOS), the
// bidi embedding, override and isolate characters that reorder what is shown,
// and invalid UTF-8. A carriage return becomes a newline, so "\r" cannot be
// used to overwrite a line; CRLF becomes a single newline.
//
// Its Unicode policy drops what hides or forges text without being
// control: tag characters (U+E0000-U+E007F, invisible ASCII look-alikes),
// noncharacters (U+FDD0-U+FDEF and every U+xFFFE, U+xFFFF) and
// private-use characters (U+E000-U+F8FF, planes 15 and 16), which show as
// whatever a font decides. It caps runs of invisible characters: one
// zero-width character (ZWSP, ZWNJ, ZWJ, word joiner...) at a time, and at
// most 8 combining marks and zero-width characters together after a
// character, so emoji ZWJ sequences, Vietnamese and Devanagari stay as
// they are while floods of joiners and stacked "Zalgo" marks are cut.
//
// Decode HTML entities before calling it: an entity decoded afterwards could
// bring an ESC back. Sanitize is idempotent.
func Sanitize(s string) string {
	if isClean(s, true) {
		return s
	}
	return sanitize(s, true)
}

// SanitizeLine is Sanitize for one-line fields (titles, names, labels):
// newlines and tabs become spaces and runs of spaces are collapsed, and the
// result is trimmed.
func SanitizeLine(s string) string {
	if plainLine(s) || isClean(s, false) && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	out := sanitize(s, false)
	return strings.Join(strings.Fields(out), " ")
}

// plainLine reports whether s is printable ASCII with no space at either
// end and no two spaces together, a line SanitizeLine leaves as it is: the
// usual ID, title, name, kind or URL, tested in one pass instead of
// SanitizeLine's three.
func plainLine(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || c == ' ' && space {
			return false
		}
		space = c == ' '
	}
	return true
}

// isClean reports whether s needs no change, the fast path for the usual case.
func isClean(s string, multiline bool) bool {
	var run runs
	for i := 0; i < len(s); {
		if n := printableWords(s[i:]); n > 0 {
			// Printable ASCII: nothing to drop, and it ends any run of
			// invisible characters, as one such byte would.
			run = runs{}
			i += n
		}
		// Then up to eight bytes one at a time, before trying words again.
		for end := min(i+8, len(s)); i < end; {
			b := s[i]
			if b < utf8.RuneSelf {
				run = runs{}
				if b < 0x20 || b == 0x7f {
					if !multiline || (b != '\n' && b != '\t') {
						return false
					}
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			if dropRune(r) || !run.keep(r) {
				return false
			}
			i += size
		}
	}
	return true
}

// printableWords returns how many leading bytes of s are whole 8-byte
// words of printable ASCII (0x20-0x7e), testing each word at once: no high
// bit set, no byte below 0x20, no byte equal to 0x7f (the exact tests of
// "Bit Twiddling Hacks": "determine if a word has a byte less than n" and
// "has a zero byte").
func printableWords(s string) int {
	i := 0
	// Two words a step while both pass: the summaries that make up most of
	// a catalogue's text are long runs of them.
	for ; i+16 <= len(s); i += 16 {
		if badWord(word(s[i:i+8]))|badWord(word(s[i+8:i+16])) != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if badWord(word(s[i:i+8])) != 0 {
			break
		}
	}
	return i
}

// word reads the 8 bytes of s as a little-endian word; s[:8] gives the
// compiler one bounds check for all eight, and it loads them at once.
func word(s string) uint64 {
	s = s[:8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// badWord is non-zero when a byte of w is not printable ASCII: its high bit
// set, below 0x20, or equal to 0x7f.
func badWord(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	del := w ^ 0x7f*ones
	return w&highs | (w-0x20*ones)&^w&highs | (del-ones)&^del&highs
}

// The caps on invisible runs (see Sanitize): real text needs one zero-width
// character at a time (a ZWJ in an emoji sequence, a ZWNJ in Persian) and a
// few combining marks on a letter (two in Vietnamese, three or four in
// Devanagari or Thai); floods of them hide text or stack "Zalgo" marks over
// the lines around.
const (
	maxZeroWidthRun = 1
	maxMarkRun      = 8
)

// zeroWidth reports whether r is a zero-width formatting character that
// Sanitize keeps but caps: ZWSP, ZWNJ, ZWJ, word joiner and the invisible
// operators, the Mongolian vowel separator.
func zeroWidth(r rune) bool {
	return r >= 0x200b && r <= 0x200d || r >= 0x2060 && r <= 0x2064 || r == 0x180e
}

// combining reports whether r is a combining mark (Mn, Me: accents,
// vowel signs, variation selectors, the keycap).
func combining(r rune) bool {
	return r >= 0x300 && unicode.In(r, unicode.Mn, unicode.Me)
}

// runs counts the invisible characters just seen, for the caps.
type runs struct{ zeroWidth, marks int }

// keep reports whether r (non-ASCII, not dropped) stays under the caps,
// and counts it.
func (c *runs) keep(r rune) bool {
	switch {
	case zeroWidth(r):
		c.zeroWidth++
		c.marks++
		return c.zeroWidth <= maxZeroWidthRun && c.marks <= maxMarkRun
	case combining(r):
		c.zeroWidth = 0
		c.marks++
		return c.marks <= maxMarkRun
	}
	*c = runs{}
	return true
}

// dropRune reports whether a non-ASCII rune must never reach the terminal.
func dropRune(r rune) bool {
	switch {
	case r >= 0xe0000 && r <= 0xe007f: // tag characters: invisible text
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe: // noncharacters
		return true
	case r >= 0xe000 && r <= 0xf8ff, r >= 0xf0000: // private use (planes 15, 16)
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls, including 8-bit CSI and OSC
		return true
	case r >= 0x202a && r <= 0x202e: // bidi embeddings and overrides
		return true
	case r >= 0x2066 && r <= 0x2069: // bidi isolates
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // bidi marks
		return true
	case r == 0xfeff: // byte order mark / zero-width no-break space
		return true
	}
	return false
}

func sanitize(s string, multiline bool) string {
	var b strings.Builder
	b.Grow(len(s))
	var run runs
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			i = skipEscape(s, i)
			continue
		}
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' || c == '\r' {
				run = runs{} // a character that stays ends the run
			}
			switch {
			case c == '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					i++ // CRLF is one newline
				}
				if multiline {
					b.WriteByte('\n')
				} else {
					b.WriteByte(' ')
				}
			case c == '\n' || c == '\t':
				if multiline {
					b.WriteByte(c)
				} else {
					b.WriteByte(' ')
				}
			case c < 0x20 || c == 0x7f:
				// other C0 controls and DEL: dropped
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			i++
			continue
		}
		if r == 0x9b || r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f {
			// 8-bit CSI, OSC, DCS, SOS, PM, APC: drop the whole sequence.
			i = skipC1Sequence(s, i+size, r)
			continue
		}
		if !dropRune(r) && run.keep(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// skipEscape returns the index just past the escape sequence starting at
// s[i] == ESC.
func skipEscape(s string, i int) int {
	i++ // ESC
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[': // CSI: parameters and intermediates, then one final byte
		i++
		for i < len(s) {
			c := s[i]
			i++
			if c >= 0x40 && c <= 0x7e {
				return i
			}
			if c < 0x20 || c > 0x7e {
				// malformed: stop at the first byte that cannot belong
				return i - 1
			}
		}
		return i
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to ST or BEL
		return skipString(s, i+1)
	default:
		// Two- or three-byte sequences (ESC c, ESC ( B, ESC 7 ...): drop
		// intermediates and the final byte.
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	}
}

// skipString skips a control string's body up to and including its
// terminator (BEL, ESC \ or the 8-bit ST); an unterminated string runs to the
// end of the text.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

func skipC1Sequence(s string, i int, intro rune) int {
	if intro == 0x9b { // CSI
		for i < len(s) {
			c := s[i]
			i++
			if c >= 0x40 && c <= 0x7e {
				return i
			}
			if c < 0x20 || c > 0x7e {
				return i - 1
			}
		}
		return i
	}
	return skipString(s, i)
}

// QuoteLine is SanitizeLine(s) between plain double quotes, for naming
// untrusted text in a message. Unlike %q it keeps accents, emoji and their
// ZWJ sequences as they are instead of escaping them ("\u200d"), and like
// SanitizeLine it lets no control character through.
func QuoteLine(s string) string { return `"` + SanitizeLine(s) + `"` }
