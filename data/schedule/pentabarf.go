package schedule

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"cndtalks/data/internal/source"
	"cndtalks/model"
)

// The schedule.xml written by Pentabarf (FOSDEM), frab, pretalx and wafer
// (DebConf):
//
//	<schedule>
//	  <conference><title/><acronym/><start/><end/><time_zone_name/>
//	              <city/><venue/><day_change/><base_url/></conference>
//	  <day index="1" date="2023-02-04" start="..." end="...">
//	    <room name="Janson">
//	      <event id="15059" guid="...">
//	        <date/><start/><duration/><room/><slug/><url/><title/><subtitle/>
//	        <track/><type/><language/><abstract/><description/>
//	        <persons><person id="6" guid="..." code="...">Name</person></persons>
//	        <attachments><attachment type="slides" href="...">Slides</attachment></attachments>
//	        <links><link href="...">Video recording (WebM)</link></links>
//	      </event>
//
// Elements may come in any order and most are optional; abstracts are HTML
// escaped into XML (decoded once here, once more by htmlToMarkdown).

type xmlSchedule struct {
	Conference xmlConference
	Days       []xmlDay
	// past counts the events past maxScheduleTalks, skipped unread.
	past int
}

type xmlConference struct {
	Acronym   string `xml:"acronym"`
	Title     string `xml:"title"`
	Subtitle  string `xml:"subtitle"`
	Venue     string `xml:"venue"`
	City      string `xml:"city"`
	Start     string `xml:"start"`
	End       string `xml:"end"`
	DayChange string `xml:"day_change"`
	TimeZone  string `xml:"time_zone_name"`
	BaseURL   string `xml:"base_url"`
	URL       string `xml:"url"`
	ConfURL   string `xml:"full_conf_url"`
}

type xmlDay struct {
	Date  string    `xml:"date,attr"`
	Start string    `xml:"start,attr"`
	End   string    `xml:"end,attr"`
	Rooms []xmlRoom `xml:"room"`
	// Some generators put events straight under the day.
	Events []xmlEvent `xml:"event"`
}

type xmlRoom struct {
	Name   string     `xml:"name,attr"`
	Events []xmlEvent `xml:"event"`
}

type xmlEvent struct {
	ID          string          `xml:"id,attr"`
	GUIDAttr    string          `xml:"guid,attr"`
	GUID        string          `xml:"guid"`
	Date        string          `xml:"date"`
	Start       string          `xml:"start"`
	Duration    string          `xml:"duration"`
	Room        string          `xml:"room"`
	Slug        string          `xml:"slug"`
	URL         string          `xml:"url"`
	OriginURL   string          `xml:"origin_url"`
	VideoURL    string          `xml:"video_download_url"`
	FeedbackURL string          `xml:"feedback_url"`
	Title       string          `xml:"title"`
	Subtitle    string          `xml:"subtitle"`
	Track       string          `xml:"track"`
	Type        string          `xml:"type"`
	Language    string          `xml:"language"`
	Abstract    string          `xml:"abstract"`
	Description string          `xml:"description"`
	Persons     []xmlPerson     `xml:"persons>person"`
	Links       []xmlLink       `xml:"links>link"`
	Attachments []xmlAttachment `xml:"attachments>attachment"`
}

// xmlPerson comes in three shapes: the name as text (Pentabarf, frab);
// <name> or <public_name> children (pretalx, c3voc's merges, with <code>);
// and <public_name> with <url> (c3voc's wiki2schedule).
type xmlPerson struct {
	ID             string `xml:"id,attr"`
	GUID           string `xml:"guid,attr"`
	Code           string `xml:"code,attr"`
	Text           string `xml:",chardata"`
	GUIDElem       string `xml:"guid"`
	CodeElem       string `xml:"code"`
	Name           string `xml:"name"`
	PublicName     string `xml:"public_name"`
	FullPublicName string `xml:"full_public_name"`
}

type xmlLink struct {
	Href  string `xml:"href,attr"`
	Type  string `xml:"type,attr"`
	Title string `xml:",chardata"`
}

type xmlAttachment struct {
	Href  string `xml:"href,attr"`
	Type  string `xml:"type,attr"`
	Title string `xml:",chardata"`
}

