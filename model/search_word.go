package model

import (
	"bytes"
	"math/bits"
)

// A plain term matches in three ways, each ranked below the one before
// whatever the field (see the tiers in search_match.go):
//
//  1. exactly: a word of the field starts with it (any field, summaries
//     included);
//  2. with a typo: a word starts with a value one edit away from it (terms
//     of 5+ letters; two edits for 9+ letters), an edit being a letter
//     inserted, deleted, replaced, or two adjacent letters swapped;
//  3. as an abbreviation (titles, speakers lines and topics only): its
//     letters in order inside one word, starting with that word's first
//     letter ("chsm" -> "Chasm"; terms of 3+ letters), or cut into pieces
//     that start consecutive words ("kcc" -> "Kubernetes: Crossing the
//     Chasm"; words of three letters or fewer may be skipped between
//     pieces). A term with non-ASCII letters (CJK has no spaces between
//     words) matches anywhere inside those fields instead.
//
// Letters scattered across unrelated words never match.

// maxTypoLen is the longest term matched with typos.
const maxTypoLen = 32

// minInWord is the shortest term matched by its letters inside one word.
const minInWord = 3

// smallWord is the longest word an abbreviation may skip ("the", "of").
const smallWord = 3

// typoEdits returns how many edits a plain term tolerates: 0 for a term
// that is not a single ASCII word or is shorter than 5 letters, 1 from 5,
// 2 from 9.
func typoEdits(v []byte) int {
	if len(v) < 5 || len(v) > maxTypoLen || !isASCIIWord(v) {
		return 0
	}
	if len(v) >= 9 {
		return 2
	}
	return 1
}

// isASCIIWord reports whether v is made of ASCII letters and digits only.
func isASCIIWord(v []byte) bool {
	for _, c := range v {
		if c >= 0x80 || !isWordByte(c) {
			return false
		}
	}
	return len(v) > 0
}

// editPrefix returns the fewest edits (insertions, deletions,
// substitutions, swaps of adjacent letters) that turn v into a prefix of w,
// or k+1 when that is more than k. It branches at the first difference
// only (an edit there is as good as one anywhere before it), so a word
// that differs early costs a few comparisons.
func editPrefix(v, w []byte, k int) int {
	i := 0
	for i < len(v) && i < len(w) && v[i] == w[i] {
		i++
	}
	switch {
	case i == len(v):
		return 0
	case k == 0:
		return 1
	case i == len(w):
		// The rest of v deleted.
		return min(len(v)-i, k+1)
	}
	d := editPrefix(v[i+1:], w[i+1:], k-1)      // replaced
	d = min(d, editPrefix(v[i+1:], w[i:], k-1)) // deleted
	d = min(d, editPrefix(v[i:], w[i+1:], k-1)) // inserted
	if i+1 < len(v) && i+1 < len(w) && v[i] == w[i+1] && v[i+1] == w[i] {
		d = min(d, editPrefix(v[i+2:], w[i+2:], k-1)) // swapped
	}
	return d + 1
}

// fewMissing reports whether at most k letters of v are missing from the
// part of w that v can turn into with k edits (its first len(v)+k bytes):
// editPrefix(v, w, k) <= k needs it, since a letter of v that is not
// replaced or deleted (one edit each) is kept or swapped, so it is one of
// those bytes. Bytes a charMask has no bit for never count as missing. It is much
// cheaper than editPrefix, which it spares most words.
//
// Every letter of v missing from w counts, as often as v has it: when no
// letter is missing at all, or more distinct letters than k, the masks
// alone decide.
func fewMissing(v, w []byte, k int) bool { return fewMissingMask(v, charMask(v), w, k) }

// fewMissingMask is fewMissing with v's charMask, vmask, already made (a
// term's, cterm.mask).
func fewMissingMask(v []byte, vmask uint64, w []byte, k int) bool {
	w = w[:min(len(w), len(v)+k)]
	m := charMask(w)
	switch absent := vmask &^ m; {
	case absent == 0:
		return true
	case bits.OnesCount64(absent) > k:
		return false
	}
	missing := 0
	for _, c := range v {
		if b := byteBits[c]; b != 0 && m&b == 0 {
			if missing++; missing > k {
				return false
			}
		}
	}
	return true
}

