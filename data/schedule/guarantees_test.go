package schedule

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cndtalks/data/catalog"
	"cndtalks/model"
)

// The loader finishes what an importer makes without the checks of what
// Guaranteed says (catalog.FinishImported). These tests are the proof that
// those checks would have found nothing: on every catalogue an importer
// makes of the test schedules, the real exports, hostile text, colliding
// identifiers and fuzzed input, each guarantee holds, checked directly,
// and the finish with every check reports what the finish without them
// does.

// guaranteeBreach returns how c breaks Guaranteed, or "". It indexes c
// (as finishing it does) and changes nothing else in it.
func guaranteeBreach(c *model.Catalogue) string {
	var breaches []string
	breach := func(format string, args ...any) { breaches = append(breaches, fmt.Sprintf(format, args...)) }
	speakers := map[string]int{}
	for i, s := range c.Speakers {
		if strings.TrimSpace(s.ID) == "" || strings.TrimSpace(s.Name) == "" {
			breach("speakers[%d] is %q named %q", i, s.ID, s.Name)
		}
		if j, dup := speakers[s.ID]; dup {
			breach("speakers[%d] and speakers[%d] are both %q", j, i, s.ID)
		}
		speakers[s.ID] = i
	}
	links := func(path string, ls []model.Link) {
		for i, l := range ls {
			if !slices.Contains(model.LinkKinds, l.Kind) {
				breach("%s[%d] is of kind %q", path, i, l.Kind)
			}
			if _, _, err := model.SafeURLString(l.URL); err != nil {
				breach("%s[%d]: %v", path, i, err)
			}
		}
	}
	links("event.links", c.Event.Links)
	links("event.community", c.Event.Community)
	talks := map[string]int{}
	for i := range c.Talks {
		t := &c.Talks[i]
		if strings.TrimSpace(t.ID) == "" || strings.TrimSpace(t.Title) == "" {
			breach("talks[%d] is %q titled %q", i, t.ID, t.Title)
		}
		if j, dup := talks[t.ID]; dup {
			breach("talks[%d] and talks[%d] are both %q", j, i, t.ID)
		}
		talks[t.ID] = i
		for j, id := range t.Speakers {
			if _, ok := speakers[id]; !ok {
				breach("talks[%d].speakers[%d] is %q, no speaker's", i, j, id)
			}
		}
		links(fmt.Sprintf("talks[%d].links", i), t.Links)
	}
	all := catalog.FinishImported("test", c, 0)
	imported := catalog.FinishImported("test", c, Guaranteed)
	if fmt.Sprint(all) != fmt.Sprint(imported) {
		breach("finished with every check: %v\nwithout those of the guarantees: %v", all, imported)
	}
	return strings.Join(breaches, "\n")
}

// checkGuaranteed imports b with every importer and fails t where a
// catalogue that imports breaks Guaranteed.
func checkGuaranteed(t *testing.T, b []byte, opt ImportOptions) {
	t.Helper()
	for format := range importers {
		if c := importOrNil(format, b, opt); c != nil {
			if d := guaranteeBreach(c); d != "" {
				t.Errorf("%s import breaks the guarantees:\n%s", format, d)
			}
		}
	}
}

// TestImportsGuaranteed: every test schedule and every real export beside
// the repository imports to a catalogue that keeps Guaranteed.
func TestImportsGuaranteed(t *testing.T) {
	files, _ := filepath.Glob("../testdata/import/*")
	real, _ := filepath.Glob(filepath.Join(realSchedulesGlob, "*.schedule.*"))
	ics, _ := filepath.Glob(filepath.Join(realSchedulesGlob, "*.ics"))
	if len(real) == 0 {
		t.Log("the real exports are not beside the repository: test schedules only")
	}
	for _, p := range slices.Concat(files, real, ics) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			checkGuaranteed(t, b, ImportOptions{})
		})
	}
}

