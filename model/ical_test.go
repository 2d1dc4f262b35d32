package model

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/exp/golden"
	ical "github.com/emersion/go-ical"
)

// exportFixture is a small scheduled catalogue with the text an export must
// get right: separators to escape, multi-byte characters where lines fold,
// control characters, a talk with no time and one with no end, two time
// zones and a link that must not be written.
func exportFixture() *Catalogue {
	montreal := time.FixedZone("EST", -5*3600)
	c := &Catalogue{
		Event: Event{ID: "kube day/2026", Name: "Kube Day, 2026; the \\ edition"},
		Speakers: []Speaker{
			{ID: "ada", Name: "Ada Lovelace", Org: "Analytical Engines"},
			{ID: "lin", Name: "林 美玲", Org: "雲原生, Inc."},
			{ID: "bob", Name: "Bob \x1b[31mRed\x1b[0m"},
		},
		Talks: []Talk{
			{
				ID: "opening", Title: "Opening keynote", Kind: "keynote", Speakers: []string{"ada"},
				Summary: "Welcome, and why; we are here.\n\nSecond paragraph with a backslash \\ too.",
				Links:   []Link{{Kind: LinkSlides, URL: "https://example.com/slides?a=1,b=2;c"}, {Kind: LinkVideo, URL: "https://video.example/v/1"}},
				Start:   time.Date(2026, 3, 10, 9, 0, 0, 0, montreal), Duration: 45 * time.Minute,
				Room: "Hall A, level 1", Track: "Main", Day: "2026-03-10",
			},
			{
				ID: "cjk", Title: "クラウドネイティブの未来とKubernetesの運用を語る長いタイトル: 可観測性とセキュリティ",
				Subtitle: "A subtitle", Kind: "talk", Speakers: []string{"lin", "bob"},
				Summary: strings.Repeat("Émojis 🧑‍💻 and accents fold safely. ", 4),
				Links:   []Link{{Kind: LinkWeb, URL: "javascript:alert(1)"}, {Kind: LinkVideo, URL: "https://video.example/v/2", Label: "Recording, part 1"}},
				Start:   time.Date(2026, 3, 10, 15, 30, 0, 0, time.UTC), Duration: 30 * time.Minute,
				Room: "Salle 2", Day: "2026-03-10",
			},
			{
				ID: "unscheduled", Title: "A talk with no time", Kind: "talk",
			},
			{
				ID: "lightning.1", Title: "Lightning\r\nwith a newline", Kind: "lightning",
				Start: time.Date(2026, 3, 11, 17, 0, 0, 0, montreal), Day: "2026-03-11",
			},
		},
	}
	c.Index()
	return c
}

var exportStamp = time.Date(2026, 11, 26, 4, 30, 0, 0, time.UTC)

func TestICalendarGolden(t *testing.T) {
	c := exportFixture()
	ics, events, skipped := c.ICalendar(nil, exportStamp)
	if events != 3 || skipped != 1 {
		t.Errorf("events, skipped = %d, %d, want 3, 1", events, skipped)
	}
	checkICSLines(t, ics)
	// The golden file has LF line ends, to read and diff well.
	golden.RequireEqual(t, bytes.ReplaceAll(ics, []byte("\r\n"), []byte("\n")))
}

// checkICSLines asserts RFC 5545 3.1: CRLF line ends, no line over 75
// octets, and folds that never split a UTF-8 character.
func checkICSLines(t *testing.T, ics []byte) {
	t.Helper()
	if !bytes.HasSuffix(ics, []byte("\r\n")) {
		t.Error("does not end in CRLF")
	}
	for n, line := range strings.Split(strings.TrimSuffix(string(ics), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", n+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", n+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a character: %q", n+1, line)
		}
		for _, r := range line {
			if r < 0x20 && r != '\t' || r == 0x7f {
				t.Errorf("line %d has control character %U", n+1, r)
			}
		}
	}
}

