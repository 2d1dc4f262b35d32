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
// Loaders call it once, before Validate, or call SanitizeAndValidate.
func (c *Catalogue) SanitizeText() {
	c.sanitizeEventAndSpeakers()
	// Each talk is sanitised on its own: a big catalogue's are split
	// between two goroutines.
	forParts(len(c.Talks), talkParts(len(c.Talks)), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			sanitizeTalk(&c.Talks[i])
		}
	})
}

// talkParts is how many goroutines share n talks' sanitising and checks:
// two from 4,096 talks when there are two cores.
func talkParts(n int) int {
	if n >= parallelTalks && runtime.GOMAXPROCS(0) > 1 {
		return 2
	}
	return 1
}

// parallelTalks is the number of talks from which SanitizeText and
// Validate use a second goroutine.
const parallelTalks = 4096

// sanitizeEventAndSpeakers is SanitizeText but the talks.
func (c *Catalogue) sanitizeEventAndSpeakers() {
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
}

// forParts splits n items into parts runs of consecutive items and calls
// f(p, lo, hi) for each run p = [lo, hi), the first on this goroutine and
// each other on its own, and returns when all have returned.
func forParts(n, parts int, f func(p, lo, hi int)) {
	var wg sync.WaitGroup
	for p := 1; p < parts; p++ {
		wg.Go(func() { f(p, p*n/parts, (p+1)*n/parts) })
	}
	f(0, 0, n/parts)
	wg.Wait()
}

func sanitizeTalk(t *Talk) {
	for _, p := range []*string{&t.ID, &t.Title, &t.Subtitle, &t.Kind, &t.Language, &t.Room, &t.Track, &t.Day} {
		*p = SanitizeLine(*p)
	}
	t.Summary = Sanitize(t.Summary)
	sanitizeLines(t.Speakers)
	sanitizeLines(t.Topics)
	sanitizeLinks(t.Links)
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
