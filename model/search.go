package model

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Marks tells the matcher which talks the user starred or watched, for
// is:starred and is:watched. A nil Marks means nothing is marked.
type Marks interface {
	Starred(talkID string) bool
	Watched(talkID string) bool
}

// Hit is one talk matching a query: what ranking and refining need, and
// nothing more, so a broad query's 100,000 hits cost little to build. The
// characters to highlight are computed on demand for the rows a UI shows
// (Result.Highlight, Index.Highlight).
type Hit struct {
	// Talk indexes Catalogue.Talks.
	Talk int
	// Score orders hits: higher first. Only the order is meaningful.
	Score int
}

// Result is the answer to one query: the hits, best first, ties in
// programme order. Query is the text the result answers, so a UI running
// searches in the background can drop a result that no longer matches its
// input. A Result is immutable and safe for concurrent use.
type Result struct {
	// Query is the query text (Query.String()) the hits answer.
	Query string
	// Hits are the matching talks, best first; for an empty query, every
	// talk in programme order.
	Hits []Hit

	query Query
	ix    *Index
	// searched: the hits come from matching the query, not from an
	// empty query (every talk), so Refine can examine them alone.
	searched bool
	// hl are the query's terms that Highlight shows, compiled once.
	hl []cterm
}

// Index returns the index that answered the query.
func (r *Result) Index() *Index { return r.ix }

// Highlight returns the characters of talk's title and speakers line that
// the result's query matched: see Index.Highlight. It compiles nothing, so
// a UI calls it for each row it shows.
func (r *Result) Highlight(talk int) (title, speakers []int) {
	if r == nil || r.ix == nil {
		return nil, nil
	}
	return r.ix.highlight(r.hl, talk)
}

// Index is a catalogue prepared for search: every searchable field lower-cased
// and accent-folded once, so a query is a tight loop over contiguous bytes,
// and each summary reduced to the IDs of its words in a sorted vocabulary,
// so "a word starting with kube" is a range of IDs and summaries are never
// scanned. Build it once per catalogue with NewIndex (it does not change
// when the catalogue does), or with NewQueryIndex for a single query; it is
// safe for concurrent use.
type Index struct {
	cat *Catalogue

	// short holds every talk's folded title, speakers line and topics,
	// back to back, so matching one talk touches one or two cache lines;
	// meta[i] says where talk i's are.
	short []byte
	meta  []talkMeta
	// Folded qualifier fields; several values are separated by '\n'.
	names, orgs, kinds, tracks, rooms, langs, days fieldText
	// dayOrdinal is the talk's 1-based programme day (0: none).
	dayOrdinal []uint16
	// has holds the talk's flagSlides, flagVideo and flagSchedule.
	has []talkFlags
	// fields[g] builds the qualifier fields above (names to has) of group
	// g when they are not built yet (a one-shot index builds them for the
	// first query that needs them) and waits for them: see fieldsFor.
	fields [fieldGroups]func()

	// words is the sorted vocabulary of the folded summaries (words are
	// maximal runs of letters and digits); talk i's summary has the word
	// IDs (indexes into words) sumIDs[meta[i].sumStart:meta[i].sumEnd],
	// each once, in no order. sumOff is the same while building.
	words  []string
	sumIDs []uint32
	sumOff []uint32
	// postings lists, for each word ID w, the talks whose summary has it:
	// postTalks[postOff[w]:postOff[w+1]], in programme order.
	postTalks []uint32
	postOff   []uint32

	// omap holds the folded-to-original offset tables of non-ASCII titles
	// and speakers lines (see talkMeta; none in a one-shot index).
	omap []uint16

	// lines holds every talk's speakers line, as shown; lineOff[i] and
	// lineOff[i+1] delimit talk i's (none in a one-shot index, whose
	// SpeakerLine makes the line asked for).
	lines   string
	lineOff []uint32

	// shortVoc is the short fields' vocabulary, built on first use.
	shortVoc shortVocab
	// summariesDone completes words, sumIDs and the postings (at once,
	// or in the background for a big catalogue) and waits for that:
	// whatever reads them calls it first.
	summariesDone func()

	// events holds what event: matches (events.go): each archive part's
	// (or the catalogue's) label, name and ID, folded; talkPart[i] is
	// talk i's part (nil: every talk is in events.get(0)).
	events   fieldText
	talkPart []uint16

	// textOnly makes plain terms match on the short fields' text, never
	// on their words (the tests compare both).
	textOnly bool
	// oneShot: built by NewQueryIndex, without the summaries' vocabulary
	// and the short fields' words; terms match on the text alone
	// (search_oneshot.go).
	oneShot bool
	// rankParts, when positive, is how many parts every search ranks in,
	// whatever its size (the tests compare several).
	rankParts int
}