// TestICalendarParses reads the export back with a real iCalendar parser
// (github.com/emersion/go-ical) and checks every value survives escaping and
// folding, and that the calendar re-encodes (its encoder checks the required
// properties).
func TestICalendarParses(t *testing.T) {
	c := exportFixture()
	ics, _, _ := c.ICalendar([]int{3, 2, 1, 0}, exportStamp)
	cal, err := ical.NewDecoder(bytes.NewReader(ics)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, ics)
	}
	if err := ical.NewEncoder(new(bytes.Buffer)).Encode(cal); err != nil {
		t.Errorf("re-encode (validation): %v", err)
	}
	if v, _ := cal.Props.Text("X-WR-CALNAME"); v != c.Event.Name {
		t.Errorf("calendar name %q", v)
	}
	events := cal.Events()
	if len(events) != 3 {
		t.Fatalf("%d events, want 3", len(events))
	}
	want := []struct {
		talk        int
		uid         string
		summary     string
		location    string
		url         string
		start, end  time.Time
		description []string
	}{
		{
			talk: 3, uid: "lightning%2E1.kube%20day%2F2026@cndtalks", summary: "Lightning with a newline",
			start: time.Date(2026, 3, 11, 22, 0, 0, 0, time.UTC),
		},
		{
			talk: 1, uid: "cjk.kube%20day%2F2026@cndtalks", summary: c.Talks[1].Title, location: "Salle 2",
			url:   "https://video.example/v/2",
			start: time.Date(2026, 3, 10, 15, 30, 0, 0, time.UTC), end: time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC),
			description: []string{"A subtitle\n\nSpeakers: 林 美玲 (雲原生, Inc.), Bob Red\n\nÉmojis 🧑‍💻", "Recording, part 1: https://video.example/v/2"},
		},
		{
			talk: 0, uid: "opening.kube%20day%2F2026@cndtalks", summary: "Opening keynote", location: "Hall A, level 1",
			url:   "https://example.com/slides?a=1,b=2;c",
			start: time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC), end: time.Date(2026, 3, 10, 14, 45, 0, 0, time.UTC),
			description: []string{"Speakers: Ada Lovelace (Analytical Engines)\n\nWelcome, and why; we are here.\n\nSecond paragraph with a backslash \\ too.\n\nSlides: https://example.com/slides?a=1,b=2;c\nVideo: https://video.example/v/1"},
		},
	}
	for k, ev := range events {
		w := want[k]
		text := func(name string) string {
			v, err := ev.Props.Text(name)
			if err != nil {
				t.Errorf("event %d %s: %v", k, name, err)
			}
			return v
		}
		if got := text(ical.PropUID); got != w.uid {
			t.Errorf("event %d UID %q, want %q", k, got, w.uid)
		}
		if got := text(ical.PropSummary); got != w.summary {
			t.Errorf("event %d SUMMARY %q, want %q", k, got, w.summary)
		}
		if got := text(ical.PropLocation); got != w.location {
			t.Errorf("event %d LOCATION %q, want %q", k, got, w.location)
		}
		desc := text(ical.PropDescription)
		for _, d := range w.description {
			if !strings.Contains(desc, d) {
				t.Errorf("event %d DESCRIPTION %q lacks %q", k, desc, d)
			}
		}
		if strings.Contains(desc, "javascript") || strings.Contains(desc, "\x1b") {
			t.Errorf("event %d DESCRIPTION has unsafe text: %q", k, desc)
		}
		if w.url != "" {
			u, err := ev.Props.URI(ical.PropURL)
			if err != nil || u.String() != w.url {
				t.Errorf("event %d URL %v (%v), want %q", k, u, err, w.url)
			}
		}
		start, err := ev.DateTimeStart(time.UTC)
		if err != nil || !start.Equal(w.start) {
			t.Errorf("event %d DTSTART %v (%v), want %v", k, start, err, w.start)
		}
		if w.end.IsZero() {
			if ev.Props.Get(ical.PropDateTimeEnd) != nil {
				t.Errorf("event %d has DTEND without a duration", k)
			}
		} else if end, err := ev.DateTimeEnd(time.UTC); err != nil || !end.Equal(w.end) {
			t.Errorf("event %d DTEND %v (%v), want %v", k, end, err, w.end)
		}
		stamp, err := ev.Props.DateTime(ical.PropDateTimeStamp, nil)
		if err != nil || !stamp.Equal(exportStamp) {
			t.Errorf("event %d DTSTAMP %v (%v)", k, stamp, err)
		}
	}
}

