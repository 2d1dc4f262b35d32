package schedule

import (
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"

	"cndtalks/data/internal/source"
	"cndtalks/internal/opcount"
	"cndtalks/model"
)

// An iCalendar (RFC 5545) schedule, as Sched, Indico, pretalx and meetup
// platforms publish it, is read with github.com/emersion/go-ical and mapped
// onto the schedule importers' records (schedule.go), one talk a VEVENT:
//
//	SUMMARY               title (pretalx: "title - speakers", see below)
//	DESCRIPTION           summary, plain text
//	DTSTART, DTEND        start and duration; DURATION when there is no DTEND;
//	                      TZID, UTC ('Z') or floating (the calendar's zone)
//	LOCATION              room
//	CATEGORIES            track
//	URL                   the talk's page (http and https only)
//	ORGANIZER, ATTENDEE   speakers, by their CN, in order
//	UID                   the talk's ID
//
// The calendar's zone, for showing times and reading floating ones, is
// X-WR-TIMEZONE, else the one TZID the events use, else --tz; without any,
// UTC with a note. What real calendars get wrong is repaired and each
// repair is reported once with its count (icsRepairs).

// FormatICalendar is an RFC 5545 calendar (.ics), read by the importer.
const FormatICalendar = "icalendar"

// icsRepairs counts what parseICalendar repaired, by reason.
type icsRepairs struct {
	order  []string
	counts map[string]int
}

func (r *icsRepairs) add(reason string) {
	if r.counts == nil {
		r.counts = map[string]int{}
	}
	if r.counts[reason] == 0 {
		r.order = append(r.order, reason)
	}
	r.counts[reason]++
}

// report writes each repair as one note, with its count.
func (r *icsRepairs) report(name string, skip skipFunc) {
	for _, reason := range r.order {
		skip(SkipRepair, name, reason, "", r.counts[reason])
	}
}

// The repairs, named as the notes and the differential test name them.
const (
	repairSharedUID     = "events sharing a UID with an earlier one kept apart as UID-2, UID-3..."
	repairBareTZ        = "a bare VTIMEZONE: property (not a component) read as the calendar's zone"
	repairWrongTZ       = "an embedded VTIMEZONE whose offsets disagree with the tz database for its TZID: times read with the tz database"
	repairUnescapedText = "unescaped commas in a text value kept as text"
	repairUnquotedCN    = "unquoted commas in a CN parameter read as a list of speakers"
	repairLeadingSpace  = "values with a leading space trimmed"
	repairPretalxTitle  = "pretalx SUMMARY \"title - speakers\" split into title and speakers"
)

