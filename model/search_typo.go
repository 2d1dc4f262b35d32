package model

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// A one-shot index finds a term's typos in a summary by testing each of
// its words (search_oneshot.go), and a broad query tests every summary the
// exact match misses: 93,000 of 100,000 for "kubernetes". Most words are
// too short to be within the term's edits (len(v)-edits letters at least),
// so typoIn finds the long enough ones without visiting the others: a
// bitmap of the text's word bytes, 64 at a time, gives the words' starts
// and the runs of word bytes long enough, eight bytes at a time. Only the
// words both start go through fewMissing and editPrefix, as before.

// byteBits[c] is byteMask(c): a table, read once per byte by charMask.
var byteBits = func() (t [256]uint64) {
	for c := range t {
		t[c] = byteMask(byte(c))
	}
	return t
}()

// typoIn returns 1 when h (folded text) has a word one edit from t's value
// (editPrefix), else 2 when it has one two edits away, else 0; words
// starting with the value (no edit) do not count. t.edits must be 1 or 2.
// scratch holds the bitmap between calls.
func typoIn(h []byte, t *cterm, scratch *[]uint64) int {
	minLen := len(t.v) - t.edits
	if len(h) < minLen {
		return 0
	}
	words := wordBitmap(h, scratch)
	best := 0
	var prevTop uint64 // the last bit of the block before
	for b, w := range words {
		var next uint64
		if b+1 < len(words) {
			next = words[b+1]
		}
		// Bit j of starts: a word starts at byte 64b+j; of long: bytes
		// 64b+j to 64b+j+minLen-1 are all word bytes.
		starts := w &^ (w<<1 | prevTop)
		prevTop = w >> 63
		cand := starts & runsOf(w, next, minLen)
		for cand != 0 {
			p := b*64 + bits.TrailingZeros64(cand)
			cand &= cand - 1
			e := bitmapWordEnd(words, p+minLen)
			word := h[p:e]
			if !fewMissingMask(t.v, t.mask, word, t.edits) {
				continue
			}
			switch d := editPrefix(t.v, word, t.edits); {
			case d > t.edits:
			case d == 1:
				return 1
			case d == 2:
				best = 2
			}
		}
	}
	return best
}

// termIn returns t's exact and typo matches in h (folded text), for a pure
// term with edits (1 or 2): exact is tierSummaryWord when a word of h is
// t's value, else tierSummaryPrefix when one starts with it, else -1; typo
// is typoIn's answer, or -1 when exact is tierSummaryWord (the typos do not
// matter then, and termIn stops looking). A word starting with the value
// is at least as long as the words typoIn tests, so one walk over those
// finds both, and the text is not searched for the value apart.
func termIn(h []byte, t *cterm, scratch *[]uint64) (exact, typo int) {
	exact = -1
	minLen := len(t.v) - t.edits
	if len(h) < minLen {
		return exact, 0
	}
	words := wordBitmap(h, scratch)
	var prevTop uint64
	for b, w := range words {
		var next uint64
		if b+1 < len(words) {
			next = words[b+1]
		}
		starts := w &^ (w<<1 | prevTop)
		prevTop = w >> 63
		cand := starts & runsOf(w, next, minLen)
		for cand != 0 {
			p := b*64 + bits.TrailingZeros64(cand)
			cand &= cand - 1
			e := bitmapWordEnd(words, p+minLen)
			word := h[p:e]
			if len(word) >= len(t.v) && bytes.Equal(word[:len(t.v)], t.v) {
				if len(word) == len(t.v) {
					return tierSummaryWord, -1
				}
				exact = tierSummaryPrefix
				continue
			}
			if typo == 1 || !fewMissingMask(t.v, t.mask, word, t.edits) {
				continue
			}
			switch d := editPrefix(t.v, word, t.edits); {
			case d > t.edits:
			case d == 1:
				typo = 1
			case d == 2:
				typo = 2
			}
		}
	}
	return exact, typo
}

// bitmapWordEnd returns the first byte from e on that is not a word byte, as
// the bitmap words says (its bits past the text are not set).
func bitmapWordEnd(words []uint64, e int) int {
	for b := e / 64; b < len(words); b++ {
		rest := ^words[b]
		if b == e/64 {
			rest &= ^uint64(0) << (e % 64)
		}
		if rest != 0 {
			return b*64 + bits.TrailingZeros64(rest)
		}
	}
	return len(words) * 64
}

// runsOf returns the bits j of lo (a block of a word bitmap, hi the block
// after it) where n (1 to 64) bits in a row are set, from j up. Each step
// doubles the length of the runs known, the last one overlaps the one
// before to reach n.
func runsOf(lo, hi uint64, n int) uint64 {
	have := 1
	for 2*have <= n {
		lo &= lo>>have | hi<<(64-have)
		hi &= hi >> have
		have *= 2
	}
	if rest := n - have; rest > 0 {
		lo &= lo>>rest | hi<<(64-rest)
	}
	return lo
}

// wordBitmap sets bit j%64 of word j/64 of the bitmap it returns (in
// *scratch, reused) when h[j] is a word byte (isWordByte). A block of 64
// bytes is made in one expression: its eight wordBits8 do not wait for
// each other.
func wordBitmap(h []byte, scratch *[]uint64) []uint64 {
	n := (len(h) + 63) / 64
	if cap(*scratch) < n {
		*scratch = make([]uint64, n, 2*n)
	}
	out := (*scratch)[:n]
	k := 0
	for ; k+64 <= len(h); k += 64 {
		b := h[k : k+64 : k+64]
		out[k/64] = wordBits8(binary.LittleEndian.Uint64(b[0:])) |
			wordBits8(binary.LittleEndian.Uint64(b[8:]))<<8 |
			wordBits8(binary.LittleEndian.Uint64(b[16:]))<<16 |
			wordBits8(binary.LittleEndian.Uint64(b[24:]))<<24 |
			wordBits8(binary.LittleEndian.Uint64(b[32:]))<<32 |
			wordBits8(binary.LittleEndian.Uint64(b[40:]))<<40 |
			wordBits8(binary.LittleEndian.Uint64(b[48:]))<<48 |
			wordBits8(binary.LittleEndian.Uint64(b[56:]))<<56
	}
	if k < len(h) {
		var w uint64
		for j := k; j < len(h); j++ {
			if isWordByte(h[j]) {
				w |= 1 << (j - k)
			}
		}
		out[n-1] = w
	}
	return out
}

// wordBits8 returns the word bytes (isWordByte) among the eight bytes of x,
// one bit each, the first byte's lowest. A byte is one when its high bit
// is set (not ASCII) or, without it, when it is in 'a'..'z' or '0'..'9':
// adding 0x80-lo to a byte below 0x80 sets its high bit when it is at
// least lo, without carrying into the next byte (see lower8).
func wordBits8(x uint64) uint64 {
	low := x &^ highBits
	geA := low + (0x80-'a')*lowBits
	gtZ := low + (0x80-'z'-1)*lowBits
	ge0 := low + (0x80-'0')*lowBits
	gt9 := low + (0x80-'9'-1)*lowBits
	m := (x | geA&^gtZ | ge0&^gt9) & highBits
	// Gather the eight high bits into the top byte: the products of
	// distinct bits land on distinct bits, so nothing carries.
	return (m >> 7) * 0x0102040810204080 >> 56
}