// UIDs stay the same across exports and schedule changes, so a calendar
// updates its events on re-import.
func TestICalendarStableUIDs(t *testing.T) {
	a := exportFixture()
	b := exportFixture()
	b.Talks[0].Start = b.Talks[0].Start.Add(2 * time.Hour)
	b.Talks[0].Title = "Renamed keynote"
	uid := func(c *Catalogue, stamp time.Time) string {
		ics, _, _ := c.ICalendar([]int{0}, stamp)
		cal, err := ical.NewDecoder(bytes.NewReader(ics)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		v, _ := cal.Events()[0].Props.Text(ical.PropUID)
		return v
	}
	if uid(a, exportStamp) != uid(b, exportStamp.Add(time.Hour)) {
		t.Error("UID changed with the schedule or the export time")
	}
	other := exportFixture()
	other.Event.ID = "another-event"
	if uid(a, exportStamp) == uid(other, exportStamp) {
		t.Error("same talk ID in another catalogue has the same UID")
	}
}

func TestICalendarEmptyAndSkipped(t *testing.T) {
	c := exportFixture()
	ics, events, skipped := c.ICalendar([]int{2, 99, -1}, exportStamp)
	if events != 0 || skipped != 1 {
		t.Errorf("events, skipped = %d, %d", events, skipped)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(ics)).Decode()
	if err != nil {
		t.Fatalf("decode empty calendar: %v", err)
	}
	if len(cal.Events()) != 0 {
		t.Error("events in an empty export")
	}
}

func TestICSFold(t *testing.T) {
	cases := []struct {
		name, value string
	}{
		{"ascii exactly 75", strings.Repeat("a", 75-len("X:"))},
		{"ascii 76", strings.Repeat("a", 76-len("X:"))},
		{"3-byte runes", strings.Repeat("界", 100)},
		{"4-byte runes", strings.Repeat("🧑", 60)},
		{"mixed", "a" + strings.Repeat("é界🧑", 40)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := &icsWriter{}
			w.prop("X", tc.value)
			out := w.b.String()
			checkICSLines(t, []byte(out))
			unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", "")
			if unfolded != "X:"+tc.value {
				t.Errorf("unfolds to %q", unfolded)
			}
			if len("X:"+tc.value) <= 75 && strings.Count(out, "\r\n") != 1 {
				t.Errorf("short line folded: %q", out)
			}
		})
	}
}

func TestICSText(t *testing.T) {
	cases := map[string]string{
		"plain":           "plain",
		`a,b;c\d`:         `a\,b\;c\\d`,
		"two\nlines":      `two\nlines`,
		"crlf\r\nend":     `crlf\nend`,
		"esc\x1b[2Jgone":  "escgone",
		"tab\tkept":       "tab\tkept",
		"colon: is fine":  "colon: is fine",
		`"quotes" stay`:   `"quotes" stay`,
		"bidi\u202eswap":  "bidiswap",
		"nul\x00and\x07b": "nulandb",
	}
	for in, want := range cases {
		if got := icsText(in); got != want {
			t.Errorf("icsText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestICalendarDuplicateIndexes(t *testing.T) {
	_, events, _ := exportFixture().ICalendar([]int{0, 0, 1, 0}, exportStamp)
	if events != 2 {
		t.Errorf("%d events for 2 distinct talks", events)
	}
}

// FuzzICalendar: whatever the catalogue text, the calendar has CRLF lines
// of at most 75 octets that never split a character, a real parser reads
// it, and the title comes back as the sanitised title.
func FuzzICalendar(f *testing.F) {
	f.Add("Title, with; separators\\", "Summary\r\nwith lines", "Room 1", "talk-1", "cat")
	f.Add(strings.Repeat("界", 40), "\x1b]8;;http://x\x07link", "", "t", "")
	f.Add("é", strings.Repeat("🧑‍💻", 30), "\t", "id with spaces", "a/b")
	f.Fuzz(func(t *testing.T, title, summary, room, id, catID string) {
		c := &Catalogue{
			Event: Event{ID: catID, Name: title},
			Talks: []Talk{{ID: id, Title: title, Summary: summary, Room: room, Kind: room,
				Start: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Duration: time.Hour}},
		}
		ics, events, _ := c.ICalendar(nil, exportStamp)
		if events != 1 {
			t.Fatalf("%d events", events)
		}
		checkICSLines(t, ics)
		cal, err := ical.NewDecoder(bytes.NewReader(ics)).Decode()
		if err != nil {
			t.Fatalf("decode: %v\n%q", err, ics)
		}
		evs := cal.Events()
		if len(evs) != 1 {
			t.Fatalf("%d events parsed", len(evs))
		}
		got, err := evs[0].Props.Text(ical.PropSummary)
		if err != nil || got != SanitizeLine(title) {
			t.Errorf("SUMMARY %q (%v), want %q", got, err, SanitizeLine(title))
		}
		uid, _ := evs[0].Props.Text(ical.PropUID)
		if uid != c.TalkUID(&c.Talks[0]) {
			t.Errorf("UID %q", uid)
		}
	})
}
