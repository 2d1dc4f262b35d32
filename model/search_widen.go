package model

import "strings"

// Typing a plain word further narrows its matches, except at the lengths
// where more kinds of match start: letters inside one word from 3 letters,
// one typo from 5, two from 9 (implies). At those keystrokes the new
// matches are few and known from the vocabularies: the short fields' words
// with the term's letters in order or within its edits, and the summary
// words within its edits. Refine then examines the previous hits plus the
// talks having such a word, instead of every talk.

// widen returns the talks that next can match beyond prev's hits, as a
// talkSet bitmap, when every term of prev is implied by a term of next or
// is a one-word plain term that a term of next extends; otherwise nil.
func (ix *Index) widen(prev, next Query) []uint64 {
	if ix.textOnly {
		return nil
	}
	var set []uint64
	for _, p := range prev.terms {
		if impliedBy(next, p) {
			continue
		}
		found := false
		for _, n := range next.terms {
			if extends(n, p) {
				if set == nil {
					set = make([]uint64, (ix.Len()+63)/64)
				}
				ix.newMatches(n, p, set)
				found = true
				break
			}
		}
		if !found {
			return nil
		}
	}
	return set
}

// extends reports whether n is the positive one-word plain term p typed
// further.
func extends(n, p term) bool {
	return n.kind == termWord && p.kind == termWord && !n.neg && !p.neg && p.value != "" &&
		isASCIIWord([]byte(n.value)) && strings.HasPrefix(n.value, p.value)
}

// newMatches adds to set the talks that n can match with a kind of match p
// could not have: letters inside one word of a short field, or typos.
func (ix *Index) newMatches(n, p term, set []uint64) {
	v := []byte(n.value)
	sv := ix.shortWords()
	mark := func(talks []uint32) {
		for _, i := range talks {
			set[i/64] |= 1 << (i % 64)
		}
	}
	if len(v) >= minInWord && len(p.value) < minInWord {
		// Its letters in order inside a word starting with its first.
		lo, hi, _ := sv.prefixRange(v[:1])
		for w := lo; w < hi; w++ {
			if inOrderAfterFirst(sv.word(w), v) {
				mark(sv.postTalks[sv.postOff[w]:sv.postOff[w+1]])
			}
		}
	}
	k := typoEdits(v)
	if k == 0 || k == typoEdits([]byte(p.value)) {
		return
	}
	// Words starting with v (0 edits) are exact matches, which p has.
	within := func(w []byte) bool {
		if len(w) < len(v)-k || !fewMissing(v, w, k) {
			return false
		}
		d := editPrefix(v, w, k)
		return d >= 1 && d <= k
	}
	for w := range sv.size() {
		if within(sv.word(uint32(w))) {
			mark(sv.postTalks[sv.postOff[w]:sv.postOff[w+1]])
		}
	}
	for w, word := range ix.words {
		if within([]byte(word)) {
			mark(ix.postTalks[ix.postOff[w]:ix.postOff[w+1]])
		}
	}
}

// inOrderAfterFirst reports whether word starts with v's first letter and
// has the rest of v in order after it (abbrev's letters inside one word).
func inOrderAfterFirst(word, v []byte) bool {
	if len(word) == 0 || word[0] != v[0] {
		return false
	}
	j := 1
	for q := 1; q < len(word) && j < len(v); q++ {
		if word[q] == v[j] {
			j++
		}
	}
	return j == len(v)
}
