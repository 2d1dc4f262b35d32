package model

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"cndtalks/internal/opcount"
)

// Problem is one thing wrong with a catalogue. Path names the field the way
// the catalogue file spells it (talks[3].links[0].url), so a loader can map
// it back to a line.
type Problem struct {
	Path string
	Msg  string
}

func (p Problem) String() string { return p.Path + ": " + p.Msg }

// ValidationError lists every problem found in a catalogue.
type ValidationError []Problem

func (e ValidationError) Error() string {
	parts := make([]string, len(e))
	for i, p := range e {
		parts[i] = p.String()
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return fmt.Sprintf("%d problems: %s", len(parts), strings.Join(parts, "; "))
}

// Length limits on text fields. Real schedules stay far below them (the
// longest title in 39C3's 2,600 talks is 171 characters, the longest
// abstract 30 KB); past them a file is broken or hostile, and a 100 KB
// title would only make every screen slow.
const (
	// MaxLineLength is the longest a one-line field (an ID, a title, a
	// name, a label...) may be, in characters.
	MaxLineLength = 1000
	// MaxTextLength is the longest a Markdown field (a summary, the event
	// description) may be, in bytes.
	MaxTextLength = 256 << 10
)

// Validate reports every problem at once: required fields, unique IDs,
// speaker references that resolve, links that are absolute http(s) URLs,
// and text within the length limits. It returns nil for a valid catalogue,
// else a ValidationError.
func (c *Catalogue) Validate() error {
	var ps ValidationError
	add := func(path, format string, args ...any) {
		ps = append(ps, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	c.validateLengths(add)

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
	validateLinks(c.Event.Links, func() string { return "event.links" }, add)
	validateLinks(c.Event.Community, func() string { return "event.community" }, add)

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
		validateLinks(t.Links, func() string { return path() + ".links" }, add)
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// validateLengths reports the text fields over MaxLineLength or
// MaxTextLength.
func (c *Catalogue) validateLengths(add func(path, format string, args ...any)) {
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

// anyTooLong is validateLengths' cheap first test (in bytes, so it can only
// err towards checking), which spares building field paths for the 100,000
// talks of a big catalogue that have nothing too long.
func anyTooLong(ss ...string) bool {
	for _, s := range ss {
		if len(s) > MaxLineLength {
			return true
		}
	}
	return false
}

func talkTooLong(t *Talk) bool {
	if len(t.Summary) > MaxTextLength || anyTooLong(t.ID, t.Title, t.Subtitle, t.Kind, t.Language, t.Room, t.Track) {
		return true
	}
	for _, s := range t.Topics {
		if len(s) > MaxLineLength {
			return true
		}
	}
	for _, l := range t.Links {
		if len(l.Label) > MaxLineLength || len(l.URL) > MaxLineLength {
			return true
		}
	}
	return false
}

// validateLinks checks links; path gives the list's path, built only for a
// problem.
func validateLinks(links []Link, path func() string, add func(path, format string, args ...any)) {
	for i, l := range links {
		if l.Kind == "" {
			add(fmt.Sprintf("%s[%d].kind", path(), i), "is required (slides, recording, video, page, paper, web, community, feedback)")
		}
		if _, _, err := SafeURLString(l.URL); err != nil {
			add(fmt.Sprintf("%s[%d].url", path(), i), "expected an absolute http(s) URL: %v", err)
		}
	}
}