// parseScheduleXML imports a Pentabarf-style schedule.xml.
func parseScheduleXML(name string, b []byte, skip skipFunc, opt ImportOptions) (*model.Catalogue, error) {
	s, d, err := decodeScheduleXML(b)
	var syn *xml.SyntaxError
	if errors.As(err, &syn) && strings.HasPrefix(syn.Msg, "illegal character code") {
		// Control characters pasted into an abstract make the whole file
		// invalid XML; they would be removed from the text anyway.
		if cleaned, n := dropXMLControls(b); n > 0 {
			s, d, err = decodeScheduleXML(cleaned)
			if err == nil {
				skip(SkipRepair, "schedule.xml", "control characters that XML does not allow removed", fmt.Sprintf("%d %s", n, plural(n, "character", "characters")))
			}
		}
	}
	if err != nil {
		line, col := source.OffsetPos(b, int(d.InputOffset()))
		var syn *xml.SyntaxError
		switch {
		case errors.As(err, &syn):
			if syn.Line > 0 && syn.Line != line {
				line, col = syn.Line, 0
			}
			return nil, &source.Error{File: name, Line: line, Column: col, Msg: "invalid XML: " + syn.Msg, Err: err}
		case errors.Is(err, io.EOF):
			return nil, &source.Error{File: name, Msg: "empty XML document", Err: err}
		}
		return nil, &source.Error{File: name, Line: line, Column: col, Msg: err.Error(), Err: err}
	}
	c := s.Conference
	conf := schedConf{
		Acronym: c.Acronym, Title: c.Title, Subtitle: c.Subtitle,
		Start: c.Start, End: c.End, TimeZone: c.TimeZone,
		City: c.City, Venue: c.Venue, BaseURL: c.BaseURL, URL: c.URL,
		DayChange: c.DayChange,
	}
	if conf.URL == "" {
		conf.URL = c.ConfURL
	}
	var events []schedEvent
	add := func(day *schedDay, room string, x *xmlEvent) {
		e := schedEvent{
			Day: day, ID: x.ID, GUID: firstNonEmpty(x.GUIDAttr, x.GUID), Slug: x.Slug,
			Date: x.Date, Start: x.Start, Duration: x.Duration,
			Room: firstNonEmpty(x.Room, room), Title: x.Title, Subtitle: x.Subtitle,
			Track: x.Track, Type: x.Type, Language: x.Language,
			Abstract: x.Abstract, Description: x.Description, URL: x.URL,
			OriginURL: x.OriginURL, VideoURL: x.VideoURL, FeedbackURL: x.FeedbackURL,
			sourceOrdering: len(events),
		}
		for _, p := range x.Persons {
			e.Persons = append(e.Persons, schedPerson{
				ID: p.ID, GUID: firstNonEmpty(p.GUID, p.GUIDElem), Code: firstNonEmpty(p.Code, p.CodeElem),
				Name: firstNonEmpty(p.Text, p.Name, p.PublicName, p.FullPublicName),
			})
		}
		for _, a := range x.Attachments {
			e.Links = append(e.Links, xmlLinkOf(a.Href, a.Title, a.Type, true))
		}
		for _, l := range x.Links {
			e.Links = append(e.Links, xmlLinkOf(l.Href, l.Title, l.Type, false))
		}
		events = append(events, e)
	}
	for di := range s.Days {
		xd := &s.Days[di]
		day := &schedDay{Date: strings.TrimSpace(xd.Date), Start: strings.TrimSpace(xd.Start), End: strings.TrimSpace(xd.End)}
		if datePart(day.Date) == "" {
			skip(SkipField, fmt.Sprintf("day %d", di+1), "day has no valid date: its events keep no day", model.QuoteLine(day.Date))
			day.Date = ""
		}
		for ri := range xd.Rooms {
			r := &xd.Rooms[ri]
			for ei := range r.Events {
				add(day, strings.TrimSpace(r.Name), &r.Events[ei])
			}
		}
		for ei := range xd.Events {
			add(day, "", &xd.Events[ei])
		}
	}
	if s.past > 0 {
		skipPastLimit(skip, len(events)+s.past)
	}
	return buildSchedule(name, conf, events, skip, opt)
}

