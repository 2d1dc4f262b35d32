package schedule

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"path"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // schedules name IANA zones; Windows and slim images lack the database
	"unicode"

	"cndtalks/data/internal/source"
	"cndtalks/model"
)

// This file holds what the schedule importers (frab.go for schedule.json,
// pentabarf.go for schedule.xml) share: a format-neutral record of one
// programme entry, and the builder that turns those records into a
// catalogue with de-duplicated speakers, typed links and real instants.

// skipFunc records what a lenient importer dropped or repaired, where and
// why (see Skip); count, when given, is how many items the note stands
// for.
type skipFunc func(kind SkipKind, record, reason, detail string, count ...int)

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
	// FromText is set when the export gave the URL as the link's text,
	// with no href.
	FromText bool
}

// schedEvent is one programme entry as the export wrote it.
type schedEvent struct {
	Day                                *schedDay
	ID, GUID, Slug                     string
	Date, Start, Duration              string
	Room, Title, Subtitle, Track, Type string
	Language, Abstract, Description    string
	URL, OriginURL                     string
	VideoURL, FeedbackURL              string // c3voc's video_download_url, feedback_url
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

// skipPastLimit notes that the events of a schedule of total past the first
// maxScheduleTalks were dropped.
func skipPastLimit(skip skipFunc, total int) {
	skip(SkipTalk, fmt.Sprintf("events %d to %d", maxScheduleTalks+1, total),
		fmt.Sprintf("past the limit of %d talks per schedule", maxScheduleTalks), fmt.Sprintf("%d events", total-maxScheduleTalks), total-maxScheduleTalks)
}

// buildSchedule maps a parsed schedule onto a catalogue. name is the file
// or URL it came from (recorded as the event's source).
func buildSchedule(name string, conf schedConf, events []schedEvent, skip skipFunc, opt ImportOptions) (*model.Catalogue, error) {
	if len(events) == 0 {
		return nil, &source.Error{File: name, Msg: "the schedule lists no events"}
	}
	if len(events) > maxScheduleTalks {
		skipPastLimit(skip, len(events))
		events = events[:maxScheduleTalks]
	}
	override, err := opt.Location()
	if err != nil {
		return nil, &source.Error{File: name, Msg: err.Error()}
	}
	loc, tzName, tzNote := scheduleLocation(conf, events, override)
	cat := &model.Catalogue{}
	ev := &cat.Event
	ev.Name = shortLine(conf.Title)
	if ev.Name == "" {
		ev.Name = shortLine(conf.Acronym)
	}
	if ev.Name == "" {
		ev.Name = strings.TrimSuffix(path.Base(strings.ReplaceAll(name, "\\", "/")), path.Ext(name))
		ev.Name = model.SanitizeLine(ev.Name)
	}
	ev.ID = Slugify(conf.Acronym)
	if ev.ID == "" {
		ev.ID = Slugify(ev.Name)
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
		var u string
		parsed, err := model.SafeURL(site)
		if err == nil {
			// As for the talks' links (eventBuilder.linkURL): the URL
			// kept is one the validation accepts (Guaranteed).
			u = parsed.String()
			_, _, err = model.SafeURLString(u)
		}
		if err == nil {
			ev.Links = append(ev.Links, model.Link{Kind: model.LinkWeb, URL: u, Label: "Website"})
		} else {
			skip(SkipField, "conference URL", "not a safe http(s) URL: ignored", err.Error())
		}
	}
	if name != "" {
		ev.Source = model.SanitizeLine("Imported from " + name)
	}

	dayChange, hasDayChange := clockDuration(conf.DayChange)

	b := newSchedBuilder(cat, skip, len(events))
	base := conf.BaseURL
	if base == "" {
		base = conf.URL
	}
	opts := eventOptions{base: base, loc: loc, dayChange: dayChange, hasDayChange: hasDayChange}
	buildEvents(b, opts, events, eventWorkers(len(events)), draftChunk)
	if len(cat.Talks) == 0 {
		return nil, &source.Error{File: name, Msg: fmt.Sprintf("none of the schedule's %d events could be imported", len(events))}
	}
	sortProgramme(cat.Talks)
	for i := range cat.Talks {
		cat.Talks[i].Order = i + 1
	}
	return cat, nil
}

// occurrence is one listing of a talk: its ID, start and room. A start is
// kept as its instant: every start of a schedule is in the schedule's one
// location (setTimes), where two starts print the same (as Time.String
// does) exactly when they are the same instant, so this is the key the
// printed start gave, without printing 100,000 of them.
type occurrence struct {
	id, room string
	timed    bool
	sec      int64
	nsec     int
}

func occurrenceOf(id string, t *model.Talk) occurrence {
	o := occurrence{id: id, room: t.Room, timed: !t.Start.IsZero()}
	if o.timed {
		o.sec, o.nsec = t.Start.Unix(), t.Start.Nanosecond()
	}
	return o
}

// sortProgramme puts talks in programme order: by day, then start, keeping
// the export's order (its room order) for simultaneous talks. Talks with no
// time stay where they are relative to each other, after the timed ones.
func sortProgramme(talks []model.Talk) {
	parts := 1
	if len(talks) >= parallelSort && runtime.GOMAXPROCS(0) > 1 {
		parts = 2
	}
	sortProgrammeParts(talks, parts)
}

// parallelSort is the number of talks from which sortProgramme sorts each
// half on its own goroutine.
const parallelSort = 4096

// sortProgrammeParts is sortProgramme in one part or in two halves sorted
// on two goroutines and then merged. It sorts the talks' positions by
// their keys, then moves each talk once: swapping 100,000 talks of 300
// bytes through a merge sort moved gigabytes, and comparing the talks
// themselves, 300 bytes apart, missed the cache at each step.
func sortProgrammeParts(talks []model.Talk, parts int) {
	keys := make([]programmeKey, len(talks))
	order := make([]int32, len(talks))
	byKey := func(i, j int32) int { return compareKeys(&keys[i], &keys[j]) }
	sortRun := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			t := &talks[i]
			keys[i] = programmeKey{untimed: !t.HasSchedule(), day: t.Day, sec: t.Start.Unix(), nsec: int32(t.Start.Nanosecond())}
			order[i] = int32(i)
		}
		sortRuns(order[lo:hi], make([]int32, hi-lo), byKey)
	}
	if parts == 1 {
		sortRun(0, len(talks))
	} else {
		half := len(talks) / 2
		var wg sync.WaitGroup
		wg.Go(func() { sortRun(half, len(talks)) })
		sortRun(0, half)
		wg.Wait()
		order = mergeStable(order[:half], order[half:], byKey)
	}
	// Position i takes the talk at order[i]: follow each cycle of the
	// permutation with one talk set aside.
	for i := range order {
		if int(order[i]) == i {
			continue
		}
		first := talks[i]
		j := i
		for {
			k := int(order[j])
			order[j] = int32(j)
			if k == i {
				talks[j] = first
				break
			}
			talks[j] = talks[k]
			j = k
		}
	}
}

