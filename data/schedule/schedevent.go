package schedule

import (
	"fmt"
	"hash/maphash"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"cndtalks/data/internal/source"
	"cndtalks/internal/opcount"
	"cndtalks/model"
)

// An event becomes a talk in two steps, so that the first can run on
// several goroutines:
//
//  1. eventBuilder.build does all that depends on the event alone: its
//     fields cleaned and shortened, its times, its summary from HTML, its
//     links resolved and typed. Its notes are kept in the draft, not given.
//  2. schedBuilder.add, called once per event in the schedule's order,
//     does what depends on the events before it: the talk's final ID (a
//     repeated session is numbered, the same listing twice dropped) and
//     its speakers (one per person across the schedule). It gives the
//     notes in the order a one-pass build gave them.
//
// An eventBuilder is for one goroutine at a time (it has a scratch set);
// eventOptions and the events are only read. schedBuilder.add must be
// called from one goroutine, in event order.

// eventOptions is what building any event of a schedule needs.
type eventOptions struct {
	base         string // the schedule's base URL for relative links
	loc          *time.Location
	dayChange    time.Duration
	hasDayChange bool
}

// pendingNote is a note of a draft, given when the draft is added.
type pendingNote struct {
	kind                   SkipKind
	record, reason, detail string
	count                  []int
}

// eventDraft is what building one event as far as it can be alone leaves
// for schedBuilder.add besides its talk, which is built in its place in
// the catalogue (see buildEvents).
type eventDraft struct {
	// dropped is set when the event has no title or no ID: it has no
	// talk, only its notes.
	dropped bool
	// idHash is the hash of the talk's ID, for schedBuilder.talkIDs.
	idHash uint64
	// persons are the event's persons, prepared (see speakers), and
	// keys their keys, one after another.
	persons []draftPerson
	keys    []byte
	// notes[:listed] come before the listing check (fields, times),
	// notes[listed:summarised] after it (the summary's), then the
	// persons' (the limit's, then from personNotes each person's own,
	// among the speakers' notes), and from spoken on the links'.
	notes                                   []pendingNote
	listed, summarised, personNotes, spoken int
}

// slab hands out slices of a few big arrays: the many short lists a
// schedule's import makes (each talk's links and speakers, each event's
// persons and links) live as long as each other, and one allocation for
// a thousand of them costs less than a thousand. Each slice's capacity is
// its length, so appending to one never writes into the next.
type slab[T any] struct{ free []T }

// slabSize is how many elements a slab allocates at a time.
const slabSize = 1024

// take returns an empty slice with room for n elements.
func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return make([]T, 0) // as make([]T, 0, n) gives it: empty, not nil
	}
	if n > len(s.free) {
		s.free = make([]T, max(n, slabSize))
	}
	out := s.free[:0:n]
	s.free = s.free[n:]
	return out
}

// eventBuilder builds drafts (see above).
type eventBuilder struct {
	opts     eventOptions
	linkSlab slab[model.Link] // the talks' links
	draft    *eventDraft      // the draft being built: where notes go
	skip     skipFunc         // appends to draft.notes
	urls     map[string]int   // link URLs of the talk being built -> index
	names    map[string]int   // how often each name without an identifier came in it
	seed     maphash.Seed     // of the schedBuilder's tables, for the keys' hashes
	// day and date are the day of the last event built and
	// datePart(day.Date): a schedule's events come day by day, and each
	// day's date is checked once, not for each of its events.
	day  *schedDay
	date string
}

// newEventBuilder returns a builder of drafts for a schedBuilder whose
// tables hash with seed.
func newEventBuilder(opts eventOptions, seed maphash.Seed) *eventBuilder {
	eb := &eventBuilder{opts: opts, urls: map[string]int{}, names: map[string]int{}, seed: seed}
	eb.skip = func(kind SkipKind, record, reason, detail string, count ...int) {
		eb.draft.notes = append(eb.draft.notes, pendingNote{kind: kind, record: record, reason: reason, detail: detail, count: count})
	}
	return eb
}

