package schedule

import (
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"

	"cndtalks/internal/opcount"
	"cndtalks/model"
)

// Bounds on one schedule, so that no export can blow memory up: past them
// the rest is dropped and counted. Real exports stay far below (39C3: 895
// talks, at most 12 persons and 14 links in one talk).
const (
	maxScheduleTalks = 100_000
	maxTalkPersons   = 500
	maxTalkLinks     = 500
)

// fieldProblem is one note about a field, before the record it belongs to is
// named.
type fieldProblem struct {
	kind           SkipKind
	reason, detail string
}

// schedBuilder holds what buildSchedule shares across talks (see
// schedevent.go): the catalogue, the notes, the talk IDs given and the
// listings seen, who is who, and per-talk scratch sets (cleared, not
// reallocated, for each talk).
type schedBuilder struct {
	cat    *model.Catalogue
	skip   skipFunc
	people *speakerTable
	inTalk map[int]bool // speakers' numbers in the talk being built, if it is big (see speakers)
	nums   []int        // speakers' numbers in the talk being built (see speakers)
	ids    slab[string] // the talks' speaker IDs
	// talkIDs holds the talk IDs given, and talkAt, by the ID's
	// number, the place in the talks being built (see buildEvents) of
	// the talk that has it as its export's own ID, or -1 once that
	// talk's listing is in seen (or for a repeat's numbered ID): seen
	// holds the listings of the IDs given more than once. A second
	// listing at the same time and place is a duplicate, at another a
	// repeat; repeatNext is, by ID, where numbering its repeats
	// resumes. A talk listed once, as nearly all are, costs no listing
	// kept: seen is filled only when its ID comes again.
	talkIDs    *keyTable
	talkAt     []int32
	seen       map[occurrence]bool
	repeatNext map[string]int
	// seed is the seed of the tables' hashes, which the drafts make (see
	// keyTable).
	seed maphash.Seed
	// touched is where touch leaves what it read, so that its reads
	// are not removed as unused.
	touched uint64
}

// newSchedBuilder returns the builder of a catalogue of up to n talks.
func newSchedBuilder(cat *model.Catalogue, skip skipFunc, n int) *schedBuilder {
	seed := maphash.MakeSeed()
	return &schedBuilder{cat: cat, skip: skip, people: newSpeakerTable(cat, seed), seed: seed,
		talkIDs: newKeyTable(seed, n), talkAt: make([]int32, 0, n), seen: map[occurrence]bool{}, repeatNext: map[string]int{}}
}

// taken reports whether a talk has the ID id.
func (b *schedBuilder) taken(id string) bool {
	_, ok := find(b.talkIDs, b.talkIDs.hash(id), id)
	return ok
}

// giveID records that the talk at place i (or -1) has the ID id, whose
// hash is h and which no talk had.
func (b *schedBuilder) giveID(h uint64, id string, i int) {
	b.talkIDs.add(h, id)
	b.talkAt = append(b.talkAt, int32(i))
}

// fieldLine shortens a one-line field to the catalogue's limit, with a
// note to skip.
func fieldLine(skip skipFunc, e *schedEvent, field, s string) string {
	if len(s) <= model.MaxLineLength {
		return s
	}
	skip(SkipField, e.record(), fmt.Sprintf("%s longer than %d bytes: shortened", field, model.MaxLineLength), fmt.Sprintf("%d bytes", len(s)))
	return truncate(s, model.MaxLineLength-len("…"))
}

// shortLine is a sanitised one-line field within the catalogue's limit.
func shortLine(s string) string {
	s = model.SanitizeLine(s)
	if len(s) > model.MaxLineLength {
		s = truncate(s, model.MaxLineLength-len("…"))
	}
	return s
}

// draftPerson is a person of an event as eventBuilder.build prepares it:
// the name cleaned and shortened ("" for none), the identity, where its
// key (see appendPersonKey) ends in the draft's keys (it starts where the
// person's before ends), and how many of the draft's notes are about this
// person. The keys are made with the draft, on any goroutine, so that
// schedBuilder.speakers, which runs on one, only looks them up.
type draftPerson struct {
	p       *schedPerson
	name    string
	ident   identity
	keyEnd  int
	keyHash uint64 // the key's, for speakerTable.keys
	notes   int
}