// talkMeta is what the matcher reads first about a talk, in one place.
type talkMeta struct {
	// The folded title is short[off:off+titleLen], then the speakers line
	// (lineLen bytes), then the topics (topicsLen bytes).
	off, titleLen, lineLen, topicsLen uint32
	// The summary's word IDs are sumIDs[sumStart:sumEnd].
	sumStart, sumEnd uint32
	// titleMask, lineMask and topicsMask say which characters occur in
	// each short field (charMask): a term with a letter its field lacks
	// cannot match there.
	titleMask, lineMask, topicsMask uint64
	// titleMap and lineMap, when not 0, say that omap[titleMap-1:] maps
	// each folded title byte to its byte offset in the title (same for
	// the speakers line): set for non-ASCII fields, whose offsets differ.
	titleMap, lineMap uint32
	flags             talkFlags
}

func (ix *Index) titleOf(m *talkMeta) []byte {
	end := m.off + m.titleLen
	return ix.short[m.off:end:end]
}

func (ix *Index) lineOf(m *talkMeta) []byte {
	start := m.off + m.titleLen
	end := start + m.lineLen
	return ix.short[start:end:end]
}

func (ix *Index) topicsOf(m *talkMeta) []byte {
	start := m.off + m.titleLen + m.lineLen
	end := start + m.topicsLen
	return ix.short[start:end:end]
}

// talkFlags are per-talk facts the matcher reads often.
type talkFlags uint8

const (
	flagTitleASCII talkFlags = 1 << iota // folded title has the same byte offsets as the title
	flagLineASCII                        // same for the speakers line
	// What has: asks (Index.has).
	flagSlides
	flagVideo
	flagSchedule
)

// fieldText is one folded field of every talk, concatenated: talk i's text is
// b[off[i]:off[i+1]].
type fieldText struct {
	b   []byte
	off []uint32
}

func (f *fieldText) get(i int) []byte { return f.b[f.off[i]:f.off[i+1]:f.off[i+1]] }

func (f *fieldText) add(s string) {
	if f.off == nil {
		f.off = append(f.off, 0)
	}
	f.b = foldAppend(f.b, s)
	f.off = append(f.off, uint32(len(f.b)))
}

func (f *fieldText) addBytes(b []byte) {
	if f.off == nil {
		f.off = append(f.off, 0)
	}
	for i := 0; i < len(b); {
		// Fold ASCII runs in place; hand the rest to foldAppend.
		if c := b[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			f.b = append(f.b, c)
			i++
			continue
		}
		_, size := utf8.DecodeRune(b[i:])
		f.b = foldAppend(f.b, string(b[i:i+size]))
		i += size
	}
	f.off = append(f.off, uint32(len(f.b)))
}

// NewIndex prepares c for search. The catalogue must not change afterwards
// (build a new index if it does).
func NewIndex(c *Catalogue) *Index {
	return newIndex(c, false)
}

func newIndex(c *Catalogue, oneShot bool) *Index {
	ix := &Index{cat: c, oneShot: oneShot, meta: make([]talkMeta, len(c.Talks))}
	speakers := newSpeakerPieces(c)
	// The summaries' words are collected on other goroutines meanwhile.
	var summaries func() ([]string, []uint32, []uint32)
	if !oneShot {
		summaryBytes := 0
		for i := range c.Talks {
			summaryBytes += len(c.Talks[i].Summary)
		}
		summaries = ix.startSummaries(summaryBytes)
	}
	var wg sync.WaitGroup
	for g := range ix.fields {
		build := func() { ix.indexFields(fieldGroup(g), speakers) }
		if oneShot {
			// Most queries have no qualifier: compile builds the
			// fields of those that do.
			ix.fields[g] = sync.OnceFunc(build)
		} else {
			ix.fields[g] = func() {}
		}
	}
	if !oneShot {
		wg.Go(func() {
			for g := range fieldGroups {
				ix.indexFields(g, speakers)
			}
		})
	}
	ix.indexShort(speakers)
	ix.indexEvents()
	wg.Wait()
	if oneShot {
		ix.summariesDone = func() {}
		return ix
	}
	ix.summariesDone = sync.OnceFunc(func() {
		ix.words, ix.sumIDs, ix.sumOff = summaries()
		ix.sortVocabulary()
	})
	if len(c.Talks) < lazySummaries {
		ix.summariesDone()
	} else {
		// A big catalogue's first frame needs no summary: the words are
		// sorted meanwhile, and the first search waits for them (compile).
		go ix.summariesDone()
	}
	return ix
}

// speakerSize is about how many bytes a talk's speaker adds to its
// speakers line, for sizing buffers without looking each one up.
func speakerSize(c *Catalogue) int {
	size := 0
	for k := range c.Speakers {
		size += len(c.Speakers[k].Name) + len(c.Speakers[k].Org)
	}
	return size/max(1, len(c.Speakers)) + 6
}

