package model

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Ranking. A term's score is its best match's: exact matches (a word
// starting with the term) first, then typos, then abbreviations (see
// search_word.go); within each, title and speakers line before topics,
// topics before summary. Within a tier, matches starting the field or
// ending a word come first. A query's score is the sum of its terms'. Equal
// scores keep programme order.
const (
	tierShortContig   = 700 // title or speakers line, at a word start
	tierTopicContig   = 500 // topics, at a word start
	tierSummaryWord   = 250 // summary: a whole word
	tierSummaryPrefix = 200 // summary: a word starting with the term
	tierShortTypo1    = 180 // title, speakers line or topics: one edit
	tierSummaryTypo1  = 170 // summary: one edit
	tierShortTypo2    = 160 // two edits
	tierSummaryTypo2  = 150
	tierShortAbbrev   = 100 // title or speakers line: an abbreviation
	tierTopicAbbrev   = 50  // topics: an abbreviation
	maxContigBonus    = 60
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

	// Summary matching through the vocabulary. tokens are the ID ranges
	// of v's words: every word but the last must occur exactly, the last
	// as a prefix (exactly, if v ends with a non-word character). With
	// pure (v is a single word) the vocabulary decides alone; otherwise a
	// talk passing the ranges is confirmed on its folded summary.
	tokens []idRange
	pure   bool
	// exact: the pure word is itself in the vocabulary (ID tokens[0].lo).
	exact bool
	// never: some word of v is nowhere in any summary.
	never bool
	// prefixSet and exactSet, when not nil, are bitmaps of the talks
	// whose summary has a word starting with the pure word, and the word
	// itself: built from the postings when that is cheaper than a scan of
	// each candidate's word IDs.
	prefixSet, exactSet []uint64

	// edits is how many typos the term tolerates (typoEdits); typo1 and
	// typo2 are the summary words (not starting with v) one and two edits
	// away, and typo1Set and typo2Set the talks whose summary has one.
	edits int
	// pieces are v cut into edits+1 parts one letter apart: a word
	// within edits of v keeps one of them intact (the first at the
	// word's start), a cheap test before the edit distance.
	pieces             [][]byte
	typo1, typo2       []uint32
	typo1Set, typo2Set []uint64
	// shortTypoSet, when not nil, is the bitmap of the talks with a
	// short-field word within edits (Index.shortTypos): the others
	// skip the typo tests of their title, speakers line and topics.
	shortTypoSet []uint64
	// shortTypo, set with shortTypoSet, is each short-field word's
	// edits from v (0: not a typo).
	shortTypo []uint8
	// ids, when not nil, match the term on the short fields' words
	// (search_shortids.go).
	ids *idTerm
}

// idRange is a half-open range of word IDs.
type idRange struct{ lo, hi uint32 }

// record is one hit while searching.
type record struct {
	talk, score int32
}

// recordPool holds the record arrays of finished searches (*[]record).
var recordPool sync.Pool

// searcher runs one query over part of an index. Each goroutine has its
// own.
type searcher struct {
	ix    *Index
	terms []cterm
	marks Marks
	// out are the hits found, in programme order.
	out []record
	// Per-talk scratch: sum is talk sumOf-1's folded summary (sumOf 0:
	// none yet).
	sum   []byte
	sumOf int
	// wordBits is typoIn's bitmap of the summary's word bytes.
	wordBits []uint64
	// typo is the summary typos (typoIn's answer, -1: not known) of
	// term typoTerm in talk typoOf-1, found by summaryText with its
	// exact matches.
	typo, typoOf int
	typoTerm     *cterm
	// abbrev's: the field's words, the pieces found (offset, length
	// pairs), and the (word, offset in v) states known to fail.
	starts, ends, pieces []int
	failed               []uint64
	// noTypo: the talk matched has no typo in its short fields (see
	// cterm.shortTypoSet).
	noTypo bool
}

// Parallel search: from parallelMin candidates on, blocks of blockSize
// candidates are shared by up to maxWorkers goroutines.
const (
	parallelMin = 8192
	blockSize   = 2048
	maxWorkers  = 4
)

// compile prepares q's terms for matching on ix.
func (ix *Index) compile(q Query) []cterm {
	ix.summariesDone() // the summaries' words, complete
	for _, t := range q.terms {
		ix.fieldsFor(t.kind)
	}
	terms := make([]cterm, len(q.terms))
	for k, t := range q.terms {
		c := newCterm(t)
		switch t.kind {
		case termDay:
			if len(t.value) <= 3 && strings.Trim(t.value, "0123456789") == "" {
				for _, d := range t.value {
					c.dayOrdinal = c.dayOrdinal*10 + int(d-'0')
				}
			}
		case termLang:
			c.langs = langCodes(t.value)
		case termWord, termPhrase:
			if ix.oneShot {
				c.pure = isPureWord(c.v)
				break
			}
			ix.compileTokens(&c)
			ix.compileIDs(&c)
		}
		terms[k] = c
	}
	// Cheap filters first, so the fuzzy matching runs on fewer talks.
	slices.SortStableFunc(terms, func(a, b cterm) int { return a.cost() - b.cost() })
	return terms
}

// newCterm compiles what every kind of term needs: the value's bytes,
// letters and rune lengths.
func newCterm(t term) cterm {
	c := cterm{term: t, v: []byte(t.value), mask: charMask([]byte(t.value))}
	if t.kind == termWord {
		c.edits = typoEdits(c.v)
		if c.edits > 0 {
			// Each edit spoils at most one part: the gaps between
			// them absorb a swap across a boundary.
			n, parts := len(c.v)-c.edits, c.edits+1
			at := 0
			for k := range parts {
				size := n / parts
				if k < n%parts {
					size++
				}
				c.pieces = append(c.pieces, c.v[at:at+size])
				at += size + 1
			}
		}
	}
	if !isASCIIString(t.value) {
		for _, r := range t.value {
			c.units = append(c.units, utf8.RuneLen(r))
		}
	}
	return c
}

// compileTokens looks v's words up in the summary vocabulary.
func (ix *Index) compileTokens(c *cterm) {
	v := c.v
	c.pure = isPureWord(v)
	for p := 0; p < len(v); {
		for p < len(v) && !isWordByte(v[p]) {
			p++
		}
		start := p
		for p < len(v) && isWordByte(v[p]) {
			p++
		}
		if p == start {
			break
		}
		tok := string(v[start:p])
		lo, _ := slices.BinarySearch(ix.words, tok)
		hi := lo
		if p < len(v) {
			// Followed by a non-word character: the whole word.
			if lo < len(ix.words) && ix.words[lo] == tok {
				hi = lo + 1
			}
		} else {
			for hi < len(ix.words) && strings.HasPrefix(ix.words[hi], tok) && hi-lo < 64 {
				hi++
			}
			if hi-lo == 64 {
				hi = lo + sort.Search(len(ix.words)-lo, func(j int) bool { return !strings.HasPrefix(ix.words[lo+j], tok) })
			}
			c.exact = lo < len(ix.words) && ix.words[lo] == tok
		}
		if hi == lo {
			c.never = true
		}
		c.tokens = append(c.tokens, idRange{uint32(lo), uint32(hi)})
	}
	if c.pure && c.edits > 0 {
		// The words starting with v are 0 edits away: exact matches.
		for id, w := range ix.words {
			if len(w) < len(v)-c.edits || !fewMissing(v, []byte(w), c.edits) {
				continue
			}
			switch d := editPrefix(v, []byte(w), c.edits); {
			case d > c.edits:
			case d == 1:
				c.typo1 = append(c.typo1, uint32(id))
			case d == 2:
				c.typo2 = append(c.typo2, uint32(id))
			}
		}
	}
}

// isPureWord reports whether v is one word: word bytes only (see
// cterm.pure).
func isPureWord(v []byte) bool {
	for _, c := range v {
		if !isWordByte(c) {
			return false
		}
	}
	return len(v) > 0
}

// summarySets builds t's summary bitmaps when walking the postings costs
// less than scanning the word IDs of each of the n candidates (about 55
// per summary).
func (ix *Index) summarySets(t *cterm, n int) {
	t.typo1Set = ix.talkSet(t.typo1)
	t.typo2Set = ix.talkSet(t.typo2)
	if !t.pure || t.never {
		return
	}
	r := t.tokens[0]
	if int(ix.postOff[r.hi]-ix.postOff[r.lo]) > 8*n {
		return
	}
	words := (ix.Len() + 63) / 64
	t.prefixSet = make([]uint64, words)
	for _, i := range ix.postTalks[ix.postOff[r.lo]:ix.postOff[r.hi]] {
		t.prefixSet[i/64] |= 1 << (i % 64)
	}
	if t.exact {
		t.exactSet = make([]uint64, words)
		for _, i := range ix.postTalks[ix.postOff[r.lo]:ix.postOff[r.lo+1]] {
			t.exactSet[i/64] |= 1 << (i % 64)
		}
	}
}

// talkSet returns the bitmap of the talks whose summary has one of the
// words, or nil for no words.
func (ix *Index) talkSet(words []uint32) []uint64 {
	if len(words) == 0 {
		return nil
	}
	set := make([]uint64, (ix.Len()+63)/64)
	for _, w := range words {
		for _, i := range ix.postTalks[ix.postOff[w]:ix.postOff[w+1]] {
			set[i/64] |= 1 << (i % 64)
		}
	}
	return set
}

// inSet reports whether talk i is in a talkSet bitmap.
func inSet(set []uint64, i int) bool { return set != nil && set[i/64]&(1<<(i%64)) != 0 }

// cost orders terms cheapest first.
func (c *cterm) cost() int {
	switch c.kind {
	case termHas, termIs, termDay, termLang, termKindQ, termTrack, termRoom, termEvent:
		return 0
	case termSpeaker, termOrg, termTopic:
		return 1
	case termPhrase:
		return 3
	}
	return 2
}

// run matches the candidates (every talk when cand is nil; otherwise in
// programme order) and returns the ranked hits.
func (ix *Index) run(q Query, marks Marks, cand []int32) []Hit {
	terms := ix.compile(q)
	n := len(cand)
	if cand == nil {
		n = ix.Len()
	}
	// A one-shot index has no postings nor short fields' words to build
	// sets from.
	for k := range terms {
		if !ix.oneShot {
			ix.summarySets(&terms[k], n)
			ix.shortTypos(&terms[k], n)
		}
	}
	// The candidates are cut into blocks that workers take in turn, so a
	// worker whose core is busy with something else holds nobody up.
	// Each block's records go to its own part of one array.
	workers := min(runtime.GOMAXPROCS(0), maxWorkers)
	if n < parallelMin {
		workers = 1
	}
	nblocks := (n + blockSize - 1) / blockSize
	chunks := make([][]record, nblocks)
	spans := make([]scoreSpan, nblocks)
	// The records only live until rank copies them into the hits: their
	// array is reused from one search to the next (clearing 800 KB per
	// keystroke at 100k talks cost as much as a tenth of the search).
	recsp, _ := recordPool.Get().(*[]record)
	if recsp == nil || cap(*recsp) < n {
		recsp = new([]record)
		*recsp = make([]record, n)
	}
	defer recordPool.Put(recsp)
	recs := (*recsp)[:n]
	var next atomic.Int32
	work := func() {
		s := &searcher{ix: ix, terms: terms, marks: marks}
		for {
			b := int(next.Add(1)) - 1
			if b >= nblocks {
				return
			}
			from, to := b*blockSize, min(n, (b+1)*blockSize)
			s.out = recs[from:from:to]
			s.scan(cand, from, to)
			chunks[b], spans[b] = s.out, spanOf(s.out)
		}
	}
	if workers == 1 {
		work()
	} else {
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				work()
			}()
		}
		wg.Wait()
	}
	parts, least := workers, rankParallelMin
	if ix.rankParts > 0 {
		parts, least = ix.rankParts, 0
	}
	return rank(chunks, spans, parts, least)
}

