package schedule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"cndtalks/data/internal/source"
	"cndtalks/internal/cputime"
)

// frabFixtures returns the schedule.json files at hand: the importer's
// testdata and the real exports kept beside the repository.
func frabFixtures(t testing.TB) map[string][]byte {
	files, _ := filepath.Glob("../testdata/import/*.json")
	real, _ := filepath.Glob("../../../shared/fixtures/schedules/*.schedule.json")
	files = append(files, real...)
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(`"schedule"`)) {
			out[f] = b
		}
	}
	return out
}

// frabEventsIn returns the event objects of a schedule.json the
// streaming reader walks, or none.
func frabEventsIn(b []byte) [][]byte {
	d := &frabDec{b: b}
	w, err := d.walk(nil)
	if err != nil {
		return nil
	}
	var out [][]byte
	for _, ds := range w.days {
		for _, r := range ds.rooms {
			for _, span := range r.events {
				out = append(out, b[span[0]:span[1]])
			}
		}
	}
	return out
}

// decodeFrabEvent decodes b, one JSON event object and nothing else, with
// the streaming reader's decoder. A nil error means the decoder took it.
func decodeFrabEvent(b []byte) (frabEvent, error) {
	d := &frabDec{b: b}
	var fe frabEvent
	end, err := d.event(d.ws(0), &fe)
	if err == nil && d.ws(end) != len(b) {
		err = errFrabStream
	}
	return fe, err
}

// sameAsJSON fails t when the decoder took b but encoding/json reads it
// otherwise: another value, an error, or a key listed twice (which the
// whole-document reader reports). It returns whether the decoder took b.
func sameAsJSON(t *testing.T, b []byte) bool {
	t.Helper()
	got, err := decodeFrabEvent(b)
	if err != nil {
		return false
	}
	var want frabEvent
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("decoded %q, which encoding/json refuses: %v", b, err)
	}
	if dups := source.JSONDuplicateKeys(b); len(dups) > 0 {
		t.Fatalf("decoded %q, whose key %q is listed twice", b, dups[0].Key)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\ndecoded %#v\nwant    %#v", b, got, want)
	}
	return true
}

// TestFrabEventDecodeSameAsJSON: the streaming reader's event decoder
// gives exactly what encoding/json gives for every event it takes, and
// gives up on what encoding/json would read otherwise than it can.
func TestFrabEventDecodeSameAsJSON(t *testing.T) {
	for _, c := range []struct {
		in   string
		take bool
	}{
		{`{}`, true},
		{` { "id" : 1 , "title" : "x" } `, true},
		{`{"id": -0, "guid": 1.5e+10, "code": 0.25, "slug": 1E5, "date": true, "start": false, "duration": null}`, true},
		{`{"title": "a\u00e9\n\"\\\/\b\f\r\t"}`, true},
		{`{"title": "\ud83d\ude00 \ud83d \ud83dx \ud83d\u0041 \ude00\ud83d \uDBFF\uDFFF"}`, true},
		{"{\"title\": \"raw \xff and escaped \\n \xe2\x82\"}", true},
		{"{\"title\": \"raw \xff only\"}", true},
		{`{"title": {"a": [1, {"b": null}]}, "subtitle": [1, "2"], "track": {}, "type": []}`, true},
		{`{"persons": [], "links": null, "attachments": []}`, true},
		{`{"persons": [null, {"name": "a", "public_name": "b", "full_public_name": "c", "id": 7, "guid": "g", "code": "C"}]}`, true},
		{`{"links": ["https://a.example/", null, {"url": "u", "href": "h", "title": "t", "type": "y", "other": [1]}], "attachments": [{"href": "h"}]}`, true},
		{`{"answers": [{"q": 1}], "x": null, "do_not_record": false, "recording_license": ""}`, true},
		{`{"t\u0069tle": "escaped key", "caf\u00e9": 1, "café2": 2}`, true},
		{`{"İd": "dotted capital I: encoding/json does not fold it to id"}`, true},
		{`{"title": "\u0000 escaped NUL is fine"}`, true},

		{`{"Title": "x"}`, false},
		{`{"TITLE": "x"}`, false},
		{`{"ſlug": "long s folds to slug"}`, false},
		{`{"lin\u212As": []}`, false}, // Kelvin sign folds to k
		{`{"persons": [{"Name": "x"}]}`, false},
		{`{"links": [{"URL": "x"}]}`, false},
		{`{"title": "a", "title": "b"}`, false},
		{`{"x": 1, "x": 2}`, false},
		{`{"a": {"b": 1, "b": 2}}`, false},
		{`{"t\u0069tle": "a", "title": "b"}`, false},
		{`{"a\/b": 1, "a/b": 2}`, false},
		{`{"persons": [{"name": "a", "name": "b"}]}`, false},
		{`{"persons": "x"}`, false},
		{`{"persons": {}}`, false},
		{`{"persons": [1]}`, false},
		{`{"persons": ["x"]}`, false},
		{`{"links": [1]}`, false},
		{`{"links": [[]]}`, false},
		{`{"links": {}}`, false},
		{`{"links": "x"}`, false},
		{"{\"title\": \"x\x01\"}", false},
		{`{"title": 01}`, false},
		{`{"title": 1.}`, false},
		{`{"title": .5}`, false},
		{`{"title": 1e}`, false},
		{`{"title": +1}`, false},
		{`{"title": tru}`, false},
		{`{"title": nul}`, false},
		{`{"title": truex}`, false},
		{`{"title": "\x"}`, false},
		{`{"title": "\u12"}`, false},
		{`{"title": "\u12g4"}`, false},
		{`{"title": "open`, false},
		{`{"a": 1,}`, false},
		{`{"a" 1}`, false},
		{`{"a": [1,]}`, false},
		{`{"a": [1 2]}`, false},
		{`{a: 1}`, false},
		{`[1]`, false},
		{`null`, false},
		{`{"a": 1} x`, false},
		{"{\"a\":\v1}", false},
	} {
		if took := sameAsJSON(t, []byte(c.in)); took != c.take {
			t.Errorf("%s: took %v, want %v", c.in, took, c.take)
		}
	}

	// Every event of the files streamed, the real exports included
	// (escapes, nulls, numbers, odd keys), is taken and read as
	// encoding/json reads it; those of the others are not taken unless
	// they read the same.
	n := 0
	for f, b := range frabFixtures(t) {
		_, err := parseFrabStream(b)
		for _, ev := range frabEventsIn(b) {
			n++
			if !sameAsJSON(t, ev) && err == nil {
				t.Errorf("%s: an event not taken: %.300s", f, ev)
			}
		}
	}
	if n == 0 {
		t.Error("no events found in the fixtures")
	}
}

