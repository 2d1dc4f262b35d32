package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"cndtalks/data/internal/fsx"
	"cndtalks/model"
)

// slot is one talk of a test schedule.
type slot struct {
	id, title, room, start string // start: "10:00" on 2024-02-03
	speakers               []string
}

// frabJSON is a frab schedule.json of the talks.
func frabJSON(t *testing.T, talks ...slot) []byte {
	t.Helper()
	rooms := map[string][]map[string]any{}
	for _, s := range talks {
		var persons []map[string]any
		for _, p := range s.speakers {
			persons = append(persons, map[string]any{"public_name": p})
		}
		rooms[s.room] = append(rooms[s.room], map[string]any{
			"guid": s.id, "id": len(rooms[s.room]) + 1, "title": s.title, "room": s.room,
			"date": "2024-02-03T" + s.start + ":00+01:00", "start": s.start, "duration": "00:30",
			"type": "Talk", "persons": persons,
		})
	}
	b, err := json.Marshal(map[string]any{"schedule": map[string]any{"version": "1", "conference": map[string]any{
		"acronym": "upcon", "title": "Update Con", "start": "2024-02-03", "end": "2024-02-03",
		"time_zone_name": "Europe/Brussels",
		"days":           []any{map[string]any{"index": 1, "date": "2024-02-03", "rooms": rooms}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	v1Talks = []slot{
		{"a", "Opening", "Janson", "10:00", []string{"Ana"}},
		{"b", "Second", "Janson", "11:00", []string{"Bo"}},
		{"c", "Third", "K.1.105", "11:00", []string{"Cy"}},
	}
	v2Talks = []slot{
		{"a", "Opening", "Janson", "10:00", []string{"Ana"}},
		{"b", "Second", "H.2215", "12:00", []string{"Bo"}},                 // moved
		{"d", "Fourth", "K.1.105", "14:00", []string{"Di"}},                // added; c removed
		{"e", "Fifth", "Janson", "15:00", []string{"Ed"}},                  // added
		{"f", "Sixth and last", "Janson", "16:00", []string{"Fay", "Gus"}}, // added
	}
)

// scheduleServer serves what its handler is set to, and records the
// conditional headers of each request.
type scheduleServer struct {
	*httptest.Server
	mu      sync.Mutex
	handler http.HandlerFunc
	conds   []string
}

func newScheduleServer(t *testing.T) *scheduleServer {
	s := &scheduleServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.conds = append(s.conds, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		h := s.handler
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *scheduleServer) set(h http.HandlerFunc) {
	s.mu.Lock()
	s.handler = h
	s.mu.Unlock()
}

// serveVersion serves body with an ETag, answering 304 to a request that
// names it.
func serveVersion(body []byte, etag string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Sat, 03 Feb 2024 08:00:00 GMT")
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}
}

// snapshot is every file of the library directory with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range des {
		b, err := os.ReadFile(filepath.Join(dir, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[de.Name()] = string(b)
	}
	return out
}

func addFromServer(t *testing.T, srv *scheduleServer) *Library {
	t.Helper()
	lib := NewLibrary(t.TempDir())
	lib.Now = func() time.Time { return time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC) }
	srv.set(serveVersion(frabJSON(t, v1Talks...), `"v1"`))
	e, _, err := lib.Add(context.Background(), srv.URL+"/schedule.json", "upcon")
	if err != nil {
		t.Fatal(err)
	}
	if e.ETag != `"v1"` || e.LastModified != "Sat, 03 Feb 2024 08:00:00 GMT" {
		t.Fatalf("add stored the validators %q %q", e.ETag, e.LastModified)
	}
	return lib
}

func TestUpdateNotModified(t *testing.T) {
	srv := newScheduleServer(t)
	lib := addFromServer(t, srv)
	before := snapshot(t, lib.Dir)
	lib.Now = func() time.Time { return time.Date(2024, 2, 2, 9, 0, 0, 0, time.UTC) }
	res, err := lib.Update(context.Background(), "upcon")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged || !res.NotModified || res.Changes != nil {
		t.Errorf("a 304: %+v", res)
	}
	if got := srv.conds[len(srv.conds)-1]; got != `"v1"|Sat, 03 Feb 2024 08:00:00 GMT` {
		t.Errorf("the update asked with %q, want both validators", got)
	}
	after := snapshot(t, lib.Dir)
	if after["upcon.catalogue"] != before["upcon.catalogue"] || len(after) != 2 {
		t.Errorf("a 304 changed the files: %v", slices.Sorted(mapsKeys(after)))
	}
	if e, _ := lib.Entry("upcon"); !e.Checked.Equal(time.Date(2024, 2, 2, 9, 0, 0, 0, time.UTC)) || !e.Updated.IsZero() {
		t.Errorf("after a 304 the entry says checked %v, updated %v", e.Checked, e.Updated)
	}
	// The same bytes with no validators at all are unchanged too.
	srv.set(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(before["upcon.catalogue"])) })
	if res, err := lib.Update(context.Background(), "upcon"); err != nil || !res.Unchanged || res.NotModified {
		t.Errorf("the same bytes again: %+v, %v", res, err)
	}
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestUpdateChanges(t *testing.T) {
	srv := newScheduleServer(t)
	lib := addFromServer(t, srv)
	v1 := snapshot(t, lib.Dir)["upcon.catalogue"]
	v2 := frabJSON(t, v2Talks...)
	srv.set(serveVersion(v2, `"v2"`))
	res, err := lib.Update(context.Background(), "upcon")
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged || res.Old == nil || res.New == nil {
		t.Fatalf("a new copy: %+v", res)
	}
	if got := res.Changes.Summary(); got != "3 added, 1 removed, 1 moved" {
		t.Errorf("Summary = %q", got)
	}
	b, _ := res.Changes.Find("b")
	if got := strings.Join(b.Lines(), "; "); got != "moved from Sat 11:00 Janson to Sat 12:00 H.2215" {
		t.Errorf("b: %q", got)
	}
	if c, ok := res.Changes.Find("c"); !ok || !c.Removed || c.Title != "Third" {
		t.Errorf("c: %+v", c)
	}
	files := snapshot(t, lib.Dir)
	if files["upcon.catalogue.prev"] != v1 || files["upcon.catalogue"] != string(v2) {
		t.Errorf("the previous copy is not kept beside the new one")
	}
	e, err := lib.Entry("upcon")
	if err != nil || e.ETag != `"v2"` || e.Talks != 5 || e.Updated.IsZero() {
		t.Errorf("the entry after the update: %+v, %v", e, err)
	}
	// Changes reads back what Update found.
	cs, err := lib.Changes("upcon")
	if err != nil || cs.Summary() != res.Changes.Summary() || !cs.Changed("b") || cs.Changed("a") {
		t.Errorf("Changes = %+v, %v", cs, err)
	}
	// A second update that changes something again replaces the previous
	// copy and the changes; one that changes nothing leaves the changes.
	srv.set(serveVersion(v2, `"v2"`))
	if res, err := lib.Update(context.Background(), "upcon"); err != nil || !res.Unchanged {
		t.Fatalf("unchanged: %+v, %v", res, err)
	}
	if cs, _ := lib.Changes("upcon"); cs.Summary() != "3 added, 1 removed, 1 moved" {
		t.Errorf("an unchanged update dropped the last changes: %q", cs.Summary())
	}
	// Removing the entry removes its history.
	if err := lib.Remove("upcon"); err != nil {
		t.Fatal(err)
	}
	if left := snapshot(t, lib.Dir); len(left) != 0 {
		t.Errorf("remove left %v", slices.Sorted(mapsKeys(left)))
	}
}

// TestUpdateFailuresKeepStoredCopy serves each way an update can fail and
// checks that the library is exactly as it was, and that the message says
// why.
func TestUpdateFailuresKeepStoredCopy(t *testing.T) {
	hijack := func(w http.ResponseWriter, write string) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(err)
		}
		buf.WriteString(write)
		buf.Flush()
		conn.Close()
	}
	v2 := frabJSON(t, v2Talks...)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string
		network bool
	}{
		{"connection closed", func(w http.ResponseWriter, _ *http.Request) { hijack(w, "") }, "cannot download", true},
		{"server error", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "oops", http.StatusInternalServerError)
		}, "the server answered 500 Internal Server Error", false},
		{"HTML error page with 200", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!DOCTYPE html><html><body>Maintenance</body></html>"))
		}, "is an HTML page", false},
		{"HTML page sent as JSON", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte("<html><body>Bad gateway</body></html>"))
		}, "is an HTML page", false},
		{"truncated body", func(w http.ResponseWriter, _ *http.Request) {
			hijack(w, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(v2), v2[:len(v2)/2]))
		}, "the connection closed after", true},
		{"cut short but well formed", func(w http.ResponseWriter, _ *http.Request) {
			w.Write(frabJSON(t))
		}, "the schedule lists no events", false},
		{"invalid JSON", func(w http.ResponseWriter, _ *http.Request) {
			w.Write(v2[:len(v2)-7])
		}, "the new copy is not a catalogue or schedule cndtalks reads", false},
		{"JSON that is no schedule", func(w http.ResponseWriter, _ *http.Request) {
			w.Write([]byte(`{"status": "ok", "items": []}`))
		}, "the new copy is not a catalogue or schedule cndtalks reads", false},
		{"redirect to a refused URL", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "ftp://example.org/schedule.json", http.StatusFound)
		}, "redirects to a refused URL", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newScheduleServer(t)
			lib := addFromServer(t, srv)
			before := snapshot(t, lib.Dir)
			srv.set(tt.handler)
			_, err := lib.Update(context.Background(), "upcon")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasSuffix(err.Error(), "; the stored copy is kept") {
				t.Fatalf("err = %v, want %q and that the stored copy is kept", err, tt.want)
			}
			if errors.Is(err, ErrNetwork) != tt.network {
				t.Errorf("errors.Is(err, ErrNetwork) = %v, want %v", !tt.network, tt.network)
			}
			after := snapshot(t, lib.Dir)
			if len(after) != len(before) {
				t.Errorf("files after a failed update: %v", slices.Sorted(mapsKeys(after)))
			}
			for name, content := range before {
				if after[name] != content {
					t.Errorf("%s changed", name)
				}
			}
			if _, err := lib.Load("upcon"); err != nil {
				t.Errorf("the stored copy no longer loads: %v", err)
			}
		})
	}
}

