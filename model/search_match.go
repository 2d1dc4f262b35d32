package model

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// Ranking. A term's score is its best field's: the tiers put title and
// speakers-line hits above topic hits, and all of those above summary hits;
// within a tier, contiguous matches (more for starting a word, starting the
// field, ending a word) come before scattered ones, which earn points for
// word starts and adjacent letters and lose points for gaps. A query's score
// is the sum of its terms'. Equal scores keep programme order.
const (
	tierShortContig   = 700 // title or speakers line, contiguous
	tierTopicContig   = 500 // topics, contiguous
	tierShortFuzzy    = 400 // title or speakers line, letters in order
	tierTopicFuzzy    = 300 // topics, letters in order
	tierSummaryWord   = 250 // summary: a whole word
	tierSummaryPrefix = 200 // summary: a word starting with the term
	maxContigBonus    = 60
	maxFuzzyBonus     = 99
)

// cterm is a term compiled for matching.
type cterm struct {
	term
	v    []byte
	mask uint64
	// units are the byte lengths of v's runes when v is not ASCII (nil
	// for ASCII: every unit is one byte).
	units []int
	// dayOrdinal is the N of day:N, 0 otherwise.
	dayOrdinal int
	// langs are the codes lang: accepts besides the value itself.
	langs []string
}

// searcher runs one query over an index.
type searcher struct {
	ix    *Index
	terms []cterm
	marks Marks

	// pos collects every hit's positions; hits slice into it.
	pos []int
	// Per-talk scratch.
	titlePos, linePos []int
	fold              []int
}

func newSearcher(ix *Index, q Query, marks Marks) *searcher {
	s := &searcher{ix: ix, marks: marks, terms: make([]cterm, len(q.terms))}
	for k, t := range q.terms {
		c := cterm{term: t, v: []byte(t.value), mask: charMask([]byte(t.value))}
		if !isASCIIString(t.value) {
			for _, r := range t.value {
				c.units = append(c.units, utf8.RuneLen(r))
			}
		}
		switch t.kind {
		case termDay:
			if len(t.value) <= 3 && strings.Trim(t.value, "0123456789") == "" {
				for _, d := range t.value {
					c.dayOrdinal = c.dayOrdinal*10 + int(d-'0')
				}
			}
		case termLang:
			c.langs = langCodes(t.value)
		}
		s.terms[k] = c
	}
	// Cheap filters first, so the fuzzy matching runs on fewer talks.
	slices.SortStableFunc(s.terms, func(a, b cterm) int { return a.cost() - b.cost() })
	return s
}

// cost orders terms cheapest first.
func (c *cterm) cost() int {
	switch c.kind {
	case termHas, termIs, termDay, termLang, termKindQ, termTrack, termRoom:
		return 0
	case termSpeaker, termOrg, termTopic:
		return 1
	case termPhrase:
		return 3
	}
	return 2
}

// run matches the candidates (every talk when cand is nil), ranks the hits
// and returns them.
func (s *searcher) run(cand []int32) []Hit {
	var hits []Hit
	n := len(cand)
	if cand == nil {
		n = s.ix.Len()
	}
	for k := 0; k < n; k++ {
		i := k
		if cand != nil {
			i = int(cand[k])
		}
		if h, ok := s.match(i); ok {
			hits = append(hits, h)
		}
	}
	slices.SortStableFunc(hits, func(a, b Hit) int { return b.Score - a.Score })
	return hits
}

// match evaluates every term on talk i.
func (s *searcher) match(i int) (Hit, bool) {
	s.titlePos, s.linePos = s.titlePos[:0], s.linePos[:0]
	total := 0
	for k := range s.terms {
		t := &s.terms[k]
		score, ok := s.matchTerm(i, t, !t.neg)
		if ok == t.neg {
			return Hit{}, false
		}
		if !t.neg {
			total += score
		}
	}
	h := Hit{Talk: i, Score: total}
	h.Title = s.positions(s.titlePos, s.ix.cat.Talks[i].Title, s.ix.flags[i]&flagTitleASCII != 0)
	h.Speakers = s.positions(s.linePos, s.ix.SpeakerLine(i), s.ix.flags[i]&flagLineASCII != 0)
	return h, true
}

// positions turns folded offsets into sorted, unique byte offsets of orig,
// stored in the shared arena.
func (s *searcher) positions(folded []int, orig string, ascii bool) []int {
	if len(folded) == 0 {
		return nil
	}
	if !ascii {
		m := foldOffsets(orig)
		for k, p := range folded {
			folded[k] = int(m[p])
		}
	}
	slices.Sort(folded)
	folded = slices.Compact(folded)
	start := len(s.pos)
	s.pos = append(s.pos, folded...)
	return s.pos[start:len(s.pos):len(s.pos)]
}