// dayPart returns datePart(e.Day.Date), "" when e has no day.
func (eb *eventBuilder) dayPart(e *schedEvent) string {
	if e.Day == nil {
		return ""
	}
	if e.Day != eb.day {
		eb.day, eb.date = e.Day, datePart(e.Day.Date)
	}
	return eb.date
}

// line shortens a one-line field to the catalogue's limit, with a note.
func (eb *eventBuilder) line(e *schedEvent, field, s string) string {
	return fieldLine(eb.skip, e, field, s)
}

// build makes e's draft into d (whose notes' memory it reuses) and its
// talk into t, which is zero: the talk has the event's own ID (talkID)
// and no speakers. A dropped event leaves t as it is.
func (eb *eventBuilder) build(e *schedEvent, d *eventDraft, t *model.Talk) {
	*d = eventDraft{notes: d.notes[:0], persons: d.persons[:0], keys: d.keys[:0]}
	eb.draft = d
	defer func() { eb.draft = nil }()
	title := eb.line(e, "title", cleanTitle(e.Title))
	if title == "" {
		eb.skip(SkipTalk, e.record(), "no title", "")
		d.dropped = true
		return
	}
	id := talkID(e)
	if id == "" {
		eb.skip(SkipTalk, e.record(), "no id, guid or slug to identify it", "")
		d.dropped = true
		return
	}
	d.idHash = maphash.String(eb.seed, id)
	*t = model.Talk{
		ID:       id,
		Title:    title,
		Subtitle: eb.line(e, "subtitle", cleanTitle(e.Subtitle)),
		// strings.ToLower maps a letter to a letter ("İ" to "i", the
		// Kelvin sign to "k"), which sanitising treats alike; the kind is
		// sanitised again after it all the same, so that the catalogue
		// being sanitised (see Import) does not rest on the case tables.
		Kind:     model.SanitizeLine(strings.ToLower(eb.line(e, "type", model.SanitizeLine(e.Type)))),
		Track:    eb.line(e, "track", model.SanitizeLine(e.Track)),
		Room:     eb.line(e, "room", model.SanitizeLine(e.Room)),
		Language: eb.line(e, "language", model.SanitizeLine(e.Language)),
	}
	if t.Kind == "" {
		t.Kind = "talk"
	}
	if err := setTimes(t, e, eb.dayPart(e), eb.opts.loc, eb.opts.dayChange, eb.opts.hasDayChange); err != "" {
		eb.skip(SkipField, e.record(), "time not read: the talk is kept without it", err)
	}
	d.listed = len(d.notes)
	// Relative URLs of an event belong to the site that wrote it: the
	// pretalx instance it came from, else its own page, else the schedule.
	evBase := eb.opts.base
	for _, u := range []string{e.OriginURL, e.URL} {
		if u == "" {
			continue // SafeURL refuses it; no error to build
		}
		if _, _, err := model.SafeURLString(u); err == nil {
			evBase = u
			break
		}
	}
	abstract := htmlToMarkdown(e.Abstract, evBase)
	desc := htmlToMarkdown(e.Description, evBase)
	switch {
	case desc == "" || desc == abstract:
		t.Summary = abstract
	case abstract == "":
		t.Summary = desc
	default:
		t.Summary = abstract + "\n\n" + desc
	}
	if len(t.Summary) > model.MaxTextLength {
		eb.skip(SkipField, e.record(), fmt.Sprintf("abstract and description longer than %d bytes: shortened", model.MaxTextLength), fmt.Sprintf("%d bytes", len(t.Summary)))
		t.Summary = truncate(t.Summary, model.MaxTextLength-len("…"))
	}
	d.summarised = len(d.notes)
	eb.persons(e, d)
	d.spoken = len(d.notes)
	t.Links = eb.links(e, evBase)
}

// give passes notes on to skip.
func give(skip skipFunc, notes []pendingNote) {
	for _, n := range notes {
		skip(n.kind, n.record, n.reason, n.detail, n.count...)
	}
}