// TestUpdateInterrupted cancels an update in the middle of the download:
// nothing is written, no temporary file is left.
func TestUpdateInterrupted(t *testing.T) {
	srv := newScheduleServer(t)
	lib := addFromServer(t, srv)
	before := snapshot(t, lib.Dir)
	ctx, cancel := context.WithCancel(context.Background())
	sent := make(chan struct{})
	release := make(chan struct{})
	defer close(release)
	srv.set(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "100000")
		w.Write(bytes.Repeat([]byte(" "), 1000))
		w.(http.Flusher).Flush()
		close(sent)
		<-release
	})
	go func() { <-sent; cancel() }()
	_, err := lib.Update(ctx, "upcon")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if after := snapshot(t, lib.Dir); len(after) != len(before) || after["upcon.catalogue"] != before["upcon.catalogue"] {
		t.Errorf("an interrupted update changed the library: %v", slices.Sorted(mapsKeys(after)))
	}
}

func TestUpdateNotFromURL(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "upcon.json")
	if err := os.WriteFile(src, frabJSON(t, v1Talks...), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary(filepath.Join(dir, "lib"))
	if _, _, err := lib.Add(context.Background(), src, "upcon"); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Update(context.Background(), "upcon"); !errors.Is(err, ErrNotFromURL) {
		t.Errorf("err = %v, want ErrNotFromURL", err)
	}
	if _, err := lib.Update(context.Background(), "nope"); !errors.Is(err, ErrNotInLibrary) {
		t.Errorf("err = %v, want ErrNotInLibrary", err)
	}
	if cs, err := lib.Changes("upcon"); cs != nil || err != nil {
		t.Errorf("never updated: Changes = %v, %v", cs, err)
	}
}

