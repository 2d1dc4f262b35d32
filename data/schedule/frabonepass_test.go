package schedule

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// playedNotes returns the notes of st as text, in order.
func playedNotes(st *frabStreamed) []string {
	var notes []string
	for _, note := range st.notes {
		note(func(kind SkipKind, record, reason, detail string, count ...int) {
			notes = append(notes, fmt.Sprint(kind, record, reason, detail, count))
		})
	}
	return notes
}

// sameAsSpans fails t when parseFrabOnePass, the second goroutine
// starting at b[at], reads b otherwise than parseFrabStreamSpans: takes
// it when that does not, reads it otherwise, or does not take it but for
// its number of events (errFrabTooMany). It returns whether
// parseFrabOnePass took b.
func sameAsSpans(t *testing.T, b []byte, at int) bool {
	t.Helper()
	got, err := parseFrabOnePass(b, at)
	want, spansErr := parseFrabStreamSpans(b, 1)
	switch {
	case err != nil && spansErr == nil && !errors.Is(err, errFrabTooMany):
		t.Fatalf("one pass from %d did not take a file the spans reader takes (%v): %.300q", at, err, b)
	case err != nil:
		return false
	case spansErr != nil:
		t.Fatalf("one pass from %d took a file the spans reader does not: %.300q", at, b)
	}
	if !reflect.DeepEqual(got.conf, want.conf) || got.total != want.total {
		t.Fatalf("one pass from %d: conference or total differ: %+v %d, want %+v %d", at, got.conf, got.total, want.conf, want.total)
	}
	if len(got.events) != len(want.events) {
		t.Fatalf("one pass from %d: %d events, want %d", at, len(got.events), len(want.events))
	}
	for i := range got.events {
		if !reflect.DeepEqual(got.events[i], want.events[i]) {
			t.Fatalf("one pass from %d: event %d\n%+v\nwant\n%+v", at, i, got.events[i], want.events[i])
		}
	}
	if g, w := playedNotes(got), playedNotes(want); !reflect.DeepEqual(g, w) {
		t.Fatalf("one pass from %d: notes\n%q\nwant\n%q", at, g, w)
	}
	return true
}

// frabGenerated returns a schedule.json of days days, each with rooms in
// the file's order (the conference ranks them after the days, in another
// order), events events per room whose texts are filler long, and a
// problem for a note here and there: a day without a date, a field of
// the wrong type (in events without a title or an ID too), a room that is
// null.
func frabGenerated(days, events int, filler func(day int) int) string {
	var b strings.Builder
	b.WriteString(`{"schedule": {"base_url": "https://b.example/", "conference": {"title": "G", "acronym": ["g"], "days": [`)
	for day := range days {
		if day > 0 {
			b.WriteString(",")
		}
		date := fmt.Sprintf("2024-01-%02d", day%28+1)
		if day%5 == 3 {
			date = "soon"
		}
		fmt.Fprintf(&b, `{"index":%d,"rooms":{`, day)
		for ri, room := range []string{"Zoo", "Aula", "Kino", "Bar"} {
			if ri > 0 {
				b.WriteString(",")
			}
			if day%4 == 2 && room == "Kino" {
				b.WriteString(`"Kino": null`)
				continue
			}
			fmt.Fprintf(&b, `%q:[`, room)
			for i := range events {
				if i > 0 {
					b.WriteString(",")
				}
				track := `"t"`
				if (day+i)%7 == 0 {
					track = `{"odd": 1}`
				}
				named := fmt.Sprintf(`"id":%d,"title":"t%d \"q\"",`, day*1000+ri*100+i, i)
				if i == 1 {
					named = "" // its notes name it by its place
				}
				fmt.Fprintf(&b, `{%s"track":%s,"abstract":"%s","persons":[{"name":"n%d"}],"links":["u%d"]}`,
					named, track, strings.Repeat("a", filler(day)), i%3, i)
			}
			b.WriteString("]")
		}
		fmt.Fprintf(&b, `},"date":%q,"day_end":[1]}`, date)
	}
	b.WriteString(`], "rooms": [{"name": "Kino"}, {"name": "Zoo"}]}}}`)
	return b.String()
}

