package data

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // schedules name IANA zones; Windows and slim images lack the database
	"unicode"

	"cndtalks/model"
)

// This file holds what the schedule importers (frab.go for schedule.json,
// pentabarf.go for schedule.xml) share: a format-neutral record of one
// programme entry, and the builder that turns those records into a
// catalogue with de-duplicated speakers, typed links and real instants.

// skipFunc records what a lenient importer dropped and why.
type skipFunc func(record, reason string)

// schedConf is the conference header of a schedule, in either format.
type schedConf struct {
	Acronym, Title, Subtitle string
	Start, End               string // a date, or a date-time
	TimeZone                 string // IANA name, when the export gives one
	City, Venue              string
	BaseURL, URL             string
	DayChange                string // "HH:MM[:SS]": earlier starts belong to the day before
}

// schedDay is one programme day: its date and, when known, its bounds.
type schedDay struct {
	Date       string // YYYY-MM-DD
	Start, End string // date-times
}

// schedPerson is a speaker reference inside an event.
type schedPerson struct {
	ID, GUID, Code string
	Name           string
}

// schedLink is a link or attachment of an event.
type schedLink struct {
	URL, Title, Type string
	Attachment       bool
}

// schedEvent is one programme entry as the export wrote it.
type schedEvent struct {
	Day                                *schedDay
	ID, GUID, Slug                     string
	Date, Start, Duration              string
	Room, Title, Subtitle, Track, Type string
	Language, Abstract, Description    string
	URL, OriginURL                     string
	Persons                            []schedPerson
	Links                              []schedLink
	sourceOrdering                     int // position in the export, for Skip records
}

