package model

import (
	"time"
	"unicode"
	"unicode/utf8"
)

// The JSON shapes below are what `cndtalks list --json`, `speakers --json`,
// `event --json` and the JSON export print. They are a public contract for
// scripts: fields are added, never renamed. Arrays are never null, so
// `jq '.[].topics[]'` works on every talk.

// LinkExport is a link in JSON output.
type LinkExport struct {
	Kind LinkKind `json:"kind"`
	URL  string   `json:"url"`
	// Label is the catalogue's label, or the kind's display name when the
	// catalogue gives none.
	Label string `json:"label"`
}

// SpeakerRef is a talk's speaker in JSON output.
type SpeakerRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Org is empty when the catalogue names no organisation.
	Org  string `json:"org"`
	Role string `json:"role,omitempty"`
}

// TalkExport is a talk in JSON output.
type TalkExport struct {
	ID       string       `json:"id"`
	Title    string       `json:"title"`
	Subtitle string       `json:"subtitle,omitempty"`
	Kind     string       `json:"kind"`
	Order    int          `json:"order"`
	Speakers []SpeakerRef `json:"speakers"`
	Topics   []string     `json:"topics"`
	// Summary is Markdown.
	Summary  string       `json:"summary"`
	Links    []LinkExport `json:"links"`
	Language string       `json:"language,omitempty"`

	// Schedule fields, present only when the talk has a time.
	Start           *time.Time `json:"start,omitempty"`
	End             *time.Time `json:"end,omitempty"`
	DurationMinutes int        `json:"duration_minutes,omitempty"`
	Day             string     `json:"day,omitempty"`
	Room            string     `json:"room,omitempty"`
	Track           string     `json:"track,omitempty"`

	// The user's marks (ExportTalksMarked), present only when true.
	Starred bool `json:"starred,omitempty"`
	Watched bool `json:"watched,omitempty"`
}

// EventExport is the event in JSON output.
type EventExport struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Edition  string `json:"edition,omitempty"`
	Year     int    `json:"year,omitempty"`
	Date     string `json:"date,omitempty"`
	DateNote string `json:"date_note,omitempty"`
	EndDate  string `json:"end_date,omitempty"`
	TimeZone string `json:"time_zone,omitempty"`
	// TimeZoneNote says how the zone was found, when the source did not
	// name it.
	TimeZoneNote string `json:"time_zone_note,omitempty"`
	Place        string `json:"place,omitempty"`
	Venue        string `json:"venue,omitempty"`
	City         string `json:"city,omitempty"`
	Country      string `json:"country,omitempty"`
	Organiser    string `json:"organiser,omitempty"`
	// Description is Markdown.
	Description string `json:"description,omitempty"`
	Attendance  string `json:"attendance,omitempty"`
	// Video is the URL of the event's recording, when it has one.
	Video     string       `json:"video,omitempty"`
	Links     []LinkExport `json:"links"`
	Community []LinkExport `json:"community"`
	Sponsors  []string     `json:"sponsors"`
	Thanks    []string     `json:"thanks,omitempty"`
	Source    string       `json:"source,omitempty"`
	Talks     int          `json:"talks"`
	Speakers  int          `json:"speakers"`
}

// SpeakerExport is a speaker with the IDs of their talks, in JSON output.
type SpeakerExport struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Org   string   `json:"org"`
	Role  string   `json:"role,omitempty"`
	Talks []string `json:"talks"`
}

// KindLabel is the display name of a link kind ("Slides", "Video").
func KindLabel(k LinkKind) string {
	switch k {
	case LinkSlides:
		return "Slides"
	case LinkVideo:
		return "Video"
	case LinkRecording:
		return "Recording"
	case LinkWeb:
		return "Web page"
	case LinkPaper:
		return "Paper"
	case LinkCommunity:
		return "Community"
	case LinkPage:
		return "Talk page"
	case LinkFeedback:
		return "Feedback"
	case "":
		return "Link"
	}
	r, size := utf8.DecodeRuneInString(string(k))
	return string(unicode.ToUpper(r)) + string(k)[size:]
}

// ExportLinks converts links to their JSON shape.
func ExportLinks(links []Link) []LinkExport {
	out := make([]LinkExport, len(links))
	for i, l := range links {
		label := l.Label
		if label == "" {
			label = KindLabel(l.Kind)
		}
		out[i] = LinkExport{Kind: l.Kind, URL: l.URL, Label: label}
	}
	return out
}