// TestFrabOnePassSameAsSpans: the one-pass reader reads every file at
// hand (hostile ones too) as the spans reader does, with its second goroutine starting at
// every place that looks like a day's start and at others, and takes the
// well-formed ones.
func TestFrabOnePassSameAsSpans(t *testing.T) {
	inputs := map[string][]byte{}
	for name, b := range frabFixtures(t) {
		inputs[name] = b
	}
	hostile, _ := filepath.Glob("../testdata/hostile/*.json")
	for _, f := range hostile {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = b
	}
	inputs["generated"] = []byte(frabGenerated(12, 3, func(int) int { return 5 }))
	inputs["no events"] = []byte(`{"schedule": {"conference": {"days": [{"index": 0, "rooms": {"A": []}}, {"index": 1, "rooms": null}]}}}`)
	inputs["no days"] = []byte(`{"schedule": {"conference": {"days": null}}}`)
	for name, b := range inputs {
		_, spansErr := parseFrabStreamSpans(b, 1)
		if took := sameAsSpans(t, b, -1); took != (spansErr == nil) {
			t.Errorf("%s: one pass took it %v, the spans reader %v", name, took, spansErr == nil)
		}
		var ats []int
		for at := frabDayLike(b, 0); at >= 0; at = frabDayLike(b, at+1) {
			ats = append(ats, at)
			if took := sameAsSpans(t, b, at); took != (spansErr == nil) {
				t.Errorf("%s: one pass from the day at %d took it %v, the spans reader %v", name, at, took, spansErr == nil)
			}
		}
		for at := 0; at < len(b); at += len(b)/97 + 1 {
			sameAsSpans(t, b, at)
		}
		t.Logf("%s: %d places that look like a day's start", name, len(ats))
	}
}

// TestFrabOnePassBig: a file big enough for the events array to be sized
// from a sample is read as the spans reader reads it, whether the sample
// is right (every day alike) or wrong (the events in the second half
// twice as many per byte, or half as many, so that one pass outgrows its
// part of the array).
func TestFrabOnePassBig(t *testing.T) {
	for name, filler := range map[string]func(day int) int{
		"uniform":       func(int) int { return 300 },
		"denser later":  func(day int) int { return 600 - 550*min(1, day/200) },
		"sparser later": func(day int) int { return 50 + 550*min(1, day/200) },
	} {
		b := []byte(frabGenerated(400, 4, filler))
		if len(b) < parallelFrabBytes {
			t.Fatalf("%s: %d bytes, too small", name, len(b))
		}
		for _, at := range []int{-1, frabDayGuess(b), frabDayLike(b, len(b)/5), frabDayLike(b, len(b)*4/5)} {
			if !sameAsSpans(t, b, at) {
				t.Errorf("%s: not taken from %d", name, at)
			}
		}
	}
}

// TestFrabOnePassLimit: a file with more than maxScheduleTalks events is
// left to the spans reader, which checks the events past the limit
// without decoding them.
func TestFrabOnePassLimit(t *testing.T) {
	for _, n := range []int{maxScheduleTalks, maxScheduleTalks + 1} {
		var b strings.Builder
		b.WriteString(`{"schedule": {"conference": {"days": [{"index": 0, "date": "2024-01-01", "rooms": {"A": [`)
		for i := range n {
			switch {
			case i == n/2:
				b.WriteString(`]}}, {"index": 1, "date": "2024-01-02", "rooms": {"A": [`)
			case i > 0:
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id": %d}`, i)
		}
		b.WriteString(`]}}]}}}`)
		src := []byte(b.String())
		for _, at := range []int{-1, frabDayLike(src, len(src)/3)} {
			if took := sameAsSpans(t, src, at); took != (n <= maxScheduleTalks) {
				t.Errorf("%d events, from %d: taken %v", n, at, took)
			}
		}
	}
}

// FuzzFrabOnePassSameAsSpans: the one-pass reader, with its second
// goroutine starting wherever a day seems to start, takes the files
// parseFrabStreamSpans takes (with at most maxScheduleTalks events) and
// reads them as it does.
func FuzzFrabOnePassSameAsSpans(f *testing.F) {
	for name, b := range frabFixtures(f) {
		if len(b) < 30_000 {
			f.Add(b, uint16(0))
		} else {
			f.Logf("%s: too big for a seed", name)
		}
	}
	f.Add([]byte(frabGenerated(3, 2, func(int) int { return 3 })), uint16(300))
	f.Fuzz(func(t *testing.T, b []byte, from uint16) {
		at := -1
		if len(b) > 0 {
			at = frabDayLike(b, int(from)%len(b))
		}
		sameAsSpans(t, b, at)
	})
}

// TestFrabOnePassTinyEvents: a big file of empty events, many more than
// maxScheduleTalks, makes the one-pass reader allocate for the events it
// may take, not for all those its sample promises.
func TestFrabOnePassTinyEvents(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"schedule": {"conference": {"days": [{"index": 0, "rooms": {"A": [{}`)
	for b.Len() < 2*parallelFrabBytes {
		b.WriteString(`,{}`)
	}
	b.WriteString(`]}}, {"index": 1, "rooms": {"A": [{}`)
	for b.Len() < 4*parallelFrabBytes {
		b.WriteString(`,{}`)
	}
	b.WriteString(`]}}]}}}`)
	src := []byte(b.String())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := parseFrabOnePass(src, frabDayGuess(src))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, errFrabTooMany) {
		t.Errorf("%d events: %v, want errFrabTooMany", len(src)/3, err)
	}
	if most := uint64(3 * maxScheduleTalks * unsafe.Sizeof(schedEvent{})); after.TotalAlloc-before.TotalAlloc > most {
		t.Errorf("allocated %d bytes, want at most %d", after.TotalAlloc-before.TotalAlloc, most)
	}
}