// scan matches candidates [from, to), appending to s.out.
func (s *searcher) scan(cand []int32, from, to int) {
	if cand == nil {
		for i := from; i < to; i++ {
			s.match(i)
		}
		return
	}
	for _, i := range cand[from:to] {
		s.match(int(i))
	}
}

// match evaluates every term on talk i and records a hit.
func (s *searcher) match(i int) {
	total := 0
	for k := range s.terms {
		t := &s.terms[k]
		score, ok := s.matchTerm(i, t)
		if ok == t.neg {
			return
		}
		if !t.neg {
			total += score
		}
	}
	s.out = append(s.out, record{talk: int32(i), score: int32(total)})
}

// mapFolded rewrites sorted offsets into the folded orig as the byte offsets
// in orig of the runes they came from.
func mapFolded(orig string, ps []int) {
	k, f := 0, 0
	for i := 0; i < len(orig) && k < len(ps); {
		size, flen := 1, 1
		if orig[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(orig[i:])
			flen = len(foldRune(r))
		}
		for k < len(ps) && ps[k] < f+flen {
			ps[k] = i
			k++
		}
		f += flen
		i += size
	}
}

// matchTerm reports whether t matches talk i and with what score.
func (s *searcher) matchTerm(i int, t *cterm) (int, bool) {
	ix := s.ix
	switch t.kind {
	case termWord:
		return s.matchWord(i, t)
	case termPhrase:
		return s.matchPhrase(i, t)
	case termSpeaker, termOrg:
		return 0, indexWordStart(ix.qualifierField(t.kind).get(i), t.v, 0) >= 0
	case termTopic:
		return 0, indexWordStart(ix.topicsOf(&ix.meta[i]), t.v, 0) >= 0
	case termKindQ:
		return 0, indexWordStart(ix.kinds.get(i), t.v, 0) >= 0
	case termTrack:
		if t.whole {
			return 0, bytes.Equal(bytes.TrimSpace(ix.tracks.get(i)), t.v)
		}
		return 0, indexWordStart(ix.tracks.get(i), t.v, 0) >= 0
	case termRoom:
		if t.whole {
			return 0, bytes.Equal(bytes.TrimSpace(ix.rooms.get(i)), t.v)
		}
		return 0, indexWordStart(ix.rooms.get(i), t.v, 0) >= 0
	case termEvent:
		return 0, indexWordStart(ix.eventOf(i), t.v, 0) >= 0
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
		return 0, matchLang(ix.langs.get(i), t)
	case termHas:
		switch t.value {
		case "slides":
			return 0, ix.has[i]&flagSlides != 0
		case "video":
			return 0, ix.has[i]&flagVideo != 0
		default:
			return 0, ix.has[i]&flagSchedule != 0
		}
	case termIs:
		if s.marks == nil {
			return 0, false
		}
		id := ix.cat.Talks[i].ID
		switch t.value {
		case "starred":
			return 0, s.marks.Starred(id)
		case "changed":
			cm, ok := s.marks.(ChangeMarks)
			return 0, ok && cm.Changed(id)
		}
		return 0, s.marks.Watched(id)
	}
	return 0, false
}