// persons prepares e's persons for speakers, keeping their notes in the
// draft: the limit's, then each person's own (name shortened, no name).
func (eb *eventBuilder) persons(e *schedEvent, d *eventDraft) {
	persons := e.Persons
	if len(persons) > maxTalkPersons {
		eb.skip(SkipPerson, e.record(), fmt.Sprintf("past the limit of %d persons per talk", maxTalkPersons), fmt.Sprintf("%d persons", len(persons)-maxTalkPersons), len(persons)-maxTalkPersons)
		persons = persons[:maxTalkPersons]
	}
	d.personNotes = len(d.notes)
	if len(eb.names) > 0 {
		clear(eb.names)
	}
	for pi := range persons {
		p := &persons[pi]
		before := len(d.notes)
		dp := draftPerson{p: p, name: eb.line(e, "person's name", cleanTitle(p.Name))}
		if dp.name == "" {
			eb.skip(SkipPerson, e.record(), "person with no name", fmt.Sprintf("person %d", pi+1))
		} else {
			// Without an identifier, a name listed twice in one talk
			// is two people who share it; across talks, the n-th of a
			// name is the same person.
			dp.ident = personIdentity(*p)
			nth := 0
			if dp.ident.kind == "" {
				opcount.Add(1)
				eb.names[dp.name]++
				nth = eb.names[dp.name]
			}
			start := len(d.keys)
			d.keys = appendPersonKey(d.keys, dp.ident, dp.name, nth)
			dp.keyHash = maphash.Bytes(eb.seed, d.keys[start:])
		}
		dp.keyEnd = len(d.keys)
		dp.notes = len(d.notes) - before
		d.persons = append(d.persons, dp)
	}
}

// speakers returns the speaker IDs of the draft's persons, in the export's
// order, adding new people to the catalogue, and gives the persons' notes.
func (b *schedBuilder) speakers(e *schedEvent, d *eventDraft) []string {
	if len(e.Persons) == 0 {
		return nil
	}
	give(b.skip, d.notes[d.summarised:d.personNotes]) // the limit's
	next := d.personNotes
	// The speakers already in this talk are those in nums, by their
	// number in the speaker table, which stands for their ID: each
	// number has an ID of its own (newID gives none out twice, which the
	// guarantees' tests check: SpeakersKnown), so two
	// persons have the same ID exactly when they have the same number,
	// and comparing numbers reads no string. A talk of a few persons
	// looks along nums, a bigger one keeps them in a set too (inTalk),
	// so that a long list stays linear.
	small := len(d.persons) <= smallTalkPersons
	if !small {
		if b.inTalk == nil {
			b.inTalk = map[int]bool{}
		}
		clear(b.inTalk)
	}
	out := b.ids.take(len(d.persons))
	nums := b.nums[:0]
	keyStart := 0
	for i := range d.persons {
		dp := &d.persons[i]
		give(b.skip, d.notes[next:next+dp.notes])
		next += dp.notes
		key := d.keys[keyStart:dp.keyEnd]
		keyStart = dp.keyEnd
		if dp.name == "" {
			continue
		}
		n := b.people.number(key, dp, e, b.skip)
		opcount.Add(1)
		if small && slices.Contains(nums, n) || !small && b.inTalk[n] {
			b.skip(SkipRepair, e.record(), "the same person listed twice in one talk: kept once", model.QuoteLine(dp.name))
			continue
		}
		if !small {
			b.inTalk[n] = true
		}
		nums = append(nums, n)
		out = append(out, b.people.ids[n])
	}
	b.nums = nums
	return out
}

// smallTalkPersons is the number of persons up to which speakers finds
// a person listed twice in a talk by looking along the talk's speakers:
// for a few, that is cheaper than a set cleared for every talk.
const smallTalkPersons = 8

// speakerTable gives each distinct person one speaker. A person is the
// same as one seen before when:
//
//   - both have the same guid (or pretalx code) and the same name;
//   - else both have the same non-zero id and the same name: merged
//     schedules reuse ids across their sources (id 44 is three different
//     people in 35C3's), so an id alone is not trusted;
//   - else (no identifier, or id 0 as wiki-generated files write for
//     everyone) both have the same name.
//
// A talk therefore always shows the names its source gave, in order.
type speakerTable struct {
	cat *model.Catalogue
	// keys holds the persons' keys (see appendPersonKey), and ids the
	// speaker ID of each, by the key's number.
	keys *keyTable
	ids  []string
	// firstName is the name each identity was first seen with, by the
	// identity as its persons' keys start: "kind:key" (appendPersonKey;
	// a key holds no ':'), a string hashed faster than the struct.
	firstName map[string]string
	// taken holds every speaker ID given out; next is where to resume
	// numbering a base's duplicates, so that numbering stays linear.
	taken map[string]bool
	next  map[string]int
}

