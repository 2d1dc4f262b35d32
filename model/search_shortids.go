package model

import "math/bits"

// Matching a plain term of one ASCII word on the short fields' words
// (shortVocab) instead of their text. The results are the text matcher's
// (matchWordText) to the score: a word of a field starts with the term
// when its ID is in the term's prefix range; the first such word is where
// the text matcher's first word-start occurrence is; typos are looked up
// per word; abbreviations run the same search (abbrevWords) over the
// vocabulary's copies of the field's words. TestShortIDsMatchText
// compares both on generated catalogues.

// idTerm is what a plain term needs to match on word IDs.
type idTerm struct {
	sv *shortVocab
	// The words starting with the term are IDs lo..lo+width-1; exact:
	// the first of them is the term itself.
	lo, width uint32
	exact     bool
	// The words starting with the term's first letter, which any
	// abbreviation needs.
	firstLo, firstWidth uint32
}

// compileIDs sets up c to match on the short fields' words, when it can:
// a plain term of ASCII letters and digits.
func (ix *Index) compileIDs(c *cterm) {
	if ix.textOnly || c.kind != termWord || !isASCIIWord(c.v) {
		return
	}
	sv := ix.shortWords()
	lo, hi, exact := sv.prefixRange(c.v)
	flo, fhi, _ := sv.prefixRange(c.v[:1])
	c.ids = &idTerm{sv: sv, lo: lo, width: hi - lo, exact: exact, firstLo: flo, firstWidth: fhi - flo}
}

// idExact returns the bonus of an exact match of t in a short field given
// as word IDs (contigBonus at the first word starting with t), or -1.
func idExact(ids []uint32, t *idTerm) int {
	for _, id := range ids {
		w := id &^ atFieldStart
		if w-t.lo < t.width {
			b := 30
			if id&atFieldStart != 0 {
				b += 15
			}
			if t.exact && w == t.lo {
				b += 15
			}
			return b
		}
	}
	return -1
}

// fewestTypos returns the fewest edits (typos[w], 0 for none) of the words
// ids, or best when it is fewer (0: none yet).
func fewestTypos(ids []uint32, typos []uint8, best int) int {
	for _, id := range ids {
		if d := int(typos[id&^atFieldStart]); d != 0 && (best == 0 || d < best) {
			best = d
		}
	}
	return best
}

// matchWordIDs is matchWordText for a term with ids.
func (s *searcher) matchWordIDs(i int, t *cterm) (int, bool) {
	ix := s.ix
	m := &ix.meta[i]
	it := t.ids
	title, line, topics := it.sv.fields(i)
	b := -1
	if t.mask&^m.titleMask == 0 {
		b = idExact(title, it)
	}
	if t.mask&^m.lineMask == 0 {
		b = max(b, idExact(line, it))
	}
	if b >= 0 {
		return tierShortContig + b, true
	}
	if t.mask&^m.topicsMask == 0 {
		if b := idExact(topics, it); b >= 0 {
			return tierTopicContig + b, true
		}
	}
	if sc := s.summary(i, t, false); sc >= 0 {
		return sc, true
	}
	// Typos: the fewest edits, short fields first.
	short := 0
	if t.edits > 0 {
		if t.shortTypo != nil {
			if inSet(t.shortTypoSet, i) {
				short = fewestTypos(title, t.shortTypo, 0)
				short = fewestTypos(line, t.shortTypo, short)
				short = fewestTypos(topics, t.shortTypo, short)
			}
		} else {
			short = textTypo(ix.titleOf(m), m.titleMask, t, short)
			short = textTypo(ix.lineOf(m), m.lineMask, t, short)
			short = textTypo(ix.topicsOf(m), m.topicsMask, t, short)
		}
	}
	if short == 1 {
		return tierShortTypo1, true
	}
	switch typo := s.summaryTypo(i, t); {
	case typo == 1:
		return tierSummaryTypo1, true
	case short == 2:
		return tierShortTypo2, true
	case typo == 2:
		return tierSummaryTypo2, true
	case len(t.v) < 2:
		return -1, false
	}
	tb := -1
	if t.mask&^m.titleMask == 0 {
		tb = s.abbrevIDs(title, t)
	}
	if t.mask&^m.lineMask == 0 {
		tb = max(tb, s.abbrevIDs(line, t))
	}
	if tb >= 0 {
		return tierShortAbbrev + tb, true
	}
	if t.mask&^m.topicsMask == 0 {
		if ob := s.abbrevIDs(topics, t); ob >= 0 {
			return tierTopicAbbrev + ob, true
		}
	}
	return -1, false
}

// textTypo returns the fewest edits of a typo of t in the short field h
// (whose charMask is fieldMask), or best when it is fewer (0: none yet).
func textTypo(h []byte, fieldMask uint64, t *cterm, best int) int {
	if len(h) < len(t.v)-t.edits || bits.OnesCount64(t.mask&^fieldMask) > t.edits || !typoPossible(h, t) {
		return best
	}
	if d, at := wordTypo(h, t.v, t.edits); at >= 0 && (best == 0 || d < best) {
		return d
	}
	return best
}

// abbrevIDs returns the bonus of t as an abbreviation in a short field
// given as word IDs, or -1.
func (s *searcher) abbrevIDs(ids []uint32, t *cterm) int {
	it := t.ids
	found := false
	for _, id := range ids {
		if id&^atFieldStart-it.firstLo < it.firstWidth {
			found = true
			break
		}
	}
	if !found {
		return -1
	}
	sv := it.sv
	s.starts, s.ends = s.starts[:0], s.ends[:0]
	for _, id := range ids {
		w := id &^ atFieldStart
		s.starts = append(s.starts, int(sv.wordOff[w]))
		s.ends = append(s.ends, int(sv.wordOff[w+1]))
	}
	if b, ok := s.abbrevWords(sv.buf, t.v, ids[0]&atFieldStart != 0, nil); ok {
		return b
	}
	return -1
}