// matchLang matches a language code ("fr", "fr-CA") or name ("french").
// Schedules list bilingual talks as "de, en": any one of them counts.
func matchLang(l []byte, t *cterm) bool {
	for len(l) > 0 {
		one := l
		if k := bytes.IndexAny(l, ",/;"); k >= 0 {
			one, l = l[:k], l[k+1:]
		} else {
			l = nil
		}
		if langMatches(bytes.TrimSpace(one), t) {
			return true
		}
	}
	return false
}

// matchWord matches a plain term (see search_word.go): exactly in any
// field, else with a typo, else as an abbreviation in a short field.
func (s *searcher) matchWord(i int, t *cterm) (int, bool) {
	if t.ids != nil {
		return s.matchWordIDs(i, t)
	}
	return s.matchWordText(i, t)
}

// matchWordText is matchWord on the short fields' text.
func (s *searcher) matchWordText(i int, t *cterm) (int, bool) {
	ix := s.ix
	m := &ix.meta[i]
	title, line, topics := ix.titleOf(m), ix.lineOf(m), ix.topicsOf(m)
	if b := max(shortExact(title, m.titleMask, t), shortExact(line, m.lineMask, t)); b >= 0 {
		return tierShortContig + b, true
	}
	if b := shortExact(topics, m.topicsMask, t); b >= 0 {
		return tierTopicContig + b, true
	}
	if sc := s.summary(i, t, false); sc >= 0 {
		return sc, true
	}
	s.noTypo = t.shortTypoSet != nil && !inSet(t.shortTypoSet, i)
	tc, tb := s.shortMatch(title, m.titleMask, t, true, nil)
	if lc, lb := s.shortMatch(line, m.lineMask, t, true, nil); lc != classNone && (tc == classNone || lc < tc || lc == tc && lb > tb) {
		tc, tb = lc, lb
	}
	oc, ob := classNone, 0
	if tc != classTypo1 {
		oc, ob = s.shortMatch(topics, m.topicsMask, t, true, nil)
	}
	s.noTypo = false
	// Typos: the fewest edits, short fields first.
	short := tc
	if oc != classNone && (short == classNone || oc < short) {
		short = oc
	}
	if short == classTypo1 {
		return tierShortTypo1, true
	}
	switch typo := s.summaryTypo(i, t); {
	case typo == 1:
		return tierSummaryTypo1, true
	case short == classTypo2:
		return tierShortTypo2, true
	case typo == 2:
		return tierSummaryTypo2, true
	case tc == classAbbrev:
		return tierShortAbbrev + tb, true
	case oc == classAbbrev:
		return tierTopicAbbrev + ob, true
	}
	return -1, false
}

