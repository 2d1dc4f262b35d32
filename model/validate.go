package model

import (
	"fmt"
	"slices"
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
//
// The problems come in a fixed order: every length problem (the event's,
// the speakers', the talks'), then the event's other problems, the
// speakers', and the talks', each in catalogue order. A big catalogue's
// talks are checked in two halves on two goroutines, which find the same
// problems in the same order.
func (c *Catalogue) Validate() error {
	return c.validate(talkParts(len(c.Talks)), false, 0)
}

// Guarantees are properties of a catalogue that the code which built it
// establishes by construction, so that validating it need not look for
// their breach (ValidateGuaranteed). A builder claims only what it can
// prove, with a test that runs the full Validate on what it builds: a
// guarantee that does not hold would hide a problem.
type Guarantees uint8

const (
	// TalkIDsUnique: every talk has an ID that is not blank, and no two
	// talks have the same.
	TalkIDsUnique Guarantees = 1 << iota
	// SpeakersKnown: every speaker has an ID and a name that are not
	// blank, no two speakers have the same ID, and every speaker ID of a
	// talk is a speaker's.
	SpeakersKnown
	// TalkTitlesPresent: every talk has a title that is not blank.
	TalkTitlesPresent
	// LinkKindsKnown: every link, the event's and the talks', has a kind
	// of LinkKinds.
	LinkKindsKnown
	// LinkURLsSafe: every link, the event's and the talks', has a URL that
	// SafeURLString accepts.
	LinkURLsSafe
)

// ValidateGuaranteed is Validate for a catalogue whose builder guarantees
// g: it skips exactly the checks that g makes sure find nothing
// (TalkIDsUnique: blank and duplicate talk IDs; SpeakersKnown: blank and
// duplicate speaker IDs, blank speaker names, unknown speaker IDs of
// talks; TalkTitlesPresent: blank titles; LinkKindsKnown: links without a
// kind; LinkURLsSafe: links' URLs that SafeURLString refuses), and finds
// every other problem Validate finds, in the same order.
// On a catalogue that breaks g, it misses what g's checks would report.
func (c *Catalogue) ValidateGuaranteed(g Guarantees) error {
	return c.validate(talkParts(len(c.Talks)), false, g)
}

// SanitizeAndValidate is SanitizeText then Validate, with each talk
// checked just after it is sanitised, while its text is still in the
// cache: in two passes, each of 100,000 talks was fetched from memory
// twice.
func (c *Catalogue) SanitizeAndValidate() error {
	c.sanitizeEventAndSpeakers()
	return c.validate(talkParts(len(c.Talks)), true, 0)
}

// validate is ValidateGuaranteed(g) with the talks checked in parts runs,
// each talk sanitised first if sanitize is set.
func (c *Catalogue) validate(parts int, sanitize bool, g Guarantees) error {
	var lengths, others ValidationError
	c.validateLengths(problemAdder(&lengths))
	add := problemAdder(&others)

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
	validateLinks(c.Event.Links, func() string { return "event.links" }, add, g)
	validateLinks(c.Event.Community, func() string { return "event.community" }, add, g)

	// The speakers' IDs, each with its index, when the talks' speaker
	// IDs are to be looked up (nil when they are known to be there).
	var speakers map[string]int
	if g&SpeakersKnown == 0 {
		speakers = checkSpeakers(c.Speakers, add)
	}

	runs := make([]talkRun, parts)
	forParts(len(c.Talks), parts, func(p, lo, hi int) {
		runs[p] = checkTalks(c.Talks, lo, hi, speakers, sanitize, g)
	})
	if g&TalkIDsUnique == 0 {
		resolveDuplicates(c.Talks, runs)
	}
	ps := lengths
	for _, r := range runs {
		ps = append(ps, r.lengths...)
	}
	ps = append(ps, others...)
	for _, r := range runs {
		ps = r.appendChecks(ps, c.Talks)
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// checkSpeakers checks the speakers' IDs and names, and returns each ID's
// first speaker. A record's path ("speakers[3]") is built only for a
// problem: one per record would be 100,000 strings for a big catalogue
// with none.
func checkSpeakers(ss []Speaker, add func(path, format string, args ...any)) map[string]int {
	speakers := make(map[string]int, len(ss))
	for i, s := range ss {
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
	return speakers
}

// problemAdder returns a function that appends a problem to *ps.
func problemAdder(ps *ValidationError) func(path, format string, args ...any) {
	return func(path, format string, args ...any) {
		*ps = append(*ps, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
}

// talkRun is what checkTalks finds in a run of consecutive talks.
type talkRun struct {
	lo, hi int
	// lengths are the length problems, apart from the others because
	// every length problem is listed before the event's other problems.
	lengths ValidationError
	// checks are the other problems but duplicate IDs, and at the talk of
	// each.
	checks ValidationError
	at     []int
	// first is the first talk of each ID in the run, and dups the talks
	// whose ID an earlier talk has: in the run, until resolveDuplicates
	// looks in the runs before (both empty when the IDs are unique by
	// construction, TalkIDsUnique).
	first map[string]int
	dups  []duplicate
}

// duplicate is a talk whose ID an earlier talk, first, already has.
type duplicate struct{ talk, first int }

// checkTalks checks talks[lo:hi] against the speakers' IDs (each ID's
// index), each sanitised first if sanitize is set, but for what g
// guarantees. A blank ID is "required", not a duplicate.
func checkTalks(talks []Talk, lo, hi int, speakers map[string]int, sanitize bool, g Guarantees) talkRun {
	r := talkRun{lo: lo, hi: hi}
	ids, titles, refs := g&TalkIDsUnique == 0, g&TalkTitlesPresent == 0, g&SpeakersKnown == 0
	if ids {
		r.first = make(map[string]int, hi-lo)
	}
	for i := lo; i < hi; i++ {
		t := &talks[i]
		if sanitize {
			sanitizeTalk(t)
		}
		add := func(path, format string, args ...any) {
			r.checks = append(r.checks, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
			r.at = append(r.at, i)
		}
		if talkTooLong(t) {
			talkLengths(fmt.Sprintf("talks[%d]", i), t, problemAdder(&r.lengths))
		}
		path := func() string { return fmt.Sprintf("talks[%d]", i) }
		switch {
		case !ids:
		case strings.TrimSpace(t.ID) == "":
			add(path()+".id", "is required")
		default:
			opcount.Add(1)
			if j, dup := r.first[t.ID]; dup {
				r.dups = append(r.dups, duplicate{i, j})
			} else {
				r.first[t.ID] = i
			}
		}
		if titles && strings.TrimSpace(t.Title) == "" {
			add(path()+".title", "is required")
		}
		if refs {
			opcount.Add(len(t.Speakers))
			for j, id := range t.Speakers {
				if _, ok := speakers[id]; !ok {
					add(fmt.Sprintf("%s.speakers[%d]", path(), j), "unknown speaker ID %q", SanitizeLine(id))
				}
			}
		}
		if t.Duration < 0 {
			add(path()+".duration", "must not be negative")
		}
		validateLinks(t.Links, func() string { return path() + ".links" }, add, g)
	}
	return r
}

// resolveDuplicates makes each run's duplicates those of the whole
// catalogue: a talk whose ID a run before has is a duplicate of that
// run's first talk with the ID, even when its own run had it first. The
// talks of a run are looked up in as many parts as there are runs, each
// on its own goroutine.
func resolveDuplicates(talks []Talk, runs []talkRun) {
	for p := 1; p < len(runs); p++ {
		r := &runs[p]
		found := make([][]duplicate, len(runs))
		forParts(r.hi-r.lo, len(runs), func(q, lo, hi int) {
			lo, hi = r.lo+lo, r.lo+hi
			next, _ := slices.BinarySearchFunc(r.dups, lo, func(d duplicate, i int) int { return d.talk - i })
			for i := lo; i < hi; i++ {
				// A blank ID is in no run's first, and no duplicate.
				in := next < len(r.dups) && r.dups[next].talk == i
				if j, ok := firstIn(runs[:p], talks[i].ID); ok {
					found[q] = append(found[q], duplicate{i, j})
				} else if in {
					found[q] = append(found[q], r.dups[next])
				}
				if in {
					next++
				}
			}
		})
		r.dups = slices.Concat(found...)
	}
}

// firstIn returns the first talk with the ID id in runs.
func firstIn(runs []talkRun, id string) (int, bool) {
	for _, r := range runs {
		opcount.Add(1)
		if j, ok := r.first[id]; ok {
			return j, true
		}
	}
	return 0, false
}

// appendChecks appends the run's problems but lengths to ps, in talk
// order, each duplicate ID first among its talk's problems (where one
// scan would have found it).
func (r *talkRun) appendChecks(ps ValidationError, talks []Talk) ValidationError {
	k := 0
	for _, d := range r.dups {
		for ; k < len(r.checks) && r.at[k] < d.talk; k++ {
			ps = append(ps, r.checks[k])
		}
		ps = append(ps, Problem{
			Path: fmt.Sprintf("talks[%d].id", d.talk),
			Msg:  fmt.Sprintf("duplicate talk ID %q (also talks[%d])", SanitizeLine(talks[d.talk].ID), d.first),
		})
	}
	return append(ps, r.checks[k:]...)
}

// validateLengths reports the event's and the speakers' text fields over
// MaxLineLength or MaxTextLength (checkTalks reports the talks').
func (c *Catalogue) validateLengths(add func(path, format string, args ...any)) {
	e := &c.Event
	for _, f := range []struct{ path, s string }{
		{"event.id", e.ID}, {"event.name", e.Name}, {"event.edition", e.Edition}, {"event.date_note", e.DateNote}, {"event.time_zone_note", e.TimeZoneNote},
		{"event.city", e.City}, {"event.venue", e.Venue}, {"event.country", e.Country},
		{"event.organiser", e.Organiser}, {"event.attendance", e.Attendance}, {"event.source", e.Source},
	} {
		lineLength(f.path, f.s, add)
	}
	textLength("event.description", e.Description, add)
	linksLength("event.links", e.Links, add)
	linksLength("event.community", e.Community, add)
	linesLength("event.sponsors", e.Sponsors, add)
	linesLength("event.thanks", e.Thanks, add)
	for i := range c.Speakers {
		s := &c.Speakers[i]
		if !anyTooLong(s.ID, s.Name, s.Org, s.Role) {
			continue // the usual case: no paths to build
		}
		p := fmt.Sprintf("speakers[%d]", i)
		lineLength(p+".id", s.ID, add)
		lineLength(p+".name", s.Name, add)
		lineLength(p+".org", s.Org, add)
		lineLength(p+".role", s.Role, add)
	}
}

// talkLengths reports the text fields of t, at path, over the limits.
func talkLengths(p string, t *Talk, add func(path, format string, args ...any)) {
	for _, f := range []struct{ name, s string }{
		{"id", t.ID}, {"title", t.Title}, {"subtitle", t.Subtitle}, {"kind", t.Kind},
		{"language", t.Language}, {"room", t.Room}, {"track", t.Track},
	} {
		lineLength(p+"."+f.name, f.s, add)
	}
	textLength(p+".summary", t.Summary, add)
	linesLength(p+".topics", t.Topics, add)
	linksLength(p+".links", t.Links, add)
}

func lineLength(path, s string, add func(path, format string, args ...any)) {
	if len(s) > MaxLineLength && utf8.RuneCountInString(s) > MaxLineLength {
		add(path, "is %d characters long; the limit is %d", utf8.RuneCountInString(s), MaxLineLength)
	}
}

func textLength(path, s string, add func(path, format string, args ...any)) {
	if len(s) > MaxTextLength {
		add(path, "is %d KiB long; the limit is %d KiB", len(s)>>10, MaxTextLength>>10)
	}
}

func linksLength(path string, ls []Link, add func(path, format string, args ...any)) {
	for i, l := range ls {
		p := fmt.Sprintf("%s[%d]", path, i)
		lineLength(p+".label", l.Label, add)
		lineLength(p+".url", l.URL, add)
	}
}

func linesLength(path string, ss []string, add func(path, format string, args ...any)) {
	for i, s := range ss {
		lineLength(fmt.Sprintf("%s[%d]", path, i), s, add)
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

// validateLinks checks links' kinds and URLs, each unless g guarantees
// them (LinkKindsKnown, LinkURLsSafe); path gives the list's path, built
// only for a problem.
func validateLinks(links []Link, path func() string, add func(path, format string, args ...any), g Guarantees) {
	kinds, urls := g&LinkKindsKnown == 0, g&LinkURLsSafe == 0
	if !kinds && !urls {
		return
	}
	for i, l := range links {
		if kinds && l.Kind == "" {
			add(fmt.Sprintf("%s[%d].kind", path(), i), "is required (slides, recording, video, page, paper, web, community, feedback)")
		}
		if urls {
			if _, _, err := SafeURLString(l.URL); err != nil {
				add(fmt.Sprintf("%s[%d].url", path(), i), "expected an absolute http(s) URL: %v", err)
			}
		}
	}
}