func newSpeakerTable(cat *model.Catalogue, seed maphash.Seed) *speakerTable {
	return &speakerTable{cat: cat, keys: newKeyTable(seed, 0), firstName: map[string]string{}, taken: map[string]bool{}, next: map[string]int{}}
}

// identity is what identifies a person besides its name: kind is "guid",
// "code" or "id", key the identifier as keyOf makes it; kind "" is none.
// A struct, not "kind:key", so that no string is built per person.
type identity struct{ kind, key string }

// appendPersonKey appends who a person is to b: "kind:key", the name, and
// nth when it is over 1, separated by NUL bytes (which neither a key nor a
// sanitised name holds). nth numbers the persons of one talk that have no
// identifier and the same name (1, 2...); it is 0 for the others. A map
// looked up with string(key) copies nothing; only a new person's key
// becomes a string.
func appendPersonKey(b []byte, ident identity, name string, nth int) []byte {
	if ident.kind != "" {
		b = append(append(append(b, ident.kind...), ':'), ident.key...)
	}
	b = append(append(b, 0), name...)
	if nth > 1 {
		b = strconv.AppendInt(append(b, 0), int64(nth), 10)
	}
	return b
}

// number returns the number of the person dp, whose key is key, in the
// table (its speaker ID is ids[number]), adding the speaker when the
// person is new.
func (st *speakerTable) number(key []byte, dp *draftPerson, e *schedEvent, skip skipFunc) int {
	opcount.Add(1)
	if n, ok := find(st.keys, dp.keyHash, key); ok {
		return n
	}
	ident, name := dp.ident, dp.name
	what, raw := ident.kind, ""
	switch what {
	case "guid":
		raw = dp.p.GUID
	case "code":
		raw = dp.p.Code
	case "id":
		raw = dp.p.ID
	}
	k := string(key)
	base := ident.key
	idKey := k[:len(ident.kind)+1+len(ident.key)]
	if ident.kind == "" {
		base = "person-" + Slugify(name)
	} else if first, ok := st.firstName[idKey]; !ok {
		st.firstName[idKey] = name
	} else if first != name {
		skip(SkipRepair, e.record(), "one person identifier names different people: each name kept as its own speaker",
			fmt.Sprintf("%s %s is %s and %s", what, model.QuoteLine(raw), model.QuoteLine(first), model.QuoteLine(name)))
	}
	id := st.newID(strings.TrimRight(base, "-"))
	n := st.keys.add(dp.keyHash, k)
	st.ids = append(st.ids, id)
	st.cat.Speakers = append(st.cat.Speakers, model.Speaker{ID: id, Name: name})
	return n
}

// personIdentity is what identifies p besides its name: its guid, else
// its code, else its id (not id 0), else nothing (kind "").
func personIdentity(p schedPerson) identity {
	if k := keyOf(p.GUID); k != "" {
		return identity{"guid", k}
	}
	if k := keyOf(p.Code); k != "" {
		return identity{"code", k}
	}
	if k := keyOf(p.ID); k != "" && strings.Trim(k, "0") != "" {
		return identity{"id", k}
	}
	return identity{}
}

// newID returns base, or base-2, base-3... whichever is free first.
func (st *speakerTable) newID(base string) string {
	if base == "" || base == "person" {
		base = "person"
	}
	opcount.Add(1)
	// One assignment tests and takes base: the set grows exactly when
	// base was free.
	before := len(st.taken)
	st.taken[base] = true
	if len(st.taken) > before {
		return base
	}
	n := max(st.next[base], 2)
	for opcount.Add(1); st.taken[base+"-"+strconv.Itoa(n)]; opcount.Add(1) {
		n++
	}
	st.next[base] = n + 1
	id := base + "-" + strconv.Itoa(n)
	st.taken[id] = true
	return id
}