// record names an event in Skip records: its title, else its ID.
func (e *schedEvent) record() string {
	id := e.GUID
	if id == "" {
		id = e.ID
	}
	title := truncate(model.SanitizeLine(e.Title), 60)
	switch {
	case title != "" && id != "":
		return fmt.Sprintf("event %s (%s)", model.SanitizeLine(id), model.QuoteLine(title))
	case title != "":
		return "event " + model.QuoteLine(title)
	case id != "":
		return "event " + model.SanitizeLine(id)
	default:
		return fmt.Sprintf("event #%d", e.sourceOrdering+1)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func utf8Start(b byte) bool { return b&0xc0 != 0x80 }

// buildSchedule maps a parsed schedule onto a catalogue. name is the file
// or URL it came from (recorded as the event's source).
func buildSchedule(name string, conf schedConf, events []schedEvent, skip skipFunc, opt ImportOptions) (*model.Catalogue, error) {
	if len(events) == 0 {
		return nil, &Error{File: name, Msg: "the schedule lists no events"}
	}
	override, err := opt.location()
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	loc, tzName, tzNote := scheduleLocation(conf, events, override)
	cat := &model.Catalogue{}
	ev := &cat.Event
	ev.Name = model.SanitizeLine(conf.Title)
	if ev.Name == "" {
		ev.Name = model.SanitizeLine(conf.Acronym)
	}
	if ev.Name == "" {
		ev.Name = strings.TrimSuffix(path.Base(strings.ReplaceAll(name, "\\", "/")), path.Ext(name))
		ev.Name = model.SanitizeLine(ev.Name)
	}
	ev.ID = slugify(conf.Acronym)
	if ev.ID == "" {
		ev.ID = slugify(ev.Name)
	}
	if ev.ID == "" {
		ev.ID = "schedule"
	}
	ev.Edition = model.SanitizeLine(conf.Subtitle)
	ev.TimeZone, ev.TimeZoneNote = tzName, tzNote
	ev.City = model.SanitizeLine(conf.City)
	ev.Venue = model.SanitizeLine(conf.Venue)
	if d := datePart(conf.Start); d != "" {
		ev.Date = d
		ev.Year, _ = strconv.Atoi(d[:4])
	}
	if d := datePart(conf.End); d != "" && d != ev.Date {
		ev.EndDate = d
	}
	if ev.Date == "" && len(events) > 0 && events[0].Day != nil {
		ev.Date = datePart(events[0].Day.Date)
	}
	if ev.Date != "" && ev.Year == 0 {
		ev.Year, _ = strconv.Atoi(ev.Date[:4])
	}
	if conf.URL != "" || conf.BaseURL != "" {
		site := conf.URL
		if site == "" {
			site = conf.BaseURL
		}
		if u, err := model.SafeURL(site); err == nil {
			ev.Links = append(ev.Links, model.Link{Kind: model.LinkWeb, URL: u.String(), Label: "Website"})
		} else {
			skip("conference URL", err.Error())
		}
	}
	if name != "" {
		ev.Source = model.SanitizeLine("Imported from " + name)
	}

	dayChange, hasDayChange := clockDuration(conf.DayChange)

	speakerIndex := map[string]int{}
	talkIDs := map[string]bool{}
	base := conf.BaseURL
	if base == "" {
		base = conf.URL
	}
	for i := range events {
		e := &events[i]
		title := cleanTitle(e.Title)
		if title == "" {
			skip(e.record(), "no title")
			continue
		}
		id := talkID(e)
		if id == "" {
			skip(e.record(), "no id, guid or slug to identify it")
			continue
		}
		if talkIDs[id] {
			skip(e.record(), fmt.Sprintf("duplicate event %s: listed more than once", model.QuoteLine(id)))
			continue
		}
		talkIDs[id] = true
		t := model.Talk{
			ID:       id,
			Title:    title,
			Subtitle: cleanTitle(e.Subtitle),
			Kind:     strings.ToLower(model.SanitizeLine(e.Type)),
			Track:    model.SanitizeLine(e.Track),
			Room:     model.SanitizeLine(e.Room),
			Language: model.SanitizeLine(e.Language),
		}
		if t.Kind == "" {
			t.Kind = "talk"
		}
		// Relative URLs of an event belong to the site that wrote it: the
		// pretalx instance it came from, else its own page, else the schedule.
		evBase := base
		for _, b := range []string{e.OriginURL, e.URL} {
			if _, err := model.SafeURL(b); err == nil {
				evBase = b
				break
			}
		}
		abstract := htmlToMarkdown(e.Abstract, evBase)
		desc := htmlToMarkdown(e.Description, evBase)
		switch {
		case desc == "" || desc == abstract:
			t.Summary = abstract
		case abstract == "":
			t.Summary = desc
		default:
			t.Summary = abstract + "\n\n" + desc
		}
		if err := setTimes(&t, e, loc, dayChange, hasDayChange); err != "" {
			skip(e.record(), err)
		}
		for pi, p := range e.Persons {
			key, name := personKey(p), cleanTitle(p.Name)
			if name == "" {
				skip(e.record(), fmt.Sprintf("person %d has no name", pi+1))
				continue
			}
			if key == "" {
				// No identifier: never merge by name, keep them apart.
				key = id + "-person-" + strconv.Itoa(pi+1)
			}
			if _, ok := speakerIndex[key]; !ok {
				speakerIndex[key] = len(cat.Speakers)
				cat.Speakers = append(cat.Speakers, model.Speaker{ID: key, Name: name})
			}
			if !contains(t.Speakers, key) {
				t.Speakers = append(t.Speakers, key)
			}
		}
		t.Links = eventLinks(e, evBase, skip)
		if e.URL != "" {
			if u, err := model.SafeURL(e.URL); err == nil && !hasURL(t.Links, u.String()) {
				t.Links = append(t.Links, model.Link{Kind: model.LinkWeb, URL: u.String(), Label: "Schedule page"})
			}
		}
		cat.Talks = append(cat.Talks, t)
	}
	if len(cat.Talks) == 0 {
		return nil, &Error{File: name, Msg: fmt.Sprintf("none of the schedule's %d events could be imported", len(events))}
	}
	sortProgramme(cat.Talks)
	for i := range cat.Talks {
		cat.Talks[i].Order = i + 1
	}
	return cat, nil
}

// sortProgramme puts talks in programme order: by day, then start, keeping
// the export's order (its room order) for simultaneous talks. Talks with no
// time stay where they are relative to each other, after the timed ones.
func sortProgramme(talks []model.Talk) {
	sort.SliceStable(talks, func(i, j int) bool {
		a, b := &talks[i], &talks[j]
		if a.HasSchedule() != b.HasSchedule() {
			return a.HasSchedule()
		}
		if a.Day != b.Day {
			return a.Day < b.Day
		}
		return a.Start.Before(b.Start)
	})
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func hasURL(links []model.Link, u string) bool {
	for _, l := range links {
		if l.URL == u {
			return true
		}
	}
	return false
}

// cleanTitle is SanitizeLine that also trims the invisible characters some
// exports put around titles and names (a leading U+200B ZERO WIDTH SPACE).
// Joiners inside the text (emoji ZWJ sequences) stay.
func cleanTitle(s string) string {
	s = model.SanitizeLine(s)
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\u200c' || r == '\u200d'
	})
}

// talkID is the guid when there is one (the only key real exports keep
// unique), else the id, else the slug, as a key.
func talkID(e *schedEvent) string {
	for _, k := range []string{e.GUID, e.ID, e.Slug} {
		if s := keyOf(k); s != "" {
			return s
		}
	}
	return ""
}

func personKey(p schedPerson) string {
	for _, k := range []string{p.GUID, p.Code, p.ID} {
		if s := keyOf(k); s != "" {
			return s
		}
	}
	return ""
}

var keyDrop = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// keyOf makes an export's identifier safe to type and to pass as an
// argument: ASCII letters, digits, '.', '_' and '-', not starting with '-'.
// Case is kept: some exports' guids are base64 ("HOqeNIb6G7M4hYFKFRkCmQ").
func keyOf(s string) string {
	s = keyDrop.ReplaceAllString(model.SanitizeLine(s), "-")
	return strings.Trim(s, "-")
}

var slugDrop = regexp.MustCompile(`[^a-z0-9._-]+`)

// slugify makes a stable, printable identifier: lower case ASCII letters,
// digits, '.', '_' and '-'.
func slugify(s string) string {
	s = strings.ToLower(model.SanitizeLine(s))
	s = slugDrop.ReplaceAllString(s, "-")
	return strings.Trim(s, "-")
}

// datePart returns the YYYY-MM-DD prefix of a date or date-time.
func datePart(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

func eventsFirstDate(events []schedEvent) string {
	for i := range events {
		if events[i].Date != "" {
			return events[i].Date
		}
	}
	for i := range events {
		if d := events[i].Day; d != nil && d.Start != "" {
			return d.Start
		}
	}
	return ""
}

func offsetName(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, off/3600, off/60%60)
}

// setTimes fills the talk's Start, Duration and Day. It returns why a time
// could not be read ("" when all is well); the talk is kept without it.
func setTimes(t *model.Talk, e *schedEvent, loc *time.Location, dayChange time.Duration, hasDayChange bool) string {
	var problems []string
	if d, ok := parseDuration(e.Duration); ok {
		t.Duration = d
	} else if strings.TrimSpace(e.Duration) != "" {
		problems = append(problems, fmt.Sprintf("duration %s is not HH:MM", model.QuoteLine(e.Duration)))
	}
	day := ""
	if e.Day != nil {
		day = datePart(e.Day.Date)
		t.Day = day
	}
	// A full date wins: some generators write it in UTC and the start in
	// local time, and only the full date is an instant.
	if s := strings.TrimSpace(e.Date); s != "" {
		if ts, err := time.Parse(time.RFC3339, s); err == nil {
			t.Start = ts.In(loc)
		} else if ts, err := time.ParseInLocation("2006-01-02T15:04:05", s, loc); err == nil {
			t.Start = ts
		} else if ts, err := time.ParseInLocation("2006-01-02T15:04", s, loc); err == nil {
			t.Start = ts
		}
	}
	if t.Start.IsZero() && day != "" && strings.TrimSpace(e.Start) != "" {
		clock, ok := clockDuration(e.Start)
		if !ok {
			problems = append(problems, fmt.Sprintf("start %s is not HH:MM", model.QuoteLine(e.Start)))
		} else {
			d, _ := time.ParseInLocation(time.DateOnly, day, loc)
			start := time.Date(d.Year(), d.Month(), d.Day(), int(clock/time.Hour), int(clock%time.Hour/time.Minute), int(clock%time.Minute/time.Second), 0, loc)
			// After midnight but listed under the day before: the next
			// calendar date.
			if e.Day.Start != "" {
				if ds, err := time.Parse(time.RFC3339, e.Day.Start); err == nil && start.Before(ds) {
					start = start.AddDate(0, 0, 1)
				}
			} else if hasDayChange && clock < dayChange {
				start = start.AddDate(0, 0, 1)
			}
			t.Start = start
		}
	}
	if t.Day == "" && !t.Start.IsZero() {
		t.Day = t.Start.Format(time.DateOnly)
	}
	if t.Start.IsZero() && len(problems) == 0 && (e.Date != "" || e.Start != "") {
		problems = append(problems, "no usable start time")
	}
	return strings.Join(problems, "; ")
}

// clockDuration reads "HH:MM" or "HH:MM:SS" as a time of day.
func clockDuration(s string) (time.Duration, bool) {
	d, ok := parseDuration(s)
	return d, ok && d < 48*time.Hour
}

// parseDuration reads "MM", "H:MM", "HH:MM:SS" and "D:HH:MM:SS"-style
// durations (frab writes "00:30", pretalx "00:30", some "0:30:00").
func parseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	parts := strings.Split(s, ":")
	if len(parts) > 4 {
		return 0, false
	}
	units := []time.Duration{time.Minute, time.Hour, 24 * time.Hour}
	if len(parts) >= 3 {
		units = []time.Duration{time.Second, time.Minute, time.Hour, 24 * time.Hour}
	}
	var d time.Duration
	for i := range parts {
		p := parts[len(parts)-1-i]
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 10000 {
			return 0, false
		}
		d += time.Duration(n) * units[i]
	}
	return d, true
}

