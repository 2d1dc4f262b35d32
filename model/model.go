// Package model holds cndtalks' domain: a conference Event, its Talks,
// Speakers and Links, gathered in a Catalogue, and the rules that make a
// catalogue valid. It imports nothing from the UI.
package model

import (
	"time"
)

// LinkKind says what a link points at, so the UI can offer "open the slides"
// or "open the video" without guessing from the URL.
type LinkKind string

// The link kinds cndtalks knows. Importers map whatever a schedule calls its
// links onto these; anything else is LinkWeb.
const (
	LinkSlides    LinkKind = "slides"
	LinkVideo     LinkKind = "video"
	LinkRecording LinkKind = "recording"
	LinkWeb       LinkKind = "web"
	LinkPaper     LinkKind = "paper"
	LinkCommunity LinkKind = "community"
)

// Link is one URL with what it is and a human label.
type Link struct {
	Kind  LinkKind `json:"kind" yaml:"kind"`
	URL   string   `json:"url" yaml:"url"`
	Label string   `json:"label,omitempty" yaml:"label,omitempty"`
}

// Speaker is a person who gives one or more talks. ID is stable within a
// catalogue; names are not unique, so talks refer to speakers by ID.
type Speaker struct {
	ID   string `json:"id" yaml:"id"`
	Name string `json:"name" yaml:"name"`
	Org  string `json:"org,omitempty" yaml:"org,omitempty"`
	Role string `json:"role,omitempty" yaml:"role,omitempty"`
}

// Talk is one entry of the programme.
type Talk struct {
	// ID is a stable slug: marks and URLs refer to a talk by it.
	ID       string   `json:"id" yaml:"id"`
	Title    string   `json:"title" yaml:"title"`
	Subtitle string   `json:"subtitle,omitempty" yaml:"subtitle,omitempty"`
	Kind     string   `json:"kind" yaml:"kind"`
	Order    int      `json:"order" yaml:"order"`
	Speakers []string `json:"speakers,omitempty" yaml:"speakers,omitempty"`
	// Summary is Markdown.
	Summary  string   `json:"summary,omitempty" yaml:"summary,omitempty"`
	Topics   []string `json:"topics,omitempty" yaml:"topics,omitempty"`
	Links    []Link   `json:"links,omitempty" yaml:"links,omitempty"`
	Language string   `json:"language,omitempty" yaml:"language,omitempty"`

	// Schedule fields: zero when the catalogue has no times.
	Start    time.Time     `json:"start,omitzero" yaml:"start,omitempty"`
	Duration time.Duration `json:"duration,omitempty" yaml:"duration,omitempty"`
	Room     string        `json:"room,omitempty" yaml:"room,omitempty"`
	Track    string        `json:"track,omitempty" yaml:"track,omitempty"`
	// Day is the programme day the talk is listed under (YYYY-MM-DD); a
	// session after midnight still belongs to the day before.
	Day string `json:"day,omitempty" yaml:"day,omitempty"`
}

// HasSchedule reports whether the talk has a start time.
func (t *Talk) HasSchedule() bool { return !t.Start.IsZero() }

// End is the talk's end time, or the zero time when it has no schedule.
func (t *Talk) End() time.Time {
	if t.Start.IsZero() {
		return time.Time{}
	}
	return t.Start.Add(t.Duration)
}

// Link returns the talk's first link of the given kind.
func (t *Talk) Link(kind LinkKind) (Link, bool) {
	for _, l := range t.Links {
		if l.Kind == kind {
			return l, true
		}
	}
	return Link{}, false
}

// VideoLink returns the talk's video, or failing that its recording.
func (t *Talk) VideoLink() (Link, bool) {
	if l, ok := t.Link(LinkVideo); ok {
		return l, true
	}
	return t.Link(LinkRecording)
}

// MainLink is what "open" opens when no kind is asked for: the slides, else
// the video, else the first link.
func (t *Talk) MainLink() (Link, bool) {
	if l, ok := t.Link(LinkSlides); ok {
		return l, true
	}
	if l, ok := t.VideoLink(); ok {
		return l, true
	}
	if len(t.Links) > 0 {
		return t.Links[0], true
	}
	return Link{}, false
}

