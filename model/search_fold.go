package model

import (
	"encoding/binary"
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
		// Eight ASCII bytes at a time: most text is ASCII, and a search
		// without the full index folds every summary it examines.
		if i+8 <= len(s) {
			if x := load64(s[i:]); x&highBits == 0 {
				dst = binary.LittleEndian.AppendUint64(dst, lower8(x))
				i += 8
				continue
			}
		}
		b := s[i]
		if b < utf8.RuneSelf {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			dst = append(dst, b)
			i++
			continue
		}
		if 0xc2 <= b && b <= 0xc9 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			// Two bytes (a lead byte from 0xc2 is not overlong) of
			// U+0080..U+027F, accented Latin letters: the table
			// (U+0080..U+024F), without decoding.
			if r := rune(b&0x1f)<<6 | rune(s[i+1]&0x3f); r < 0x250 {
				if f := latinFold[r-0x80]; len(f) == 1 {
					dst = append(dst, f[0])
				} else {
					dst = append(dst, f...)
				}
				i += 2
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = append(dst, foldRune(r)...)
		i += size
	}
	return dst
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// load64 returns s's first eight bytes, little-endian.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lower8 lower-cases the eight ASCII bytes of x. Adding 0x80-'A' to a byte
// below 0x80 sets its high bit when it is at least 'A', adding 0x80-'Z'-1
// when it is above 'Z', and neither carries into the next byte; an upper-case
// letter is a byte with the first bit and not the second, and lower-casing
// it sets its 0x20 bit.
func lower8(x uint64) uint64 {
	ge := x + (0x80-'A')*lowBits
	gt := x + (0x80-'Z'-1)*lowBits
	return x | (ge&^gt&highBits)>>2
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
