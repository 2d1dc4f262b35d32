package catalog

import (
	"fmt"
	"strings"
	"time"

	"cndtalks/model"
)

// The cndtalks catalogue format, declared once.
//
// Each record of the format (the event, a speaker, a talk, a link) is a
// table of fields below: its name in the file, its kind, where it lives in
// the model, and what the writer and the format checks need to know. Every
// reader and writer of the format is derived from these tables:
//
//   - decodeCatalogue and decodeRecord, which the JSON decoder (json.go),
//     the fast YAML reader (yamlfast.go) and the yaml.v3 node reader
//     (yaml.go) all drive through the valueReader interface;
//   - the writer (write.go: WriteYAML, WriteJSON);
//   - the "unknown field ... (did you mean ...)" lists (recordFormat.names);
//   - the format checks beyond the model's (formatProblems in format.go).
//
// Adding a field to a record is one line in its table (and the field in the
// model's struct). A link's role, for example, is
//
//	text("role", func(l *model.Link) *string { return &l.Role }),
//
// appended to linkFormat.

// The records of the format, fields in the order the format documents them
// (data/README.md) and the writer writes them.
var (
	eventFormat = record(
		text("id", func(e *model.Event) *string { return &e.ID }).alwaysWritten(),
		text("name", func(e *model.Event) *string { return &e.Name }).alwaysWritten(),
		text("edition", func(e *model.Event) *string { return &e.Edition }),
		integer("year", func(e *model.Event) *int { return &e.Year }),
		text("date", func(e *model.Event) *string { return &e.Date }),
		text("date_note", func(e *model.Event) *string { return &e.DateNote }),
		text("end_date", func(e *model.Event) *string { return &e.EndDate }).checked(checkDate),
		text("time_zone", func(e *model.Event) *string { return &e.TimeZone }),
		text("time_zone_note", func(e *model.Event) *string { return &e.TimeZoneNote }),
		text("city", func(e *model.Event) *string { return &e.City }),
		text("venue", func(e *model.Event) *string { return &e.Venue }),
		text("country", func(e *model.Event) *string { return &e.Country }),
		text("organiser", func(e *model.Event) *string { return &e.Organiser }),
		text("description", func(e *model.Event) *string { return &e.Description }),
		text("attendance", func(e *model.Event) *string { return &e.Attendance }),
		links("links", func(e *model.Event) *[]model.Link { return &e.Links }),
		links("community", func(e *model.Event) *[]model.Link { return &e.Community }),
		textList("sponsors", func(e *model.Event) *[]string { return &e.Sponsors }),
		textList("thanks", func(e *model.Event) *[]string { return &e.Thanks }),
		text("source", func(e *model.Event) *string { return &e.Source }),
	)
	speakerFormat = record(
		text("id", func(s *model.Speaker) *string { return &s.ID }).alwaysWritten(),
		text("name", func(s *model.Speaker) *string { return &s.Name }).alwaysWritten(),
		text("org", func(s *model.Speaker) *string { return &s.Org }),
		text("role", func(s *model.Speaker) *string { return &s.Role }),
	)
	talkFormat = record(
		text("id", func(t *model.Talk) *string { return &t.ID }).alwaysWritten(),
		text("title", func(t *model.Talk) *string { return &t.Title }).alwaysWritten(),
		text("subtitle", func(t *model.Talk) *string { return &t.Subtitle }),
		text("kind", func(t *model.Talk) *string { return &t.Kind }).alwaysWritten(),
		integer("order", func(t *model.Talk) *int { return &t.Order }).alwaysWritten(),
		textList("speakers", func(t *model.Talk) *[]string { return &t.Speakers }).oneLine(),
		text("summary", func(t *model.Talk) *string { return &t.Summary }),
		textList("topics", func(t *model.Talk) *[]string { return &t.Topics }).oneLine(),
		links("links", func(t *model.Talk) *[]model.Link { return &t.Links }),
		text("language", func(t *model.Talk) *string { return &t.Language }),
		startTime("start", func(t *model.Talk) *time.Time { return &t.Start }),
		duration("duration", func(t *model.Talk) *time.Duration { return &t.Duration }),
		text("room", func(t *model.Talk) *string { return &t.Room }),
		text("track", func(t *model.Talk) *string { return &t.Track }),
		text("day", func(t *model.Talk) *string { return &t.Day }).checked(checkDate),
	)
	linkFormat = record(
		text("kind", func(l *model.Link) *string { return (*string)(&l.Kind) }).alwaysWritten().checked(checkLinkKind),
		text("url", func(l *model.Link) *string { return &l.URL }).alwaysWritten(),
		text("label", func(l *model.Link) *string { return &l.Label }),
	)
)