// realSchedulePath is the biggest real schedule of the fixtures.
const realSchedulePath = "../../../shared/fixtures/schedules/39c3-everything.schedule.json"

// realEdit is a real schedule (v1) and an edited copy (v2): a talk
// cancelled, one retitled, one moved an hour, one given another speaker,
// one added. ids are the talks' IDs in that order.
type realEdit struct {
	v1, v2                                    []byte
	removed, retitled, moved, respoken, added string
}

func editRealSchedule(t testing.TB) realEdit {
	t.Helper()
	v1, err := os.ReadFile(realSchedulePath)
	if err != nil {
		t.Skipf("needs the real schedules in ../shared/fixtures: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(v1, &doc); err != nil {
		t.Fatal(err)
	}
	day := doc["schedule"].(map[string]any)["conference"].(map[string]any)["days"].([]any)[1].(map[string]any)
	room := day["rooms"].(map[string]any)["One"].([]any)
	ev := func(i int) map[string]any { return room[i].(map[string]any) }
	e := realEdit{v1: v1, removed: ev(0)["guid"].(string), retitled: ev(1)["guid"].(string), moved: ev(2)["guid"].(string),
		respoken: ev(3)["guid"].(string), added: "11111111-2222-3333-4444-555555555555"}
	ev(1)["title"] = "A new title"
	start, err := time.Parse(time.RFC3339, ev(2)["date"].(string))
	if err != nil {
		t.Fatal(err)
	}
	ev(2)["date"] = start.Add(time.Hour).Format(time.RFC3339)
	ev(2)["start"] = start.Add(time.Hour).Format("15:04")
	ev(3)["persons"] = []any{map[string]any{"name": "Someone Else", "public_name": "Someone Else"}}
	added := map[string]any{}
	for k, v := range ev(4) {
		added[k] = v
	}
	added["guid"], added["id"], added["title"] = e.added, 999999, "A late addition"
	day["rooms"].(map[string]any)["One"] = append(room[1:], added)
	if e.v2, err = json.Marshal(doc); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestUpdateRealSchedule updates a real schedule to an edited copy of it.
func TestUpdateRealSchedule(t *testing.T) {
	e := editRealSchedule(t)
	srv := newScheduleServer(t)
	srv.set(serveVersion(e.v1, `"v1"`))
	lib := NewLibrary(t.TempDir())
	if _, _, err := lib.Add(context.Background(), srv.URL+"/schedule.json", "39c3"); err != nil {
		t.Fatal(err)
	}
	srv.set(serveVersion(e.v2, `"v2"`))
	res, err := lib.Update(context.Background(), "39c3")
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Changes.Summary(); got != "1 added, 1 removed, 1 moved, 1 retitled, 1 with other speakers" {
		t.Errorf("Summary = %q", got)
	}
	want := map[string]func(c *model.TalkChange) bool{
		e.removed:  func(c *model.TalkChange) bool { return c.Removed },
		e.retitled: func(c *model.TalkChange) bool { return c.OldTitle != "" && c.Title == "A new title" },
		e.moved: func(c *model.TalkChange) bool {
			return c.Moved && c.To.Start.Sub(c.From.Start) == time.Hour && c.From.Room == c.To.Room
		},
		e.respoken: func(c *model.TalkChange) bool {
			return c.SpeakersChanged && slices.Equal(c.Speakers, []string{"Someone Else"})
		},
		e.added: func(c *model.TalkChange) bool { return c.Added },
	}
	for id, ok := range want {
		c, found := res.Changes.Find(id)
		if !found || !ok(c) {
			t.Errorf("%s: %+v (found %v)", id, c, found)
		}
	}
}

// BenchmarkUpdateRealSchedule times an update of the biggest real
// schedule (2.6 MB, 39C3) over a loopback server: "new" downloads the
// edited copy, loads both copies, compares them and writes the library;
// "not-modified" is a 304.
func BenchmarkUpdateRealSchedule(b *testing.B) {
	e := editRealSchedule(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1.json":
			w.Write(e.v1)
		default:
			serveVersion(e.v2, `"v2"`)(w, r)
		}
	}))
	defer srv.Close()
	b.Run("new", func(b *testing.B) {
		dir := b.TempDir()
		for b.Loop() {
			b.StopTimer()
			v1, err := os.ReadFile(realSchedulePath)
			if err != nil {
				b.Fatal(err)
			}
			lib := NewLibrary(dir)
			lib.Replace = true
			if _, _, err := lib.AddReader(context.Background(), bytes.NewReader(v1), "v1", "39c3"); err != nil {
				b.Fatal(err)
			}
			e, _ := lib.Entry("39c3")
			e.Source = srv.URL + "/v2.json"
			if err := lib.writeEntry(e); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := lib.Update(context.Background(), "39c3"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("not-modified", func(b *testing.B) {
		lib := NewLibrary(b.TempDir())
		if _, _, err := lib.Add(context.Background(), srv.URL+"/v2.json", "39c3"); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if res, err := lib.Update(context.Background(), "39c3"); err != nil || !res.NotModified {
				b.Fatal(res, err)
			}
		}
	})
}

// Two updates at once: the second is refused while the first holds the
// lock, and the stored copy is left alone.
func TestUpdateWhileAnotherRuns(t *testing.T) {
	srv := newScheduleServer(t)
	lib := addFromServer(t, srv)
	before := snapshot(t, lib.Dir)
	unlock, ok, err := fsx.TryLock(lib.updateLock())
	if err != nil || !ok {
		t.Fatalf("taking the lock: %v %v", ok, err)
	}
	srv.set(serveVersion(frabJSON(t, v1Talks[:1]...), `"v2"`))
	if _, err := lib.Update(context.Background(), "upcon"); !errors.Is(err, ErrUpdateRunning) {
		t.Fatalf("an update while another runs: %v, want ErrUpdateRunning", err)
	}
	if after := snapshot(t, lib.Dir); !maps.Equal(before, after) {
		t.Errorf("the refused update changed the library")
	}
	unlock()
	if res, err := lib.Update(context.Background(), "upcon"); err != nil || res.Unchanged {
		t.Errorf("the update after the lock was released: %+v, %v", res, err)
	}
}