// matchTerm reports whether t matches talk i and with what score; with
// record it appends the matched title and speakers-line positions.
func (s *searcher) matchTerm(i int, t *cterm, record bool) (int, bool) {
	ix := s.ix
	switch t.kind {
	case termWord:
		return s.matchWord(i, t, record)
	case termPhrase:
		return s.matchPhrase(i, t, record)
	case termSpeaker, termOrg:
		f := &ix.names
		if t.kind == termOrg {
			f = &ix.orgs
		}
		if indexWordStart(f.get(i), t.v, 0) < 0 {
			return 0, false
		}
		if record {
			line := ix.line.get(i)
			if p := indexWordStart(line, t.v, 0); p >= 0 {
				s.linePos = appendRun(s.linePos, t, p)
			}
		}
		return 0, true
	case termTopic:
		return 0, indexWordStart(ix.topics.get(i), t.v, 0) >= 0
	case termKindQ:
		return 0, indexWordStart(ix.kinds.get(i), t.v, 0) >= 0
	case termTrack:
		return 0, indexWordStart(ix.tracks.get(i), t.v, 0) >= 0
	case termRoom:
		return 0, indexWordStart(ix.rooms.get(i), t.v, 0) >= 0
	case termDay:
		if t.dayOrdinal > 0 {
			return 0, int(ix.dayOrdinal[i]) == t.dayOrdinal
		}
		d := ix.days.get(i)
		for len(d) > 0 {
			line := d
			if nl := bytes.IndexByte(d, '\n'); nl >= 0 {
				line, d = d[:nl], d[nl+1:]
			} else {
				d = nil
			}
			if bytes.HasPrefix(line, t.v) {
				return 0, true
			}
		}
		return 0, false
	case termLang:
		// Schedules list bilingual talks as "de, en": any one counts.
		l := ix.langs.get(i)
		for len(l) > 0 {
			one := l
			if k := bytes.IndexAny(l, ",/;"); k >= 0 {
				one, l = l[:k], l[k+1:]
			} else {
				l = nil
			}
			if langMatches(bytes.TrimSpace(one), t) {
				return 0, true
			}
		}
		return 0, false
	case termHas:
		switch t.value {
		case "slides":
			return 0, ix.flags[i]&flagSlides != 0
		case "video":
			return 0, ix.flags[i]&flagVideo != 0
		default:
			return 0, ix.flags[i]&flagSchedule != 0
		}
	case termIs:
		if s.marks == nil {
			return 0, false
		}
		id := ix.cat.Talks[i].ID
		if t.value == "starred" {
			return 0, s.marks.Starred(id)
		}
		return 0, s.marks.Watched(id)
	}
	return 0, false
}

// matchWord matches a plain term: fuzzily in the title, speakers line and
// topics, by word prefix in the summary.
func (s *searcher) matchWord(i int, t *cterm, record bool) (int, bool) {
	ix := s.ix
	best := -1
	if t.mask&^ix.shortMask[i] == 0 {
		if sc, ok := s.fuzzy(ix.title.get(i), t, record, &s.titlePos); ok {
			best = max(best, sc+shortTier(sc))
		}
		if sc, ok := s.fuzzy(ix.line.get(i), t, record, &s.linePos); ok {
			best = max(best, sc+shortTier(sc))
		}
		if best < tierTopicContig+maxContigBonus {
			if sc, ok := s.fuzzy(ix.topics.get(i), t, false, nil); ok {
				if sc >= contigFlag {
					best = max(best, tierTopicContig+sc-contigFlag)
				} else {
					best = max(best, tierTopicFuzzy+sc)
				}
			}
		}
	}
	if best < tierSummaryWord && t.mask&^ix.summaryMask[i] == 0 {
		h := ix.summary.get(i)
		for p := indexWordStart(h, t.v, 0); p >= 0; p = indexWordStart(h, t.v, p+1) {
			end := p + len(t.v)
			if end == len(h) || !isWordByte(h[end]) {
				best = max(best, tierSummaryWord)
				break
			}
			best = max(best, tierSummaryPrefix)
		}
	}
	return best, best >= 0
}

// shortTier maps a fuzzy() score to the title/speakers tier.
func shortTier(sc int) int {
	if sc >= contigFlag {
		return tierShortContig - contigFlag
	}
	return tierShortFuzzy
}

// matchPhrase matches an exact (folded) phrase anywhere.
func (s *searcher) matchPhrase(i int, t *cterm, record bool) (int, bool) {
	ix := s.ix
	best := -1
	for _, f := range []struct {
		h   []byte
		pos *[]int
	}{{ix.title.get(i), &s.titlePos}, {ix.line.get(i), &s.linePos}} {
		if p := bytes.Index(f.h, t.v); p >= 0 {
			if q := indexWordStart(f.h, t.v, p); q >= 0 {
				p = q
			}
			best = max(best, tierShortContig+contigBonus(f.h, t.v, p))
			if record {
				*f.pos = appendRun(*f.pos, t, p)
			}
		}
	}
	if best < 0 {
		if h := ix.topics.get(i); bytes.Contains(h, t.v) {
			best = tierTopicContig
		} else if bytes.Contains(ix.summary.get(i), t.v) {
			best = tierSummaryPrefix
		}
	}
	return best, best >= 0
}

// contigFlag is added to a fuzzy() score for a contiguous match.
const contigFlag = 1000