// Words in a link's label that say what it is, matched as whole ASCII
// words ignoring case ("Video recording (WebM/VP9, 101M)", "Folien (PDF
// export)"). Plain lookups, not regular expressions: FOSDEM alone has 5,000
// links.
var (
	slidesWords = map[string]bool{"slide": true, "slides": true, "slidedeck": true, "folien": true, "presentation": true}
	videoWords  = map[string]bool{"video": true, "recording": true, "aufzeichnung": true, "stream": true}
	paperWords  = map[string]bool{"paper": true, "article": true, "preprint": true}
	chatWords   = map[string]bool{"chat": true, "matrix": true, "discord": true, "forum": true, "mastodon": true}
	videoExts   = []string{".webm", ".mp4", ".mkv", ".m4v", ".ogv", ".mov", ".avi"}
)

// labelHas reports whether label has one of words as a whole word.
func labelHas(label string, words map[string]bool) bool {
	isWord := func(c byte) bool {
		return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
	}
	for i := 0; i < len(label); {
		if !isWord(label[i]) {
			i++
			continue
		}
		j := i
		for j < len(label) && isWord(label[j]) {
			j++
		}
		if j-i <= 16 {
			var buf [16]byte
			for k := i; k < j; k++ {
				c := label[k]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[k-i] = c
			}
			if words[string(buf[:j-i])] { // no allocation for a map key
				return true
			}
		}
		i = j
	}
	return false
}