// summary matches t's value at a word start in talk i's summary and
// returns tierSummaryWord when it is a whole word there, tierSummaryPrefix
// when it starts a word, -1 otherwise. With anywhere (phrases) any word-start
// occurrence scores tierSummaryPrefix.
func (s *searcher) summary(i int, t *cterm, anywhere bool) int {
	if s.ix.oneShot {
		return s.summaryText(i, t, anywhere)
	}
	if t.never {
		return -1
	}
	if t.prefixSet != nil {
		if t.prefixSet[i/64]&(1<<(i%64)) == 0 {
			return -1
		}
		if t.exactSet != nil && t.exactSet[i/64]&(1<<(i%64)) != 0 {
			return tierSummaryWord
		}
		return tierSummaryPrefix
	}
	ix := s.ix
	ids := ix.sumIDs[ix.meta[i].sumStart:ix.meta[i].sumEnd]
	if t.pure {
		r := t.tokens[0]
		width, hit := r.hi-r.lo, false
		for _, id := range ids {
			if id-r.lo < width {
				if t.exact && id == r.lo {
					return tierSummaryWord
				}
				hit = true
			}
		}
		if hit {
			return tierSummaryPrefix
		}
		return -1
	}
	for _, r := range t.tokens {
		width, hit := r.hi-r.lo, false
		for _, id := range ids {
			if id-r.lo < width {
				hit = true
				break
			}
		}
		if !hit {
			return -1
		}
	}
	// Confirm on the text: the words are there, but maybe not in this
	// order or with these separators.
	sum := s.foldedSummary(i)
	best := -1
	for p := indexWordStart(sum, t.v, 0); p >= 0; p = indexWordStart(sum, t.v, p+1) {
		end := p + len(t.v)
		if !anywhere && (end == len(sum) || !isWordByte(sum[end])) {
			return tierSummaryWord
		}
		best = tierSummaryPrefix
		if anywhere {
			break
		}
	}
	return best
}

