package schedule_test

import (
	"fmt"
	"strings"
	"testing"

	"cndtalks/data"
	"cndtalks/data/schedule"
	"cndtalks/internal/opcount"
)

// Generated inputs that grow one dimension at a time: events, persons
// per event, links per event, listings of one event (repeated sessions).
// Issue 16 found duplicate checks that scanned a list per person and per
// link (160,000 links in one frab event: 25 s).

// scaleSize is what a generated input holds: events events (each listed
// repeats times, at different times), each with persons persons and links
// links. Every event, person and link is distinct.
type scaleSize struct{ events, persons, links, repeats int }

// listings calls f for each listing of each event, with the event's
// number and the listing's start (minutes after 06:00).
func (z scaleSize) listings(f func(e, minute int)) {
	for e := range z.events {
		for r := range max(z.repeats, 1) {
			f(e, 4*60+r)
		}
	}
}

// scaleFrabJSON writes a frab schedule.json of size z.
func scaleFrabJSON(z scaleSize) []byte {
	var b strings.Builder
	b.WriteString(`{"schedule": {"version": "1", "conference": {"acronym": "scale", "title": "Scale", "start": "2025-01-01", "end": "2025-01-01", "time_zone_name": "Europe/Berlin",
  "days": [{"index": 1, "date": "2025-01-01", "day_start": "2025-01-01T06:00:00+01:00", "day_end": "2025-01-02T06:00:00+01:00", "rooms": {"Hall": [`)
	first := true
	z.listings(func(e, m int) {
		if !first {
			b.WriteString(",\n")
		}
		first = false
		fmt.Fprintf(&b, `{"guid": "g%d", "id": %d, "date": "2025-01-01T%02d:%02d:00+01:00", "start": "%02d:%02d", "duration": "00:30", "room": "Hall", "title": "Talk %d", "type": "lecture", "persons": [`, e, e, m/60, m%60, m/60, m%60, e)
		for p := range z.persons {
			if p > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"guid": "p%d-%d", "name": "Person %d %d"}`, e, p, e, p)
		}
		b.WriteString(`], "links": [`)
		for l := range z.links {
			if l > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"url": "https://example.org/%d/%d", "title": "Link %d"}`, e, l, l)
		}
		b.WriteString(`]}`)
	})
	b.WriteString("]}}]}}}\n")
	return []byte(b.String())
}