// xmlLinkOf is a <link> or <attachment>. With no href, its text is the
// URL (c3voc's merged and wiki schedules write <link>https://...</link>).
func xmlLinkOf(href, text, typ string, attachment bool) schedLink {
	if strings.TrimSpace(href) == "" && strings.TrimSpace(text) != "" {
		return schedLink{URL: strings.TrimSpace(text), Type: typ, Attachment: attachment, FromText: true}
	}
	return schedLink{URL: href, Title: text, Type: typ, Attachment: attachment}
}

// decodeScheduleXML reads a schedule.xml into s, element by element: an
// event past the first maxScheduleTalks is skipped unread and counted in
// s.past, so a file of millions of events costs the memory of the ones kept.
func decodeScheduleXML(b []byte) (*xmlSchedule, *xml.Decoder, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	// Exports hand-edited or produced from HTML use &nbsp; and friends;
	// decoding them here is their one decoding.
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader
	s := &xmlSchedule{}
	root, err := nextStart(d)
	if err != nil {
		return s, d, err
	}
	if root.Name.Local != "schedule" {
		return s, d, fmt.Errorf("expected element type <schedule> but have <%s>", root.Name.Local)
	}
	events := 0
	event := func(se *xml.StartElement, into *[]xmlEvent) error {
		if events >= maxScheduleTalks {
			s.past++
			return d.Skip()
		}
		events++
		*into = append(*into, xmlEvent{})
		return d.DecodeElement(&(*into)[len(*into)-1], se)
	}
	err = children(d, func(se *xml.StartElement) error {
		switch se.Name.Local {
		case "conference":
			return d.DecodeElement(&s.Conference, se)
		case "day":
			s.Days = append(s.Days, xmlDay{Date: attr(se, "date"), Start: attr(se, "start"), End: attr(se, "end")})
			day := &s.Days[len(s.Days)-1]
			return children(d, func(se *xml.StartElement) error {
				switch se.Name.Local {
				case "room":
					day.Rooms = append(day.Rooms, xmlRoom{Name: attr(se, "name")})
					room := &day.Rooms[len(day.Rooms)-1]
					return children(d, func(se *xml.StartElement) error {
						if se.Name.Local == "event" {
							return event(se, &room.Events)
						}
						return d.Skip()
					})
				case "event":
					// Some generators put events straight under the day.
					return event(se, &day.Events)
				}
				return d.Skip()
			})
		}
		return d.Skip()
	})
	return s, d, err
}

// nextStart returns the next start element (the document's root).
func nextStart(d *xml.Decoder) (*xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return &se, nil
		}
	}
}

// children calls each for every child element of the element just
// started, until its end; each must consume the child (decode or skip it).
func children(d *xml.Decoder, each func(*xml.StartElement) error) error {
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := each(&t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// attr is the value of se's attribute name (without a namespace).
func attr(se *xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// dropXMLControls removes the C0 control characters XML 1.0 forbids, raw
// or as character references (&#27; &#x1b;), and says how many it removed.
func dropXMLControls(b []byte) ([]byte, int) {
	out := make([]byte, 0, len(b))
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			n++
			continue
		}
		if c == '&' && i+2 < len(b) && b[i+1] == '#' {
			if end := bytes.IndexByte(b[i:min(len(b), i+12)], ';'); end > 2 {
				ref := string(b[i+2 : i+end])
				base := 10
				if ref[0] == 'x' || ref[0] == 'X' {
					ref, base = ref[1:], 16
				}
				if v, err := strconv.ParseUint(ref, base, 32); err == nil && v < 0x20 && v != '\t' && v != '\n' && v != '\r' {
					n++
					i += end
					continue
				}
			}
		}
		out = append(out, c)
	}
	return out, n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// charsetReader accepts the one legacy encoding old Pentabarf exports
// declare, ISO-8859-1, besides UTF-8.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(b)+len(b)/8)
		for _, c := range b {
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	}
	return nil, fmt.Errorf("unsupported character encoding %q (use UTF-8)", model.SanitizeLine(label))
}
