package schedule

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unsafe"

	"cndtalks/data/internal/source"
	"cndtalks/model"
)

// The c3voc schedule.json, as written by frab, pretalx and the CCC hub:
//
//	{"schedule": {"version": ..., "base_url": ..., "conference": {
//	    "acronym", "title", "start", "end", "time_zone_name", "url",
//	    "days": [{"index", "date", "day_start", "day_end",
//	              "rooms": {"Room name": [event, ...], ...}}]}}}
//
// Real exports break their own schema (ids that are ints or strings, nulls
// everywhere, persons with only a public_name), so every scalar is read
// leniently: a value of the wrong type is ignored and reported, never fatal.
// Only JSON that does not parse is. The file is decoded in one pass (the
// 2.6 MB 39C3 export is the budget to meet).

// frabText is a JSON scalar read as text: strings as they are, numbers and
// booleans spelt out, null as "". An object or an array where text belongs
// becomes frabWrongObject or frabWrongArray, for txt to report.
type frabText string

const (
	frabWrongObject frabText = "\x00object"
	frabWrongArray  frabText = "\x00array"
)

// UnmarshalJSON implements json.Unmarshaler. It never fails, so one odd
// field does not cost its whole event.
func (t *frabText) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0 || string(b) == "null":
		*t = ""
	case b[0] == '"':
		if bytes.IndexByte(b, '\\') < 0 {
			// Validated by encoding/json already. Not a copy: b is part of
			// the input json.Unmarshal was given, which parseFrabJSON
			// never changes (and never a json.Decoder's reused buffer), so
			// the text shares the schedule's memory instead of doubling it.
			if len(b) == 2 {
				*t = ""
			} else {
				*t = frabText(unsafe.String(&b[1], len(b)-2))
			}
			return nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = frabText(s)
	case b[0] == '{':
		*t = frabWrongObject
	case b[0] == '[':
		*t = frabWrongArray
	default: // number or boolean
		*t = frabText(b)
	}
	return nil
}

// txt returns the text of v, or "" with a note in problems when the export
// put something else there.
func txt(field string, v frabText, problems *[]fieldProblem) string {
	switch v {
	case frabWrongObject, frabWrongArray:
		*problems = append(*problems, fieldProblem{SkipField, "expected text, got a JSON object or list: ignored", field})
		return ""
	}
	return string(v)
}

type frabFile struct {
	Schedule *struct {
		BaseURL    frabText        `json:"base_url"`
		Conference *frabConference `json:"conference"`
	} `json:"schedule"`
}

type frabConference struct {
	frabConfFields
	Days []frabDay `json:"days"`
}

// frabConfFields are a conference's fields but its days, which the whole
// reader (frabConference) decodes and the streaming one (frabConfHead)
// walks itself.
type frabConfFields struct {
	Acronym   frabText `json:"acronym"`
	Title     frabText `json:"title"`
	Start     frabText `json:"start"`
	End       frabText `json:"end"`
	TimeZone  frabText `json:"time_zone_name"`
	URL       frabText `json:"url"`
	BaseURL   frabText `json:"base_url"`
	City      frabText `json:"city"`
	Venue     frabText `json:"venue"`
	DayChange frabText `json:"day_change"`
	Rooms     []struct {
		Name frabText `json:"name"`
	} `json:"rooms"`
}

// header reads the conference's fields (the base URL from the schedule's
// base_url, scheduleBase, else the conference's) with their problems, and
// ranks its rooms in the order it lists them: the days' rooms are a JSON
// object, whose order encoding/json does not keep.
func (c *frabConfFields) header(scheduleBase frabText) (schedConf, []fieldProblem, map[string]int) {
	var problems []fieldProblem
	conf := schedConf{
		Acronym:   txt("acronym", c.Acronym, &problems),
		Title:     txt("title", c.Title, &problems),
		Start:     txt("start", c.Start, &problems),
		End:       txt("end", c.End, &problems),
		TimeZone:  txt("time_zone_name", c.TimeZone, &problems),
		City:      txt("city", c.City, &problems),
		Venue:     txt("venue", c.Venue, &problems),
		BaseURL:   txt("base_url", scheduleBase, &problems),
		URL:       txt("url", c.URL, &problems),
		DayChange: txt("day_change", c.DayChange, &problems),
	}
	if conf.BaseURL == "" {
		conf.BaseURL = txt("base_url", c.BaseURL, &problems)
	}
	rank := map[string]int{}
	for i, r := range c.Rooms {
		if _, ok := rank[string(r.Name)]; !ok {
			rank[string(r.Name)] = i
		}
	}
	return conf, problems, rank
}