// scalePentabarfXML is scaleFrabJSON's schedule.xml twin.
func scalePentabarfXML(z scaleSize) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><title>Scale</title><acronym>scale</acronym><start>2025-01-01</start><end>2025-01-01</end><time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index="1" date="2025-01-01"><room name="Hall">
`)
	z.listings(func(e, m int) {
		fmt.Fprintf(&b, `<event id="%d" guid="g%d"><start>%02d:%02d</start><duration>00:30</duration><room>Hall</room><title>Talk %d</title><type>lecture</type><persons>`, e, e, m/60, m%60, e)
		for p := range z.persons {
			fmt.Fprintf(&b, `<person id="%d">Person %d %d</person>`, e*z.persons+p+1, e, p)
		}
		b.WriteString(`</persons><links>`)
		for l := range z.links {
			fmt.Fprintf(&b, `<link href="https://example.org/%d/%d">Link %d</link>`, e, l, l)
		}
		b.WriteString("</links></event>\n")
	})
	b.WriteString("</room></day></schedule>\n")
	return []byte(b.String())
}

// scaleICalendar writes an .ics of size z: persons as ATTENDEEs. A VEVENT
// has one URL, so z.links is not used.
func scaleICalendar(z scaleSize) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cndtalks//scale//EN\r\nX-WR-CALNAME:Scale\r\nX-WR-TIMEZONE:Europe/Berlin\r\n")
	z.listings(func(e, m int) {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:g%d\r\nDTSTART:20250101T%02d%02d00\r\nDURATION:PT30M\r\nSUMMARY:Talk %d\r\nURL:https://example.org/%d/0\r\n", e, m/60, m%60, e, e)
		for p := range z.persons {
			fmt.Fprintf(&b, "ATTENDEE;CN=Person %d %d:mailto:p%d-%d@example.org\r\n", e, p, e, p)
		}
		b.WriteString("END:VEVENT\r\n")
	})
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

// scaleCatalogueYAML writes a catalogue in the cndtalks format (YAML) of
// size z: every person a speaker, every event a talk (z.repeats is not
// used: talk IDs are unique in this format).
func scaleCatalogueYAML(z scaleSize) []byte {
	var b strings.Builder
	b.WriteString("event:\n  name: Scale\nspeakers:\n")
	for e := range z.events {
		for p := range z.persons {
			fmt.Fprintf(&b, "  - id: p%d-%d\n    name: Person %d %d\n", e, p, e, p)
		}
	}
	b.WriteString("talks:\n")
	for e := range z.events {
		fmt.Fprintf(&b, "  - id: t%d\n    title: Talk %d\n    speakers: [", e, e)
		for p := range z.persons {
			if p > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "p%d-%d", e, p)
		}
		b.WriteString("]\n    links:\n")
		for l := range z.links {
			fmt.Fprintf(&b, "      - kind: web\n        url: https://example.org/%d/%d\n        label: Link %d\n", e, l, l)
		}
	}
	return []byte(b.String())
}

// scaleCatalogueJSON is scaleCatalogueYAML in JSON.
func scaleCatalogueJSON(z scaleSize) []byte {
	var b strings.Builder
	b.WriteString(`{"event": {"name": "Scale"}, "speakers": [`)
	first := true
	for e := range z.events {
		for p := range z.persons {
			if !first {
				b.WriteString(",\n")
			}
			first = false
			fmt.Fprintf(&b, `{"id": "p%d-%d", "name": "Person %d %d"}`, e, p, e, p)
		}
	}
	b.WriteString("],\n\"talks\": [")
	for e := range z.events {
		if e > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": "t%d", "title": "Talk %d", "speakers": [`, e, e)
		for p := range z.persons {
			if p > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"p%d-%d"`, e, p)
		}
		b.WriteString(`], "links": [`)
		for l := range z.links {
			if l > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"kind": "web", "url": "https://example.org/%d/%d", "label": "Link %d"}`, e, l, l)
		}
		b.WriteString(`]}`)
	}
	b.WriteString("]}\n")
	return []byte(b.String())
}

type scaleCase struct {
	name string
	size scaleSize // at 1x; the dimension named grows
	grow func(z *scaleSize, k int)
}

var scaleCases = []scaleCase{
	{name: "events", size: scaleSize{events: 500, persons: 2, links: 2}, grow: func(z *scaleSize, k int) { z.events *= k }},
	// Per talk, up to the bounds (MaxTalkPersons, MaxTalkLinks).
	{name: "persons", size: scaleSize{events: 40, persons: 25, links: 1}, grow: func(z *scaleSize, k int) { z.persons *= k }},
	{name: "links", size: scaleSize{events: 40, persons: 1, links: 25}, grow: func(z *scaleSize, k int) { z.links *= k }},
	// One event listed many times: each listing is a talk of its own
	// (ID, ID-2, ID-3...).
	{name: "repeats", size: scaleSize{events: 2, persons: 1, links: 1, repeats: 50}, grow: func(z *scaleSize, k int) { z.repeats *= k }},
}

var scaleFormats = []struct {
	name string
	gen  func(scaleSize) []byte
	// not names the dimensions the format cannot grow, and why.
	not map[string]string
}{
	{"frab-json", scaleFrabJSON, nil},
	{"pentabarf-xml", scalePentabarfXML, nil},
	{"icalendar", scaleICalendar, map[string]string{"links": "a VEVENT has one URL"}},
	{"cndtalks-yaml", scaleCatalogueYAML, map[string]string{"repeats": "talk IDs are unique in the cndtalks format"}},
	{"cndtalks-json", scaleCatalogueJSON, map[string]string{"repeats": "talk IDs are unique in the cndtalks format"}},
}