// parallelShort is the catalogue size from which the short fields are
// built in two halves on two goroutines.
const parallelShort = 4096

// indexShort builds every talk's folded title, speakers line and topics
// (short and meta), its speakers line as shown (lines, lineOff; not for a
// one-shot index) and the offset tables of the non-ASCII ones (omap). A
// big catalogue's halves are built apart on two goroutines, then joined.
func (ix *Index) indexShort(speakers *speakerPieces) {
	n := len(ix.cat.Talks)
	parts := 1
	if n >= parallelShort && runtime.GOMAXPROCS(0) > 1 {
		parts = 2
	}
	out := make([]shortPart, parts)
	perSpeaker := speakerSize(ix.cat)
	var wg sync.WaitGroup
	for p := range parts {
		build := func() { out[p].build(ix, speakers, perSpeaker, p*n/parts, (p+1)*n/parts) }
		if p < parts-1 {
			wg.Go(build)
		} else {
			build()
		}
	}
	wg.Wait()
	if parts == 1 {
		ix.short, ix.omap, ix.lines, ix.lineOff = out[0].short, out[0].omap, string(out[0].lines), out[0].lineOff
		return
	}
	var shortLen, omapLen, linesLen int
	for _, p := range out {
		shortLen, omapLen, linesLen = shortLen+len(p.short), omapLen+len(p.omap), linesLen+len(p.lines)
	}
	ix.short = make([]byte, 0, shortLen)
	ix.omap = make([]uint16, 0, omapLen)
	if !ix.oneShot {
		ix.lineOff = make([]uint32, 1, n+1)
	}
	var lines strings.Builder
	lines.Grow(linesLen)
	for _, p := range out {
		base, mapBase, lineBase := uint32(len(ix.short)), uint32(len(ix.omap)), uint32(lines.Len())
		for i := p.from; i < p.to; i++ {
			m := &ix.meta[i]
			m.off += base
			if m.titleMap > 0 {
				m.titleMap += mapBase
			}
			if m.lineMap > 0 {
				m.lineMap += mapBase
			}
		}
		if !ix.oneShot {
			for _, o := range p.lineOff[1:] {
				ix.lineOff = append(ix.lineOff, lineBase+o)
			}
		}
		ix.short = append(ix.short, p.short...)
		ix.omap = append(ix.omap, p.omap...)
		lines.Write(p.lines)
	}
	ix.lines = lines.String()
}

// shortPart is the short fields of talks [from, to), as indexShort builds
// them: meta's offsets (off, titleMap, lineMap) are into the part's own
// short and omap, and lineOff (from 0) into its lines.
type shortPart struct {
	from, to int
	short    []byte
	omap     []uint16
	lines    []byte
	lineOff  []uint32
}

func (p *shortPart) build(ix *Index, speakers *speakerPieces, perSpeaker, from, to int) {
	p.from, p.to = from, to
	talks := ix.cat.Talks[from:to]
	// Size the big buffers once: growing them by appending would copy
	// them over and over.
	var titles, people, topics int
	for i := range talks {
		t := &talks[i]
		titles += len(t.Title)
		people += len(t.Speakers) * perSpeaker
		for _, tp := range t.Topics {
			topics += len(tp) + 2
		}
	}
	p.short = make([]byte, 0, titles+people+topics+titles/8+people/8)
	if !ix.oneShot {
		p.omap = make([]uint16, 0, people/4)
	}
	// A one-shot index makes the lines of the talks shown when asked
	// (SpeakerLine): a query prints a few of its 100,000 talks.
	shown := !ix.oneShot
	if shown {
		p.lines = make([]byte, 0, people+people/8)
		p.lineOff = make([]uint32, 1, len(talks)+1)
	}
	var found []int32 // the talk's pieces (speakers.all)
	for k := range talks {
		t := &talks[k]
		m := &ix.meta[from+k]
		m.off = uint32(len(p.short))
		p.short = foldAppend(p.short, t.Title)
		m.titleLen = uint32(len(p.short)) - m.off

		// The speakers line, shown and folded, from the speakers'
		// pieces.
		start := len(p.lines)
		found = found[:0]
		var lineMask uint64
		lineASCII := true
		for _, id := range t.Speakers {
			k, ok := speakers.find(id)
			if !ok {
				continue
			}
			if len(found) > 0 {
				p.short = append(p.short, ", "...)
				if shown {
					p.lines = append(p.lines, ", "...)
				}
			}
			found = append(found, k)
			if shown {
				p.lines = append(p.lines, speakers.all[k].shown...)
			}
			r := &speakers.refs[k]
			p.short = append(p.short, speakers.folded[r.off:r.end]...)
			lineMask |= r.mask
			lineASCII = lineASCII && r.ascii
		}
		if shown {
			p.lineOff = append(p.lineOff, uint32(len(p.lines)))
		}
		m.lineLen = uint32(len(p.short)) - m.off - m.titleLen

		for k, topic := range t.Topics {
			if k > 0 {
				p.short = append(p.short, ", "...)
			}
			p.short = foldAppend(p.short, topic)
		}
		m.topicsLen = uint32(len(p.short)) - m.off - m.titleLen - m.lineLen
		var f talkFlags
		if isASCIIString(t.Title) {
			f |= flagTitleASCII
		}
		if lineASCII {
			f |= flagLineASCII
		}
		m.flags = f
		end := m.off + m.titleLen
		m.titleMask = charMask(p.short[m.off:end])
		m.lineMask = lineMask
		m.topicsMask = charMask(p.short[end+m.lineLen : end+m.lineLen+m.topicsLen])
		if ix.oneShot {
			// Highlight maps the few rows shown on the fly.
			continue
		}
		p.omap, m.titleMap = addMap(p.omap, t.Title, f&flagTitleASCII != 0)
		if !lineASCII && len(p.lines)-start <= 0xffff {
			p.omap, m.lineMap = p.lineMap(speakers.all, found)
		}
	}
}