// ExportTalk converts one talk of c to its JSON shape, resolving speakers.
func (c *Catalogue) ExportTalk(t *Talk) TalkExport {
	e := TalkExport{
		ID:       t.ID,
		Title:    t.Title,
		Subtitle: t.Subtitle,
		Kind:     t.Kind,
		Order:    t.Order,
		Speakers: make([]SpeakerRef, 0, len(t.Speakers)),
		Topics:   append([]string{}, t.Topics...),
		Summary:  t.Summary,
		Links:    ExportLinks(t.Links),
		Language: t.Language,
		Day:      t.Day,
		Room:     t.Room,
		Track:    t.Track,
	}
	for _, s := range c.TalkSpeakers(t) {
		e.Speakers = append(e.Speakers, SpeakerRef(s))
	}
	if t.HasSchedule() {
		start := t.Start
		e.Start = &start
		if t.Duration > 0 {
			end := t.End()
			e.End = &end
			e.DurationMinutes = int(t.Duration / time.Minute)
		}
	}
	return e
}

// ExportTalks converts the talks at the given indexes into c.Talks, in that
// order; nil means every talk in programme order.
func (c *Catalogue) ExportTalks(indexes []int) []TalkExport {
	if indexes == nil {
		out := make([]TalkExport, len(c.Talks))
		for i := range c.Talks {
			out[i] = c.ExportTalk(&c.Talks[i])
		}
		return out
	}
	out := make([]TalkExport, 0, len(indexes))
	for _, i := range indexes {
		if i >= 0 && i < len(c.Talks) {
			out = append(out, c.ExportTalk(&c.Talks[i]))
		}
	}
	return out
}

// ExportTalksMarked is ExportTalks with the talks' marks: Starred and
// Watched are set from marks (nil: none).
func (c *Catalogue) ExportTalksMarked(indexes []int, marks Marks) []TalkExport {
	out := c.ExportTalks(indexes)
	if marks == nil {
		return out
	}
	for i := range out {
		out[i].Starred = marks.Starred(out[i].ID)
		out[i].Watched = marks.Watched(out[i].ID)
	}
	return out
}

// ExportEvent converts c's event to its JSON shape.
func (c *Catalogue) ExportEvent() EventExport {
	ev := &c.Event
	e := EventExport{
		ID:           ev.ID,
		Name:         ev.Name,
		Edition:      ev.Edition,
		Year:         ev.Year,
		Date:         ev.Date,
		DateNote:     ev.DateNote,
		EndDate:      ev.EndDate,
		TimeZone:     ev.TimeZone,
		TimeZoneNote: ev.TimeZoneNote,
		Place:        ev.Place(),
		Venue:        ev.Venue,
		City:         ev.City,
		Country:      ev.Country,
		Organiser:    ev.Organiser,
		Description:  ev.Description,
		Attendance:   ev.Attendance,
		Links:        ExportLinks(ev.Links),
		Community:    ExportLinks(ev.Community),
		Sponsors:     append([]string{}, ev.Sponsors...),
		Thanks:       ev.Thanks,
		Source:       ev.Source,
		Talks:        len(c.Talks),
		Speakers:     len(c.Speakers),
	}
	if v, ok := ev.VideoLink(); ok {
		e.Video = v.URL
	}
	return e
}

// VideoLink returns the event's video, or failing that its recording.
func (e *Event) VideoLink() (Link, bool) {
	for _, kind := range []LinkKind{LinkVideo, LinkRecording} {
		for _, l := range e.Links {
			if l.Kind == kind {
				return l, true
			}
		}
	}
	return Link{}, false
}

// ExportSpeakers converts c's speakers to their JSON shape, in catalogue
// order, each with the IDs of their talks in programme order.
func (c *Catalogue) ExportSpeakers() []SpeakerExport {
	talks := make(map[string][]string, len(c.Speakers))
	for i := range c.Talks {
		t := &c.Talks[i]
		for _, id := range t.Speakers {
			talks[id] = append(talks[id], t.ID)
		}
	}
	out := make([]SpeakerExport, len(c.Speakers))
	for i, s := range c.Speakers {
		ts := talks[s.ID]
		if ts == nil {
			ts = []string{}
		}
		out[i] = SpeakerExport{ID: s.ID, Name: s.Name, Org: s.Org, Role: s.Role, Talks: ts}
	}
	return out
}