// frabDayOf returns the record of a day with these fields, and the
// problems it has.
func frabDayOf(date, start, end frabText) (schedDay, []fieldProblem) {
	var problems []fieldProblem
	day := schedDay{Date: txt("date", date, &problems), Start: txt("day_start", start, &problems), End: txt("day_end", end, &problems)}
	if datePart(day.Date) == "" {
		problems = append(problems, fieldProblem{SkipField, "day has no valid date: its events keep no day", model.QuoteLine(day.Date)})
		day.Date = ""
	}
	return day, problems
}

// roomBefore reports whether the room named a comes before the one named
// b in a day's events: the rooms the conference ranks (header), in rank
// order, then the others by name.
func roomBefore(rank map[string]int, a, b string) bool {
	ri, aok := rank[a]
	rj, bok := rank[b]
	if aok != bok {
		return aok
	}
	if ri != rj {
		return ri < rj
	}
	return a < b
}

type frabDay struct {
	Date  frabText               `json:"date"`
	Start frabText               `json:"day_start"`
	End   frabText               `json:"day_end"`
	Rooms map[string][]frabEvent `json:"rooms"`
}

type frabEvent struct {
	ID          frabText         `json:"id"`
	GUID        frabText         `json:"guid"`
	Code        frabText         `json:"code"`
	Slug        frabText         `json:"slug"`
	Date        frabText         `json:"date"`
	Start       frabText         `json:"start"`
	Duration    frabText         `json:"duration"`
	Room        frabText         `json:"room"`
	Title       frabText         `json:"title"`
	Subtitle    frabText         `json:"subtitle"`
	Track       frabText         `json:"track"`
	Type        frabText         `json:"type"`
	Language    frabText         `json:"language"`
	Abstract    frabText         `json:"abstract"`
	Description frabText         `json:"description"`
	URL         frabText         `json:"url"`
	OriginURL   frabText         `json:"origin_url"`
	VideoURL    frabText         `json:"video_download_url"`
	FeedbackURL frabText         `json:"feedback_url"`
	Persons     []frabPerson     `json:"persons"`
	Links       []frabLinkOrText `json:"links"`
	Attachments []frabLinkOrText `json:"attachments"`
}

type frabPerson struct {
	ID             frabText `json:"id"`
	GUID           frabText `json:"guid"`
	Code           frabText `json:"code"`
	Name           frabText `json:"name"`
	PublicName     frabText `json:"public_name"`
	FullPublicName frabText `json:"full_public_name"`
}

