package schedule

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"cndtalks/model"
)

// buildWith runs buildEvents on events with workers goroutines and drafts
// of chunk events, and returns the talks and every note.
func buildWith(events []schedEvent, workers, chunk int) ([]model.Talk, []model.Speaker, []string) {
	var notes []string
	skip := func(kind SkipKind, record, reason, detail string, count ...int) {
		notes = append(notes, fmt.Sprint(kind, "|", record, "|", reason, "|", detail, "|", count))
	}
	cat := &model.Catalogue{}
	b := newSchedBuilder(cat, skip, 0)
	loc, _ := time.LoadLocation("Europe/Berlin")
	opts := eventOptions{base: "https://base.example/s/", loc: loc, dayChange: 4 * time.Hour, hasDayChange: true}
	buildEvents(b, opts, events, workers, chunk)
	return cat.Talks, cat.Speakers, notes
}

// awkwardEvents makes n events from a few values each field takes, chosen
// to give every note the build writes: no title or ID, long fields, bad
// times, the same listing twice, repeated sessions, persons without names
// or listed twice, identifiers naming two people, links of every sort.
func awkwardEvents(n int, seed uint64) []schedEvent {
	rng := rand.New(rand.NewPCG(seed, 7))
	pick := func(vs ...string) string { return vs[rng.IntN(len(vs))] }
	long := strings.Repeat("long ", 250)
	day := &schedDay{Date: "2025-01-01", Start: "2025-01-01T06:00:00+01:00"}
	events := make([]schedEvent, n)
	for i := range events {
		e := &events[i]
		e.sourceOrdering = i
		e.Day = day
		e.GUID = pick("", "g1", "g2", fmt.Sprintf("g%d", i), "bad id!", long)
		e.ID = pick("", "7", fmt.Sprint(i))
		e.Title = pick("", "Talk", " \u200bTalk ", long, fmt.Sprintf("Talk %d", i), "\x1b[31mred")
		e.Subtitle = pick("", long)
		e.Type = pick("", "Lecture", long)
		e.Room = pick("Hall", "Room 2", long)
		e.Start = pick("10:00", "10:30", "25:99", "", "03:00")
		e.Date = pick("", "2025-01-01T10:00:00+01:00", "garbage")
		e.Duration = pick("00:30", "", "x")
		e.Abstract = pick("", "plain", "<p>html <a href='/rel'>link</a> &amp; more</p>", strings.Repeat("x", model.MaxTextLength+1))
		e.Description = pick("", "plain", "other")
		e.URL = pick("", "https://talk.example/p", "javascript:x", "/relative")
		e.OriginURL = pick("", "https://origin.example/")
		e.VideoURL = pick("", "https://media.ccc.de/v/x.mp4")
		e.FeedbackURL = pick("", "https://talk.example/p", "mailto:x@example.org")
		for range rng.IntN(4) {
			e.Persons = append(e.Persons, schedPerson{
				GUID: pick("", "p1", "p2", fmt.Sprintf("p%d", rng.IntN(50))),
				ID:   pick("", "0", "44"),
				Name: pick("", "Ada", "Grace", "Ada", long, fmt.Sprintf("Name %d", rng.IntN(50))),
			})
		}
		for range rng.IntN(5) {
			e.Links = append(e.Links, schedLink{
				URL: pick("", "https://slides.example/a.pdf", "https://slides.example/a.pdf", "#x", "www.example.org", "https://https://x.example/",
					"ftp://x", "mailto:a@b", "slides.pdf", "https://none_yet/", "https://example.org/a b", "https://bücher.example/"),
				Title:      pick("", "Slides", "Video recording", long, "https://slides.example/a.pdf"),
				Type:       pick("", "video", "slides"),
				Attachment: rng.IntN(2) == 0,
				FromText:   rng.IntN(4) == 0,
			})
		}
	}
	return events
}

