package schedule_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"cndtalks/data"
	"cndtalks/data/schedule"
	"cndtalks/model"
)

// The differential test: every real schedule.json and schedule.xml in
// ../shared/fixtures/schedules is read a second time by a deliberately
// simple reader (plain encoding/json and encoding/xml into structs, no
// repairs), and every talk of the import is compared with it: title,
// start, duration, room, speaker names in order, link URLs. Each
// difference must be one of the intended repairs named below, and every
// event the import lacks must have a note saying why.

// refEvent is one event as the simple readers see it.
type refEvent struct {
	key      string // guid, else id
	title    string
	date     string // the full date-time, when the export gives one
	day      string // the <day>'s date
	start    string // HH:MM as written
	duration string
	room     string
	persons  []string
	links    []string // as written: href, else the link's text
	typed    []string // url, origin_url, feedback_url, video_download_url
}

// readRefJSON is the simple schedule.json reader.
func readRefJSON(t *testing.T, b []byte) []refEvent {
	var f struct {
		Schedule struct {
			Conference struct {
				Days []struct {
					Date  string                                  `json:"date"`
					Rooms map[string][]map[string]json.RawMessage `json:"rooms"`
				} `json:"days"`
			} `json:"conference"`
		} `json:"schedule"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("simple JSON reader: %v", err)
	}
	str := func(m map[string]json.RawMessage, k string) string {
		var s string
		if json.Unmarshal(m[k], &s) == nil {
			return s
		}
		var n json.Number
		if json.Unmarshal(m[k], &n) == nil {
			return n.String()
		}
		return ""
	}
	var out []refEvent
	for _, d := range f.Schedule.Conference.Days {
		rooms := make([]string, 0, len(d.Rooms))
		for r := range d.Rooms {
			rooms = append(rooms, r)
		}
		sort.Strings(rooms)
		for _, r := range rooms {
			for _, m := range d.Rooms[r] {
				e := refEvent{
					key: str(m, "guid"), title: str(m, "title"), date: str(m, "date"), day: d.Date,
					start: str(m, "start"), duration: str(m, "duration"), room: str(m, "room"),
				}
				if e.key == "" {
					e.key = str(m, "id")
				}
				if e.room == "" {
					e.room = r
				}
				var persons []map[string]json.RawMessage
				json.Unmarshal(m["persons"], &persons)
				for _, p := range persons {
					name := str(p, "name")
					if name == "" {
						name = str(p, "public_name")
					}
					e.persons = append(e.persons, name)
				}
				for _, field := range []string{"links", "attachments"} {
					var ls []json.RawMessage
					json.Unmarshal(m[field], &ls)
					for _, l := range ls {
						var s string
						var o map[string]json.RawMessage
						if json.Unmarshal(l, &s) == nil {
							e.links = append(e.links, s)
						} else if json.Unmarshal(l, &o) == nil {
							e.links = append(e.links, str(o, "url"))
						}
					}
				}
				for _, field := range []string{"url", "origin_url", "feedback_url", "video_download_url"} {
					if s := str(m, field); s != "" {
						e.typed = append(e.typed, s)
					}
				}
				out = append(out, e)
			}
		}
	}
	return out
}

// readRefXML is the simple schedule.xml reader.
func readRefXML(t *testing.T, b []byte) []refEvent {
	type link struct {
		Href string `xml:"href,attr"`
		Text string `xml:",chardata"`
	}
	type event struct {
		GUID     string `xml:"guid,attr"`
		ID       string `xml:"id,attr"`
		Title    string `xml:"title"`
		Date     string `xml:"date"`
		Start    string `xml:"start"`
		Duration string `xml:"duration"`
		Room     string `xml:"room"`
		URL      string `xml:"url"`
		Persons  []struct {
			Text       string `xml:",chardata"`
			Name       string `xml:"name"`
			PublicName string `xml:"public_name"`
		} `xml:"persons>person"`
		Links       []link `xml:"links>link"`
		Attachments []link `xml:"attachments>attachment"`
	}
	var s struct {
		Days []struct {
			Date  string `xml:"date,attr"`
			Rooms []struct {
				Name   string  `xml:"name,attr"`
				Events []event `xml:"event"`
			} `xml:"room"`
		} `xml:"day"`
	}
	d := xml.NewDecoder(strings.NewReader(string(b)))
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&s); err != nil {
		t.Fatalf("simple XML reader: %v", err)
	}
	var out []refEvent
	for _, day := range s.Days {
		for _, r := range day.Rooms {
			for _, x := range r.Events {
				e := refEvent{
					key: x.GUID, title: x.Title, date: x.Date, day: day.Date, start: x.Start,
					duration: x.Duration, room: x.Room,
				}
				if e.key == "" {
					e.key = x.ID
				}
				if e.room == "" {
					e.room = r.Name
				}
				for _, p := range x.Persons {
					name := strings.TrimSpace(p.Text)
					for _, alt := range []string{p.Name, p.PublicName} {
						if name == "" {
							name = alt
						}
					}
					e.persons = append(e.persons, name)
				}
				for _, l := range append(x.Attachments, x.Links...) {
					if l.Href != "" {
						e.links = append(e.links, l.Href)
					} else {
						e.links = append(e.links, l.Text)
					}
				}
				if x.URL != "" {
					e.typed = append(e.typed, x.URL)
				}
				out = append(out, e)
			}
		}
	}
	return out
}

// refMinutes reads "HH:MM" or "H:MM" as minutes, the simple way.
func refMinutes(s string) (int, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	return hh*60 + mm, ok && err1 == nil && err2 == nil
}

// diffTally counts the intended repairs the comparison met, by name.
type diffTally map[string]int

func TestImportMatchesSimpleReader(t *testing.T) {
	entries, err := os.ReadDir(realSchedules)
	if err != nil {
		t.Skipf("real schedules not available (needs ../shared beside the repo): %v", err)
	}
	var summary []string
	for _, de := range entries {
		name := de.Name()
		var read func(*testing.T, []byte) []refEvent
		switch {
		case strings.HasSuffix(name, ".schedule.json"):
			read = readRefJSON
		case strings.HasSuffix(name, ".schedule.xml"):
			read = readRefXML
		default:
			continue // .ics (the iCalendar importer's own test), schemas, SOURCES.md
		}
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(realSchedules, name))
			if err != nil {
				t.Fatal(err)
			}
			res, err := data.Parse(name, b)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			tally := compareWithReference(t, res, read(t, b))
			summary = append(summary, fixtureSummary(name, res, tally))
		})
	}
	if len(summary) > 0 {
		t.Logf("per fixture:\n| fixture | talks | speakers | links by role | notes | repairs met by the diff |\n|---|---|---|---|---|---|\n%s", strings.Join(summary, "\n"))
	}
}

// compareWithReference checks every imported talk against the simple
// reader's events and returns the intended repairs it met.
func compareWithReference(t *testing.T, res *data.Result, ref []refEvent) diffTally {
	t.Helper()
	c := res.Catalogue
	tally := diffTally{}
	// Notes per record, to accept a loss only where the import says so.
	noted := map[string][]schedule.Skip{}
	droppedTalks := 0
	for _, s := range res.Skipped {
		noted[s.Record] = append(noted[s.Record], s)
		if s.Kind == schedule.SkipTalk {
			droppedTalks += s.Items()
		}
	}
	if len(c.Talks)+droppedTalks != len(ref) {
		t.Errorf("%d talks + %d dropped with a note, but the file has %d events", len(c.Talks), droppedTalks, len(ref))
	}
	// The n-th event of a key is the talk key, key-2, key-3...
	seen := map[string]int{}
	for _, e := range ref {
		k := schedule.KeyOf(e.key)
		seen[k]++
		id := k
		if seen[k] > 1 {
			id = fmt.Sprintf("%s-%d", k, seen[k])
		}
		tk, ok := c.Talk(id)
		if !ok {
			continue // counted above against the notes
		}
		where := fmt.Sprintf("%s (%q)", id, e.title)
		// Title: sanitised and trimmed of blanks and invisible characters.
		if tk.Title != e.title {
			if tk.Title != schedule.CleanTitle(e.title) {
				t.Errorf("%s: title %q, want %q", where, tk.Title, e.title)
			}
			tally["title trimmed of blanks or invisible characters"]++
		}
		// Start: the full date when there is one, else the day and clock.
		if ts, err := time.Parse(time.RFC3339, strings.TrimSpace(e.date)); err == nil {
			if !tk.Start.Equal(ts) {
				t.Errorf("%s: start %v, want %v", where, tk.Start, ts)
			}
		} else {
			m, ok := refMinutes(e.start)
			got := tk.Start.Hour()*60 + tk.Start.Minute()
			if !ok || got != m || tk.Day != e.day {
				t.Errorf("%s: start %v on day %s, want %s on %s", where, tk.Start, tk.Day, e.start, e.day)
			}
			if tk.Start.Format(time.DateOnly) != e.day {
				tally["after midnight: the next calendar day, listed under the day before"]++
			}
		}
		if m, ok := refMinutes(e.duration); ok && tk.Duration != time.Duration(m)*time.Minute {
			t.Errorf("%s: duration %v, want %s", where, tk.Duration, e.duration)
		}
		if tk.Room != strings.TrimSpace(e.room) {
			t.Errorf("%s: room %q, want %q", where, tk.Room, e.room)
		}
		// Speakers: exactly the source's names, in order; a nameless
		// person is dropped with a note.
		var want []string
		for _, p := range e.persons {
			if n := schedule.CleanTitle(p); n != "" {
				if n != p {
					tally["name trimmed of blanks or invisible characters"]++
				}
				want = append(want, n)
			} else {
				tally["person with no name dropped"]++
			}
		}
		if got := speakerNames(c, tk); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: speakers %q, want %q", where, got, want)
		}
		compareLinks(t, where, tk, e, noted, tally)
	}
	return tally
}

// compareLinks checks that every link the source gives is in the import
// in its canonical form, or was dropped with a note.
func compareLinks(t *testing.T, where string, tk *model.Talk, e refEvent, noted map[string][]schedule.Skip, tally diffTally) {
	t.Helper()
	have := map[string]bool{}
	for _, l := range tk.Links {
		have[l.URL] = true
	}
	linkNotes := 0
	for rec, ns := range noted {
		if strings.Contains(rec, e.title) || strings.HasPrefix(rec, "event "+schedule.KeyOf(e.key)) {
			for _, n := range ns {
				if n.Kind == schedule.SkipLink {
					linkNotes++
				}
			}
		}
	}
	missing := 0
	for _, raw := range append(append([]string(nil), e.links...), e.typed...) {
		raw = strings.TrimSpace(raw)
		u, err := model.SafeURL(raw)
		switch {
		case err == nil && have[u.String()]:
			if u.String() != raw {
				tally["URL in canonical form (spaces encoded, IDN host as punycode)"]++
			}
			continue
		case err == nil && schedule.DomainHost(u.Hostname()):
			t.Errorf("%s: link %q (%s) missing", where, raw, u)
		case schedule.DoubledScheme(raw) != "":
			if v, err := model.SafeURL(schedule.DoubledScheme(raw)); err == nil && have[v.String()] {
				tally["scheme written twice: read once"]++
				continue
			}
			missing++
		case err != nil && schedule.BareHost(raw):
			if !have["https://"+raw] {
				t.Errorf("%s: bare host %q not read as https://", where, raw)
			}
			tally["bare host read as https://"]++
			continue
		default:
			// Relative: resolved against the talk's site.
			found := false
			for h := range have {
				if strings.HasSuffix(h, strings.ReplaceAll(strings.TrimLeft(raw, "./"), " ", "%20")) && raw != "" && !strings.HasPrefix(raw, "#") {
					found = true
				}
			}
			if found {
				tally["relative URL resolved against the talk's site"]++
				continue
			}
			missing++
		}
	}
	if missing > linkNotes {
		t.Errorf("%s: %d links missing, %d link notes", where, missing, linkNotes)
	}
}

// fixtureSummary is one row of the per-fixture table.
func fixtureSummary(name string, res *data.Result, tally diffTally) string {
	c := res.Catalogue
	roles := map[model.LinkKind]int{}
	for i := range c.Talks {
		for _, l := range c.Talks[i].Links {
			roles[l.Kind]++
		}
	}
	var rs []string
	for _, k := range model.LinkKinds {
		if roles[k] > 0 {
			rs = append(rs, fmt.Sprintf("%s %d", k, roles[k]))
		}
	}
	var ts []string
	for k, n := range tally {
		ts = append(ts, fmt.Sprintf("%s: %d", k, n))
	}
	sort.Strings(ts)
	notes := strings.Join(schedule.NoticeLines(res.Skipped), "; ")
	if notes == "" {
		notes = "none"
	}
	return fmt.Sprintf("| %s | %d | %d | %s | %s | %s |", name, len(c.Talks), len(c.Speakers), strings.Join(rs, ", "), notes, strings.Join(ts, "; "))
}