// byteMask is c's bit in a charMask.
func byteMask(c byte) uint64 {
	switch {
	case 'a' <= c && c <= 'z':
		return 1 << (c - 'a')
	case '0' <= c && c <= '9':
		return 1 << (26 + c - '0')
	case c >= 0x80:
		return 1 << 63
	}
	return 0
}

// wordTypo returns the fewest edits (at most k) between v and the start of
// a word of h, and where that word starts, or k+1 and -1.
func wordTypo(h, v []byte, k int) (int, int) {
	best, at := k+1, -1
	for p := 0; p < len(h); {
		if !isWordByte(h[p]) {
			p++
			continue
		}
		e := p + 1
		for e < len(h) && isWordByte(h[e]) {
			e++
		}
		// One edit keeps the first letter or the second (replaced,
		// deleted, inserted or swapped at the start).
		if k == 1 && h[p] != v[0] && h[p] != v[1] && (e-p < 2 || h[p+1] != v[0] && h[p+1] != v[1]) {
			p = e
			continue
		}
		if !fewMissing(v, h[p:e], k) {
			p = e
			continue
		}
		if d := editPrefix(v, h[p:e], k); d < best {
			best, at = d, p
			if d <= 1 {
				// Only an exact start does better, and the caller
				// looked for one first.
				break
			}
		}
		p = e
	}
	return best, at
}

// typoPossible reports whether h can have a word within t.edits of t's
// value: one of t.pieces is in h (the first at a word start).
func typoPossible(h []byte, t *cterm) bool {
	if indexWordStart(h, t.pieces[0], 0) >= 0 {
		return true
	}
	for _, p := range t.pieces[1:] {
		if bytes.Contains(h, p) {
			return true
		}
	}
	return false
}

// abbrev finds v (ASCII letters and digits, fewer than 64) in h as an
// abbreviation: at the first word start where one begins, its pieces
// starting consecutive words, longest first piece first, else its letters
// in order inside that word. It returns a score bonus (0..40) and, with
// pos, appends the matched offsets.
func (s *searcher) abbrev(h, v []byte, pos *[]int) (int, bool) {
	// The words of h.
	s.starts, s.ends = s.starts[:0], s.ends[:0]
	for p := 0; p < len(h); {
		if !isWordByte(h[p]) {
			p++
			continue
		}
		e := p + 1
		for e < len(h) && isWordByte(h[e]) {
			e++
		}
		s.starts = append(s.starts, p)
		s.ends = append(s.ends, e)
		p = e
	}
	return s.abbrevWords(h, v, len(s.starts) > 0 && s.starts[0] == 0, pos)
}

// abbrevWords is abbrev on the words h[s.starts[k]:s.ends[k]], whose first
// starts its field when atStart.
func (s *searcher) abbrevWords(h, v []byte, atStart bool, pos *[]int) (int, bool) {
	if cap(s.failed) < len(s.starts) {
		s.failed = make([]uint64, len(s.starts))
	}
	s.failed = s.failed[:len(s.starts)]
	clear(s.failed)
	for w, start := range s.starts {
		if h[start] != v[0] {
			continue
		}
		n := len(s.pieces)
		if len(v) < 64 && s.piecesFrom(h, v, w, 0) {
			bonus := 30
			if w == 0 && atStart {
				bonus += 10
			}
			if pos != nil {
				for k := n; k < len(s.pieces); k += 2 {
					for o := range s.pieces[k+1] {
						*pos = append(*pos, s.pieces[k]+o)
					}
				}
			}
			s.pieces = s.pieces[:n]
			return bonus, true
		}
		s.pieces = s.pieces[:n]
		if len(v) < minInWord {
			// Two letters in order inside a word are most words.
			continue
		}
		// Letters in order inside this word.
		word := h[start:s.ends[w]]
		j := 1
		for q := 1; q < len(word) && j < len(v); q++ {
			if word[q] == v[j] {
				j++
			}
		}
		if j < len(v) {
			continue
		}
		if pos != nil {
			j = 0
			for q := 0; j < len(v); q++ {
				if word[q] == v[j] {
					*pos = append(*pos, start+q)
					j++
				}
			}
		}
		bonus := 10
		if w == 0 && atStart {
			bonus += 10
		}
		return bonus, true
	}
	return 0, false
}

