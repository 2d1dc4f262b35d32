package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

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
// leniently and each event is decoded on its own: a broken event is skipped
// with its reason, not the whole file.

// frabText is a JSON scalar read as text: strings as they are, numbers and
// booleans spelt out, null as "".
type frabText string

// UnmarshalJSON implements json.Unmarshaler.
func (t *frabText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*t = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = frabText(s)
	case b[0] == '{' || b[0] == '[':
		// An *UnmarshalTypeError gets the field's name added by encoding/json.
		return &json.UnmarshalTypeError{Value: map[byte]string{'{': "object", '[': "array"}[b[0]], Type: reflect.TypeFor[string]()}
	default: // number or boolean
		*t = frabText(b)
	}
	return nil
}

type frabFile struct {
	Schedule *struct {
		BaseURL    frabText        `json:"base_url"`
		Conference json.RawMessage `json:"conference"`
	} `json:"schedule"`
}

type frabConference struct {
	Acronym   frabText          `json:"acronym"`
	Title     frabText          `json:"title"`
	Start     frabText          `json:"start"`
	End       frabText          `json:"end"`
	TimeZone  frabText          `json:"time_zone_name"`
	URL       frabText          `json:"url"`
	BaseURL   frabText          `json:"base_url"`
	City      frabText          `json:"city"`
	Venue     frabText          `json:"venue"`
	DayChange frabText          `json:"day_change"`
	Days      []json.RawMessage `json:"days"`
}

type frabDay struct {
	Date  frabText  `json:"date"`
	Start frabText  `json:"day_start"`
	End   frabText  `json:"day_end"`
	Rooms frabRooms `json:"rooms"`
}

// frabRooms keeps the rooms in the order the export lists them (a Go map
// would shuffle simultaneous talks).
type frabRooms struct {
	names  []string
	events [][]json.RawMessage
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *frabRooms) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errors.New("rooms: expected an object of room name to events")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		var evs []json.RawMessage
		if err := dec.Decode(&evs); err != nil {
			return fmt.Errorf("rooms[%q]: expected a list of events", name)
		}
		r.names = append(r.names, name)
		r.events = append(r.events, evs)
	}
	return nil
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
func parseFrabJSON(name string, b []byte, skip skipFunc) (*model.Catalogue, error) {
	var f frabFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, frabSyntaxError(name, b, err)
	}
	if f.Schedule == nil || len(f.Schedule.Conference) == 0 {
		return nil, &Error{File: name, Field: "schedule.conference", Msg: `is missing: a schedule.json has {"schedule": {"conference": {...}}}`}
	}
	var c frabConference
	if err := json.Unmarshal(f.Schedule.Conference, &c); err != nil {
		return nil, &Error{File: name, Field: "schedule.conference", Msg: frabJSONError(err).Error(), Err: err}
	}
	conf := schedConf{
		Acronym:   string(c.Acronym),
		Title:     string(c.Title),
		Start:     string(c.Start),
		End:       string(c.End),
		TimeZone:  string(c.TimeZone),
		City:      string(c.City),
		Venue:     string(c.Venue),
		BaseURL:   string(f.Schedule.BaseURL),
		URL:       string(c.URL),
		DayChange: string(c.DayChange),
	}
	if conf.BaseURL == "" {
		conf.BaseURL = string(c.BaseURL)
	}
	var events []schedEvent
	for di, raw := range c.Days {
		var d frabDay
		if err := json.Unmarshal(raw, &d); err != nil {
			skip(fmt.Sprintf("schedule.conference.days[%d]", di), "unreadable day: "+frabJSONError(err).Error())
			continue
		}
		day := &schedDay{Date: string(d.Date), Start: string(d.Start), End: string(d.End)}
		if datePart(day.Date) == "" {
			skip(fmt.Sprintf("schedule.conference.days[%d]", di), fmt.Sprintf("day has no valid date (%q); its events keep no day", model.SanitizeLine(day.Date)))
			day.Date = ""
		}
		for ri, room := range d.Rooms.names {
			for ei, raw := range d.Rooms.events[ri] {
				var fe frabEvent
				if err := json.Unmarshal(raw, &fe); err != nil {
					skip(fmt.Sprintf("days[%d].rooms[%q][%d]", di, model.SanitizeLine(room), ei), "unreadable event: "+frabJSONError(err).Error())
					continue
				}
				e := schedEvent{
					Day: day, ID: string(fe.ID), GUID: string(fe.GUID), Slug: string(fe.Slug),
					Date: string(fe.Date), Start: string(fe.Start), Duration: string(fe.Duration),
					Room: string(fe.Room), Title: string(fe.Title), Subtitle: string(fe.Subtitle),
					Track: string(fe.Track), Type: string(fe.Type), Language: string(fe.Language),
					Abstract: string(fe.Abstract), Description: string(fe.Description),
					URL: string(fe.URL), OriginURL: string(fe.OriginURL),
					sourceOrdering: len(events),
				}
				if e.Room == "" {
					e.Room = room
				}
				if e.ID == "" {
					e.ID = string(fe.Code)
				}
				for _, p := range fe.Persons {
					name := string(p.Name)
					for _, alt := range []frabText{p.PublicName, p.FullPublicName} {
						if name == "" {
							name = string(alt)
						}
					}
					e.Persons = append(e.Persons, schedPerson{ID: string(p.ID), GUID: string(p.GUID), Code: string(p.Code), Name: name})
				}
				for _, group := range []struct {
					links      []frabLinkOrText
					attachment bool
				}{{fe.Links, false}, {fe.Attachments, true}} {
					for _, l := range group.links {
						u := l.URL
						if u == "" {
							u = l.Href
						}
						e.Links = append(e.Links, schedLink{URL: string(u), Title: string(l.Title), Type: string(l.Type), Attachment: group.attachment})
					}
				}
				events = append(events, e)
			}
		}
	}
	return buildSchedule(name, conf, events, skip)
}

// frabSyntaxError places a JSON decoding error at its line and column.
func frabSyntaxError(name string, b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := offsetPos(b, int(syn.Offset))
		return &Error{File: name, Line: line, Column: col, Msg: "invalid JSON: " + syn.Error(), Err: err}
	case errors.As(err, &typ):
		line, col := offsetPos(b, int(typ.Offset))
		return &Error{File: name, Line: line, Column: col, Field: typ.Field, Msg: fmt.Sprintf("expected %s, got JSON %s", friendlyType(typ.Type.String()), typ.Value), Err: err}
	}
	return &Error{File: name, Msg: frabJSONError(err).Error(), Err: err}
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

func friendlyType(t string) string {
	switch {
	case t == "string" || t == "data.frabText":
		return "text"
	case len(t) > 2 && t[:2] == "[]":
		return "a list"
	case t == "json.RawMessage":
		return "a value"
	}
	return "an object"
}
