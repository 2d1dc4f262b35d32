package data

import (
	"fmt"
	"strings"
	"time"

	"cndtalks/model"
)

// valueReader is what the catalogue schema needs from a decoder: the JSON
// decoder and the fast YAML reader both provide it, so that the schema (which
// fields exist, what type each has) is written once for both. Each method
// reads the value at the reader's position; path names it for errors.
type valueReader interface {
	// object reads a mapping, calling field for each key in known with the
	// reader at its value. Unknown and repeated keys are errors.
	object(path string, known []string, field func(key string))
	// array reads a list, calling each with the reader at every element.
	array(path fieldPath, what string, each func(i int))
	strField(path fieldPath) string
	intField(path fieldPath) int
	strList(path fieldPath) []string
	durationField(path fieldPath) time.Duration
	startField(path fieldPath) time.Time
	// mark returns the position of the value about to be read.
	mark() int
}

// fieldPath names a field as parent.key (talks[3].title) without building
// the string, which is only needed for an error message.
type fieldPath struct{ parent, key string }

func (p fieldPath) String() string { return pathJoin(p.parent, p.key) }

// The fields of each type, in the order the format documents them.
var (
	catalogueFields = []string{"event", "speakers", "talks"}
	eventFields     = []string{"id", "name", "edition", "year", "date", "date_note", "end_date", "time_zone", "time_zone_note", "city", "venue", "country", "organiser", "description", "attendance", "links", "community", "sponsors", "thanks", "source"}
	speakerFields   = []string{"id", "name", "org", "role"}
	talkFields      = []string{"id", "title", "subtitle", "kind", "order", "speakers", "summary", "topics", "links", "language", "start", "duration", "room", "track", "day"}
	linkFields      = []string{"kind", "url", "label"}
)

// spans records where the event, each speaker and each talk lie in the
// input (start and end offsets, as the reader's mark gives them), so that a
// validation problem can be placed by reading only the part it is in.
type spans struct {
	event              [2]int
	speakers, talks    [][2]int
	hasEvent, complete bool
}

// unknownFieldMsg says that key is not a field, suggesting the known field it
// is probably a typo of, or listing them all.
func unknownFieldMsg(key string, known []string) string {
	msg := "unknown field " + quoteValue(key)
	if s := suggestField(key, known); s != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg + " (known fields: " + strings.Join(known, ", ") + ")"
}

// decodeCatalogue reads a catalogue with r and returns where its parts are.
func decodeCatalogue(r valueReader, c *model.Catalogue) (sp spans) {
	r.object("", catalogueFields, func(key string) {
		switch key {
		case "event":
			sp.event[0] = r.mark()
			decodeEvent(r, &c.Event)
			sp.event[1], sp.hasEvent = r.mark(), true
		case "speakers":
			r.array(fieldPath{"", "speakers"}, "speakers", func(i int) {
				start := r.mark()
				c.Speakers = append(c.Speakers, model.Speaker{})
				decodeSpeaker(r, pathIndex("speakers", i), &c.Speakers[len(c.Speakers)-1])
				sp.speakers = append(sp.speakers, [2]int{start, r.mark()})
			})
		case "talks":
			// Talks are decoded into chunks (of 16 talks, doubling up to
			// 1,024) and copied once at the end: growing one slice of
			// 100,000 large structs by appending copies it over and over.
			var chunks [][]model.Talk
			var cur []model.Talk
			n := 0
			r.array(fieldPath{"", "talks"}, "talks", func(i int) {
				start := r.mark()
				if len(cur) == cap(cur) {
					if cur != nil {
						chunks = append(chunks, cur)
					}
					cur = make([]model.Talk, 0, min(1024, max(16, 2*cap(cur))))
				}
				cur = append(cur, model.Talk{})
				decodeTalk(r, pathIndex("talks", i), &cur[len(cur)-1])
				sp.talks = append(sp.talks, [2]int{start, r.mark()})
				n++
			})
			if n > 0 {
				c.Talks = make([]model.Talk, 0, n)
				for _, ch := range append(chunks, cur) {
					c.Talks = append(c.Talks, ch...)
				}
			}
		}
	})
	sp.complete = true
	return sp
}