// lineMap appends the offset table (addMap's) of the speakers line made of
// the pieces all[k] of found, and returns its talkMeta reference.
func (p *shortPart) lineMap(all []speakerPiece, found []int32) ([]uint16, uint32) {
	ref := uint32(len(p.omap)) + 1
	at := uint16(0)
	for n, k := range found {
		sp := &all[k]
		if n > 0 {
			p.omap = append(p.omap, at, at+1) // ", "
			at += 2
		}
		if sp.ascii {
			for o := range uint16(len(sp.shown)) {
				p.omap = append(p.omap, at+o)
			}
		} else {
			for _, o := range sp.omap {
				p.omap = append(p.omap, at+o)
			}
		}
		at += uint16(len(sp.shown))
	}
	if len(p.omap)-int(ref-1) > 0xffff {
		return p.omap[:ref-1], 0
	}
	return p.omap, ref
}

// speakerPiece is a speaker's part of the speakers lines, prepared once
// for all the speaker's talks: "Name (Org)" (or "Name") as shown and
// folded (speakerRef), and whether it is ASCII, else its offset table
// (addMap's, nil for one too long for it). Lines join pieces with ", ",
// which folds to itself and adds no letter, and a rune never spans two
// pieces, so a line's folded form, mask and table are its pieces' joined.
type speakerPiece struct {
	*Speaker
	shown string
	ascii bool
	omap  []uint16
}

// speakerRef is what the short fields take from a piece: its folded form,
// folded[off:end] of its speakerPieces, that form's charMask and whether
// the piece is ASCII. Next to the other pieces' and a few bytes long, they
// stay in cache while 100,000 talks look theirs up.
type speakerRef struct {
	mask     uint64
	off, end uint32
	ascii    bool
}

// speakerPieces are the pieces of the catalogue's speakers: all[k] and
// refs[k] are Speakers[k]'s, and byID[id] the k of the first speaker with
// that ID (as Catalogue.Index does), whether or not the catalogue was
// indexed; a duplicate's piece is left empty.
type speakerPieces struct {
	byID map[string]int32
	// byData maps where a speaker's ID is in memory (stringRef) to
	// byID's answer for it: see find.
	byData map[stringRef]int32
	all    []speakerPiece
	refs   []speakerRef
	folded []byte
}

func newSpeakerPieces(c *Catalogue) *speakerPieces {
	sp := &speakerPieces{
		byID: make(map[string]int32, len(c.Speakers)),
		all:  make([]speakerPiece, len(c.Speakers)),
		refs: make([]speakerRef, len(c.Speakers)),
	}
	for k := range c.Speakers {
		s := &c.Speakers[k]
		if _, dup := sp.byID[s.ID]; dup {
			continue
		}
		p := &sp.all[k]
		p.Speaker, p.shown = s, s.Name
		if s.Org != "" {
			p.shown = s.Name + " (" + s.Org + ")"
		}
		off := len(sp.folded)
		sp.folded = foldAppend(sp.folded, p.shown)
		p.ascii = isASCIIString(p.shown)
		if !p.ascii && len(p.shown) <= 0xffff {
			p.omap = appendOffsets(nil, p.shown)
		}
		sp.refs[k] = speakerRef{mask: charMask(sp.folded[off:]), off: uint32(off), end: uint32(len(sp.folded)), ascii: p.ascii}
		sp.byID[s.ID] = int32(k)
	}
	sp.byData = make(map[stringRef]int32, len(c.Speakers))
	for k := range c.Speakers {
		id := c.Speakers[k].ID
		if id != "" {
			sp.byData[refOf(id)] = sp.byID[id]
		}
	}
	return sp
}

