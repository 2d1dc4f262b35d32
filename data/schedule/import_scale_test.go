package schedule_test

import (
	"cndtalks/data"
	"cndtalks/data/schedule"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// Generated schedules that grow one dimension at a time: events, persons
// per event, links per event. Issue 16 found duplicate checks that scanned
// a list per person and per link (160,000 links in one frab event: 25 s).

// scaleFrabJSON writes a schedule.json with events events, each with
// persons persons and links links. Every person and every link is distinct.
func scaleFrabJSON(events, persons, links int) []byte {
	var b strings.Builder
	b.WriteString(`{"schedule": {"version": "1", "conference": {"acronym": "scale", "title": "Scale", "start": "2025-01-01", "end": "2025-01-01", "time_zone_name": "Europe/Berlin",
  "days": [{"index": 1, "date": "2025-01-01", "day_start": "2025-01-01T06:00:00+01:00", "day_end": "2025-01-02T06:00:00+01:00", "rooms": {"Hall": [`)
	for e := range events {
		if e > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"guid": "g%d", "id": %d, "date": "2025-01-01T10:00:00+01:00", "start": "10:00", "duration": "00:30", "room": "Hall", "title": "Talk %d", "type": "lecture", "persons": [`, e, e, e)
		for p := range persons {
			if p > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"guid": "p%d-%d", "name": "Person %d %d"}`, e, p, e, p)
		}
		b.WriteString(`], "links": [`)
		for l := range links {
			if l > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"url": "https://example.org/%d/%d", "title": "Link %d"}`, e, l, l)
		}
		b.WriteString(`]}`)
	}
	b.WriteString("]}}]}}}\n")
	return []byte(b.String())
}

// scalePentabarfXML is scaleFrabJSON's schedule.xml twin.
func scalePentabarfXML(events, persons, links int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><title>Scale</title><acronym>scale</acronym><start>2025-01-01</start><end>2025-01-01</end><time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index="1" date="2025-01-01"><room name="Hall">
`)
	for e := range events {
		fmt.Fprintf(&b, `<event id="%d" guid="g%d"><start>10:00</start><duration>00:30</duration><room>Hall</room><title>Talk %d</title><type>lecture</type><persons>`, e, e, e)
		for p := range persons {
			fmt.Fprintf(&b, `<person id="%d">Person %d %d</person>`, e*persons+p+1, e, p)
		}
		b.WriteString(`</persons><links>`)
		for l := range links {
			fmt.Fprintf(&b, `<link href="https://example.org/%d/%d">Link %d</link>`, e, l, l)
		}
		b.WriteString("</links></event>\n")
	}
	b.WriteString("</room></day></schedule>\n")
	return []byte(b.String())
}

type scaleCase struct {
	name                   string
	events, persons, links int // at size 1; the dimension named grows
	grow                   func(c *scaleCase, k int)
}

var scaleCases = []scaleCase{
	{name: "events", events: 500, persons: 2, links: 2, grow: func(c *scaleCase, k int) { c.events *= k }},
	// Per talk, up to the bounds (maxTalkPersons, maxTalkLinks).
	{name: "persons", events: 40, persons: 25, links: 1, grow: func(c *scaleCase, k int) { c.persons *= k }},
	{name: "links", events: 40, persons: 1, links: 25, grow: func(c *scaleCase, k int) { c.links *= k }},
}

var scaleFormats = []struct {
	name string
	gen  func(events, persons, links int) []byte
}{{"frab-json", scaleFrabJSON}, {"pentabarf-xml", scalePentabarfXML}}

// BenchmarkImportScale shows the slope of each importer: each dimension at
// 1x, 4x and 16x. Run with:
//
//	go test -run '^$' -bench ImportScale -benchtime 3x ./data/
func BenchmarkImportScale(b *testing.B) {
	for _, f := range scaleFormats {
		for _, sc := range scaleCases {
			for _, k := range []int{1, 4, 16} {
				c := sc
				c.grow(&c, k)
				in := f.gen(c.events, c.persons, c.links)
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
		{"frab-160k-links", scaleFrabJSON(1, 1, 160_000)},
		{"frab-160k-persons", scaleFrabJSON(1, 160_000, 1)},
		{"pentabarf-5.6MB", scalePentabarfXML(1, 1, 80_000)},
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

// TestImportScalesLinearly fails when 4x the input costs more than 6x the
// work, counted as allocations (deterministic, unlike time) and as heap
// bytes allocated.
func TestImportScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("imports generated schedules of up to 32,000 records")
	}
	for _, f := range scaleFormats {
		for _, sc := range scaleCases {
			t.Run(f.name+"/"+sc.name, func(t *testing.T) {
				cost := func(k int) (allocs, bytes float64) {
					c := sc
					c.grow(&c, k)
					in := f.gen(c.events, c.persons, c.links)
					var before, after runtime.MemStats
					runtime.ReadMemStats(&before)
					if _, err := data.Parse("scale", in); err != nil {
						t.Fatal(err)
					}
					runtime.ReadMemStats(&after)
					return float64(after.Mallocs - before.Mallocs), float64(after.TotalAlloc - before.TotalAlloc)
				}
				a1, b1 := cost(2)
				a4, b4 := cost(8)
				if a4 > 6*a1 || b4 > 6*b1 {
					t.Errorf("4x the input: %.1fx the allocations, %.1fx the bytes (want <= 6x)", a4/a1, b4/b1)
				}
			})
		}
	}
}

// TestImportBoundsPerTalk: past maxTalkPersons and maxTalkLinks the rest
// is dropped with one note, not kept without bound.
func TestImportBoundsPerTalk(t *testing.T) {
	for _, f := range scaleFormats {
		res, err := data.Parse("bounds", f.gen(1, schedule.MaxTalkPersons+7, schedule.MaxTalkLinks+9))
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