// isVideoFile reports whether a URL's path ends in a video file extension.
func isVideoFile(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	for _, ext := range videoExts {
		if len(u) >= len(ext) && strings.EqualFold(u[len(u)-len(ext):], ext) {
			return true
		}
	}
	return false
}

// linkKind types a link by what the export says it is, then by its file
// extension and label.
func linkKind(l schedLink, u string) model.LinkKind {
	switch strings.ToLower(strings.TrimSpace(l.Type)) {
	case "slides", "slide", "presentation":
		return model.LinkSlides
	case "video":
		if isVideoFile(u) {
			return model.LinkRecording
		}
		return model.LinkVideo
	case "recording":
		return model.LinkRecording
	case "paper":
		return model.LinkPaper
	}
	switch {
	case isVideoFile(u):
		return model.LinkRecording
	case labelHas(l.Title, slidesWords):
		return model.LinkSlides
	case labelHas(l.Title, videoWords):
		return model.LinkVideo
	case labelHas(l.Title, paperWords):
		return model.LinkPaper
	case labelHas(l.Title, chatWords):
		return model.LinkCommunity
	}
	return model.LinkWeb
}

// eventLinks types and resolves an event's links and attachments. Links
// that cannot be opened safely are dropped with a reason; a mailto: address
// is not a link to open either.
func eventLinks(e *schedEvent, base string, skip skipFunc) []model.Link {
	var out []model.Link
	for _, l := range e.Links {
		raw := strings.TrimSpace(l.URL)
		what := "link"
		if l.Attachment {
			what = "attachment"
		}
		switch {
		case raw == "":
			skip(e.record(), what+" with no URL")
			continue
		case strings.HasPrefix(raw, "#"):
			skip(e.record(), fmt.Sprintf("%s %s is not a URL (a bare #fragment)", what, model.QuoteLine(raw)))
			continue
		case hasScheme(raw, "mailto"):
			skip(e.record(), what+" to an e-mail address (mailto:) is not kept")
			continue
		}
		u, err := model.ResolveURL(base, raw)
		if err != nil {
			skip(e.record(), fmt.Sprintf("%s dropped: %v", what, err))
			continue
		}
		s := u.String()
		if hasURL(out, s) {
			continue
		}
		label := model.SanitizeLine(l.Title)
		if label == s || label == raw {
			label = ""
		}
		out = append(out, model.Link{Kind: linkKind(l, s), URL: s, Label: label})
	}
	return out
}

func hasScheme(s, scheme string) bool {
	return len(s) > len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) && s[len(scheme)] == ':'
}