// catalogueFields are the top level's fields: the event record, the list of
// speaker records and the list of talk records (decodeCatalogue, writeCatalogue).
var catalogueFields = []string{"event", "speakers", "talks"}

// formatLimits bounds what one catalogue may hold, so that no input makes
// the loader use more than a small multiple of its size in memory (a
// 256 MiB file of minimal talks would otherwise be 10 million talk structs).
// Real catalogues stay far below: 39C3 has 2,600 talks, the generated
// benchmark corpus 100,000. One text field is bounded by model.Validate
// (model.MaxLineLength, model.MaxTextLength). Tests lower the limits.
var formatLimits = struct {
	talks, speakers, links, listItems int
}{
	talks:     250_000,
	speakers:  250_000,
	links:     1_000_000, // in the whole catalogue
	listItems: 10_000,    // in one list of strings (a talk's topics)
}

// fieldKind is how a field is spelled in the file.
type fieldKind uint8

const (
	textKind     fieldKind = iota // a string (any YAML scalar, read as text)
	intKind                       // an integer
	textListKind                  // a list of strings
	durationKind                  // a duration with units: "1h15m"
	startKind                     // an RFC 3339 time with its offset
	linksKind                     // a list of link records (linkFormat)
)

// formatField is one field of a record of type T: its name, its kind, and
// an accessor into T for that kind (only the one for its kind is set).
type formatField[T any] struct {
	name string
	kind fieldKind
	// written: the writer writes the field even when it is empty or zero.
	written bool
	// flow: the YAML writer writes the list on one line ([a, b]).
	flow bool
	// check returns what is wrong with a text value the format refuses,
	// or "" (formatProblems).
	check func(string) string

	text  func(*T) *string
	num   func(*T) *int
	list  func(*T) *[]string
	dur   func(*T) *time.Duration
	start func(*T) *time.Time
	links func(*T) *[]model.Link
}

func text[T any](name string, at func(*T) *string) formatField[T] {
	return formatField[T]{name: name, kind: textKind, text: at}
}

func integer[T any](name string, at func(*T) *int) formatField[T] {
	return formatField[T]{name: name, kind: intKind, num: at}
}

func textList[T any](name string, at func(*T) *[]string) formatField[T] {
	return formatField[T]{name: name, kind: textListKind, list: at}
}

func duration[T any](name string, at func(*T) *time.Duration) formatField[T] {
	return formatField[T]{name: name, kind: durationKind, dur: at}
}

func startTime[T any](name string, at func(*T) *time.Time) formatField[T] {
	return formatField[T]{name: name, kind: startKind, start: at}
}

func links[T any](name string, at func(*T) *[]model.Link) formatField[T] {
	return formatField[T]{name: name, kind: linksKind, links: at}
}

func (f formatField[T]) alwaysWritten() formatField[T] { f.written = true; return f }

func (f formatField[T]) oneLine() formatField[T] { f.flow = true; return f }

func (f formatField[T]) checked(check func(string) string) formatField[T] {
	f.check = check
	return f
}

// recordFormat is the table of one record's fields.
type recordFormat[T any] struct {
	fields []formatField[T]
	// names are the fields' names, index for index: the known fields of
	// the readers' unknown-field messages.
	names []string
	// checked are the indices of the fields formatProblems looks at: the
	// text fields with a check, and the lists of links (whose records
	// have checks of their own).
	checked []int
}

func record[T any](fields ...formatField[T]) *recordFormat[T] {
	r := &recordFormat[T]{fields: fields}
	for i, f := range fields {
		r.names = append(r.names, f.name)
		if f.kind == textKind && f.check != nil || f.kind == linksKind {
			r.checked = append(r.checked, i)
		}
	}
	if len(fields) > 64 {
		panic("a record of the catalogue format has more than 64 fields: the readers' seen-sets are uint64")
	}
	return r
}

// valueReader is what the format needs from a decoder: the JSON decoder,
// the fast YAML reader and the yaml.v3 node reader all provide it, so that
// the format (which fields exist, what kind each has) is walked by one
// piece of code for all of them. Each method reads the value at the
// reader's position; path names it for errors.
type valueReader interface {
	// object reads a mapping, calling field with the reader at the value
	// of each key of known (i is its index in known). Unknown and repeated
	// keys are errors.
	object(path string, known []string, field func(i int))
	// array reads a list, calling each with the reader at every element.
	array(path fieldPath, what string, each func(i int))
	strField(path fieldPath) string
	intField(path fieldPath) int
	strList(path fieldPath) []string
	durationField(path fieldPath) time.Duration
	startField(path fieldPath) time.Time
	// mark returns the position of the value about to be read.
	mark() int
	// problem reports msg about path, placed at the value about to be read.
	problem(path, msg string)
}

