package store

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cndtalks/data"
)

func newTestLibrary(t *testing.T) *Library {
	t.Helper()
	l := NewLibrary(filepath.Join(t.TempDir(), "catalogues"))
	l.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	return l
}

func TestLibraryAddListLoadRemove(t *testing.T) {
	l := newTestLibrary(t)
	if es, err := l.List(); err != nil || len(es) != 0 {
		t.Fatalf("empty library lists %v, %v", es, err)
	}
	src := "../testdata/import/pentabarf-edge.schedule.xml"
	e, res, err := l.Add(context.Background(), src, "")
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(src)
	want := LibraryEntry{
		Name: "pentacon-2023", Source: abs, Added: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Format: data.FormatPentabarfXML,
		Event: "Pentacon 2023", EventID: "pentacon-2023", Talks: 3, Skipped: 3, HasSchedule: true,
	}
	if e != want {
		t.Errorf("entry = %+v\nwant    %+v", e, want)
	}
	if len(res.Skipped) != 3 || len(res.Catalogue.Talks) != 3 {
		t.Errorf("result: %d talks, %d skipped", len(res.Catalogue.Talks), len(res.Skipped))
	}

	e2, _, err := l.Add(context.Background(), "../testdata/import/frab-edge.schedule.json", "edge")
	if err != nil {
		t.Fatal(err)
	}
	if e2.Name != "edge" || e2.Format != data.FormatFrabJSON || e2.Talks != 6 {
		t.Errorf("entry = %+v", e2)
	}

	es, err := l.List()
	if err != nil || len(es) != 2 || es[0].Name != "edge" || es[1] != want {
		t.Fatalf("List = %+v, %v", es, err)
	}

	// Loading needs only the stored copy.
	loaded, err := l.Load("pentacon-2023")
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Catalogue.Event.Name != "Pentacon 2023" || len(loaded.Catalogue.Talks) != 3 {
		t.Errorf("loaded %+v", loaded.Catalogue.Event)
	}

	// A taken name, even by the same source: only with Replace.
	if _, _, err := l.Add(context.Background(), src, ""); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("re-adding without Replace: %v", err)
	}
	l.Replace = true
	if _, _, err := l.Add(context.Background(), src, ""); err != nil {
		t.Errorf("re-adding with Replace: %v", err)
	}
	l.Replace = false
	_, _, err = l.Add(context.Background(), "../testdata/import/pretalx.schedule.xml", "edge")
	if err == nil || !strings.Contains(err.Error(), `a catalogue named "edge" is already in the library`) {
		t.Errorf("name clash: %v", err)
	}

	if err := l.Remove("edge"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Load("edge"); !errors.Is(err, ErrNotInLibrary) {
		t.Errorf("Load after Remove: %v", err)
	}
	if err := l.Remove("edge"); !errors.Is(err, ErrNotInLibrary) {
		t.Errorf("second Remove: %v", err)
	}
	if es, _ := l.List(); len(es) != 1 {
		t.Errorf("List after Remove = %+v", es)
	}
	left, _ := os.ReadDir(l.Dir)
	if len(left) != 2 {
		t.Errorf("library files: %v", left)
	}
}

func TestLibraryRefusesBadInput(t *testing.T) {
	l := newTestLibrary(t)
	l.MaxSize = 8 << 10
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, src, as, want string
	}{
		{"missing file", filepath.Join(dir, "nope.json"), "", "no such file"},
		{"directory", dir, "", "is a directory"},
		{"too big", write("big.yaml", "talks: []\n"+strings.Repeat("# padding\n", 1000)), "", "over the 8.0 KiB limit"},
		{"html page", write("page.html", "<!DOCTYPE html><html><body>Schedule</body></html>"), "", "is an HTML page, not a catalogue or schedule"},
		{"broken schedule", write("s.json", `{"schedule": {"conference": {`), "", "invalid JSON"},
		{"bad name", "../testdata/import/pretalx.schedule.xml", "Bad Name", "invalid name"},
		{"path in name", "../testdata/import/pretalx.schedule.xml", "../x", "invalid name"},
		{"embedded name", "../testdata/import/pretalx.schedule.xml", data.Default().Event.ID, "embedded event"},
		{"unsafe url", "https://user:pw@example.org/s.json", "", "credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := l.Add(context.Background(), tt.src, tt.as)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Add(%q) = %v, want %q", tt.src, err, tt.want)
			}
		})
	}
	if es, _ := l.List(); len(es) != 0 {
		t.Errorf("refused input was stored: %+v", es)
	}
}