// mergeStable merges the sorted a and b, a's element first of two equal.
func mergeStable(a, b []int32, cmp func(i, j int32) int) []int32 {
	return mergeInto(make([]int32, 0, len(a)+len(b)), a, b, cmp)
}

// mergeInto appends to out the merge of the sorted a and b, a's element
// first of two equal.
func mergeInto(out, a, b []int32, cmp func(i, j int32) int) []int32 {
	for len(a) > 0 && len(b) > 0 {
		if cmp(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// sortRuns sorts s stably by cmp, with buf (as long as s) as scratch: a
// merge sort from the runs already in order. A schedule lists each room's
// talks in order, one room after the other, so its programme is a few
// thousand runs of a dozen talks or more: merging them is about 13
// passes over s, where slices.SortStableFunc's merging in place
// compared and rotated several times as much.
func sortRuns(s, buf []int32, cmp func(i, j int32) int) {
	if len(s) < 2 {
		return
	}
	// ends[k] is where the k-th run ends.
	var ends []int
	for i := 1; i < len(s); i++ {
		if cmp(s[i], s[i-1]) < 0 {
			ends = append(ends, i)
		}
	}
	ends = append(ends, len(s))
	src, dst := s, buf
	for len(ends) > 1 {
		// Merge runs two by two from src into dst; an odd last run is
		// copied as it is.
		merged := ends[:0]
		from := 0
		for k := 0; k < len(ends); k += 2 {
			if k+1 == len(ends) {
				copy(dst[from:ends[k]], src[from:ends[k]])
				merged = append(merged, ends[k])
				break
			}
			mid, to := ends[k], ends[k+1]
			mergeInto(dst[from:from:to], src[from:mid], src[mid:to], cmp)
			merged = append(merged, to)
			from = to
		}
		ends = merged
		src, dst = dst, src
	}
	if &src[0] != &s[0] {
		copy(s, src)
	}
}

// programmeKey is what programme order compares of a talk, and its
// position: its start as Unix seconds and nanoseconds, which order as
// Time.Compare does.
type programmeKey struct {
	untimed bool
	day     string
	sec     int64
	nsec    int32
}

// compareKeys orders talks with a time before those without, then by day,
// then by start, then by position.
func compareKeys(a, b *programmeKey) int {
	if a.untimed != b.untimed {
		if b.untimed {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.day, b.day); c != 0 {
		return c
	}
	if c := cmp.Compare(a.sec, b.sec); c != 0 {
		return c
	}
	return cmp.Compare(a.nsec, b.nsec)
}

// cleanTitle is SanitizeLine that also trims the invisible characters some
// exports put around titles and names (a leading U+200B ZERO WIDTH SPACE).
// Joiners inside the text (emoji ZWJ sequences) stay.
func cleanTitle(s string) string {
	s = model.SanitizeLine(s)
	if s == "" || asciiNonSpace(s[0]) && asciiNonSpace(s[len(s)-1]) {
		return s // nothing to trim at either end
	}
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\u200c' || r == '\u200d'
	})
}

// asciiNonSpace reports whether c is an ASCII byte that is not a space for
// unicode.IsSpace: an end of the text that cleanTitle does not trim.
func asciiNonSpace(c byte) bool {
	return c < 0x80 && c != ' ' && (c < '\t' || c > '\r')
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

var keyDrop = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// keyOf makes an export's identifier safe to type and to pass as an
// argument: ASCII letters, digits, '.', '_' and '-', not starting with '-'.
// Case is kept: some exports' guids are base64 ("HOqeNIb6G7M4hYFKFRkCmQ").
// A key longer than maxKeyLength keeps its start and a hash of the whole,
// so that it stays unique and within the catalogue's length limits.
func keyOf(s string) string {
	if isKey(s) {
		return s
	}
	s = keyDrop.ReplaceAllString(model.SanitizeLine(s), "-")
	s = strings.Trim(s, "-")
	if len(s) > maxKeyLength {
		h := fnv.New64a()
		h.Write([]byte(s))
		s = fmt.Sprintf("%s-%016x", strings.TrimRight(s[:maxKeyLength-17], "-"), h.Sum64())
	}
	return s
}

// isKey reports whether s is already a key as keyOf makes them, so that
// the common case costs no allocation.
func isKey(s string) bool {
	if s == "" || len(s) > maxKeyLength || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '.' || c == '_' || c == '-' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}

// maxKeyLength bounds the IDs made from an export's identifiers.
const maxKeyLength = 200

var slugDrop = regexp.MustCompile(`[^a-z0-9._-]+`)

// Slugify makes a stable, printable identifier: lower case ASCII letters,
// digits, '.', '_' and '-'.
func Slugify(s string) string {
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

// setTimes fills the talk's Start, Duration and Day. day is
// datePart(e.Day.Date), "" when e has no day. It returns why a time could
// not be read ("" when all is well); the talk is kept without it.
func setTimes(t *model.Talk, e *schedEvent, day string, loc *time.Location, dayChange time.Duration, hasDayChange bool) string {
	var problems []string
	if d, ok := parseDuration(e.Duration); ok {
		t.Duration = d
	} else if strings.TrimSpace(e.Duration) != "" {
		problems = append(problems, fmt.Sprintf("duration %s is not HH:MM", model.QuoteLine(e.Duration)))
	}
	if e.Day != nil {
		t.Day = day
	}
	// A full date wins: some generators write it in UTC and the start in
	// local time, and only the full date is an instant.
	if s := strings.TrimSpace(e.Date); s != "" {
		if ts, ok := parseRFC3339Plain(s); ok {
			t.Start = ts.In(loc)
		} else if ts, err := time.Parse(time.RFC3339, s); err == nil {
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

// parseRFC3339Plain is time.Parse(time.RFC3339, s) for the shape
// schedules write, "2006-01-02T15:04:05" then "Z" or "-07:00", with no
// fraction of a second: it returns the same instant (in UTC, which the
// caller moves to the schedule's location) without the fixed zone that
// Parse looks up or makes for the offset, and false for anything else,
// which the caller gives to time.Parse (FuzzRFC3339Plain compares the
// two).
func parseRFC3339Plain(s string) (time.Time, bool) {
	if len(s) != len("2006-01-02T15:04:05Z") && len(s) != len("2006-01-02T15:04:05-07:00") ||
		s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	century, year := twoDigits(s[0:2]), twoDigits(s[2:4])
	month, day := twoDigits(s[5:7]), twoDigits(s[8:10])
	hour, min, sec := twoDigits(s[11:13]), twoDigits(s[14:16]), twoDigits(s[17:19])
	if century < 0 || year < 0 {
		return time.Time{}, false
	}
	year += century * 100
	if month < 1 || month > 12 || day < 1 || day > daysIn(time.Month(month), year) ||
		hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	offset := 0
	if z := s[19:]; z != "Z" {
		if len(z) != len("-07:00") || z[0] != '+' && z[0] != '-' || z[3] != ':' {
			return time.Time{}, false
		}
		oh, om := twoDigits(z[1:3]), twoDigits(z[4:6])
		if oh < 0 || oh > 23 || om < 0 || om > 59 {
			return time.Time{}, false
		}
		offset = (oh*60 + om) * 60
		if z[0] == '-' {
			offset = -offset
		}
	}
	unix := daysSinceEpoch(year, month, day)*86400 + int64(hour*3600+min*60+sec-offset)
	return time.Unix(unix, 0).UTC(), true
}

// twoDigits reads two ASCII digits, or returns -1.
func twoDigits(s string) int {
	if !isDigit(s[0]) || !isDigit(s[1]) {
		return -1
	}
	return int(s[0]-'0')*10 + int(s[1]-'0')
}

// daysSinceEpoch is the number of days from 1970-01-01 to the date
// (proleptic Gregorian), negative before it.
func daysSinceEpoch(year, month, day int) int64 {
	// Years from March, so that a leap day ends its year (Howard
	// Hinnant's days_from_civil).
	if month <= 2 {
		year--
	}
	era := year / 400
	if year < 0 && year%400 != 0 {
		era--
	}
	yoe := year - era*400
	m := month + 9
	if month > 2 {
		m = month - 3
	}
	doy := (153*m+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// daysIn is the number of days in month of year (proleptic Gregorian).
func daysIn(month time.Month, year int) int {
	switch month {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// clockDuration reads "HH:MM" or "HH:MM:SS" as a time of day.
func clockDuration(s string) (time.Duration, bool) {
	d, ok := parseDuration(s)
	return d, ok && d < 48*time.Hour
}

// parseDuration reads "MM", "H:MM", "HH:MM:SS" and "D:HH:MM:SS"-style
// durations (frab writes "00:30", pretalx "00:30", some "0:30:00").
func parseDuration(s string) (time.Duration, bool) {
	// "HH:MM", the usual form, read in place.
	if len(s) == 5 && s[2] == ':' && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[3]) && isDigit(s[4]) {
		h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
		return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, true
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	// The parts from the last, without splitting (one duration per
	// event).
	parts := strings.Count(s, ":") + 1
	if parts > 4 {
		return 0, false
	}
	units := [4]time.Duration{time.Minute, time.Hour, 24 * time.Hour}
	if parts >= 3 {
		units = [4]time.Duration{time.Second, time.Minute, time.Hour, 24 * time.Hour}
	}
	var d time.Duration
	for i := range parts {
		p := s
		if j := strings.LastIndexByte(s, ':'); j >= 0 {
			p, s = s[j+1:], s[:j]
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 10000 {
			return 0, false
		}
		d += time.Duration(n) * units[i]
	}
	return d, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
