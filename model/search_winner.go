package model

import "strings"

// Winner returns the talk that clearly dominates the result, for commands
// that act on one talk (show, open, star, watched): the only hit; else the
// only hit whose title is the query text (case and accents aside); else
// the only hit that has every plain term and phrase of the query at a word
// start in its title or speakers line (so "rook" names the talk about Rook,
// not the ones whose summary mentions it); else, when no hit has them
// there, the only hit with every term at a word start in any field (the
// others match through typos or abbreviations). ok is false when no talk
// dominates: the caller lists the candidates.
func (r *Result) Winner() (talk int, ok bool) {
	if r == nil || len(r.Hits) == 0 {
		return 0, false
	}
	if len(r.Hits) == 1 {
		return r.Hits[0].Talk, true
	}
	ix := r.ix
	text := strings.TrimSpace(foldString(r.Query))
	if i, ok := r.only(func(i int) bool {
		return strings.TrimSpace(foldString(ix.cat.Talks[i].Title)) == text
	}); ok {
		return i, true
	}
	var terms []cterm
	for _, t := range ix.compile(r.query) {
		if !t.neg && (t.kind == termWord || t.kind == termPhrase) {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return 0, false
	}
	inShort := func(i int) bool {
		m := &ix.meta[i]
		for k := range terms {
			t := &terms[k]
			if indexWordStart(ix.titleOf(m), t.v, 0) < 0 && indexWordStart(ix.lineOf(m), t.v, 0) < 0 {
				return false
			}
		}
		return true
	}
	if i, ok := r.only(inShort); ok {
		return i, true
	}
	for _, h := range r.Hits {
		if inShort(h.Talk) {
			return 0, false // several
		}
	}
	s := &searcher{ix: ix}
	return r.only(func(i int) bool {
		for k := range terms {
			if sc, ok := s.matchTerm(i, &terms[k]); !ok || sc < tierSummaryPrefix {
				return false
			}
		}
		return true
	})
}

// only returns the one hit for which ok holds, if exactly one does.
func (r *Result) only(ok func(talk int) bool) (int, bool) {
	found, n := 0, 0
	for _, h := range r.Hits {
		if ok(h.Talk) {
			found = h.Talk
			if n++; n > 1 {
				return 0, false
			}
		}
	}
	return found, n == 1
}