// fieldPath names a field as parent.key (talks[3].title) without building
// the string, which is only needed for an error message.
type fieldPath struct{ parent, key string }

func (p fieldPath) String() string { return pathJoin(p.parent, p.key) }

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

// formatDecoder walks the format's tables with a valueReader, counting what
// formatLimits bounds.
type formatDecoder struct {
	r     valueReader
	links int
}

// decodeCatalogue reads a catalogue with r and returns where its parts are.
func decodeCatalogue(r valueReader, c *model.Catalogue) (sp spans) {
	d := &formatDecoder{r: r}
	r.object("", catalogueFields, func(i int) {
		switch catalogueFields[i] {
		case "event":
			sp.event[0] = r.mark()
			decodeRecord(d, "event", eventFormat, &c.Event)
			sp.event[1], sp.hasEvent = r.mark(), true
		case "speakers":
			var over model.Speaker
			r.array(fieldPath{"", "speakers"}, "speakers", func(i int) {
				path := pathIndex("speakers", i)
				if i >= formatLimits.speakers {
					// Past the limit, the rest is read (for its syntax)
					// into a scratch record.
					if i == formatLimits.speakers {
						r.problem(path, tooManyMsg(formatLimits.speakers, "speakers"))
					}
					decodeRecord(d, path, speakerFormat, &over)
					return
				}
				start := r.mark()
				c.Speakers = append(c.Speakers, model.Speaker{})
				decodeRecord(d, path, speakerFormat, &c.Speakers[len(c.Speakers)-1])
				sp.speakers = append(sp.speakers, [2]int{start, r.mark()})
			})
		case "talks":
			// Talks are decoded into chunks (of 16 talks, doubling up to
			// 1,024) and copied once at the end: growing one slice of
			// 100,000 large structs by appending copies it over and over.
			var chunks [][]model.Talk
			var cur []model.Talk
			var over model.Talk
			n := 0
			r.array(fieldPath{"", "talks"}, "talks", func(i int) {
				path := pathIndex("talks", i)
				if i >= formatLimits.talks {
					if i == formatLimits.talks {
						r.problem(path, tooManyMsg(formatLimits.talks, "talks"))
					}
					decodeRecord(d, path, talkFormat, &over)
					return
				}
				start := r.mark()
				if len(cur) == cap(cur) {
					if cur != nil {
						chunks = append(chunks, cur)
					}
					cur = make([]model.Talk, 0, min(1024, max(16, 2*cap(cur))))
				}
				cur = append(cur, model.Talk{})
				decodeRecord(d, path, talkFormat, &cur[len(cur)-1])
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

// tooManyMsg says that a catalogue is over one of formatLimits.
func tooManyMsg(limit int, what string) string {
	return fmt.Sprintf("more than %s %s: the limit for one catalogue is %s", thousands(limit), what, thousands(limit))
}

// listLimitMsg says that a list of strings is over formatLimits.listItems.
// Each reader reports the first item past it and drops the rest (a 256 MiB
// flow list of one-letter strings would be 2 GB of string headers).
func listLimitMsg() string {
	l := thousands(formatLimits.listItems)
	return fmt.Sprintf("more than %s items in one list: the limit for one list is %s", l, l)
}

// thousands writes n with thousands separators (250,000).
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// decodeRecord reads one record of format f into v.
func decodeRecord[T any](d *formatDecoder, path string, f *recordFormat[T], v *T) {
	r := d.r
	r.object(path, f.names, func(i int) {
		fd := &f.fields[i]
		p := fieldPath{path, fd.name}
		switch fd.kind {
		case textKind:
			*fd.text(v) = r.strField(p)
		case intKind:
			*fd.num(v) = r.intField(p)
		case textListKind:
			*fd.list(v) = r.strList(p)
		case durationKind:
			*fd.dur(v) = r.durationField(p)
		case startKind:
			*fd.start(v) = r.startField(p)
		case linksKind:
			*fd.links(v) = d.decodeLinks(p)
		}
	})
}

func (d *formatDecoder) decodeLinks(path fieldPath) []model.Link {
	var out []model.Link
	var over model.Link
	d.r.array(path, "links", func(i int) {
		p := pathIndex(path.String(), i)
		if d.links >= formatLimits.links {
			if d.links == formatLimits.links {
				d.r.problem(p, tooManyMsg(formatLimits.links, "links"))
			}
			d.links++
			decodeRecord(d, p, linkFormat, &over)
			return
		}
		d.links++
		out = append(out, model.Link{})
		decodeRecord(d, p, linkFormat, &out[len(out)-1])
	})
	return out
}
