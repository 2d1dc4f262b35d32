package model

import (
	"runtime"
	"sync"
)

// SanitizeText makes every text field of the catalogue safe for a terminal:
// one-line fields (IDs, titles, names, organisations, labels, topics, kinds,
// rooms, tracks, sponsors...) go through SanitizeLine, the Markdown fields
// (talk summaries, the event description) through Sanitize. URLs are
// sanitised as one-line text too, so a hostile URL cannot carry an escape
// sequence into an error message; SafeURL still gates what is opened.
// Loaders call it once, before Validate.
func (c *Catalogue) SanitizeText() {
	e := &c.Event
	for _, p := range []*string{
		&e.ID, &e.Name, &e.Edition, &e.Date, &e.DateNote, &e.EndDate, &e.TimeZone, &e.TimeZoneNote,
		&e.City, &e.Venue, &e.Country, &e.Organiser, &e.Attendance, &e.Source,
	} {
		*p = SanitizeLine(*p)
	}
	e.Description = Sanitize(e.Description)
	sanitizeLinks(e.Links)
	sanitizeLinks(e.Community)
	sanitizeLines(e.Sponsors)
	sanitizeLines(e.Thanks)

	for i := range c.Speakers {
		s := &c.Speakers[i]
		s.ID = SanitizeLine(s.ID)
		s.Name = SanitizeLine(s.Name)
		s.Org = SanitizeLine(s.Org)
		s.Role = SanitizeLine(s.Role)
	}
	// Each talk is sanitised on its own: a big catalogue's are split
	// between two goroutines.
	talks := c.Talks
	if len(talks) >= parallelSanitize && runtime.GOMAXPROCS(0) > 1 {
		half := len(talks) / 2
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			sanitizeTalks(talks[half:])
		}()
		sanitizeTalks(talks[:half])
		wg.Wait()
		return
	}
	sanitizeTalks(talks)
}

// parallelSanitize is the number of talks from which SanitizeText uses a
// second goroutine.
const parallelSanitize = 4096

func sanitizeTalks(talks []Talk) {
	for i := range talks {
		t := &talks[i]
		for _, p := range []*string{&t.ID, &t.Title, &t.Subtitle, &t.Kind, &t.Language, &t.Room, &t.Track, &t.Day} {
			*p = SanitizeLine(*p)
		}
		t.Summary = Sanitize(t.Summary)
		sanitizeLines(t.Speakers)
		sanitizeLines(t.Topics)
		sanitizeLinks(t.Links)
	}
}

func sanitizeLines(ss []string) {
	for i, s := range ss {
		ss[i] = SanitizeLine(s)
	}
}

func sanitizeLinks(ls []Link) {
	for i := range ls {
		l := &ls[i]
		l.Kind = LinkKind(SanitizeLine(string(l.Kind)))
		l.URL = SanitizeLine(l.URL)
		l.Label = SanitizeLine(l.Label)
	}
}