// add gives the notes of e, whose draft is d and talk talks[i], and,
// unless the event is dropped or its listing a duplicate, gives the talk
// its final ID and its speakers; else it leaves talks[i] zero, for
// buildEvents to remove.
func (b *schedBuilder) add(e *schedEvent, d *eventDraft, talks []model.Talk, i int) {
	if d.dropped {
		give(b.skip, d.notes)
		return
	}
	give(b.skip, d.notes[:d.listed])
	t := &talks[i]
	id := t.ID
	opcount.Add(1)
	if k, taken := find(b.talkIDs, d.idHash, id); !taken {
		b.giveID(d.idHash, id, i)
	} else {
		// A repeated session (the same guid at another time or in
		// another room) is a talk of its own; the same listing twice
		// is a duplicate.
		if first := b.talkAt[k]; first >= 0 {
			// The ID's first talk: its listing is needed from now on.
			b.seen[occurrenceOf(id, &talks[first])] = true
			b.talkAt[k] = -1
		}
		occurrence := occurrenceOf(id, t)
		opcount.Add(1)
		if b.seen[occurrence] {
			b.skip(SkipTalk, e.record(), "listed twice at the same time and place: kept once", "")
			*t = model.Talk{}
			return
		}
		b.seen[occurrence] = true
		// Resume after the last number given to this ID (the ones
		// before it stay taken), so that numbering stays linear.
		n := max(b.repeatNext[id], 2)
		for opcount.Add(1); b.taken(id + "-" + strconv.Itoa(n)); opcount.Add(1) {
			n++
		}
		b.repeatNext[id] = n + 1
		t.ID = id + "-" + strconv.Itoa(n)
		b.giveID(b.talkIDs.hash(t.ID), t.ID, -1)
		b.skip(SkipRepair, e.record(), "repeated session (same id at another time or place): kept as a talk of its own", "ID "+t.ID)
	}
	give(b.skip, d.notes[d.listed:d.summarised])
	t.Speakers = b.speakers(e, d)
	give(b.skip, d.notes[d.spoken:])
}

// draftChunk is how many events buildEvents drafts before adding them: a
// bound on the drafts held at once (two chunks' when two goroutines
// work).
const draftChunk = 2048

// minParallelEvents is the schedule size from which buildEvents drafts on
// two goroutines; below it, starting one costs more than it saves.
const minParallelEvents = 4096

// eventWorkers is how many goroutines draft n events: two for a big
// schedule when there are two processors, else one.
func eventWorkers(n int) int {
	if n >= minParallelEvents && runtime.GOMAXPROCS(0) > 1 {
		return 2
	}
	return 1
}

// draftBatch is how many events a goroutine claims at a time when two
// draft one chunk: small enough that they finish together, large enough
// that claiming costs nothing.
const draftBatch = 32

// buildEvents builds every event into b's catalogue, whose talks it sets,
// in chunks of chunk events: each chunk is drafted, then its drafts are
// added in order. Event i's talk is built in place i of the talks'
// slice, by whichever goroutine drafts it, and add completes it there:
// a talk is never copied from a draft, and the slots of events that give
// no talk are removed at the end.
//
// With two workers the chunks go through a pipeline: while this goroutine
// adds one chunk (add runs here only, in event order), another goroutine
// drafts the next one, and this goroutine joins it when it is done adding.
// The two take batches of the chunk as they come, so whichever is free
// works; each draft and talk has its own place, so the result is the same
// as one goroutine's.
func buildEvents(b *schedBuilder, opts eventOptions, events []schedEvent, workers, chunk int) {
	talks := make([]model.Talk, len(events))
	source.PrefaultOf(talks)
	defer func() { b.cat.Talks = compactTalks(talks) }()
	chunk = max(1, min(chunk, len(events)))
	if workers == 1 {
		eb := newEventBuilder(opts, b.seed)
		drafts := make([]eventDraft, chunk)
		for from := 0; from < len(events); from += chunk {
			to := min(from+chunk, len(events))
			for i := from; i < to; i++ {
				eb.build(&events[i], &drafts[i-from], &talks[i])
			}
			b.addRange(events, drafts, talks, from, to)
		}
		return
	}
	// Two sets of drafts: one being added while the other is drafted.
	// A set is drafted again only after its adds are done, so the
	// memory of its notes and persons is free to reuse.
	sets := [2][]eventDraft{make([]eventDraft, chunk), make([]eventDraft, chunk)}
	mine, helper := newEventBuilder(opts, b.seed), newEventBuilder(opts, b.seed)
	// draft drafts events[from:to] into ds, by batches claimed from next.
	draft := func(eb *eventBuilder, from, to int, ds []eventDraft, next *atomic.Int64) {
		for {
			i := from + int(next.Add(draftBatch)) - draftBatch
			if i >= to {
				return
			}
			for j := i; j < min(i+draftBatch, to); j++ {
				eb.build(&events[j], &ds[j-from], &talks[j])
			}
		}
	}
	// The first chunk is drafted by both, with nothing to add yet.
	var next atomic.Int64
	var wg sync.WaitGroup
	first := min(chunk, len(events))
	wg.Go(func() { draft(helper, 0, first, sets[0], &next) })
	draft(mine, 0, first, sets[0], &next)
	wg.Wait()
	for n, from := 0, 0; from < len(events); n, from = n+1, from+chunk {
		to, ds := min(from+chunk, len(events)), sets[n%2]
		nextTo, nds := min(to+chunk, len(events)), sets[(n+1)%2]
		next.Store(0)
		if to < nextTo {
			wg.Go(func() { draft(helper, to, nextTo, nds, &next) })
		}
		b.addRange(events, ds, talks, from, to)
		if to < nextTo {
			draft(mine, to, nextTo, nds, &next)
			wg.Wait()
		}
	}
}

