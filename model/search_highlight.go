package model

import "slices"

// Highlight returns the characters of talk's title and speakers line that
// q matched, for a UI to highlight. Searching does not compute them (a
// broad query has 100,000 hits, a screen shows 40): ask for the rows on
// screen, with Result.Highlight when a Result is at hand.
//
// The offsets are byte offsets, ascending and without duplicates, of the
// first byte of each matched rune: title indexes Catalogue.Talks[talk].Title
// and speakers indexes SpeakerLine(talk), exactly the strings a UI shows,
// and the UI highlights the rune starting at each offset. Each is nil when
// nothing matched there, both for an empty query or a talk out of range.
// They are what the terms that select talks by those fields matched: plain
// words (the best match in that field: exact, else with a typo, else as an
// abbreviation; see search_word.go), "phrases", speaker: and org: values; not excluded terms. For a talk
// q does not match they say where its terms would. The slices are the
// caller's.
func (ix *Index) Highlight(q Query, talk int) (title, speakers []int) {
	return ix.highlight(highlightTerms(q), talk)
}

// highlightTerms compiles the terms whose matches Highlight shows: the
// positive plain words, phrases, speaker: and org: values.
func highlightTerms(q Query) []cterm {
	var out []cterm
	for _, t := range q.terms {
		if t.neg {
			continue
		}
		switch t.kind {
		case termWord, termPhrase, termSpeaker, termOrg:
			out = append(out, newCterm(t))
		}
	}
	return out
}

// highlight finds where terms match talk i's title and speakers line, the
// way the matcher does when it scores them.
func (ix *Index) highlight(terms []cterm, i int) (title, speakers []int) {
	if len(terms) == 0 || i < 0 || i >= ix.Len() {
		return nil, nil
	}
	for k := range terms {
		ix.fieldsFor(terms[k].kind)
	}
	s := searcher{ix: ix}
	m := &ix.meta[i]
	for k := range terms {
		t := &terms[k]
		switch t.kind {
		case termWord:
			s.shortMatch(ix.titleOf(m), m.titleMask, t, false, &title)
			s.shortMatch(ix.lineOf(m), m.lineMask, t, false, &speakers)
		case termPhrase:
			if h := ix.titleOf(m); len(h) >= len(t.v) {
				if p := indexWordStart(h, t.v, 0); p >= 0 {
					title = appendRun(title, t, p)
				}
			}
			if h := ix.lineOf(m); len(h) >= len(t.v) {
				if p := indexWordStart(h, t.v, 0); p >= 0 {
					speakers = appendRun(speakers, t, p)
				}
			}
		case termSpeaker, termOrg:
			if indexWordStart(ix.qualifierField(t.kind).get(i), t.v, 0) < 0 {
				continue
			}
			if p := indexWordStart(ix.lineOf(m), t.v, 0); p >= 0 {
				speakers = appendRun(speakers, t, p)
			}
		}
	}
	if len(title) > 0 {
		var orig string
		var table []uint16
		if m.flags&flagTitleASCII == 0 {
			if m.titleMap > 0 {
				table = ix.omap[m.titleMap-1:]
			} else {
				orig = ix.cat.Talks[i].Title
			}
		}
		title = originalOffsets(title, orig, table)
	}
	if len(speakers) > 0 {
		var orig string
		var table []uint16
		if m.flags&flagLineASCII == 0 {
			if m.lineMap > 0 {
				table = ix.omap[m.lineMap-1:]
			} else {
				orig = ix.SpeakerLine(i)
			}
		}
		speakers = originalOffsets(speakers, orig, table)
	}
	return title, speakers
}

// qualifierField is the folded field speaker: (kind termSpeaker) or org:
// looks in.
func (ix *Index) qualifierField(kind termKind) *fieldText {
	if kind == termOrg {
		return &ix.orgs
	}
	return &ix.names
}

// originalOffsets turns offsets into a folded field into sorted, unique
// byte offsets of the original field, in place. The offsets are mapped
// through table when it is given, else through orig when it is not "" (else
// the field is ASCII: folded offsets are offsets).
func originalOffsets(folded []int, orig string, table []uint16) []int {
	for k := 1; k < len(folded); k++ {
		if folded[k] <= folded[k-1] {
			// Several terms matched: merge their positions.
			slices.Sort(folded)
			folded = slices.Compact(folded)
			break
		}
	}
	if table != nil {
		for k, p := range folded {
			folded[k] = int(table[p])
		}
		return slices.Compact(folded)
	}
	if orig != "" {
		mapFolded(orig, folded)
		return slices.Compact(folded)
	}
	return folded
}