// Event describes the conference a catalogue belongs to.
type Event struct {
	// ID identifies the catalogue (marks are stored under it).
	ID      string `json:"id" yaml:"id"`
	Name    string `json:"name" yaml:"name"`
	Edition string `json:"edition,omitempty" yaml:"edition,omitempty"`
	Year    int    `json:"year,omitempty" yaml:"year,omitempty"`
	// Date is YYYY-MM-DD when known; DateNote says how it is known (or why
	// it is not).
	Date     string `json:"date,omitempty" yaml:"date,omitempty"`
	DateNote string `json:"date_note,omitempty" yaml:"date_note,omitempty"`
	// EndDate is the last day of a multi-day event.
	EndDate  string `json:"end_date,omitempty" yaml:"end_date,omitempty"`
	TimeZone string `json:"time_zone,omitempty" yaml:"time_zone,omitempty"`
	// TimeZoneNote names the zone and says how it was found when the
	// source did not name it ("time zone assumed: UTC (...)"); the Event
	// page shows it instead of TimeZone.
	TimeZoneNote string `json:"time_zone_note,omitempty" yaml:"time_zone_note,omitempty"`
	City         string `json:"city,omitempty" yaml:"city,omitempty"`
	Venue        string `json:"venue,omitempty" yaml:"venue,omitempty"`
	Country      string `json:"country,omitempty" yaml:"country,omitempty"`
	Organiser    string `json:"organiser,omitempty" yaml:"organiser,omitempty"`
	// Description is Markdown.
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
	Attendance  string `json:"attendance,omitempty" yaml:"attendance,omitempty"`
	// Links are the event's own links (its recording, its site).
	Links []Link `json:"links,omitempty" yaml:"links,omitempty"`
	// Community links: chat, meetups.
	Community []Link   `json:"community,omitempty" yaml:"community,omitempty"`
	Sponsors  []string `json:"sponsors,omitempty" yaml:"sponsors,omitempty"`
	// Thanks names those thanked who were not sponsors (the caterer).
	Thanks []string `json:"thanks,omitempty" yaml:"thanks,omitempty"`
	// Source says where the facts come from.
	Source string `json:"source,omitempty" yaml:"source,omitempty"`
}

// Place is the event's venue and city joined for display.
func (e *Event) Place() string {
	switch {
	case e.Venue != "" && e.City != "":
		return e.Venue + ", " + e.City
	case e.City != "":
		return e.City
	default:
		return e.Venue
	}
}

// Catalogue is one event with its speakers and talks in programme order.
type Catalogue struct {
	Event    Event     `json:"event" yaml:"event"`
	Speakers []Speaker `json:"speakers" yaml:"speakers"`
	Talks    []Talk    `json:"talks" yaml:"talks"`

	speakerIndex map[string]int
}

// Speaker looks a speaker up by ID. It is safe for concurrent readers once
// Index has run; before that it scans.
func (c *Catalogue) Speaker(id string) (*Speaker, bool) {
	if c.speakerIndex == nil {
		for i := range c.Speakers {
			if c.Speakers[i].ID == id {
				return &c.Speakers[i], true
			}
		}
		return nil, false
	}
	i, ok := c.speakerIndex[id]
	if !ok {
		return nil, false
	}
	return &c.Speakers[i], true
}

// Index builds the lookup tables. Loaders call it once the catalogue is
// complete; call it again after changing Speakers.
func (c *Catalogue) Index() {
	c.speakerIndex = make(map[string]int, len(c.Speakers))
	for i, s := range c.Speakers {
		if _, dup := c.speakerIndex[s.ID]; !dup {
			c.speakerIndex[s.ID] = i
		}
	}
}

// TalkSpeakers resolves a talk's speaker IDs; unknown IDs are skipped
// (Validate reports them).
func (c *Catalogue) TalkSpeakers(t *Talk) []Speaker {
	out := make([]Speaker, 0, len(t.Speakers))
	for _, id := range t.Speakers {
		if s, ok := c.Speaker(id); ok {
			out = append(out, *s)
		}
	}
	return out
}

// Talk looks a talk up by ID.
func (c *Catalogue) Talk(id string) (*Talk, bool) {
	for i := range c.Talks {
		if c.Talks[i].ID == id {
			return &c.Talks[i], true
		}
	}
	return nil, false
}

// TalksBy returns the indexes of the talks a speaker gives, in programme order.
func (c *Catalogue) TalksBy(speakerID string) []int {
	var out []int
	for i := range c.Talks {
		for _, id := range c.Talks[i].Speakers {
			if id == speakerID {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// HasSchedule reports whether any talk has a start time.
func (c *Catalogue) HasSchedule() bool {
	for i := range c.Talks {
		if c.Talks[i].HasSchedule() {
			return true
		}
	}
	return false
}
