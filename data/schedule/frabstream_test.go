package schedule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cndtalks/model"
)

// readWith imports b with one frab reader and returns the catalogue and
// notes as JSON, or the error.
func readWith(parse func(string, []byte, skipFunc, ImportOptions) (*model.Catalogue, error), b []byte) string {
	var notes []string
	skip := func(kind SkipKind, record, reason, detail string, count ...int) {
		notes = append(notes, fmt.Sprint(kind, record, reason, detail, count))
	}
	c, err := parse("f.json", b, skip, ImportOptions{})
	if err != nil {
		return "error: " + err.Error()
	}
	out, _ := json.Marshal(struct {
		C     *model.Catalogue
		Notes []string
	}{c, notes})
	return string(out)
}

// TestFrabStreamSameAsWhole: every schedule.json at hand, real exports
// included, reads the same streamed as whole; the streaming reader takes
// the well-formed ones and leaves the others to the whole-document reader.
func TestFrabStreamSameAsWhole(t *testing.T) {
	files, _ := filepath.Glob("../testdata/import/*.json")
	hostile, _ := filepath.Glob("../testdata/hostile/*.json")
	files = append(files, hostile...)
	real, _ := filepath.Glob("../../../shared/fixtures/schedules/*.schedule.json")
	if len(real) == 0 {
		t.Log("real exports not available (needs ../shared beside the repo): testdata only")
	}
	files = append(files, real...)
	streamed := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`"schedule"`)) {
			continue
		}
		if _, err := parseFrabStream(b); err == nil {
			streamed++
		}
		if got, want := readWith(parseFrabJSON, b), readWith(parseFrabWhole, b); got != want {
			t.Errorf("%s: streamed\n%.600s\nwhole\n%.600s", f, got, want)
		}
	}
	if streamed == 0 {
		t.Error("no file took the streaming reader")
	}
	t.Logf("%d of %d files streamed", streamed, len(files))
}

// TestFrabStreamLeavesOddFilesWhole: what the streaming reader does not
// read exactly as the whole-document one, it leaves to it.
func TestFrabStreamLeavesOddFilesWhole(t *testing.T) {
	ok := `{"schedule": {"conference": {"title": "T", "days": [{"date": "2024-01-01", "rooms": {"A": [{"id": 1, "title": "x", "date": "2024-01-01T10:00:00+01:00"}]}}]}}}`
	if _, err := parseFrabStream([]byte(ok)); err != nil {
		t.Fatalf("a plain file was not streamed: %v", err)
	}
	for _, odd := range []string{
		strings.Replace(ok, `"title": "x"`, `"title": "x", "title": "y"`, 1),    // a duplicate key
		strings.Replace(ok, `"schedule"`, `"Schedule"`, 1),                      // another case
		strings.Replace(ok, `"days"`, `"Days"`, 1),                              // another case
		strings.Replace(ok, `"persons"`, `"persons"`, 1) + " trailing",          // garbage after
		strings.Replace(ok, `"id": 1,`, `"id": 1, "persons": "nobody",`, 1),     // a wrong type
		strings.Replace(ok, `[{"id"`, `[null, {"id"`, 1),                        // a null event
		strings.Replace(ok, `"x"`, "\"x\x01\"", 1),                              // a control character
		strings.Replace(ok, `"conference": {`, `"conference": {"days": 3, `, 1), // days twice
		strings.Replace(ok, `{"schedule"`, `{"other": [1, }, "schedule"`, 1),    // invalid elsewhere
	} {
		if _, err := parseFrabStream([]byte(odd)); err == nil {
			t.Errorf("streamed: %s", odd)
		}
		if got, want := readWith(parseFrabJSON, []byte(odd)), readWith(parseFrabWhole, []byte(odd)); got != want {
			t.Errorf("%s\nread %s\nwant %s", odd, got, want)
		}
	}
}