// TestBuildEventsSameOnTwoGoroutines: drafting on two goroutines (the
// next chunk while this one is added), in chunks of any size, builds the
// same talks and speakers and gives the same notes in the same order as
// drafting on one.
func TestBuildEventsSameOnTwoGoroutines(t *testing.T) {
	inputs := map[string][]schedEvent{}
	for seed := range uint64(4) {
		inputs[fmt.Sprintf("awkward-%d", seed)] = awkwardEvents(500, seed)
	}
	files, _ := filepath.Glob("../testdata/import/*.json")
	real, _ := filepath.Glob(realSchedulesGlob + "/*.json")
	for _, f := range append(files, real...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if st, err := parseFrabStream(b); err == nil {
			inputs[filepath.Base(f)] = st.events
		}
	}
	for name, events := range inputs {
		talks, speakers, notes := buildWith(events, 1, len(events))
		for _, chunk := range []int{1, 3, draftBatch - 1, draftBatch + 1, 64, 1000, draftChunk} {
			talks2, speakers2, notes2 := buildWith(events, 2, chunk)
			if !reflect.DeepEqual(talks, talks2) || !reflect.DeepEqual(speakers, speakers2) {
				t.Errorf("%s, chunks of %d: the talks or speakers differ from one goroutine's", name, chunk)
			}
			if !reflect.DeepEqual(notes, notes2) {
				t.Errorf("%s, chunks of %d: %d notes, one goroutine gave %d (or the same in another order)", name, chunk, len(notes2), len(notes))
			}
		}
		t.Logf("%s: %d events, %d talks, %d notes", name, len(events), len(talks), len(notes))
	}
}

// realSchedulesGlob is where the real exports are kept, beside the
// repository (see import_real_test.go).
const realSchedulesGlob = "../../../shared/fixtures/schedules"

// TestSpeakersListedTwice: a person listed twice in one talk is kept once,
// with a note each time, in talks of any size: below smallTalkPersons
// speakers looks along the talk's speakers, above it a set does.
func TestSpeakersListedTwice(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	for n := 1; n <= 3*smallTalkPersons; n++ {
		for trial := range 20 {
			e := schedEvent{GUID: fmt.Sprintf("t-%d-%d", n, trial), Title: "Talk"}
			var want []string
			seen := map[string]bool{}
			for range n {
				// Persons p0..p(n/2): duplicates likely at every size.
				k := rng.IntN(n/2 + 1)
				e.Persons = append(e.Persons, schedPerson{GUID: fmt.Sprintf("p%d", k), Name: fmt.Sprintf("Name %d", k)})
				if !seen[fmt.Sprint(k)] {
					seen[fmt.Sprint(k)] = true
					want = append(want, fmt.Sprintf("Name %d", k))
				}
			}
			talks, speakers, notes := buildWith([]schedEvent{e}, 1, 1)
			byID := map[string]string{}
			for _, s := range speakers {
				byID[s.ID] = s.Name
			}
			var got []string
			for _, id := range talks[0].Speakers {
				got = append(got, byID[id])
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%d persons: speakers %q, want %q", n, got, want)
			}
			twice := 0
			for _, note := range notes {
				if strings.Contains(note, "the same person listed twice in one talk") {
					twice++
				}
			}
			if twice != n-len(want) {
				t.Fatalf("%d persons, %d distinct: %d notes of a person listed twice, want %d", n, len(want), twice, n-len(want))
			}
		}
	}
}