// find returns byID[id]. An importer gives a talk's speakers the very
// strings of their speakers' IDs, which point into the 100 MB it read,
// each on a page of its own: hashing one reads that page, and 150,000 of
// them cost 20 ms. A string in the same place and of the same length as a
// speaker's ID has the same bytes, so byData answers for it from the
// string's header alone; any other string is looked up by its bytes.
func (sp *speakerPieces) find(id string) (int32, bool) {
	if id != "" {
		if k, ok := sp.byData[refOf(id)]; ok {
			return k, true
		}
	}
	k, ok := sp.byID[id]
	return k, ok
}

// stringRef is where a non-empty string's bytes are: two strings with the
// same stringRef are equal.
type stringRef struct {
	data *byte
	len  int
}

func refOf(s string) stringRef { return stringRef{unsafe.StringData(s), len(s)} }

// fieldGroup is a group of qualifier fields, built by one loop over the
// talks.
type fieldGroup int

const (
	fieldsPeople fieldGroup = iota // names, orgs
	fieldsPlaces                   // kinds, tracks, rooms, langs
	fieldsDays                     // days, dayOrdinal
	fieldsHas                      // has
	fieldGroups
)

// fieldsFor builds the qualifier fields a term of kind k looks in, when
// they are not built yet.
func (ix *Index) fieldsFor(k termKind) {
	switch k {
	case termWord, termPhrase, termIs, termEvent:
	case termSpeaker, termOrg:
		ix.fields[fieldsPeople]()
	case termKindQ, termTrack, termRoom, termLang:
		ix.fields[fieldsPlaces]()
	case termDay:
		ix.fields[fieldsDays]()
	case termHas:
		ix.fields[fieldsHas]()
	default:
		for _, build := range ix.fields {
			build()
		}
	}
}

// indexFields builds the qualifier fields of group g: the speakers' names
// and organisations; kind, track, room and language; day; what has: asks.
func (ix *Index) indexFields(g fieldGroup, speakers *speakerPieces) {
	c := ix.cat
	switch g {
	case fieldsPeople:
		refs := 0
		for i := range c.Talks {
			refs += len(c.Talks[i].Speakers)
		}
		ix.names.b = make([]byte, 0, refs*speakerSize(c))
		ix.orgs.b = make([]byte, 0, refs*speakerSize(c)/2)
		var namesBuf, orgsBuf []byte
		for i := range c.Talks {
			namesBuf, orgsBuf = namesBuf[:0], orgsBuf[:0]
			for k, id := range c.Talks[i].Speakers {
				n, ok := speakers.find(id)
				if !ok {
					continue
				}
				s := &speakers.all[n]
				if k > 0 {
					namesBuf = append(namesBuf, '\n')
					orgsBuf = append(orgsBuf, '\n')
				}
				namesBuf = append(namesBuf, s.Name...)
				orgsBuf = append(orgsBuf, s.Org...)
			}
			ix.names.addBytes(namesBuf)
			ix.orgs.addBytes(orgsBuf)
		}
	case fieldsPlaces:
		for i := range c.Talks {
			t := &c.Talks[i]
			ix.kinds.add(t.Kind)
			ix.tracks.add(t.Track)
			ix.rooms.add(t.Room)
			ix.langs.add(t.Language)
		}
	case fieldsDays:
		ix.dayOrdinal = make([]uint16, len(c.Talks))
		dayNumber := programmeDays(c)
		weekdays := map[string]string{}
		for i := range c.Talks {
			t := &c.Talks[i]
			day := t.Day
			if day == "" && t.HasSchedule() {
				day = t.Start.Format(time.DateOnly)
			}
			wd, ok := weekdays[day]
			if !ok {
				if d, err := time.Parse(time.DateOnly, day); err == nil {
					wd = day + "\n" + d.Weekday().String()
				} else {
					wd = day
				}
				weekdays[day] = wd
			}
			ix.days.add(wd)
			ix.dayOrdinal[i] = uint16(dayNumber[day])
		}
	case fieldsHas:
		ix.has = make([]talkFlags, len(c.Talks))
		for i := range c.Talks {
			t := &c.Talks[i]
			var f talkFlags
			if _, ok := t.Link(LinkSlides); ok {
				f |= flagSlides
			}
			if _, ok := t.VideoLink(); ok {
				f |= flagVideo
			}
			if t.HasSchedule() {
				f |= flagSchedule
			}
			ix.has[i] = f
		}
	}
}

