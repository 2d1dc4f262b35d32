package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding makes search ignore case and accents: text is lower-cased,
// accented letters lose their marks ("Montréal" -> "montreal", "Straße" ->
// "strasse"), and non-ASCII punctuation, symbols and spaces become a space. ASCII is handled byte by byte; the Latin blocks (up to U+024F)
// come from a table built once; anything else goes through Unicode
// decomposition.

// latinFold holds the folded form of runes U+0080..U+024F.
var latinFold = func() [0x250 - 0x80]string {
	var t [0x250 - 0x80]string
	for r := rune(0x80); r < 0x250; r++ {
		t[r-0x80] = foldSlow(r)
	}
	return t
}()

// foldSpecial covers letters Unicode does not decompose into a base letter
// and a mark.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d",
	'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h",
}

// foldSlow folds one non-ASCII rune through the tables and decomposition.
func foldSlow(r rune) string {
	if s, ok := foldSpecial[r]; ok {
		return s
	}
	if unicode.Is(unicode.Mn, r) {
		return ""
	}
	if unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) {
		// Curly quotes, dashes, no-break spaces, emoji: between words,
		// like their ASCII kin (a word inside “quotes” starts after them).
		return " "
	}
	l := unicode.ToLower(r)
	d := norm.NFD.String(string(l))
	if len(d) == len(string(l)) && d == string(l) {
		return d
	}
	var b strings.Builder
	for _, c := range d {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// foldRune returns the folded form of a non-ASCII rune.
func foldRune(r rune) string {
	if r >= 0x80 && r < 0x250 {
		return latinFold[r-0x80]
	}
	return foldSlow(r)
}

// foldAppend appends the folded s to dst.
func foldAppend(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			dst = append(dst, b)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = append(dst, foldRune(r)...)
		i += size
	}
	return dst
}

// foldString returns the folded s.
func foldString(s string) string {
	if asciiLower(s) {
		return s
	}
	return string(foldAppend(make([]byte, 0, len(s)), s))
}

// asciiLower reports whether s is ASCII with no upper-case letter, so folds
// to itself.
func asciiLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf || 'A' <= b && b <= 'Z' {
			return false
		}
	}
	return true
}

// isASCIIString reports whether s is all ASCII: then its folded form has the
// same length and byte offsets.
func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldOffsets returns, for each byte of the folded s, the byte offset in s of
// the rune it came from. It is used only to map match positions back onto a
// non-ASCII title or speakers line.
func foldOffsets(s string) []int32 {
	out := make([]int32, 0, len(s)+4)
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			out = append(out, int32(i))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		for range len(foldRune(r)) {
			out = append(out, int32(i))
		}
		i += size
	}
	return out
}

// isWordByte reports whether a folded byte belongs to a word: ASCII letters
// and digits, and any byte of a non-ASCII character.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b >= utf8.RuneSelf
}