// TestFrabDecodeDepth: nesting deeper than maxFrabDepth is left to the
// whole-document reader, not followed down the stack.
func TestFrabDecodeDepth(t *testing.T) {
	deep := func(n int) []byte {
		return []byte(`{"x": ` + string(bytes.Repeat([]byte("["), n)) + string(bytes.Repeat([]byte("]"), n)) + `}`)
	}
	if !sameAsJSON(t, deep(maxFrabDepth-2)) {
		t.Error("nesting within the limit not taken")
	}
	if _, err := decodeFrabEvent(deep(maxFrabDepth + 1)); err == nil {
		t.Error("nesting past the limit taken")
	}
}

// FuzzFrabEventDecode: whatever event the decoder takes, it reads as
// encoding/json does (sameAsJSON). Seeds: every event of the fixtures.
func FuzzFrabEventDecode(f *testing.F) {
	for _, b := range frabFixtures(f) {
		for _, ev := range frabEventsIn(b) {
			f.Add(ev)
		}
	}
	f.Add([]byte(`{"title": "\ud83d\ude00", "persons": [null], "links": ["u", {"href": "h"}], "x": {"y": [1.5e3]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameAsJSON(t, b)
	})
}

// FuzzFrabStreamSameAsWhole: any input reads the same through
// parseFrabJSON (streamed when it can be) as through the whole-document
// reader.
func FuzzFrabStreamSameAsWhole(f *testing.F) {
	for name, b := range frabFixtures(f) {
		if len(b) < 30_000 {
			f.Add(b)
		} else {
			f.Logf("%s: too big for a seed", name)
		}
	}
	f.Add([]byte(`{"schedule": {"base_url": "https://b.example/", "conference": {"title": "T", "rooms": [{"name": "B"}], "days": [{"date": "2024-01-01", "rooms": {"A": [{"id": 1, "title": "x", "date": "2024-01-01T10:00:00+01:00"}], "B": null, "C": [{"id": 2, "title": "y"}]}}]}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := readWith(parseFrabJSON, b), readWith(parseFrabWhole, b); got != want {
			t.Fatalf("%q: streamed\n%.600s\nwhole\n%.600s", b, got, want)
		}
	})
}

// BenchmarkFrabEvents decodes every event of the biggest real export
// (39C3, escapes in most texts): with the streaming reader's decoder, and
// as that reader decoded them before it, encoding/json after a scan for
// keys listed twice.
func BenchmarkFrabEvents(b *testing.B) {
	src, err := os.ReadFile("../../../shared/fixtures/schedules/39c3-everything.schedule.json")
	if err != nil {
		b.Skip("the real 39C3 export is not beside the repository")
	}
	events := frabEventsIn(src)
	size := 0
	for _, ev := range events {
		size += len(ev)
	}
	b.Run("frabDec", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, ev := range events {
				if _, err := decodeFrabEvent(ev); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, ev := range events {
				var fe frabEvent
				if len(source.JSONDuplicateKeys(ev)) > 0 || json.Unmarshal(ev, &fe) != nil {
					b.Fatal("not decoded")
				}
			}
		}
	})
}

// BenchmarkFrabStreamBig reads the schedule.json named by
// $CNDTALKS_BIG_SCHEDULE (internal/importbench's -keep file) with the
// streaming reader, the import's steps before buildSchedule, with the
// events decoded by one goroutine and by two.
func BenchmarkFrabStreamBig(b *testing.B) {
	path := os.Getenv("CNDTALKS_BIG_SCHEDULE")
	if path == "" {
		b.Skip("set CNDTALKS_BIG_SCHEDULE to a big schedule.json")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			cpu := cputime.Process()
			for b.Loop() {
				if _, err := parseFrabStreamWith(src, workers); err != nil {
					b.Fatal(err)
				}
			}
			// The process's CPU time: the machine's other load
			// lengthens the wall time, much less the CPU time.
			b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// plainEndByBytes is plainEnd a byte at a time.
func plainEndByBytes(b []byte, j int) int {
	for ; j < len(b); j++ {
		if c := b[j]; c < 0x20 || c == '"' || c == '\\' {
			return j
		}
	}
	return j
}

// plainKeyEndByBytes is plainKeyEnd a byte at a time.
func plainKeyEndByBytes(b []byte, j int) int {
	for ; j < len(b); j++ {
		if c := b[j]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return j
		}
	}
	return j
}

// TestPlainEndSameAsByteLoop puts every byte value at every place of an
// input of up to three words, over plain backgrounds (ASCII, and bytes
// with the high bit set that a borrow could confuse), and a second
// special byte after it, and compares plainEnd and plainKeyEnd with
// their byte loops.
func TestPlainEndSameAsByteLoop(t *testing.T) {
	for _, bg := range []byte{'a', ' ', 0x80, 0xa0, 0xff, '!', '#', '[', ']'} {
		for n := range 25 {
			for at := range n {
				for c := range 256 {
					b := bytes.Repeat([]byte{bg}, n)
					b[at] = byte(c)
					if at+3 < n {
						b[at+3] = '"'
					}
					for j := range min(n, 9) {
						if got, want := plainEnd(b, j), plainEndByBytes(b, j); got != want {
							t.Fatalf("plainEnd(%q, %d) = %d, want %d", b, j, got, want)
						}
						if got, want := plainKeyEnd(b, j), plainKeyEndByBytes(b, j); got != want {
							t.Fatalf("plainKeyEnd(%q, %d) = %d, want %d", b, j, got, want)
						}
					}
				}
			}
		}
	}
}

func FuzzPlainEnd(f *testing.F) {
	f.Add([]byte(`plain text, then "quoted" and \escaped`), 0)
	f.Add([]byte("control\x1f and \x7f\x80\xff"), 3)
	f.Fuzz(func(t *testing.T, b []byte, j int) {
		if j < 0 || j > len(b) {
			return
		}
		if got, want := plainEnd(b, j), plainEndByBytes(b, j); got != want {
			t.Fatalf("plainEnd(%q, %d) = %d, want %d", b, j, got, want)
		}
		if got, want := plainKeyEnd(b, j), plainKeyEndByBytes(b, j); got != want {
			t.Fatalf("plainKeyEnd(%q, %d) = %d, want %d", b, j, got, want)
		}
	})
}

// TestFrabKeyAndStrFastPaths reads keys and strings that take the fast
// paths of key and str and those just beside them, and compares both
// with keyRun and strRun, which read any key and string.
func TestFrabKeyAndStrFastPaths(t *testing.T) {
	for _, in := range []string{
		`"id":1`, `"title":"x"`, `"video_download_url":"u"`, `"a":`, `"":""`,
		`"id" :1`, `"id"`, `"id`, `"i\u0064":1`, `"caf\u00e9":1`, "\"café\":1", "\"\xff\":1",
		"\"a\x01\":1", `"abcdefg":1`, `"abcdefgh":1`, `"abcdefghi":1`, `"abcdefgh\"":1`,
		`""`, `"short"`, `"exactly7"`, `"sevench"`, `"eight ch"`, `"a \"quote\""`, "\"tab\there\"",
		`"a\/b"`, `"\u00"`, `"long enough to need the loop"`, `"é"`, `"`,
	} {
		sameKeyAndStr(t, []byte(in))
	}
}

// sameKeyAndStr checks that key and str read b as keyRun and strRun do.
func sameKeyAndStr(t *testing.T, b []byte) {
	t.Helper()
	d := &frabDec{b: b}
	k, v, err := d.key(0)
	wk, wv, werr := d.keyRun(0)
	if !bytes.Equal(k, wk) || v != wv || (err == nil) != (werr == nil) {
		t.Errorf("key(%q) = %q, %d, %v; keyRun: %q, %d, %v", b, k, v, err, wk, wv, werr)
	}
	if len(b) == 0 || b[0] != '"' {
		return // str is only called at a quote
	}
	end, esc, err := d.str(0)
	wend, wesc, werr := d.strRun(0)
	if end != wend || esc != wesc || (err == nil) != (werr == nil) {
		t.Errorf("str(%q) = %d, %v, %v; strRun: %d, %v, %v", b, end, esc, err, wend, wesc, werr)
	}
}

// FuzzFrabKeyAndStr: key and str read any input as keyRun and strRun do.
func FuzzFrabKeyAndStr(f *testing.F) {
	f.Add([]byte(`"title":"x"`))
	f.Add([]byte("\"caf\xc3\xa9\":1"))
	f.Add([]byte(`"abcdefgh\"":1`))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameKeyAndStr(t, b)
	})
}