func TestLibraryAddFromURL(t *testing.T) {
	schedule, err := os.ReadFile("../testdata/import/pretalx.schedule.xml")
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	defer close(release)
	mux := http.NewServeMux()
	mux.HandleFunc("/pxconf/schedule.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Write(schedule)
	})
	mux.HandleFunc("/schedule/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body>the schedule page</body></html>"))
	})
	mux.HandleFunc("/big.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"schedule": {"conference": {"title": "` + strings.Repeat("x", 4096) + `"}}}`))
	})
	mux.HandleFunc("/slow.json", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	l := newTestLibrary(t)
	l.MaxSize = 2048
	e, res, err := l.Add(context.Background(), srv.URL+"/pxconf/schedule.xml", "")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "pxconf-23" || e.Source != srv.URL+"/pxconf/schedule.xml" || e.Talks != 1 || res.Format != data.FormatPentabarfXML {
		t.Errorf("entry = %+v", e)
	}
	// Offline from here on.
	srv.Close()
	if r, err := l.Load("pxconf-23"); err != nil || r.Catalogue.Event.TimeZone != "America/Toronto" {
		t.Errorf("Load = %v", err)
	}

	srv2 := httptest.NewServer(mux)
	defer srv2.Close()
	l.Client = &http.Client{Timeout: 200 * time.Millisecond}
	tests := []struct{ path, want string }{
		{"/missing.json", "the server answered 404 Not Found"},
		{"/schedule/", "is an HTML page, not a catalogue or schedule"},
		{"/big.json", "over the 2.0 KiB limit"},
		{"/slow.json", "timed out"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, _, err := l.Add(context.Background(), srv2.URL+tt.path, "x")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Add(%s) = %v, want %q", tt.path, err, tt.want)
			}
			if network := tt.path == "/slow.json"; errors.Is(err, ErrNetwork) != network {
				t.Errorf("Add(%s): errors.Is(err, ErrNetwork) = %v", tt.path, !network)
			}
		})
	}
	if es, _ := l.List(); len(es) != 1 {
		t.Errorf("failed downloads stored something: %+v", es)
	}
}

func TestDataDir(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg-data")
	d, err := LibraryDir()
	if err != nil || d != filepath.Join("/tmp/xdg-data", "cndtalks", "catalogues") {
		t.Errorf("LibraryDir = %q, %v", d, err)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/someone")
	if d, err := DataDir(); err != nil || !filepath.IsAbs(d) || strings.Contains(d, "relative") {
		t.Errorf("DataDir with a relative XDG_DATA_HOME = %q, %v", d, err)
	}
}

func TestLibraryAddReader(t *testing.T) {
	l := newTestLibrary(t)
	f, err := os.Open("../testdata/import/pretalx.schedule.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, _, err := l.AddReader(context.Background(), f, "standard input", ""); err == nil || !strings.Contains(err.Error(), "needs --name") {
		t.Errorf("no name: %v", err)
	}
	e, res, err := l.AddReader(context.Background(), f, "standard input", "px")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "px" || e.Source != "standard input" || e.Talks != 1 || res.Format != data.FormatPentabarfXML {
		t.Errorf("entry = %+v", e)
	}
	l.MaxSize = 10
	if _, _, err := l.AddReader(context.Background(), strings.NewReader(strings.Repeat("x", 11)), "standard input", "big"); err == nil || !strings.Contains(err.Error(), "over the 10 bytes limit") {
		t.Errorf("too big: %v", err)
	}
}

func TestLibraryKeepsTimeZone(t *testing.T) {
	l := newTestLibrary(t)
	p, _ := filepath.Abs("../testdata/import/zoneless.schedule.xml")
	if _, _, err := l.AddWith(context.Background(), p, "camp", data.ImportOptions{TimeZone: "Mars/Olympus"}); err == nil {
		t.Error("AddWith took an unknown zone")
	}
	e, res, err := l.AddWith(context.Background(), p, "camp", data.ImportOptions{TimeZone: "Europe/London"})
	if err != nil {
		t.Fatal(err)
	}
	if e.TimeZone != "Europe/London" || res.Catalogue.Event.TimeZone != "Europe/London" {
		t.Errorf("entry %+v, zone %q", e, res.Catalogue.Event.TimeZone)
	}
	r, err := l.Load("camp")
	if err != nil {
		t.Fatal(err)
	}
	tk, ok := r.Catalogue.Talk("1")
	if !ok {
		t.Fatal("no talk 1")
	}
	if want, _ := time.Parse(time.RFC3339, "2011-08-10T14:00:00+01:00"); !tk.Start.Equal(want) || tk.Start.Location().String() != "Europe/London" || tk.Day != "2011-08-10" {
		t.Errorf("Start = %v in %s, Day %q; want 2011-08-10T14:00:00+01:00 in Europe/London, 2011-08-10", tk.Start, tk.Start.Location(), tk.Day)
	}
}

func TestLibraryAddWebcal(t *testing.T) {
	schedule, err := os.ReadFile("../testdata/import/pretalx.schedule.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(schedule)
	}))
	defer srv.Close()
	l := newTestLibrary(t)
	l.Client = srv.Client()
	webcal := "webcal://" + strings.TrimPrefix(srv.URL, "https://") + "/cal.xml"
	e, _, err := l.Add(context.Background(), webcal, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := srv.URL + "/cal.xml"; e.Source != want {
		t.Errorf("Source = %q, want %q", e.Source, want)
	}
	for in, want := range map[string]string{"WEBCAL://a.example/x.ics": "https://a.example/x.ics", "https://a.example/": "https://a.example/", "webcal:x": "webcal:x"} {
		if got := webcalToHTTPS(in); got != want {
			t.Errorf("webcalToHTTPS(%q) = %q, want %q", in, got, want)
		}
	}
}
