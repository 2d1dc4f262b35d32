package model

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cndtalks/internal/opcount"
)

// validateSerial is Validate as it was before the talks were checked in
// parts: the reference validate(parts) is compared with.
func (c *Catalogue) validateSerial() error {
	var ps ValidationError
	add := func(path, format string, args ...any) {
		ps = append(ps, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	c.validateLengthsSerial(add)

	if strings.TrimSpace(c.Event.Name) == "" {
		add("event.name", "is required")
	}
	if c.Event.Date != "" {
		if _, err := time.Parse(time.DateOnly, c.Event.Date); err != nil {
			add("event.date", "expected a date as YYYY-MM-DD, got %q", SanitizeLine(c.Event.Date))
		}
	}
	if c.Event.TimeZone != "" {
		if _, err := time.LoadLocation(c.Event.TimeZone); err != nil {
			add("event.time_zone", "unknown time zone %q", SanitizeLine(c.Event.TimeZone))
		}
	}
	validateLinks(c.Event.Links, func() string { return "event.links" }, add, 0)
	validateLinks(c.Event.Community, func() string { return "event.community" }, add, 0)

	// A record's path ("talks[3]") is built only for a problem: one per
	// record would be 100,000 strings for a big catalogue with none.
	speakers := make(map[string]int, len(c.Speakers))
	for i, s := range c.Speakers {
		path := func() string { return fmt.Sprintf("speakers[%d]", i) }
		switch {
		case strings.TrimSpace(s.ID) == "":
			add(path()+".id", "is required")
		default:
			opcount.Add(1)
			if j, dup := speakers[s.ID]; dup {
				add(path()+".id", "duplicate speaker ID %q (also speakers[%d])", SanitizeLine(s.ID), j)
			} else {
				speakers[s.ID] = i
			}
		}
		if strings.TrimSpace(s.Name) == "" {
			add(path()+".name", "is required")
		}
	}

	talks := make(map[string]int, len(c.Talks))
	for i := range c.Talks {
		t := &c.Talks[i]
		path := func() string { return fmt.Sprintf("talks[%d]", i) }
		switch {
		case strings.TrimSpace(t.ID) == "":
			add(path()+".id", "is required")
		default:
			opcount.Add(1)
			if j, dup := talks[t.ID]; dup {
				add(path()+".id", "duplicate talk ID %q (also talks[%d])", SanitizeLine(t.ID), j)
			} else {
				talks[t.ID] = i
			}
		}
		if strings.TrimSpace(t.Title) == "" {
			add(path()+".title", "is required")
		}
		opcount.Add(len(t.Speakers))
		for j, id := range t.Speakers {
			if _, ok := speakers[id]; !ok {
				add(fmt.Sprintf("%s.speakers[%d]", path(), j), "unknown speaker ID %q", SanitizeLine(id))
			}
		}
		if t.Duration < 0 {
			add(path()+".duration", "must not be negative")
		}
		validateLinks(t.Links, func() string { return path() + ".links" }, add, 0)
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// validateLengthsSerial reports the text fields over MaxLineLength or
// MaxTextLength.
func (c *Catalogue) validateLengthsSerial(add func(path, format string, args ...any)) {
	line := func(path, s string) {
		if len(s) > MaxLineLength && utf8.RuneCountInString(s) > MaxLineLength {
			add(path, "is %d characters long; the limit is %d", utf8.RuneCountInString(s), MaxLineLength)
		}
	}
	text := func(path, s string) {
		if len(s) > MaxTextLength {
			add(path, "is %d KiB long; the limit is %d KiB", len(s)>>10, MaxTextLength>>10)
		}
	}
	links := func(path string, ls []Link) {
		for i, l := range ls {
			p := fmt.Sprintf("%s[%d]", path, i)
			line(p+".label", l.Label)
			line(p+".url", l.URL)
		}
	}
	lines := func(path string, ss []string) {
		for i, s := range ss {
			line(fmt.Sprintf("%s[%d]", path, i), s)
		}
	}
	e := &c.Event
	for _, f := range []struct{ path, s string }{
		{"event.id", e.ID}, {"event.name", e.Name}, {"event.edition", e.Edition}, {"event.date_note", e.DateNote}, {"event.time_zone_note", e.TimeZoneNote},
		{"event.city", e.City}, {"event.venue", e.Venue}, {"event.country", e.Country},
		{"event.organiser", e.Organiser}, {"event.attendance", e.Attendance}, {"event.source", e.Source},
	} {
		line(f.path, f.s)
	}
	text("event.description", e.Description)
	links("event.links", e.Links)
	links("event.community", e.Community)
	lines("event.sponsors", e.Sponsors)
	lines("event.thanks", e.Thanks)
	for i := range c.Speakers {
		s := &c.Speakers[i]
		if !anyTooLong(s.ID, s.Name, s.Org, s.Role) {
			continue // the usual case: no paths to build
		}
		p := fmt.Sprintf("speakers[%d]", i)
		line(p+".id", s.ID)
		line(p+".name", s.Name)
		line(p+".org", s.Org)
		line(p+".role", s.Role)
	}
	for i := range c.Talks {
		t := &c.Talks[i]
		if !talkTooLong(t) {
			continue // the usual case: no paths to build
		}
		p := fmt.Sprintf("talks[%d]", i)
		for _, f := range []struct{ name, s string }{
			{"id", t.ID}, {"title", t.Title}, {"subtitle", t.Subtitle}, {"kind", t.Kind},
			{"language", t.Language}, {"room", t.Room}, {"track", t.Track},
		} {
			line(p+"."+f.name, f.s)
		}
		text(p+".summary", t.Summary)
		lines(p+".topics", t.Topics)
		links(p+".links", t.Links)
	}
}

// problemCatalogue builds a catalogue of n talks from the choices in pick
// (each call returns a number in [0, k)), with a problem of every kind
// likely somewhere: blank and duplicate IDs (near and far apart, of
// speakers and talks), missing titles and names, unknown speakers,
// negative durations, bad links, and fields over the length limits.
func problemCatalogue(n int, pick func(k int) int) *Catalogue {
	long := strings.Repeat("x", MaxLineLength+1)
	text := func() string {
		switch pick(16) {
		case 0:
			return ""
		case 1:
			return " \t"
		case 2:
			return long
		case 3:
			return strings.Repeat("語", MaxLineLength) // long in bytes only
		case 4:
			return "\x1b[31mred\x1b[0m"
		case 5:
			return "  two\n lines\t "
		case 6:
			return "\x1b[2J" // nothing once sanitised
		case 7:
			return "a\u202eb\u200d\u200d"
		}
		return fmt.Sprintf("text %d", pick(4))
	}
	links := func() []Link {
		ls := make([]Link, pick(3))
		for i := range ls {
			ls[i] = Link{Kind: LinkKinds[pick(len(LinkKinds))], URL: fmt.Sprintf("https://example.org/%d", pick(100)), Label: "L"}
			switch pick(8) {
			case 0:
				ls[i].Kind = ""
			case 1:
				ls[i].URL = "ftp://example.org/"
			case 2:
				ls[i].URL = " https://example.org/a b "
			case 3:
				ls[i].Label = long
			}
		}
		return ls
	}
	c := &Catalogue{Event: Event{Name: text(), Date: "2024-02-30", TimeZone: "Nowhere/Else", Links: links(), Sponsors: []string{text()}}}
	if pick(2) == 0 {
		c.Event = Event{Name: "E"}
	}
	for i := range 1 + pick(6) {
		c.Speakers = append(c.Speakers, Speaker{ID: fmt.Sprintf("s%d", pick(i+2)), Name: text(), Org: text()})
	}
	for range n {
		t := Talk{ID: fmt.Sprintf("t%d", pick(n+1)), Title: text(), Duration: time.Duration(pick(3)-1) * time.Minute, Links: links()}
		switch pick(10) {
		case 0:
			t.ID = ""
		case 1:
			t.ID = "  "
		case 2:
			t.ID = long
		case 3:
			t.ID += " " // the same ID once sanitised
		case 4:
			t.ID = "\x1b[1m" + t.ID
		}
		if pick(6) == 0 {
			t.Summary = strings.Repeat("s", MaxTextLength+pick(2))
		}
		for range pick(3) {
			t.Speakers = append(t.Speakers, fmt.Sprintf("s%d", pick(8)))
			if pick(6) == 0 {
				t.Speakers[len(t.Speakers)-1] += "\t"
			}
		}
		if pick(5) == 0 {
			t.Summary = "line\r\n\x1b]8;;https://evil.example/\x07link"
		}
		if pick(4) == 0 {
			t.Topics = []string{text(), text()}
		}
		c.Talks = append(c.Talks, t)
	}
	return c
}

// checkValidateParts fails t unless validate finds the same problems, in
// the same order, as the serial reference, in one part and in several,
// and unless sanitising each talk just before its checks gives the same
// catalogue and problems as SanitizeText then the serial Validate.
func checkValidateParts(t *testing.T, c *Catalogue) {
	t.Helper()
	want := c.validateSerial()
	for _, parts := range []int{1, 2, 3} {
		if got := c.validate(parts, false, 0); !reflect.DeepEqual(got, want) {
			t.Fatalf("validate(%d) = %v\nthe serial Validate says %v", parts, got, want)
		}
	}
	clean := cloneCatalogue(c)
	clean.SanitizeText()
	want = clean.validateSerial()
	for _, parts := range []int{1, 2, 3} {
		got := cloneCatalogue(c)
		got.sanitizeEventAndSpeakers()
		if err := got.validate(parts, true, 0); !reflect.DeepEqual(err, want) {
			t.Fatalf("validate(%d) sanitising = %v\nSanitizeText then the serial Validate say %v", parts, err, want)
		}
		if !reflect.DeepEqual(got, clean) {
			t.Fatalf("validate(%d) sanitising made another catalogue than SanitizeText", parts)
		}
	}
}

// cloneCatalogue copies c and every list in it, for sanitising apart.
func cloneCatalogue(c *Catalogue) *Catalogue {
	d := *c
	d.Event.Links = slices.Clone(c.Event.Links)
	d.Event.Community = slices.Clone(c.Event.Community)
	d.Event.Sponsors = slices.Clone(c.Event.Sponsors)
	d.Event.Thanks = slices.Clone(c.Event.Thanks)
	d.Speakers = slices.Clone(c.Speakers)
	d.Talks = slices.Clone(c.Talks)
	for i := range d.Talks {
		t := &d.Talks[i]
		t.Speakers, t.Topics, t.Links = slices.Clone(t.Speakers), slices.Clone(t.Topics), slices.Clone(t.Links)
	}
	return &d
}

// TestValidatePartsSameAsSerial compares validate in one, two and three
// parts with the serial Validate on catalogues with problems in every
// field, and with none.
func TestValidatePartsSameAsSerial(t *testing.T) {
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 1))
		n := r.IntN(40)
		if seed%50 == 0 {
			n = 3000 // far-apart duplicates, and enough problems to reorder
		}
		c := problemCatalogue(n, r.IntN)
		checkValidateParts(t, c)
	}
	clean := &Catalogue{Event: Event{Name: "E"}, Speakers: []Speaker{{ID: "a", Name: "A"}}}
	for i := range 5000 {
		clean.Talks = append(clean.Talks, Talk{ID: fmt.Sprintf("t%d", i), Title: "T", Speakers: []string{"a"}})
	}
	if err := clean.Validate(); err != nil {
		t.Fatalf("Validate of a clean catalogue: %v", err)
	}
	clean.Talks[4999].ID = "t0"
	checkValidateParts(t, clean)
	if err := clean.Validate(); err == nil || !strings.Contains(err.Error(), `talks[4999].id: duplicate talk ID "t0" (also talks[0])`) {
		t.Fatalf("Validate with a duplicate across the halves: %v", err)
	}
}

// TestValidateCounts checks the probes of the ID sets that the linearity
// tests count: one part probes as one scan does, and two parts at most
// once more per talk (a talk of the second half looked up in the first's).
func TestValidateCounts(t *testing.T) {
	c := problemCatalogue(500, rand.New(rand.NewPCG(7, 1)).IntN)
	serial := opcount.Count(func() { c.validateSerial() })
	if got := opcount.Count(func() { c.validate(1, false, 0) }); got != serial {
		t.Errorf("validate(1) counts %d, the serial Validate %d", got, serial)
	}
	if got, most := opcount.Count(func() { c.validate(2, false, 0) }), serial+int64(len(c.Talks)); got > most {
		t.Errorf("validate(2) counts %d, more than %d", got, most)
	}
}

// FuzzValidateParts builds a catalogue from the fuzzer's bytes, each
// choice taken from the next byte.
func FuzzValidateParts(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x05\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b"))
	f.Add([]byte(strings.Repeat("\x03\x01\x00\x02", 40)))
	f.Fuzz(func(t *testing.T, b []byte) {
		pick := func(k int) int {
			if len(b) == 0 {
				return 0
			}
			v := int(b[0]) % k
			b = b[1:]
			return v
		}
		checkValidateParts(t, problemCatalogue(pick(64), pick))
	})
}