// TestRepeatedSessionIDs: a talk whose ID comes again is a repeat (at
// another time or place), numbered after the IDs already taken, or a
// duplicate (the same listing), dropped; an export's own ID that a
// repeat's number took is numbered in turn.
func TestRepeatedSessionIDs(t *testing.T) {
	type listing struct{ id, room, start string }
	cases := []struct {
		name     string
		listings []listing
		want     []string // the talks' IDs, in the export's order
		dropped  int
	}{
		{"once each", []listing{{"a", "Hall", "10:00"}, {"b", "Hall", "10:00"}}, []string{"a", "b"}, 0},
		{"repeat at another time", []listing{{"a", "Hall", "10:00"}, {"a", "Hall", "11:00"}}, []string{"a", "a-2"}, 0},
		{"repeat in another room", []listing{{"a", "Hall", "10:00"}, {"a", "Room 2", "10:00"}}, []string{"a", "a-2"}, 0},
		{"same listing twice", []listing{{"a", "Hall", "10:00"}, {"a", "Hall", "10:00"}}, []string{"a"}, 1},
		{"first listing again after a repeat", []listing{{"a", "Hall", "10:00"}, {"a", "Hall", "11:00"}, {"a", "Hall", "10:00"}}, []string{"a", "a-2"}, 1},
		{"repeat's listing again", []listing{{"a", "Hall", "10:00"}, {"a", "Hall", "11:00"}, {"a", "Hall", "11:00"}}, []string{"a", "a-2"}, 1},
		{"number taken by the export", []listing{{"a-2", "Hall", "09:00"}, {"a", "Hall", "10:00"}, {"a", "Hall", "11:00"}}, []string{"a-2", "a", "a-3"}, 0},
		{"export's ID taken by a number", []listing{{"a", "Hall", "10:00"}, {"a", "Hall", "11:00"}, {"a-2", "Hall", "12:00"}, {"a-2", "Hall", "12:00"}, {"a-2", "Hall", "13:00"}},
			[]string{"a", "a-2", "a-2-2", "a-2-3"}, 1},
		{"untimed", []listing{{"a", "Hall", ""}, {"a", "Hall", ""}, {"a", "Hall", "10:00"}}, []string{"a", "a-2"}, 1},
	}
	day := &schedDay{Date: "2025-01-01"}
	for _, c := range cases {
		var events []schedEvent
		for i, l := range c.listings {
			events = append(events, schedEvent{Day: day, GUID: l.id, Title: "Talk", Room: l.room, Start: l.start, sourceOrdering: i})
		}
		for _, workers := range []int{1, 2} {
			talks, _, notes := buildWith(events, workers, 1)
			var got []string
			for _, tk := range talks {
				got = append(got, tk.ID)
			}
			dropped := 0
			for _, n := range notes {
				if strings.Contains(n, "listed twice at the same time and place") {
					dropped++
				}
			}
			if !reflect.DeepEqual(got, c.want) || dropped != c.dropped {
				t.Errorf("%s, %d workers: IDs %q and %d dropped, want %q and %d", c.name, workers, got, dropped, c.want, c.dropped)
			}
		}
	}
}

// TestLinksListedTwice: a URL listed twice in one talk is kept once, with
// a note, and a typed URL of the event's (url, feedback_url...) that a link
// already has types that link when it was a plain web page, in talks of
// any size: up to smallTalkLinks links looks along the links kept, more
// keeps a set.
func TestLinksListedTwice(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 19))
	for n := 1; n <= 3*smallTalkLinks; n++ {
		for trial := range 20 {
			pool := n/2 + 1
			u := func(k int) string { return fmt.Sprintf("https://example.org/%d", k) }
			e := schedEvent{GUID: fmt.Sprintf("t-%d-%d", n, trial), Title: "Talk", FeedbackURL: u(rng.IntN(pool + 2))}
			var want []string
			kept := map[string]bool{}
			for range n {
				k := rng.IntN(pool)
				e.Links = append(e.Links, schedLink{URL: u(k), Title: "Page"})
				if !kept[u(k)] {
					kept[u(k)] = true
					want = append(want, u(k))
				}
			}
			twice := n - len(want)
			if !kept[e.FeedbackURL] {
				want = append(want, e.FeedbackURL)
			}
			talks, _, notes := buildWith([]schedEvent{e}, 1, 1)
			var got []string
			for _, l := range talks[0].Links {
				got = append(got, l.URL)
				if l.URL == e.FeedbackURL && l.Kind != model.LinkFeedback {
					t.Fatalf("%d links: %s is a %s, want the feedback form", n, l.URL, l.Kind)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%d links: URLs %q, want %q", n, got, want)
			}
			notesTwice := 0
			for _, note := range notes {
				if strings.Contains(note, "the same URL listed twice") {
					notesTwice++
				}
			}
			if notesTwice != twice {
				t.Fatalf("%d links, %d distinct: %d notes of a URL listed twice, want %d", n, len(want), notesTwice, twice)
			}
		}
	}
}