// fuzzy matches t's letters in order in h. The score is contigFlag plus a
// bonus (0..maxContigBonus) for a contiguous match, or a bonus
// (0..maxFuzzyBonus) for a scattered one. With record, the matched folded
// offsets are appended to *pos.
func (s *searcher) fuzzy(h []byte, t *cterm, record bool, pos *[]int) (int, bool) {
	v := t.v
	if len(h) < len(v) {
		return 0, false
	}
	if p := bytes.Index(h, v); p >= 0 {
		if q := indexWordStart(h, v, p); q >= 0 {
			p = q
		}
		if record {
			*pos = appendRun(*pos, t, p)
		}
		return contigFlag + contigBonus(h, v, p), true
	}
	// Forward: the earliest end of the letters in order.
	end := 0
	if t.units == nil {
		for _, c := range v {
			k := bytes.IndexByte(h[end:], c)
			if k < 0 {
				return 0, false
			}
			end += k + 1
		}
	} else {
		off := 0
		for _, n := range t.units {
			k := bytes.Index(h[end:], v[off:off+n])
			if k < 0 {
				return 0, false
			}
			end += k + n
			off += n
		}
	}
	// Backward from that end: the tightest window, letters as late as
	// possible.
	s.fold = s.fold[:0]
	e := end
	if t.units == nil {
		for k := len(v) - 1; k >= 0; k-- {
			e = bytes.LastIndexByte(h[:e], v[k])
			s.fold = append(s.fold, e)
		}
	} else {
		off := len(v)
		for k := len(t.units) - 1; k >= 0; k-- {
			n := t.units[k]
			off -= n
			e = bytes.LastIndex(h[:e], v[off:off+n])
			s.fold = append(s.fold, e)
		}
	}
	slices.Reverse(s.fold)
	bonus := 50
	for k, p := range s.fold {
		if p == 0 || !isWordByte(h[p-1]) {
			bonus += 8
		}
		if k > 0 && p == s.fold[k-1]+1 {
			bonus += 5
		}
	}
	gap := (end - s.fold[0]) - len(v)
	bonus -= min(gap, 50)
	bonus = max(0, min(bonus, maxFuzzyBonus))
	if record {
		*pos = append(*pos, s.fold...)
	}
	return bonus, true
}

// contigBonus scores a contiguous match of v at h[p:].
func contigBonus(h, v []byte, p int) int {
	b := 0
	if p == 0 || !isWordByte(h[p-1]) {
		b += 30
	}
	if p == 0 {
		b += 15
	}
	if end := p + len(v); end == len(h) || !isWordByte(h[end]) {
		b += 15
	}
	return b
}

// appendRun appends the offsets of each rune of t's value matched at h[p:].
func appendRun(pos []int, t *cterm, p int) []int {
	if t.units == nil {
		for k := range t.v {
			pos = append(pos, p+k)
		}
		return pos
	}
	for _, n := range t.units {
		pos = append(pos, p)
		p += n
	}
	return pos
}

// indexWordStart returns the first offset >= from where v occurs in h at the
// start of a word (or where v itself starts with a non-word byte), or -1.
func indexWordStart(h, v []byte, from int) int {
	for from <= len(h)-len(v) {
		k := bytes.Index(h[from:], v)
		if k < 0 {
			return -1
		}
		p := from + k
		if p == 0 || !isWordByte(h[p-1]) || !isWordByte(v[0]) {
			return p
		}
		from = p + 1
	}
	return -1
}

// langNames maps language codes to the names lang: accepts (folded).
var langNames = map[string][]string{
	"en": {"english", "anglais"},
	"fr": {"french", "francais"},
	"de": {"german", "deutsch", "allemand"},
	"es": {"spanish", "espanol", "espagnol"},
	"it": {"italian", "italiano"},
	"pt": {"portuguese", "portugues"},
	"nl": {"dutch", "nederlands"},
	"ja": {"japanese"},
	"zh": {"chinese"},
	"ko": {"korean"},
	"ru": {"russian"},
	"pl": {"polish", "polski"},
	"cs": {"czech", "cestina"},
	"sv": {"swedish", "svenska"},
	"uk": {"ukrainian"},
}

// langCodes returns the codes whose names start with v (three letters at
// least, so "lang:fr" stays a code).
func langCodes(v string) []string {
	if len(v) < 3 {
		return nil
	}
	var out []string
	for code, names := range langNames {
		for _, n := range names {
			if strings.HasPrefix(n, v) {
				out = append(out, code)
				break
			}
		}
	}
	return out
}

// langMatches reports whether one language code or name matches a lang:
// term.
func langMatches(l []byte, t *cterm) bool {
	if len(l) == 0 {
		return false
	}
	if bytes.Equal(l, t.v) {
		return true
	}
	primary := l
	if k := bytes.IndexAny(l, "-_"); k >= 0 {
		primary = l[:k]
	}
	if bytes.Equal(primary, t.v) || len(t.v) >= 3 && bytes.HasPrefix(l, t.v) {
		return true
	}
	for _, c := range t.langs {
		if string(primary) == c {
			return true
		}
	}
	return false
}