func decodeEvent(r valueReader, e *model.Event) {
	const path = "event"
	r.object(path, eventFields, func(key string) {
		p := fieldPath{path, key}
		switch key {
		case "id":
			e.ID = r.strField(p)
		case "name":
			e.Name = r.strField(p)
		case "edition":
			e.Edition = r.strField(p)
		case "year":
			e.Year = r.intField(p)
		case "date":
			e.Date = r.strField(p)
		case "date_note":
			e.DateNote = r.strField(p)
		case "end_date":
			e.EndDate = r.strField(p)
		case "time_zone":
			e.TimeZone = r.strField(p)
		case "time_zone_note":
			e.TimeZoneNote = r.strField(p)
		case "city":
			e.City = r.strField(p)
		case "venue":
			e.Venue = r.strField(p)
		case "country":
			e.Country = r.strField(p)
		case "organiser":
			e.Organiser = r.strField(p)
		case "description":
			e.Description = r.strField(p)
		case "attendance":
			e.Attendance = r.strField(p)
		case "links":
			e.Links = decodeLinks(r, p)
		case "community":
			e.Community = decodeLinks(r, p)
		case "sponsors":
			e.Sponsors = r.strList(p)
		case "thanks":
			e.Thanks = r.strList(p)
		case "source":
			e.Source = r.strField(p)
		}
	})
}

func decodeSpeaker(r valueReader, path string, s *model.Speaker) {
	r.object(path, speakerFields, func(key string) {
		switch key {
		case "id":
			s.ID = r.strField(fieldPath{path, "id"})
		case "name":
			s.Name = r.strField(fieldPath{path, "name"})
		case "org":
			s.Org = r.strField(fieldPath{path, "org"})
		case "role":
			s.Role = r.strField(fieldPath{path, "role"})
		}
	})
}

func decodeTalk(r valueReader, path string, t *model.Talk) {
	r.object(path, talkFields, func(key string) {
		switch key {
		case "id":
			t.ID = r.strField(fieldPath{path, "id"})
		case "title":
			t.Title = r.strField(fieldPath{path, "title"})
		case "subtitle":
			t.Subtitle = r.strField(fieldPath{path, "subtitle"})
		case "kind":
			t.Kind = r.strField(fieldPath{path, "kind"})
		case "order":
			t.Order = r.intField(fieldPath{path, "order"})
		case "speakers":
			t.Speakers = r.strList(fieldPath{path, "speakers"})
		case "summary":
			t.Summary = r.strField(fieldPath{path, "summary"})
		case "topics":
			t.Topics = r.strList(fieldPath{path, "topics"})
		case "links":
			t.Links = decodeLinks(r, fieldPath{path, "links"})
		case "language":
			t.Language = r.strField(fieldPath{path, "language"})
		case "start":
			t.Start = r.startField(fieldPath{path, "start"})
		case "duration":
			t.Duration = r.durationField(fieldPath{path, "duration"})
		case "room":
			t.Room = r.strField(fieldPath{path, "room"})
		case "track":
			t.Track = r.strField(fieldPath{path, "track"})
		case "day":
			t.Day = r.strField(fieldPath{path, "day"})
		}
	})
}

func decodeLinks(r valueReader, path fieldPath) []model.Link {
	var out []model.Link
	r.array(path, "links", func(i int) {
		var l model.Link
		p := pathIndex(path.String(), i)
		r.object(p, linkFields, func(key string) {
			switch key {
			case "kind":
				l.Kind = model.LinkKind(r.strField(fieldPath{p, "kind"}))
			case "url":
				l.URL = r.strField(fieldPath{p, "url"})
			case "label":
				l.Label = r.strField(fieldPath{p, "label"})
			}
		})
		out = append(out, l)
	})
	return out
}