// frabLinkOrText is a link object ({"url", "title", "type"}) or, in older
// frab exports, a bare URL string.
type frabLinkOrText struct {
	URL   frabText `json:"url"`
	Href  frabText `json:"href"`
	Title frabText `json:"title"`
	Type  frabText `json:"type"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (l *frabLinkOrText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &l.URL)
	}
	type plain frabLinkOrText
	return json.Unmarshal(b, (*plain)(l))
}

// parseFrabJSON imports a c3voc schedule.json. name is the file or URL it
// came from; skip receives every record dropped and why.
func parseFrabJSON(name string, b []byte, skip skipFunc, opt ImportOptions) (*model.Catalogue, error) {
	// A well-formed file is streamed (frabstream.go); any other is read
	// whole, with the notes and errors that reading gives.
	if st, err := parseFrabStream(b); err == nil {
		for _, note := range st.notes {
			note(skip)
		}
		if st.total > len(st.events) {
			skipPastLimit(skip, st.total)
		}
		return buildSchedule(name, st.conf, st.events, skip, opt)
	}
	return parseFrabWhole(name, b, skip, opt)
}

// parseFrabWhole is parseFrabJSON decoding the whole document at once.
func parseFrabWhole(name string, b []byte, skip skipFunc, opt ImportOptions) (*model.Catalogue, error) {
	var f frabFile
	// encoding/json decodes all it can and reports the first value of the
	// wrong type: that one is ignored, unless nothing usable is left.
	typeErr := json.Unmarshal(b, &f)
	var syn *json.SyntaxError
	if errors.As(typeErr, &syn) && strings.HasSuffix(syn.Error(), "in string literal") {
		// Control characters pasted into a description make the whole
		// file invalid JSON; they would be removed from the text anyway.
		if cleaned, n := dropJSONControls(b); n > 0 {
			f = frabFile{}
			if typeErr = json.Unmarshal(cleaned, &f); typeErr == nil || !errors.As(typeErr, &syn) {
				b = cleaned
				skip(SkipRepair, "schedule.json", "control characters that JSON does not allow removed", fmt.Sprintf("%d %s", n, plural(n, "character", "characters")))
			}
		}
	}
	if typeErr != nil {
		var typ *json.UnmarshalTypeError
		if !errors.As(typeErr, &typ) || f.Schedule == nil || f.Schedule.Conference == nil {
			return nil, frabSyntaxError(name, b, typeErr)
		}
		line, _ := source.OffsetPos(b, int(typ.Offset))
		skip(SkipField, fmt.Sprintf("line %d", line), "value of the wrong type: ignored", frabJSONError(typeErr).Error())
	}
	for _, d := range source.JSONDuplicateKeys(b) {
		skip(SkipField, fmt.Sprintf("line %d", d.Line), "a key listed twice in one object: the last value is used", model.QuoteLine(d.Key))
	}
	if f.Schedule == nil || f.Schedule.Conference == nil {
		return nil, &source.Error{File: name, Field: "schedule.conference", Msg: `is missing: a schedule.json has {"schedule": {"conference": {...}}}`}
	}
	c := f.Schedule.Conference
	conf, problems, rank := c.header(f.Schedule.BaseURL)
	for _, p := range problems {
		skip(p.kind, "schedule.conference", p.reason, p.detail)
	}
	var (
		events []schedEvent
		lists  schedLists
	)
	for di := range c.Days {
		d := &c.Days[di]
		day := new(schedDay)
		*day, problems = frabDayOf(d.Date, d.Start, d.End)
		for _, p := range problems {
			skip(p.kind, fmt.Sprintf("schedule.conference.days[%d]", di), p.reason, p.detail)
		}
		rooms := make([]string, 0, len(d.Rooms))
		for r := range d.Rooms {
			rooms = append(rooms, r)
		}
		sort.Slice(rooms, func(i, j int) bool { return roomBefore(rank, rooms[i], rooms[j]) })
		for _, room := range rooms {
			for ei := range d.Rooms[room] {
				events = append(events, frabToSched(&d.Rooms[room][ei], day, room, len(events), skip, &lists))
			}
		}
	}
	if len(events) == 0 && typeErr != nil {
		return nil, frabSyntaxError(name, b, typeErr)
	}
	return buildSchedule(name, conf, events, skip, opt)
}

// frabToSched maps one decoded event onto the format-neutral record,
// reporting the fields it had to ignore.
//
// The event's persons and links are taken from lists.
func frabToSched(fe *frabEvent, day *schedDay, room string, n int, skip skipFunc, lists *schedLists) schedEvent {
	e, problems := frabEventToSched(fe, day, room, n, lists)
	for _, p := range problems {
		skip(p.kind, e.record(), p.reason, p.detail)
	}
	return e
}

// frabEventToSched is frabToSched returning the fields it had to ignore:
// their notes name the event, by its place n when it has no title or ID.
func frabEventToSched(fe *frabEvent, day *schedDay, room string, n int, lists *schedLists) (schedEvent, []fieldProblem) {
	var problems []fieldProblem
	e := schedEvent{
		Day:            day,
		ID:             txt("id", fe.ID, &problems),
		GUID:           txt("guid", fe.GUID, &problems),
		Slug:           txt("slug", fe.Slug, &problems),
		Date:           txt("date", fe.Date, &problems),
		Start:          txt("start", fe.Start, &problems),
		Duration:       txt("duration", fe.Duration, &problems),
		Room:           txt("room", fe.Room, &problems),
		Title:          txt("title", fe.Title, &problems),
		Subtitle:       txt("subtitle", fe.Subtitle, &problems),
		Track:          txt("track", fe.Track, &problems),
		Type:           txt("type", fe.Type, &problems),
		Language:       txt("language", fe.Language, &problems),
		Abstract:       txt("abstract", fe.Abstract, &problems),
		Description:    txt("description", fe.Description, &problems),
		URL:            txt("url", fe.URL, &problems),
		OriginURL:      txt("origin_url", fe.OriginURL, &problems),
		VideoURL:       txt("video_download_url", fe.VideoURL, &problems),
		FeedbackURL:    txt("feedback_url", fe.FeedbackURL, &problems),
		sourceOrdering: n,
	}
	if e.Room == "" {
		e.Room = room
	}
	if e.ID == "" {
		e.ID = txt("code", fe.Code, &problems)
	}
	if len(fe.Persons) > 0 {
		e.Persons = lists.persons.take(len(fe.Persons))
	}
	for i := range fe.Persons {
		p := &fe.Persons[i]
		name := txt("persons.name", p.Name, &problems)
		if name == "" {
			name = txt("persons.public_name", p.PublicName, &problems)
		}
		if name == "" {
			name = txt("persons.full_public_name", p.FullPublicName, &problems)
		}
		e.Persons = append(e.Persons, schedPerson{
			ID: txt("persons.id", p.ID, &problems), GUID: txt("persons.guid", p.GUID, &problems),
			Code: txt("persons.code", p.Code, &problems), Name: name,
		})
	}
	if n := len(fe.Links) + len(fe.Attachments); n > 0 {
		e.Links = lists.links.take(n)
	}
	for _, group := range []struct {
		links      []frabLinkOrText
		attachment bool
	}{{fe.Links, false}, {fe.Attachments, true}} {
		for _, l := range group.links {
			u := txt("links.url", l.URL, &problems)
			if u == "" {
				u = txt("links.href", l.Href, &problems)
			}
			e.Links = append(e.Links, schedLink{
				URL: u, Title: txt("links.title", l.Title, &problems), Type: txt("links.type", l.Type, &problems),
				Attachment: group.attachment,
			})
		}
	}
	return e, problems
}

// schedLists is where frabToSched takes the events' persons and links
// from.
type schedLists struct {
	persons slab[schedPerson]
	links   slab[schedLink]
}

// dropJSONControls removes raw C0 control characters other than the JSON
// whitespace ones, and says how many it removed.
func dropJSONControls(b []byte) ([]byte, int) {
	out := make([]byte, 0, len(b))
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			n++
			continue
		}
		out = append(out, c)
	}
	return out, n
}

// frabSyntaxError places a JSON decoding error at its line and column.
func frabSyntaxError(name string, b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := source.OffsetPos(b, int(syn.Offset))
		return &source.Error{File: name, Line: line, Column: col, Msg: "invalid JSON: " + syn.Error(), Err: err}
	case errors.As(err, &typ):
		line, col := source.OffsetPos(b, int(typ.Offset))
		return &source.Error{File: name, Line: line, Column: col, Field: typ.Field, Msg: fmt.Sprintf("expected %s, got JSON %s", friendlyType(typ.Type.String()), typ.Value), Err: err}
	}
	return &source.Error{File: name, Msg: frabJSONError(err).Error(), Err: err}
}

// frabJSONError rewords encoding/json's errors for a reader who does
// not know Go's type names.
func frabJSONError(err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		field := typ.Field
		if field == "" {
			field = "value"
		}
		return fmt.Errorf("%s: expected %s, got JSON %s", field, friendlyType(typ.Type.String()), typ.Value)
	}
	return err
}

// frabTextType is frabText as an UnmarshalTypeError names it.
var frabTextType = reflect.TypeFor[frabText]().String()

func friendlyType(t string) string {
	switch {
	case t == "string" || t == frabTextType:
		return "text"
	case len(t) > 2 && t[:2] == "[]":
		return "a list"
	case t == "json.RawMessage":
		return "a value"
	}
	return "an object"
}