// lazySummaries is the catalogue size from which NewIndex returns before
// the summaries' vocabulary is complete.
const lazySummaries = 4096

// summaryWords collects the distinct words of a range of summaries.
type summaryWords struct {
	words []string
	table *wordTable
	// seen[w] is 1 + the last talk whose summary had word w.
	seen []int32
	// ids are the talks' word IDs one talk after another; off[k] is where
	// the (k+1)th talk's end.
	ids, off []uint32
	word     []byte
	hash     uint32
}

// startSummaries starts collecting the summaries' words, on two goroutines
// for a large catalogue, and returns a function that waits for them and
// returns the vocabulary and every talk's word IDs (with their offsets, one
// more than there are talks).
func (ix *Index) startSummaries(summaryBytes int) func() ([]string, []uint32, []uint32) {
	talks := ix.cat.Talks
	parts := 1
	if len(talks) >= 4096 && runtime.GOMAXPROCS(0) > 1 {
		parts = 2
	}
	out := make([]*summaryWords, parts)
	var wg sync.WaitGroup
	for p := range parts {
		from, to := p*len(talks)/parts, (p+1)*len(talks)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &summaryWords{
				table: newWordTable(1 << 12),
				ids:   make([]uint32, 0, summaryBytes/6/parts),
				off:   make([]uint32, 0, to-from),
				hash:  fnvOffset,
			}
			for i := from; i < to; i++ {
				w.add(i, talks[i].Summary)
			}
			out[p] = w
		}()
	}
	return func() ([]string, []uint32, []uint32) {
		wg.Wait()
		first := out[0]
		words, ids := first.words, first.ids
		if len(out) > 1 {
			total := 0
			for _, w := range out {
				total += len(w.ids)
			}
			ids = append(make([]uint32, 0, total), first.ids...)
		}
		off := append(make([]uint32, 1, len(talks)+1), first.off...)
		for _, w := range out[1:] {
			// Renumber this part's words into the first part's vocabulary.
			renum := make([]uint32, len(w.words))
			for k, word := range w.words {
				h := fnvString(word)
				id, ok := first.table.findString(words, word, h)
				if !ok {
					id = uint32(len(words))
					words = append(words, word)
					first.table.insert(words, id, h)
				}
				renum[k] = id
			}
			base := uint32(len(ids))
			for _, id := range w.ids {
				ids = append(ids, renum[id])
			}
			for _, o := range w.off {
				off = append(off, base+o)
			}
		}
		return words, ids, off
	}
}