// piecesFrom reports whether v[vi:] is pieces starting words w, ... (see
// abbrev), recording each piece's offset and length in s.pieces. A piece
// not ending v must be followed by one on the next word, or on a word
// after small words. Failures are remembered in s.failed, so the search is
// polynomial whatever the text.
func (s *searcher) piecesFrom(h, v []byte, w, vi int) bool {
	if s.failed[w]&(1<<vi) != 0 {
		return false
	}
	start := s.starts[w]
	word := h[start:s.ends[w]]
	cp := 0
	for cp < len(word) && vi+cp < len(v) && word[cp] == v[vi+cp] {
		cp++
	}
	for l := cp; l >= 1; l-- {
		if vi+l == len(v) {
			if vi == 0 {
				// One piece is a word start: not an abbreviation.
				continue
			}
			s.pieces = append(s.pieces, start, l)
			return true
		}
		for next := w + 1; next < len(s.starts); next++ {
			n := len(s.pieces)
			s.pieces = append(s.pieces, start, l)
			if s.piecesFrom(h, v, next, vi+l) {
				return true
			}
			s.pieces = s.pieces[:n]
			if s.ends[next]-s.starts[next] > smallWord {
				break
			}
		}
	}
	s.failed[w] |= 1 << vi
	return false
}

// inOrder reports whether v's bytes occur in h in order (what every
// abbreviation needs).
func inOrder(h, v []byte) bool {
	p := -1
	for _, c := range v {
		if p = indexByteFrom(h, p+1, c); p < 0 {
			return false
		}
	}
	return true
}

// Per-field classes of a plain term's match, best first.
const (
	classNone = iota
	classExact
	classTypo1
	classTypo2
	classAbbrev
)

// shortExact returns the bonus of an exact match of a plain term in one
// short field (title, speakers line or topics) whose charMask is
// fieldMask, or -1.
func shortExact(h []byte, fieldMask uint64, t *cterm) int {
	if t.mask&^fieldMask != 0 || len(h) < len(t.v) {
		return -1
	}
	if p := indexWordStart(h, t.v, 0); p >= 0 {
		return contigBonus(h, t.v, p)
	}
	return -1
}

// shortMatch matches a plain term in one short field and returns the class
// of the best match, its bonus within the class, and, with pos, appends
// the matched offsets. With loose, the caller knows there is no exact
// match.
func (s *searcher) shortMatch(h []byte, fieldMask uint64, t *cterm, loose bool, pos *[]int) (class, bonus int) {
	if len(h) < len(t.v)-t.edits {
		return classNone, 0
	}
	missing := bits.OnesCount64(t.mask &^ fieldMask)
	if missing == 0 && !loose {
		if p := indexWordStart(h, t.v, 0); p >= 0 {
			if pos != nil {
				*pos = appendRun(*pos, t, p)
			}
			return classExact, contigBonus(h, t.v, p)
		}
	}
	if t.edits > 0 && !s.noTypo && missing <= t.edits && typoPossible(h, t) {
		if d, at := wordTypo(h, t.v, t.edits); at >= 0 {
			if pos != nil {
				e := at
				for e < len(h) && isWordByte(h[e]) && e-at < len(t.v) {
					*pos = append(*pos, e)
					e++
				}
			}
			return classExact + d, 0
		}
	}
	if missing != 0 {
		return classNone, 0
	}
	if t.units != nil {
		// Not ASCII (CJK has no spaces between words): anywhere,
		// contiguous.
		p := bytes.Index(h, t.v)
		if p < 0 {
			return classNone, 0
		}
		if pos != nil {
			*pos = appendRun(*pos, t, p)
		}
		return classAbbrev, 0
	}
	if len(t.v) < 2 || !isASCIIWord(t.v) || !inOrder(h, t.v) {
		return classNone, 0
	}
	if b, ok := s.abbrev(h, t.v, pos); ok {
		return classAbbrev, b
	}
	return classNone, 0
}