// parseICalendar imports an iCalendar file. What it drops and what it
// repairs goes to skip.
func parseICalendar(name string, b []byte, skip skipFunc, opt ImportOptions) (*model.Catalogue, error) {
	cal, err := ical.NewDecoder(strings.NewReader(string(b))).Decode()
	if err != nil {
		return nil, &source.Error{File: name, Msg: "invalid iCalendar: " + strings.TrimPrefix(err.Error(), "ical: ")}
	}
	var rep icsRepairs
	conf := schedConf{}
	conf.Title = icsText(cal.Props.Get("X-WR-CALNAME"), &rep)
	conf.TimeZone = icsText(cal.Props.Get("X-WR-TIMEZONE"), &rep)
	if conf.TimeZone == "" {
		if p := cal.Props.Get("VTIMEZONE"); p != nil {
			conf.TimeZone = icsText(p, &rep)
			rep.add(repairBareTZ)
		}
	}
	pretalx := strings.Contains(strings.ToLower(propValue(cal.Props.Get("PRODID"))), "pretalx")
	override, err := opt.Location()
	if err != nil {
		return nil, &source.Error{File: name, Msg: err.Error()}
	}
	embedded := embeddedZones(cal)

	// The zone of floating times: --tz, the calendar's, else the one TZID
	// the events use; UTC when there is none.
	tzids := map[string]bool{}
	for _, ev := range cal.Events() {
		if p := ev.Props.Get(ical.PropDateTimeStart); p != nil {
			if id := p.Params.Get(ical.PropTimezoneID); id != "" {
				tzids[id] = true
			}
		}
	}
	if conf.TimeZone == "" && len(tzids) == 1 {
		for id := range tzids {
			conf.TimeZone = id
		}
	}
	floating := time.UTC
	if override != nil {
		floating = override
	} else if l, err := time.LoadLocation(conf.TimeZone); err == nil && conf.TimeZone != "" {
		floating = l
	}

	uids := map[string]int{}
	summaries := map[string]string{} // by talk ID: DESCRIPTION is plain text, not HTML
	var events []schedEvent
	for i, ev := range cal.Events() {
		e := schedEvent{sourceOrdering: i, Type: "talk"}
		e.Title = icsText(ev.Props.Get(ical.PropSummary), &rep)
		uid := icsText(ev.Props.Get(ical.PropUID), &rep)
		if uid == "" {
			uid = "event-" + strconv.Itoa(i+1)
		}
		opcount.Add(1)
		uids[uid]++
		if n := uids[uid]; n > 1 {
			rep.add(repairSharedUID)
			uid += "-" + strconv.Itoa(n)
		}
		e.GUID = uid
		e.Room = icsText(ev.Props.Get(ical.PropLocation), &rep)
		var cats []string
		for _, p := range ev.Props.Values(ical.PropCategories) {
			if l, err := p.TextList(); err == nil {
				for _, c := range l {
					if c = strings.TrimSpace(c); c != "" {
						cats = append(cats, c)
					}
				}
			}
		}
		e.Track = strings.Join(cats, ", ")
		if d := icsText(ev.Props.Get(ical.PropDescription), &rep); d != "" {
			summaries[keyOf(uid)] = plainToMarkdown(d)
		}
		if u := icsText(ev.Props.Get(ical.PropURL), &rep); u != "" {
			if _, err := model.SafeURL(u); err != nil {
				skip(SkipLink, e.record(), "not a safe http(s) URL", err.Error())
			} else {
				e.URL = u
			}
		}
		for _, prop := range []string{ical.PropOrganizer, ical.PropAttendee} {
			for _, p := range ev.Props.Values(prop) {
				// RFC 5545 wants a CN with a comma quoted; unquoted, go-ical
				// reads a list, and calendars that write one (MOCA 2024:
				// "CN=Valerio Lupi, Gabriele Zuddas") mean several people.
				cn := p.Params.Values(ical.ParamCommonName)
				if len(cn) > 1 {
					rep.add(repairUnquotedCN)
				}
				for _, n := range cn {
					if n = cleanTitle(n); n != "" {
						e.Persons = append(e.Persons, schedPerson{ID: nameKey(n), Name: n})
					}
				}
			}
		}
		if pretalx && len(e.Persons) == 0 {
			if title, names, ok := splitPretalxSummary(e.Title); ok {
				e.Title = title
				for _, n := range strings.Split(names, ", ") {
					if n = cleanTitle(n); n != "" {
						e.Persons = append(e.Persons, schedPerson{ID: nameKey(n), Name: n})
					}
				}
				rep.add(repairPretalxTitle)
			}
		}
		start, dur, wrongTZ, problem := icsTimes(&ev, floating, embedded)
		if problem != "" {
			skip(SkipField, e.record(), problem, "")
		}
		if wrongTZ {
			rep.add(repairWrongTZ)
		}
		if !start.IsZero() {
			e.Date = start.Format(time.RFC3339)
			if dur > 0 {
				e.Duration = fmt.Sprintf("%d:%02d:%02d", int(dur/time.Hour), int(dur%time.Hour/time.Minute), int(dur%time.Minute/time.Second))
			}
		}
		events = append(events, e)
	}
	if conf.Title == "" {
		conf.Title = strings.TrimSuffix(baseName(name), ".ics")
	}
	var first, last string
	for _, e := range events {
		if d := datePart(e.Date); d != "" {
			if first == "" || d < first {
				first = d
			}
			if d > last {
				last = d
			}
		}
	}
	conf.Start, conf.End = first, last
	c, err := buildSchedule(name, conf, events, skip, opt)
	if err != nil {
		return nil, err
	}
	for i := range c.Talks {
		c.Talks[i].Summary = summaries[c.Talks[i].ID]
	}
	if c.Event.TimeZoneNote == "" && conf.TimeZone == "" && override == nil && len(tzids) == 0 {
		c.Event.TimeZoneNote = "UTC: the calendar names no time zone; use --tz to show its times in local time"
	}
	rep.report(name, skip)
	return c, nil
}

// splitPretalxSummary splits a pretalx SUMMARY, "title - speaker,
// speaker", at its last " - " (a title may hold " - " itself).
func splitPretalxSummary(s string) (title, names string, ok bool) {
	i := strings.LastIndex(s, " - ")
	if i <= 0 || strings.TrimSpace(s[i+3:]) == "" {
		return s, "", false
	}
	return strings.TrimSpace(s[:i]), s[i+3:], true
}

// nameKey identifies a speaker known only by name (a calendar has no
// person IDs): the same name is the same person across talks.
func nameKey(name string) string {
	if s := Slugify(name); s != "" {
		return "cn-" + s
	}
	return fmt.Sprintf("cn-%08x", crc32.ChecksumIEEE([]byte(name)))
}

// propValue is p's raw value, "" when p is nil.
func propValue(p *ical.Prop) string {
	if p == nil {
		return ""
	}
	return p.Value
}

func baseName(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	return p[strings.LastIndexByte(p, '/')+1:]
}