// add appends the IDs of the distinct words of talk i's summary, folded on
// the fly.
func (w *summaryWords) add(i int, summary string) {
	for p := 0; p < len(summary); {
		c := summary[p]
		if c < utf8.RuneSelf {
			p++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if isWordByte(c) {
				w.word = append(w.word, c)
				w.hash = (w.hash ^ uint32(c)) * fnvPrime
			} else if len(w.word) > 0 {
				w.flush(i)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(summary[p:])
		p += size
		f := foldRune(r)
		for k := 0; k < len(f); k++ {
			if isWordByte(f[k]) {
				w.word = append(w.word, f[k])
				w.hash = (w.hash ^ uint32(f[k])) * fnvPrime
			} else if len(w.word) > 0 {
				w.flush(i)
			}
		}
	}
	if len(w.word) > 0 {
		w.flush(i)
	}
	w.off = append(w.off, uint32(len(w.ids)))
}

// flush ends the current word of talk i's summary.
func (w *summaryWords) flush(i int) {
	id, ok := w.table.find(w.words, w.word, w.hash)
	if !ok {
		id = uint32(len(w.words))
		w.words = append(w.words, string(w.word))
		w.table.insert(w.words, id, w.hash)
		w.seen = append(w.seen, 0)
	}
	if w.seen[id] != int32(i+1) {
		w.seen[id] = int32(i + 1)
		w.ids = append(w.ids, id)
	}
	w.word = w.word[:0]
	w.hash = fnvOffset
}

// sortVocabulary renumbers the summary words in sorted order, so the words
// starting with a prefix are one range of IDs, and builds the postings.
func (ix *Index) sortVocabulary() {
	order := make([]uint32, len(ix.words))
	for k := range order {
		order[k] = uint32(k)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(ix.words[a], ix.words[b]) })
	rank := make([]uint32, len(order))
	sorted := make([]string, len(order))
	for r, old := range order {
		rank[old] = uint32(r)
		sorted[r] = ix.words[old]
	}
	ix.words = sorted
	parts := 1
	if len(ix.meta) >= parallelPostings && runtime.GOMAXPROCS(0) > 1 {
		parts = 2
	}
	ix.postings(rank, parts)
	ix.sumOff = nil // meta has the spans now
}

// parallelPostings is the catalogue size from which the postings are
// built on two goroutines.
const parallelPostings = 4096

// postings renumbers the summaries' word IDs by rank (old ID -> new ID)
// and builds the postings of every word, in parts runs of consecutive
// talks, each on its own goroutine. Each part counts its words, so that
// its talks have their own places in each word's postings, after the
// earlier parts' talks: the postings are in programme order however many
// parts there are. Writing them is a scatter over a big array, bound by
// memory, which is why two cores help.
func (ix *Index) postings(rank []uint32, parts int) {
	n := len(ix.sumOff) - 1
	for i := range n {
		ix.meta[i].sumStart, ix.meta[i].sumEnd = ix.sumOff[i], ix.sumOff[i+1]
	}
	ix.sumIDs = slices.Clip(ix.sumIDs)
	ix.postTalks = make([]uint32, len(ix.sumIDs))
	// next[p][w] counts part p's talks with word w, then becomes where
	// part p writes its next talk with word w.
	next := make([][]uint32, parts)
	inParts := func(f func(p, from, to int)) {
		var wg sync.WaitGroup
		for p := 1; p < parts; p++ {
			wg.Go(func() { f(p, p*n/parts, (p+1)*n/parts) })
		}
		f(0, 0, n/parts)
		wg.Wait()
	}
	inParts(func(p, from, to int) {
		count := make([]uint32, len(ix.words))
		ids := ix.sumIDs[ix.sumOff[from]:ix.sumOff[to]]
		for k, id := range ids {
			id = rank[id]
			ids[k] = id
			count[id]++
		}
		next[p] = count
	})
	ix.postOff = make([]uint32, len(ix.words)+1)
	for w := range ix.words {
		at := ix.postOff[w]
		for _, count := range next {
			at, count[w] = at+count[w], at
		}
		ix.postOff[w+1] = at
	}
	inParts(func(p, from, to int) {
		next := next[p]
		for i := from; i < to; i++ {
			for _, id := range ix.sumIDs[ix.sumOff[i]:ix.sumOff[i+1]] {
				ix.postTalks[next[id]] = uint32(i)
				next[id]++
			}
		}
	})
}

// FNV-1a, computed byte by byte as the tokenizer reads a word.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// wordTable is an open-addressing hash set of word IDs, faster than a
// map[string]uint32 for millions of short lookups (the hash comes for free
// from the tokenizer).
type wordTable struct {
	slots []uint32 // 1 + word ID, 0 = empty
	n     int
}

func newWordTable(size int) *wordTable { return &wordTable{slots: make([]uint32, size)} }

func (w *wordTable) find(words []string, word []byte, h uint32) (uint32, bool) {
	mask := uint32(len(w.slots) - 1)
	for k := h & mask; ; k = (k + 1) & mask {
		s := w.slots[k]
		if s == 0 {
			return 0, false
		}
		if words[s-1] == string(word) {
			return s - 1, true
		}
	}
}

func (w *wordTable) findString(words []string, word string, h uint32) (uint32, bool) {
	mask := uint32(len(w.slots) - 1)
	for k := h & mask; ; k = (k + 1) & mask {
		s := w.slots[k]
		if s == 0 {
			return 0, false
		}
		if words[s-1] == word {
			return s - 1, true
		}
	}
}

func (w *wordTable) insert(words []string, id, h uint32) {
	if 2*(w.n+1) > len(w.slots) {
		old := w.slots
		w.slots = make([]uint32, 2*len(old))
		w.n = 0
		for _, s := range old {
			if s != 0 {
				w.insert(words, s-1, fnvString(words[s-1]))
			}
		}
	}
	mask := uint32(len(w.slots) - 1)
	k := h & mask
	for w.slots[k] != 0 {
		k = (k + 1) & mask
	}
	w.slots[k] = id + 1
	w.n++
}

func fnvString(s string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

// addMap appends the offset table of a non-ASCII field to omap and
// returns its talkMeta reference (0: none, for ASCII fields and fields too
// long for 16-bit offsets, which are mapped on the fly).
func addMap(omap []uint16, s string, ascii bool) ([]uint16, uint32) {
	if ascii || len(s) > 0xffff {
		return omap, 0
	}
	ref := uint32(len(omap)) + 1
	omap = appendOffsets(omap, s)
	if len(omap)-int(ref-1) > 0xffff {
		return omap[:ref-1], 0
	}
	return omap, ref
}

// appendOffsets appends, for each byte of the folded s (at most 0xffff
// bytes), the byte offset in s of the rune it comes from.
func appendOffsets(omap []uint16, s string) []uint16 {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			omap = append(omap, uint16(i))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		for range len(foldRune(r)) {
			omap = append(omap, uint16(i))
		}
		i += size
	}
	return omap
}

// programmeDays numbers the catalogue's distinct days 1, 2, ... in date order.
func programmeDays(c *Catalogue) map[string]int {
	seen := map[string]bool{}
	var days []string
	for i := range c.Talks {
		t := &c.Talks[i]
		day := t.Day
		if day == "" && t.HasSchedule() {
			day = t.Start.Format(time.DateOnly)
		}
		if day != "" && !seen[day] {
			seen[day] = true
			days = append(days, day)
		}
	}
	slices.Sort(days)
	out := make(map[string]int, len(days))
	for k, d := range days {
		out[d] = k + 1
	}
	return out
}

// charMask sets bit b-'a' for letters, 26+d for digits and 63 for anything
// non-ASCII, so a term whose mask is not a subset cannot match.
func charMask(b []byte) uint64 {
	var m uint64
	for _, c := range b {
		m |= byteBits[c]
	}
	return m
}

// Catalogue returns the indexed catalogue.
func (ix *Index) Catalogue() *Catalogue { return ix.cat }

// Len returns the number of talks.
func (ix *Index) Len() int { return len(ix.meta) }

// SpeakerLine returns talk i's speakers as shown in lists:
// "Name (Org), Name (Org)" (no parentheses for a speaker without an
// organisation; "" for a talk without speakers). Highlight's speakers
// offsets refer to this string. It does not allocate, but for an index
// made by NewQueryIndex, which makes the line of each talk asked for from
// the catalogue (Catalogue.SpeakerLine, the same line).
func (ix *Index) SpeakerLine(i int) string {
	if ix.oneShot {
		return ix.cat.SpeakerLine(&ix.cat.Talks[i])
	}
	return ix.lines[ix.lineOff[i]:ix.lineOff[i+1]]
}

// Search returns the talks matching q, best first (see Hit and Result). An
// empty query returns every talk in programme order. marks answers
// is:starred and is:watched; nil means nothing is marked. Marks may be
// called from several goroutines at once.
func (ix *Index) Search(q Query, marks Marks) []Hit {
	return ix.Refine(nil, q, marks).Hits
}

// Refine answers q, reusing prev when it can: when q only narrows prev's
// query (same terms with values typed further, plus new terms - what typing
// at the end of the input does), only prev's hits are examined, with the
// talks a word typed further can newly match (search_widen.go); otherwise,
// or when prev is nil or from another index, it searches everything. The
// result is always the same as a full search. Marks must not have changed
// since prev was computed (after starring a talk, pass prev = nil), nor
// prev.Hits (Refine reads which talks they are; their order does not
// matter).
func (ix *Index) Refine(prev *Result, q Query, marks Marks) *Result {
	res := &Result{Query: q.text, query: q, ix: ix, hl: highlightTerms(q)}
	if q.Empty() {
		res.Hits = make([]Hit, ix.Len())
		for i := range res.Hits {
			res.Hits[i].Talk = i
		}
		return res
	}
	res.searched = true
	var cand []int32
	if prev != nil && prev.ix == ix && prev.searched && !ix.oneShot {
		var more []uint64
		refine := narrows(prev.query, q)
		if !refine {
			// A word typed across a length where typos or letters
			// inside a word start to count (search_widen.go).
			more = ix.widen(prev.query, q)
			refine = more != nil
		}
		if refine {
			candp := ix.candidates(prev.Hits, more)
			defer candPool.Put(candp)
			if len(*candp) == 0 {
				res.Hits = []Hit{}
				return res
			}
			cand = *candp
		}
	}
	res.Hits = ix.run(q, marks, cand)
	return res
}

// narrows reports whether every talk matching next also matches prev: each
// term of prev is implied by a term of next.
func narrows(prev, next Query) bool {
	for _, p := range prev.terms {
		if !impliedBy(next, p) {
			return false
		}
	}
	return true
}

// impliedBy reports whether a term of q implies p.
func impliedBy(q Query, p term) bool {
	return slices.ContainsFunc(q.terms, func(n term) bool { return implies(n, p) })
}

// implies reports whether matching n guarantees matching p.
func implies(n, p term) bool {
	if n.kind != p.kind || n.neg != p.neg || n.whole != p.whole {
		return false
	}
	if n.neg || n.whole || !n.kind.prefixMonotone() {
		return n.value == p.value
	}
	// Extending a value at the end only narrows its matches (exact,
	// abbreviation, or typo with as many edits allowed: see
	// search_word.go), unless it crosses a length where more kinds of
	// match start (typos from 5 letters, letters inside a word from 3).
	if n.kind == termWord && (typoEdits([]byte(n.value)) != typoEdits([]byte(p.value)) ||
		(len(n.value) >= minInWord) != (len(p.value) >= minInWord)) {
		return false
	}
	return strings.HasPrefix(n.value, p.value)
}