// TestHostileTextGuaranteed: hostile text in every field of each format
// (hostileSchedules) imports to catalogues that keep Guaranteed.
func TestHostileTextGuaranteed(t *testing.T) {
	for _, s := range hostileTexts {
		for format, b := range hostileSchedules(s) {
			if c := importOrNil(format, b, ImportOptions{}); c != nil {
				if d := guaranteeBreach(c); d != "" {
					t.Errorf("%s import of %.30q breaks the guarantees:\n%s", format, s, d)
				}
			}
		}
	}
}

// The pools collidingSchedules draws from: identifiers that are blank,
// equal, equal once made keys ("a b", "a-b", "a!b"), equal to the numbered
// IDs of repeats ("a-2") and of speakers ("person", "person-2"), long
// enough to be hashed, and names that are blank, invisible, equal once
// cleaned or once slugified.
var (
	collidingIDs = []string{"", " ", "a", "A", "a-2", "a-3", "a-2-2", "a b", "a-b", "a!b", "-a-", "0", "00", "é", "person", "person-2",
		strings.Repeat("k", 250) + "1", strings.Repeat("k", 250) + "2", strings.Repeat("k", 183) + "-2"}
	collidingNames = []string{"", " ", "\u200b", "Ann", " Ann\u200b", "ann", "A nn", "Person", "person 2", "-", "!!!", "Ann\u00a0",
		strings.Repeat("N", 1200), strings.Repeat("N", 1200) + "x"}
	collidingTitles = []string{"", " \t", "\u200b\u2060", "t", " t ", "T", "\u00a0t\u3000", strings.Repeat("é", 1200)}
	collidingURLs   = []string{"", "https://x.example/a", "https://x.example/a b", "HTTPS://X.example/", "https://bücher.example/p",
		"https://x.example/%zz", "/relative", "//x.example/r", "www.example.org", "javascript:alert(1)", "https://x.example/a?q=<b>",
		"https://https://x.example/", "mailto:a@x.example", "http://[::1]/", "https://x.example/" + strings.Repeat("p", 990)}
	collidingTypes = []string{"", "slides", "video", "recording", "paper", "Slides", "other"}
)

// collidingSchedules returns a schedule.json and an iCalendar file of
// events whose identifiers, times, rooms, speakers and links come from the
// pools above, each choice taken with pick(k), a number in [0, k).
func collidingSchedules(pick func(k int) int) map[string][]byte {
	from := func(pool []string) string { return pool[pick(len(pool))] }
	type person struct {
		GUID string `json:"guid,omitempty"`
		Code string `json:"code,omitempty"`
		ID   string `json:"id,omitempty"`
		Name string `json:"public_name"`
	}
	type link struct {
		URL   string `json:"url"`
		Title string `json:"title"`
		Type  string `json:"type,omitempty"`
	}
	type event struct {
		GUID     string   `json:"guid,omitempty"`
		ID       string   `json:"id,omitempty"`
		Slug     string   `json:"slug,omitempty"`
		Date     string   `json:"date"`
		Start    string   `json:"start"`
		Duration string   `json:"duration"`
		Room     string   `json:"room"`
		Title    string   `json:"title"`
		URL      string   `json:"url,omitempty"`
		Feedback string   `json:"feedback_url,omitempty"`
		Persons  []person `json:"persons"`
		Links    []link   `json:"links"`
	}
	var events []event
	var ics strings.Builder
	ics.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretalx//colliding\r\nX-WR-CALNAME:Colliding\r\n")
	icsText := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	for range 1 + pick(12) {
		hour := 10 + pick(2)
		e := event{GUID: from(collidingIDs), ID: from(collidingIDs), Slug: from(collidingIDs),
			Date: fmt.Sprintf("2024-05-10T%02d:00:00+02:00", hour), Start: fmt.Sprintf("%02d:00", hour), Duration: "00:30",
			Room: []string{"A", "B"}[pick(2)], Title: from(collidingTitles), URL: from(collidingURLs), Feedback: from(collidingURLs)}
		var names []string
		for range pick(5) {
			p := person{GUID: from(collidingIDs), Code: from(collidingIDs), ID: from(collidingIDs), Name: from(collidingNames)}
			switch pick(4) { // most persons have one identifier or none
			case 0:
				p.Code, p.ID = "", ""
			case 1:
				p.GUID, p.ID = "", ""
			case 2:
				p.GUID, p.Code = "", ""
			}
			e.Persons = append(e.Persons, p)
			names = append(names, p.Name)
		}
		for range pick(3) {
			e.Links = append(e.Links, link{URL: from(collidingURLs), Title: from(collidingNames), Type: from(collidingTypes)})
		}
		events = append(events, e)
		fmt.Fprintf(&ics, "BEGIN:VEVENT\r\nUID:%s\r\nDTSTART:20240510T%02d0000Z\r\nDURATION:PT30M\r\nSUMMARY:%s - %s\r\nURL:%s\r\nEND:VEVENT\r\n",
			icsText.Replace(e.GUID), hour, icsText.Replace(e.Title), icsText.Replace(strings.Join(names, ", ")), icsText.Replace(e.URL))
	}
	ics.WriteString("END:VCALENDAR\r\n")
	days := []map[string]any{{"date": "2024-05-10", "rooms": map[string][]event{"A": events}}}
	frab, err := json.Marshal(map[string]any{"schedule": map[string]any{"base_url": "https://b.example/", "conference": map[string]any{
		"acronym": "c", "title": "Colliding", "time_zone_name": "Europe/Berlin", "url": from(collidingURLs), "days": days}}})
	if err != nil {
		panic(err)
	}
	return map[string][]byte{FormatFrabJSON: frab, FormatICalendar: []byte(ics.String())}
}