// TestFrabStreamStopsAtLimit: events past maxScheduleTalks are counted, not
// decoded, and reported as the whole-document reader reports them.
func TestFrabStreamStopsAtLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"schedule": {"conference": {"title": "Big", "days": [{"date": "2024-01-01", "rooms": {"A": [`)
	const extra = 3
	for i := range maxScheduleTalks + extra {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": %d, "title": "t%d", "date": "2024-01-01T10:00:00+01:00"}`, i+1, i)
	}
	b.WriteString(`]}}]}}}`)
	st, err := parseFrabStream([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.events) != maxScheduleTalks || st.total != maxScheduleTalks+extra {
		t.Errorf("decoded %d of %d events", len(st.events), st.total)
	}
	if !reflect.DeepEqual(readWith(parseFrabJSON, []byte(b.String())), readWith(parseFrabWhole, []byte(b.String()))) {
		t.Error("the streamed and whole readings differ")
	}
}

// TestFrabStreamWorkersAgree: the events decoded by several goroutines
// are the ones one goroutine decodes, in the same order with the same
// notes, on every file at hand and on one with a field problem in every
// event.
func TestFrabStreamWorkersAgree(t *testing.T) {
	files := frabFixtures(t)
	var b strings.Builder
	b.WriteString(`{"schedule": {"conference": {"title": "W", "days": [{"date": "2024-01-01", "rooms": {"A": [`)
	for i := range 3000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": %d, "title": "t%d", "track": {"odd": %d}, "date": "2024-01-01T10:00:00+01:00"}`, i+1, i, i)
	}
	b.WriteString(`]}}, {"date": "bad", "rooms": {"B": [{"id": "b", "title": "u", "persons": [{"name": ["x"]}]}]}}]}}}`)
	files["generated"] = []byte(b.String())
	played := func(st *frabStreamed) []string {
		var notes []string
		for _, note := range st.notes {
			note(func(kind SkipKind, record, reason, detail string, count ...int) {
				notes = append(notes, fmt.Sprint(kind, record, reason, detail, count))
			})
		}
		return notes
	}
	for name, src := range files {
		one, err := parseFrabStreamWith(src, 1)
		if err != nil {
			continue
		}
		for _, workers := range []int{2, 3, 7} {
			got, err := parseFrabStreamWith(src, workers)
			if err != nil {
				t.Fatalf("%s, %d workers: %v", name, workers, err)
			}
			if !reflect.DeepEqual(got.conf, one.conf) || !reflect.DeepEqual(got.events, one.events) || got.total != one.total {
				t.Errorf("%s, %d workers: other events than one goroutine's", name, workers)
			}
			if g, w := played(got), played(one); !reflect.DeepEqual(g, w) {
				t.Errorf("%s, %d workers: notes\n%q\nwant\n%q", name, workers, g, w)
			}
		}
	}
	if n := len(played(mustStream(t, files["generated"]))); n != 3002 {
		t.Errorf("generated file: %d notes, want one per event and one for the day", n)
	}
	// A key listed twice in the first or the last event, each decoded by
	// another goroutine, leaves the file to the whole-document reader.
	for _, odd := range []string{
		strings.Replace(b.String(), `"title": "t0"`, `"title": "t0", "title": "t0"`, 1),
		strings.Replace(b.String(), `"title": "u"`, `"title": "u", "title": "u"`, 1),
	} {
		for _, workers := range []int{1, 2, 3} {
			if _, err := parseFrabStreamWith([]byte(odd), workers); err == nil {
				t.Errorf("%d workers: a key listed twice was streamed", workers)
			}
		}
	}
}

func mustStream(t *testing.T, b []byte) *frabStreamed {
	t.Helper()
	st, err := parseFrabStream(b)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestFrabWalkAheadSameAsAlone: walking the days in two parts, from the
// start and from a point where a day seems to start, finds what one walk
// from the start finds, or fails when it fails, whatever the point: a
// day's start, an event's, one inside a string or a key, or anywhere. A
// file broken in its second half (a key listed twice, a truncated day)
// fails either way.
func TestFrabWalkAheadSameAsAlone(t *testing.T) {
	var gen strings.Builder
	gen.WriteString(`{"schedule": {"conference": {"title": "W", "days": [`)
	for day := range 6 {
		if day > 0 {
			gen.WriteString(",")
		}
		fmt.Fprintf(&gen, `{"index":%d,"date":"2024-01-0%d","rooms":{"A":[`, day, day+1)
		for i := range 4 {
			if i > 0 {
				gen.WriteString(",")
			}
			fmt.Fprintf(&gen, `{"id":%d,"title":"t {\"index\":%d} \\","persons":[{"name":"n"}]}`, day*10+i, i)
		}
		gen.WriteString(`],"B":[{"id":"b","title":"u"}]}}`)
	}
	gen.WriteString(`], "rooms": [{"name": "B"}]}}}`)
	good := gen.String()
	inputs := map[string]string{
		"generated":       good,
		"duplicate key":   strings.Replace(good, `"index":5,`, `"index":5,"index":5,`, 1),
		"truncated day":   strings.Replace(good, `"index":4,"date":"2024-01-05","rooms":{`, `"index":4,"date":"2024-01-05","rooms":`, 1),
		"days not closed": strings.TrimSuffix(good, `], "rooms": [{"name": "B"}]}}}`) + `, "rooms": [{"name": "B"}]}}}`,
		"no days after":   strings.Replace(good, `]}}], "rooms"`, `]}}]], "rooms"`, 1),
	}
	for name, b := range frabFixtures(t) {
		inputs[name] = string(b)
	}
	walked := func(b []byte, at int) (*frabWalk, error) {
		ahead := walkDaysAhead(b, func() int { return at })
		defer ahead.stop()
		d := &frabDec{b: b}
		return d.walk(ahead)
	}
	for name, s := range inputs {
		b := []byte(s)
		want, wantErr := walked(b, -1)
		// The places frabDayLike finds, and every object's start and a
		// sample of other places in a small file, a sample in a big one.
		dayLike := map[int]bool{}
		for at := frabDayLike(b, 0); at >= 0; at = frabDayLike(b, at+1) {
			dayLike[at] = true
		}
		var ats []int
		for at, c := range b {
			if dayLike[at] || len(b) < 20_000 && (c == '{' || at%13 == 0) || at%(len(b)/200+1) == 0 {
				ats = append(ats, at)
			}
		}
		taken := 0
		for _, at := range ats {
			got, err := walked(b, at)
			if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, walked ahead from %d (%.20q): error %v, want %v; or another walk", name, at, b[at:], err, wantErr)
			}
			if dayLike[at] && wantErr == nil {
				taken++
			}
		}
		t.Logf("%s: %d places, %d of them look like a day's start", name, len(ats), taken)
	}
}
