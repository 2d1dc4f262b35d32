package model

// A one-shot index (NewQueryIndex) answers one query, for a command that
// asks one and exits (cndtalks list QUERY). It has neither the summaries'
// vocabulary and postings nor the short fields' words: they make every
// keystroke of a browser fast, but building them costs several searches'
// worth. Its terms match on the folded text instead, with the same
// predicates on the same words, so its answers are the full index's:
// TestQueryIndexMatchesIndex compares them. It also leaves out the offset
// tables of non-ASCII fields (Highlight maps the rows shown on the fly)
// and builds the qualifier fields only for a query that has a qualifier.

// NewQueryIndex prepares c for one search, answered exactly as NewIndex's
// index answers it, at a fraction of the cost of building that index. Its
// Refine searches every talk, whatever the previous result: for a browser,
// which searches at every keystroke, use NewIndex. The catalogue must not
// change afterwards.
func NewQueryIndex(c *Catalogue) *Index {
	return newIndex(c, true)
}

// foldedSummary returns talk i's summary folded, kept for the next call
// about the same talk.
func (s *searcher) foldedSummary(i int) []byte {
	if s.sumOf != i+1 {
		s.sum = foldAppend(s.sum[:0], s.ix.cat.Talks[i].Summary)
		s.sumOf = i + 1
	}
	return s.sum
}

// summaryText is summary on talk i's folded summary, for a one-shot index.
// The vocabulary's words are the folded summary's maximal runs of word
// bytes, so for a pure term (one word) "a word is the term" is a
// word-start occurrence ending a word and "a word starts with the term"
// any word-start occurrence. Any other term is confirmed on the text as
// summary does after its test of the word IDs, which an occurrence passes.
func (s *searcher) summaryText(i int, t *cterm, anywhere bool) int {
	sum := s.foldedSummary(i)
	if t.pure && t.edits > 0 {
		// The same walk finds the typos summaryTypo asks for next.
		exact, typo := termIn(sum, t, &s.wordBits)
		s.typoOf, s.typoTerm, s.typo = i+1, t, typo
		return exact
	}
	best := -1
	for p := indexWordStart(sum, t.v, 0); p >= 0; p = indexWordStart(sum, t.v, p+1) {
		end := p + len(t.v)
		if (t.pure || !anywhere) && (end == len(sum) || !isWordByte(sum[end])) {
			return tierSummaryWord
		}
		best = tierSummaryPrefix
		if anywhere && !t.pure {
			break
		}
	}
	return best
}

// summaryTypo returns 1 when talk i's summary has a word one edit from t's
// value (in t.typo1Set), else 2 when it has one two edits away (in
// t.typo2Set), else 0. A one-shot index has no such sets: it applies the
// test compileTokens applies to each word of the vocabulary to each word
// of the summary (typoIn).
func (s *searcher) summaryTypo(i int, t *cterm) int {
	if !s.ix.oneShot {
		switch {
		case inSet(t.typo1Set, i):
			return 1
		case inSet(t.typo2Set, i):
			return 2
		}
		return 0
	}
	if t.edits == 0 {
		return 0
	}
	if s.typoOf == i+1 && s.typoTerm == t && s.typo >= 0 {
		return s.typo
	}
	return typoIn(s.foldedSummary(i), t, &s.wordBits)
}