// BenchmarkImportScale shows the slope of each importer and reader: each
// dimension at 1x, 4x and 16x. Run with:
//
//	go test -run '^$' -bench ImportScale -benchtime 3x ./data/
func BenchmarkImportScale(b *testing.B) {
	for _, f := range scaleFormats {
		for _, sc := range scaleCases {
			if f.not[sc.name] != "" {
				continue
			}
			for _, k := range []int{1, 4, 16} {
				z := sc.size
				sc.grow(&z, k)
				in := f.gen(z)
				b.Run(fmt.Sprintf("%s/%s-x%d", f.name, sc.name, k), func(b *testing.B) {
					b.SetBytes(int64(len(in)))
					b.ReportAllocs()
					for b.Loop() {
						if _, err := data.Parse("scale", in); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// BenchmarkImportIssue16 reproduces issue 16's three blow-ups: one frab
// event with 160,000 links, one with 160,000 persons, and a 5.6 MB
// schedule.xml (one event with 80,000 links). Past the per-talk bounds the
// rest is dropped and counted. Run with:
//
//	go test -run '^$' -bench ImportIssue16 -benchtime 1x ./data/
func BenchmarkImportIssue16(b *testing.B) {
	for _, bc := range []struct {
		name string
		in   []byte
	}{
		{"frab-160k-links", scaleFrabJSON(scaleSize{events: 1, persons: 1, links: 160_000})},
		{"frab-160k-persons", scaleFrabJSON(scaleSize{events: 1, persons: 160_000, links: 1})},
		{"pentabarf-5.6MB", scalePentabarfXML(scaleSize{events: 1, persons: 1, links: 80_000})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := data.Parse("issue16", bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestImportScalesLinearly fails when 4x the input (2x to 8x, in each
// dimension, in each format) costs more than 6x the work: the comparisons
// the duplicate checks make, the allocations or the bytes allocated. It
// counts; it does not time. A duplicate check that scans the talk's
// persons or links makes 4x the input cost 16x the comparisons.
func TestImportScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("imports generated schedules of up to 16,000 records")
	}
	for _, f := range scaleFormats {
		for _, sc := range scaleCases {
			t.Run(f.name+"/"+sc.name, func(t *testing.T) {
				if why := f.not[sc.name]; why != "" {
					t.Skip(why)
				}
				cost := func(k int) opcount.Cost {
					z := sc.size
					sc.grow(&z, k)
					in := f.gen(z)
					var res *data.Result
					var err error
					c := opcount.Measure(func() { res, err = data.Parse("scale", in) })
					if err != nil {
						t.Fatal(err)
					}
					// The input was read as meant: every listing a talk,
					// every person and link kept.
					talks := z.events * max(z.repeats, 1)
					if f.not["repeats"] != "" {
						talks = z.events
					}
					wantLinks := z.links
					if f.not["links"] != "" {
						wantLinks = 1
					}
					tk := &res.Catalogue.Talks[len(res.Catalogue.Talks)-1]
					if len(res.Catalogue.Talks) != talks || len(tk.Speakers) != z.persons || len(tk.Links) != wantLinks {
						t.Fatalf("%+v: %d talks, the last with %d speakers and %d links", z, len(res.Catalogue.Talks), len(tk.Speakers), len(tk.Links))
					}
					return c
				}
				c1, c4 := cost(2), cost(8)
				if c1.Ops == 0 {
					t.Fatal("no comparisons counted: the duplicate checks do not call opcount.Add")
				}
				for _, e := range c1.Over(c4, "4x", 6) {
					t.Error(e)
				}
			})
		}
	}
}

// TestImportBoundsPerTalk: past maxTalkPersons and maxTalkLinks the rest
// is dropped with one note, not kept without bound.
func TestImportBoundsPerTalk(t *testing.T) {
	for _, f := range []struct {
		name string
		gen  func(scaleSize) []byte
	}{{"frab-json", scaleFrabJSON}, {"pentabarf-xml", scalePentabarfXML}} {
		res, err := data.Parse("bounds", f.gen(scaleSize{events: 1, persons: schedule.MaxTalkPersons + 7, links: schedule.MaxTalkLinks + 9}))
		if err != nil {
			t.Fatal(err)
		}
		tk := &res.Catalogue.Talks[0]
		if len(tk.Speakers) != schedule.MaxTalkPersons || len(tk.Links) != schedule.MaxTalkLinks {
			t.Errorf("%s: %d speakers, %d links", f.name, len(tk.Speakers), len(tk.Links))
		}
		var got []string
		for _, n := range schedule.Notices(res.Skipped) {
			got = append(got, n.String())
		}
		want := fmt.Sprintf("7 persons dropped: past the limit of %d persons per talk\n9 links dropped: past the limit of %d links per talk", schedule.MaxTalkPersons, schedule.MaxTalkLinks)
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: notices %q", f.name, got)
		}
	}
}