// compactTalks removes the zero talks (no ID) of events that gave none,
// keeping the others in order.
func compactTalks(talks []model.Talk) []model.Talk {
	n := 0
	for i := range talks {
		if talks[i].ID == "" {
			continue
		}
		if n != i {
			talks[n] = talks[i]
		}
		n++
	}
	clear(talks[n:])
	return talks[:n]
}

// touchBatch is how many events addRange touches (see touch) at a time
// before adding them.
const touchBatch = 16

// addRange adds events[from:to], whose drafts are ds and talks
// talks[from:to], in order, touching each batch's memory first.
func (b *schedBuilder) addRange(events []schedEvent, ds []eventDraft, talks []model.Talk, from, to int) {
	for at := from; at < to; at += touchBatch {
		end := min(at+touchBatch, to)
		b.touch(ds[at-from:end-from], talks[at:end])
		for i := at; i < end; i++ {
			b.add(&events[i], &ds[i-from], talks, i)
		}
	}
}

// touch reads what adding the drafts ds and their talks will read and
// most likely miss in the cache: the drafts' persons and keys and the
// talks' IDs (written on the other processor), then the tables' slots
// where the keys' probes start, and where those slots' keys and speaker
// IDs are. Each step reads all the batch's in a short loop, so that their
// misses overlap, where add, whose reads depend on each other, would wait
// for them one at a time. It changes nothing but b.touched, which nothing
// reads: adding is the same with it or without it.
func (b *schedBuilder) touch(ds []eventDraft, talks []model.Talk) {
	var sum uint64
	for k := range ds {
		d := &ds[k]
		sum += uint64(len(talks[k].ID))
		for i := range d.persons {
			sum += d.persons[i].keyHash
		}
		if len(d.keys) > 0 {
			sum += uint64(d.keys[0])
		}
	}
	ids, keys := b.talkIDs.slots, b.people.keys.slots
	idMask, keyMask := uint32(len(ids)-1), uint32(len(keys)-1)
	for k := range ds {
		d := &ds[k]
		sum += uint64(ids[uint32(d.idHash)&idMask].hash)
		for i := range d.persons {
			sum += uint64(keys[uint32(d.persons[i].keyHash)&keyMask].n)
		}
	}
	stored, speakerIDs := b.people.keys.keys, b.people.ids
	for k := range ds {
		d := &ds[k]
		for i := range d.persons {
			if n := keys[uint32(d.persons[i].keyHash)&keyMask].n; n != 0 {
				sum += uint64(len(stored[n-1])) + uint64(len(speakerIDs[n-1]))
			}
		}
	}
	b.touched += sum
}