// icsText is a text property's value, unescaped: "" for none. A value
// go-ical reads as a list (an unescaped comma) is joined back, and a value
// with a leading space trimmed, each counted as a repair.
func icsText(p *ical.Prop, rep *icsRepairs) string {
	if p == nil {
		return ""
	}
	v := p.Value
	if l, err := p.TextList(); err == nil {
		if len(l) > 1 {
			rep.add(repairUnescapedText)
		}
		v = strings.Join(l, ",")
	}
	if strings.HasPrefix(v, " ") && strings.TrimSpace(v) != "" {
		rep.add(repairLeadingSpace)
	}
	return strings.TrimSpace(v)
}

// plainToMarkdown turns a plain-text DESCRIPTION into Markdown that shows
// it as written: each line escaped (model.EscapeMarkdown), paragraphs at
// blank lines, line breaks kept as hard breaks.
func plainToMarkdown(s string) string {
	var paras []string
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		var lines []string
		for _, l := range strings.Split(para, "\n") {
			if l = model.EscapeMarkdown(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\\\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

// embeddedZones returns the UTC offsets (seconds) each VTIMEZONE of the
// calendar switches to, by TZID.
func embeddedZones(cal *ical.Calendar) map[string][]int {
	out := map[string][]int{}
	for _, c := range cal.Children {
		if c.Name != ical.CompTimezone {
			continue
		}
		id := propValue(c.Props.Get(ical.PropTimezoneID))
		for _, sub := range c.Children {
			if off, ok := parseUTCOffset(propValue(sub.Props.Get(ical.PropTimezoneOffsetTo))); ok {
				out[id] = append(out[id], off)
			}
		}
	}
	return out
}

// parseUTCOffset reads "+1030" or "-0400" (and "+103000").
func parseUTCOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	n := 0
	for i, unit := range []int{3600, 60, 1} {
		if 1+2*i+2 > len(s) {
			break
		}
		v, err := strconv.Atoi(s[1+2*i : 3+2*i])
		if err != nil {
			return 0, false
		}
		n += v * unit
	}
	if s[0] == '-' {
		n = -n
	}
	return n, true
}

// icsTimes reads an event's start and duration. A TZID the tz database
// knows is read with the database; wrongTZ is true when the calendar's own
// VTIMEZONE for it gives another offset at the start. problem says why a
// time could not be read ("" when all is well).
func icsTimes(ev *ical.Event, floating *time.Location, embedded map[string][]int) (start time.Time, dur time.Duration, wrongTZ bool, problem string) {
	read := func(p *ical.Prop) (time.Time, bool, error) {
		v := strings.TrimSpace(p.Value)
		if len(v) == len("20060102") || p.Params.Get(ical.ParamValue) == string(ical.ValueDate) {
			t, err := time.ParseInLocation("20060102", v, floating)
			return t, true, err
		}
		if strings.HasSuffix(v, "Z") {
			t, err := time.Parse("20060102T150405Z", v)
			return t, false, err
		}
		loc := floating
		if id := p.Params.Get(ical.PropTimezoneID); id != "" {
			l, err := time.LoadLocation(strings.Trim(id, "/"))
			if err != nil {
				return time.Time{}, false, fmt.Errorf("TZID %s is not a tz database zone", model.QuoteLine(id))
			}
			loc = l
		}
		t, err := time.ParseInLocation("20060102T150405", v, loc)
		return t, false, err
	}
	sp := ev.Props.Get(ical.PropDateTimeStart)
	if sp == nil {
		return time.Time{}, 0, false, "no DTSTART"
	}
	start, allDay, err := read(sp)
	if err != nil {
		return time.Time{}, 0, false, fmt.Sprintf("DTSTART %s: %v", model.QuoteLine(sp.Value), err)
	}
	if allDay {
		// A day, not a time: the talk keeps no start.
		return time.Time{}, 0, false, ""
	}
	if offs := embedded[sp.Params.Get(ical.PropTimezoneID)]; len(offs) > 0 {
		_, off := start.Zone()
		wrongTZ = !containsInt(offs, off)
	}
	if ep := ev.Props.Get(ical.PropDateTimeEnd); ep != nil {
		end, _, err := read(ep)
		switch {
		case err != nil:
			return start, 0, wrongTZ, fmt.Sprintf("DTEND %s: %v", model.QuoteLine(ep.Value), err)
		case end.Before(start):
			return start, 0, wrongTZ, "DTEND before DTSTART: no duration kept"
		}
		return start, end.Sub(start), wrongTZ, ""
	}
	if dp := ev.Props.Get(ical.PropDuration); dp != nil {
		d, err := dp.Duration()
		if err != nil || d < 0 {
			return start, 0, wrongTZ, fmt.Sprintf("DURATION %s is not a positive RFC 5545 duration", model.QuoteLine(dp.Value))
		}
		return start, d, wrongTZ, ""
	}
	return start, 0, wrongTZ, ""
}

func containsInt(xs []int, x int) bool {
	opcount.Add(len(xs))
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