// matchPhrase matches an exact (folded) phrase starting at a word start.
func (s *searcher) matchPhrase(i int, t *cterm) (int, bool) {
	ix := s.ix
	best := -1
	m := &ix.meta[i]
	if h := ix.titleOf(m); len(h) >= len(t.v) {
		if p := indexWordStart(h, t.v, 0); p >= 0 {
			best = max(best, tierShortContig+contigBonus(h, t.v, p))
		}
	}
	if h := ix.lineOf(m); len(h) >= len(t.v) {
		if p := indexWordStart(h, t.v, 0); p >= 0 {
			best = max(best, tierShortContig+contigBonus(h, t.v, p))
		}
	}
	if best < 0 {
		if h := ix.topicsOf(m); indexWordStart(h, t.v, 0) >= 0 {
			best = tierTopicContig + contigBonus(h, t.v, indexWordStart(h, t.v, 0))
		} else {
			best = s.summary(i, t, true)
		}
	}
	return best, best >= 0
}

// indexByteFrom returns the first index >= from of c in h, or -1, eight
// bytes at a time.
func indexByteFrom(h []byte, from int, c byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	pattern := ones * uint64(c)
	i := from
	for ; i+8 <= len(h); i += 8 {
		x := binary.LittleEndian.Uint64(h[i:]) ^ pattern
		// The lowest byte of x that is zero is the first match (the
		// borrow can only mark bytes above it).
		if t := (x - ones) &^ x & highs; t != 0 {
			return i + bits.TrailingZeros64(t)/8
		}
	}
	for ; i < len(h); i++ {
		if h[i] == c {
			return i
		}
	}
	return -1
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
		n := len(pos)
		pos = slices.Grow(pos, len(t.v))[:n+len(t.v)]
		for k := range t.v {
			pos[n+k] = p + k
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