// checkColliding imports the schedules of collidingSchedules(pick) and
// fails t where a catalogue breaks Guaranteed. It returns how many
// imported.
func checkColliding(t *testing.T, pick func(k int) int) int {
	t.Helper()
	imported := 0
	for format, b := range collidingSchedules(pick) {
		c := importOrNil(format, b, ImportOptions{})
		if c == nil {
			continue
		}
		imported++
		if d := guaranteeBreach(c); d != "" {
			t.Errorf("%s import breaks the guarantees:\n%s\nschedule: %s", format, d, b)
		}
	}
	return imported
}

// picker returns a pick function taking each choice from the next byte of
// b, then 0.
func picker(b []byte) func(k int) int {
	return func(k int) int {
		if len(b) == 0 {
			return 0
		}
		v := int(b[0]) % k
		b = b[1:]
		return v
	}
}

// TestCollidingIdentifiersGuaranteed runs checkColliding on choices that
// make colliding talk IDs, repeats, duplicate listings and people who
// share identifiers or names, and on a sweep of generated ones.
func TestCollidingIdentifiersGuaranteed(t *testing.T) {
	for seed := range 300 {
		b := make([]byte, 400)
		x := uint32(seed)*2654435761 + 1
		for i := range b {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b[i] = byte(x)
		}
		checkColliding(t, picker(b))
	}
	// Twelve events by the guids "a", "a-2", "a b" and "a-b" (which keyOf
	// makes "a-b"), at two times in two rooms: repeats, numbered IDs that
	// an export's own guid already has, and listings given twice. Each
	// has "Ann" by the guid "a" and " Ann\u200b" (cleaned "Ann") with no
	// identifier, and a link.
	same := []byte{11}
	for i := range 12 {
		guid := []byte{2, 4, 7, 8}[i%4]
		same = append(same, byte(i%2), guid, 0, 0, byte(i/2%2), byte(3+i%3), 1, 1,
			2, 2, 0, 0, 3, 2, 0, 0, 0, 4, 3,
			1, 1, 3, 1)
	}
	if n := checkColliding(t, picker(same)); n != 2 {
		t.Errorf("%d of 2 colliding schedules imported", n)
	}
}

// FuzzCollidingIdentifiers is TestCollidingIdentifiersGuaranteed for any
// choices.
func FuzzCollidingIdentifiers(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{11, 0, 2, 0, 0, 0, 3, 1, 1, 2, 2, 0, 0, 3, 2, 0, 0, 0, 4, 3, 1, 1, 3, 1, 1, 4, 0, 0, 1, 4})
	f.Add([]byte("\x0b\x02\x05\x02\x01\x01\x04\x03\x07\x02\x0c\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkColliding(t, picker(b))
	})
}