// TestSlabSlicesStayApart: slices taken from a slab have room for what
// they were taken for and no more, so appending past it moves the slice
// instead of writing into the next one; an empty one is empty, not nil.
func TestSlabSlicesStayApart(t *testing.T) {
	var s slab[int]
	if got := s.take(0); got == nil || len(got) != 0 {
		t.Fatalf("take(0) = %#v, want an empty slice", got)
	}
	var taken [][]int
	for i, n := range []int{1, 3, slabSize - 4, 2, slabSize + 5, 1} {
		sl := s.take(n)
		if len(sl) != 0 || cap(sl) != n {
			t.Fatalf("take(%d): len %d, cap %d", n, len(sl), cap(sl))
		}
		for range n {
			sl = append(sl, i)
		}
		taken = append(taken, sl)
	}
	taken[0] = append(taken[0], -1) // past its room: moved
	for i, sl := range taken[1:] {
		for _, v := range sl {
			if v != i+1 {
				t.Fatalf("slice %d holds %d: another's elements were written into it", i+1, v)
			}
		}
	}
}

// TestAddRangeSameAsAdd: adding drafts through addRange, which touches
// each batch's memory first (touch), gives the same talks, speakers and
// notes as adding them one by one with add, for chunks smaller, equal
// and larger than a touch batch, and events that repeat talk IDs and
// persons.
func TestAddRangeSameAsAdd(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	opts := eventOptions{base: "https://base.example/s/", loc: loc, dayChange: 4 * time.Hour, hasDayChange: true}
	build := func(events []schedEvent, chunk int, byRange bool) ([]model.Talk, []model.Speaker, []string) {
		var notes []string
		skip := func(kind SkipKind, record, reason, detail string, count ...int) {
			notes = append(notes, fmt.Sprint(kind, "|", record, "|", reason, "|", detail, "|", count))
		}
		cat := &model.Catalogue{}
		b := newSchedBuilder(cat, skip, 0)
		eb := newEventBuilder(opts, b.seed)
		talks := make([]model.Talk, len(events))
		drafts := make([]eventDraft, chunk)
		for from := 0; from < len(events); from += chunk {
			to := min(from+chunk, len(events))
			for i := from; i < to; i++ {
				eb.build(&events[i], &drafts[i-from], &talks[i])
			}
			if byRange {
				b.addRange(events, drafts, talks, from, to)
				continue
			}
			for i := from; i < to; i++ {
				b.add(&events[i], &drafts[i-from], talks, i)
			}
		}
		return compactTalks(talks), cat.Speakers, notes
	}
	for _, n := range []int{1, touchBatch - 1, touchBatch, 3*touchBatch + 5, 700} {
		for _, chunk := range []int{1, 7, touchBatch, 2*touchBatch + 3, 1000} {
			t.Run(fmt.Sprintf("%d events, chunks of %d", n, chunk), func(t *testing.T) {
				wantTalks, wantSpeakers, wantNotes := build(awkwardEvents(n, uint64(n)), chunk, false)
				talks, speakers, notes := build(awkwardEvents(n, uint64(n)), chunk, true)
				if !reflect.DeepEqual(talks, wantTalks) {
					t.Error("the talks differ")
				}
				if !reflect.DeepEqual(speakers, wantSpeakers) {
					t.Error("the speakers differ")
				}
				if !reflect.DeepEqual(notes, wantNotes) {
					t.Error("the notes differ")
				}
			})
		}
	}
}
