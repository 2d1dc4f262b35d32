package store

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"cndtalks/model"

	"cndtalks/data"
)

// snapshotLibrary is a library with snapshots holding the given fixtures
// under their names.
func snapshotLibrary(t *testing.T, entries map[string]string) *Library {
	t.Helper()
	l := newTestLibrary(t)
	l.Snapshots = filepath.Join(t.TempDir(), "snapshots")
	for name, src := range entries {
		if _, _, err := l.Add(context.Background(), src, name); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// resultFingerprint is everything a loaded result shows: the catalogue as
// JSON, each start's zone as the UI names it, the format and the notes.
func resultFingerprint(t *testing.T, res *data.Result) string {
	t.Helper()
	var zones []string
	for _, tk := range res.Catalogue.Talks {
		name, off := tk.Start.Zone()
		zones = append(zones, tk.Start.Location().String()+"/"+name+"/"+time.Duration(off*int(time.Second)).String()+"/"+tk.Start.String())
	}
	b, err := json.Marshal(struct {
		Cat     any
		Zones   []string
		Format  string
		Skipped []data.Skip
		Notes   []string
	}{res.Catalogue, zones, res.Format, res.Skipped, res.Notes})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSnapshotSameAsImport: every importer's result comes back from its
// snapshot unchanged, time zones included.
func TestSnapshotSameAsImport(t *testing.T) {
	fixtures := map[string]string{
		"edge":     "../testdata/import/frab-edge.schedule.json",
		"penta":    "../testdata/import/pentabarf-edge.schedule.xml",
		"zoneless": "../testdata/import/zoneless.schedule.xml",
		"ics":      "../testdata/import/moca-quirks.ics",
		"pretalx":  "../testdata/import/pretalx-wrong-tz.ics",
		"yaml":     "../testdata/valid-full.yaml",
		"typed":    "../testdata/import/c3voc-typed.schedule.json",
	}
	l := snapshotLibrary(t, fixtures)
	for name := range fixtures {
		plain := *l
		plain.Snapshots = ""
		want, err := plain.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		first, err := l.Load(name) // imports and writes the snapshot
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(l.snapshotFileName(name, l.catalogueFile(name))); err != nil {
			t.Fatalf("%s: no snapshot written: %v", name, err)
		}
		second, err := l.Load(name) // from the snapshot
		if err != nil {
			t.Fatal(err)
		}
		w := resultFingerprint(t, want)
		for _, got := range []*data.Result{first, second} {
			if g := resultFingerprint(t, got); g != w {
				t.Errorf("%s: from the snapshot\n%s\nwant\n%s", name, g, w)
			}
		}
		if c := second.Catalogue; len(c.Speakers) > 0 {
			if _, ok := c.Speaker(c.Speakers[0].ID); !ok {
				t.Errorf("%s: the snapshot's catalogue is not indexed", name)
			}
		}
	}
}

// forgeSnapshot rewrites an entry's snapshot as a valid one whose event has
// another name, so a test can tell the snapshot was read.
func forgeSnapshot(t *testing.T, l *Library, name string) string {
	t.Helper()
	p := l.snapshotFileName(name, l.catalogueFile(name))
	s, err := decodeSnapshot(mustRead(t, p))
	if err != nil {
		t.Fatal(err)
	}
	res := s.result()
	res.Catalogue.Event.Name = "Forged in the snapshot"
	if err := writeSnapshot(p, *s, res); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSnapshotNeverTrustedWhenWrong: a snapshot is used only when whole and
// made by this version from the same source; otherwise the source is
// imported again and the snapshot rewritten.
func TestSnapshotNeverTrustedWhenWrong(t *testing.T) {
	const name = "edge"
	const imported, forged = "EdgeCon 2024", "Forged in the snapshot"
	cases := []struct {
		name string
		// spoil changes the snapshot at p or the source at src.
		spoil func(t *testing.T, p, src string)
		want  string
	}{
		{"untouched", func(*testing.T, string, string) {}, forged},
		{"source touched, same bytes", func(t *testing.T, _, src string) {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(src, later, later); err != nil {
				t.Fatal(err)
			}
		}, forged},
		{"one byte flipped", func(t *testing.T, p, _ string) {
			b := mustRead(t, p)
			b[len(b)/2] ^= 0x20
			writeRaw(t, p, b)
		}, imported},
		{"truncated", func(t *testing.T, p, _ string) {
			b := mustRead(t, p)
			writeRaw(t, p, b[:len(b)*2/3])
		}, imported},
		{"empty", func(t *testing.T, p, _ string) { writeRaw(t, p, nil) }, imported},
		{"checksum right, payload garbage", func(t *testing.T, p, _ string) {
			payload := []byte("\x04\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff this is no snapshot")
			var b bytes.Buffer
			b.WriteString(snapshotMagic)
			b.Write(make([]byte, 4))
			b.Write(payload)
			raw := b.Bytes()
			sum := crcOf(payload)
			copy(raw[len(snapshotMagic):], sum)
			writeRaw(t, p, raw)
		}, imported},
		{"another format version", func(t *testing.T, p, _ string) { rewriteSnapshot(t, p, func(s *snapshotFile) { s.Version++ }) }, imported},
		{"another build", func(t *testing.T, p, _ string) { rewriteSnapshot(t, p, func(s *snapshotFile) { s.Build += "x" }) }, imported},
		{"another time zone option", func(t *testing.T, p, _ string) {
			rewriteSnapshot(t, p, func(s *snapshotFile) { s.TimeZone = "Asia/Tokyo" })
		}, imported},
		{"source changed, same size", func(t *testing.T, _, src string) {
			b := mustRead(t, src)
			b = bytes.ReplaceAll(b, []byte(imported), []byte("EdgeCon 2025"))
			writeRaw(t, src, b)
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(src, later, later); err != nil {
				t.Fatal(err)
			}
		}, "EdgeCon 2025"},
		{"source changed, same size and time", func(t *testing.T, _, src string) {
			st, err := os.Stat(src)
			if err != nil {
				t.Fatal(err)
			}
			b := mustRead(t, src)
			b = bytes.ReplaceAll(b, []byte(imported), []byte("EdgeCon 2025"))
			writeRaw(t, src, b)
			// The same size and time: only a hash would see it. This is
			// the one change a snapshot misses (README: delete them).
			if err := os.Chtimes(src, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, forged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := snapshotLibrary(t, map[string]string{name: "../testdata/import/frab-edge.schedule.json"})
			if _, err := l.Load(name); err != nil {
				t.Fatal(err)
			}
			p := forgeSnapshot(t, l, name)
			c.spoil(t, p, l.catalogueFile(name))
			res, err := l.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Catalogue.Event.Name; got != c.want {
				t.Fatalf("event name %q, want %q", got, c.want)
			}
			if c.want == forged {
				return
			}
			// Rebuilt: the next load reads the new snapshot, which is
			// whole and says what the source says.
			s, err := decodeSnapshot(mustRead(t, p))
			if err != nil {
				t.Fatalf("the snapshot was not rebuilt: %v", err)
			}
			if got := s.Cat.Event.Name; got != c.want {
				t.Errorf("rebuilt snapshot says %q, want %q", got, c.want)
			}
		})
	}
}

func writeRaw(t *testing.T, p string, b []byte) {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// Keep the time: a test of content alone.
	if err := os.Chtimes(p, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
}

func rewriteSnapshot(t *testing.T, p string, change func(*snapshotFile)) {
	t.Helper()
	s, err := decodeSnapshot(mustRead(t, p))
	if err != nil {
		t.Fatal(err)
	}
	res := s.result()
	change(s)
	if err := writeSnapshot(p, *s, res); err != nil {
		t.Fatal(err)
	}
}

func crcOf(b []byte) []byte {
	out := make([]byte, 4)
	sum := crc32Checksum(b)
	out[0], out[1], out[2], out[3] = byte(sum), byte(sum>>8), byte(sum>>16), byte(sum>>24)
	return out
}

// TestSnapshotRemovedWithEntry: remove deletes the entry's snapshot.
func TestSnapshotRemovedWithEntry(t *testing.T) {
	l := snapshotLibrary(t, map[string]string{"edge": "../testdata/import/frab-edge.schedule.json"})
	if _, err := l.Load("edge"); err != nil {
		t.Fatal(err)
	}
	p := l.snapshotFileName("edge", l.catalogueFile("edge"))
	if err := l.Remove("edge"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Errorf("snapshot left behind: %v", err)
	}
}

// TestSnapshotCodecKnowsEveryField: the snapshot codec writes every field
// of what it stores by hand; a new field must be added to it (and
// SnapshotVersion bumped), or snapshots would silently drop it.
func TestSnapshotCodecKnowsEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{model.Event{}, 20}, {model.Talk{}, 15}, {model.Speaker{}, 4}, {model.Link{}, 3},
		{data.Skip{}, 5}, {model.Catalogue{}, 5}, // Event, Speakers, Talks, Parts (never stored) and the index
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, the snapshot codec knows %d: update snapcodec.go and bump SnapshotVersion", c.v, n, c.want)
		}
	}
}

// TestSnapshotPayloadCutAnywhere: a payload cut at any byte is refused,
// never half read.
func TestSnapshotPayloadCutAnywhere(t *testing.T) {
	l := snapshotLibrary(t, map[string]string{"edge": "../testdata/import/frab-edge.schedule.json"})
	if _, err := l.Load("edge"); err != nil {
		t.Fatal(err)
	}
	b := mustRead(t, l.snapshotFileName("edge", l.catalogueFile("edge")))
	payload := b[len(snapshotMagic)+4:]
	if _, err := decodeSnapshotPayload(bytes.Clone(payload)); err != nil {
		t.Fatal(err)
	}
	for n := range len(payload) {
		if s, err := decodeSnapshotPayload(bytes.Clone(payload[:n])); err == nil && s.Version == SnapshotVersion {
			t.Fatalf("a payload cut at %d of %d bytes decoded", n, len(payload))
		}
	}
}

// TestSnapshotRestampedWhenTouched: a source with a new time but the same
// bytes is trusted through its hash once; the snapshot then carries the
// new time, so later loads compare times again and do not read and hash
// the source on every start.
func TestSnapshotRestampedWhenTouched(t *testing.T) {
	const name = "edge"
	l := snapshotLibrary(t, map[string]string{name: "../testdata/import/frab-edge.schedule.json"})
	if _, err := l.Load(name); err != nil {
		t.Fatal(err)
	}
	p := forgeSnapshot(t, l, name)
	src := l.catalogueFile(name)
	later := time.Now().Add(time.Hour).Truncate(time.Second)
	if err := os.Chtimes(src, later, later); err != nil {
		t.Fatal(err)
	}
	res, err := l.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Catalogue.Event.Name; got != "Forged in the snapshot" {
		t.Fatalf("event name %q: the snapshot was not used", got)
	}
	s, err := decodeSnapshot(mustRead(t, p))
	if err != nil {
		t.Fatal(err)
	}
	if s.SourceMTime != later.UnixNano() {
		t.Errorf("snapshot source time %d, want the source's new %d", s.SourceMTime, later.UnixNano())
	}
	if s.Cat.Event.Name != "Forged in the snapshot" {
		t.Errorf("restamped snapshot holds %q, want what it held", s.Cat.Event.Name)
	}
}
