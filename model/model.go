// Package model holds cndtalks' domain: a conference Event, its Talks,
// Speakers and Links, gathered in a Catalogue, and the rules that make a
// catalogue valid. It imports nothing from the UI.
package model

import (
	"strings"
	"time"

	"cndtalks/internal/opcount"
)

// LinkKind says what a link points at, so the UI can offer "open the slides"
// or "open the video" without guessing from the URL.
type LinkKind string

// The link kinds cndtalks knows: each is the role the link plays for its
// talk. Importers map whatever a schedule calls its links onto these;
// anything else is LinkWeb.
const (
	LinkSlides LinkKind = "slides"
	// LinkVideo is a video other than the talk's own recording: a clip the
	// speaker attached, a demo, a trailer.
	LinkVideo LinkKind = "video"
	// LinkRecording is the talk's own recording (the event's recording
	// host, a schedule's video_download_url).
	LinkRecording LinkKind = "recording"
	LinkWeb       LinkKind = "web"
	LinkPaper     LinkKind = "paper"
	LinkCommunity LinkKind = "community"
	// LinkPage is the talk's own page on the event's site.
	LinkPage LinkKind = "page"
	// LinkFeedback is where to give feedback on the talk.
	LinkFeedback LinkKind = "feedback"
)

// LinkKinds lists every kind, in the order the README's table gives them.
var LinkKinds = []LinkKind{LinkSlides, LinkRecording, LinkVideo, LinkPage, LinkPaper, LinkWeb, LinkCommunity, LinkFeedback}

// Link is one URL with what it is and a human label.
//
// The catalogue file format is declared in data/catalog/schema.go, not by these
// types' tags; the JSON tags are the shape of list --json and JSON exports,
// and a test (catalog.TestModelJSONNamesMatchFormat in data/catalog) keeps their names the
// format's.
type Link struct {
	Kind  LinkKind `json:"kind"`
	URL   string   `json:"url"`
	Label string   `json:"label,omitempty"`
}

// Speaker is a person who gives one or more talks. ID is stable within a
// catalogue; names are not unique, so talks refer to speakers by ID.
type Speaker struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Org  string `json:"org,omitempty"`
	Role string `json:"role,omitempty"`
}

// Talk is one entry of the programme.
type Talk struct {
	// ID is a stable slug: marks and URLs refer to a talk by it.
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle,omitempty"`
	Kind     string   `json:"kind"`
	Order    int      `json:"order"`
	Speakers []string `json:"speakers,omitempty"`
	// Summary is Markdown.
	Summary  string   `json:"summary,omitempty"`
	Topics   []string `json:"topics,omitempty"`
	Links    []Link   `json:"links,omitempty"`
	Language string   `json:"language,omitempty"`

	// Schedule fields: zero when the catalogue has no times.
	Start    time.Time     `json:"start,omitzero"`
	Duration time.Duration `json:"duration,omitempty"`
	Room     string        `json:"room,omitempty"`
	Track    string        `json:"track,omitempty"`
	// Day is the programme day the talk is listed under (YYYY-MM-DD); a
	// session after midnight still belongs to the day before.
	Day string `json:"day,omitempty"`
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

// VideoLink is what "video" opens (v, open --video): the talk's own
// recording before any other video (a clip attached by the speaker); of
// each, a page that plays it before a raw .webm/.mp4 download.
func (t *Talk) VideoLink() (Link, bool) {
	return t.pick(func(l Link) int {
		r := 0
		switch l.Kind {
		case LinkRecording:
		case LinkVideo:
			r = 2
		default:
			return -1
		}
		if IsVideoFile(l.URL) {
			r++
		}
		return r
	})
}

// mainOrder is the order "open" prefers link kinds in.
var mainOrder = []LinkKind{LinkSlides, LinkPage, LinkPaper, LinkWeb, LinkRecording, LinkVideo, LinkCommunity, LinkFeedback}

// MainLink is what "open" opens when no kind is asked for (o, open, y): the
// slides, else the talk's page, else a paper, another page, a recording or
// video page, a community or feedback page; a raw .webm/.mp4 download only
// when nothing else exists.
func (t *Talk) MainLink() (Link, bool) {
	return t.pick(func(l Link) int {
		r := len(mainOrder) // an unknown kind: after the known ones
		for i, k := range mainOrder {
			if l.Kind == k {
				r = i
				break
			}
		}
		if IsVideoFile(l.URL) {
			r += len(mainOrder) + 1
		}
		return r
	})
}

// pick returns the link of lowest rank, the first one on a tie; a negative
// rank never wins, nor does a link that is not http(s) (the opener checks
// the chosen one fully with SafeURL).
func (t *Talk) pick(rank func(Link) int) (Link, bool) {
	best, bestRank := -1, 0
	for i, l := range t.Links {
		if !hasHTTPScheme(l.URL) {
			continue
		}
		r := rank(l)
		if r >= 0 && (best < 0 || r < bestRank) {
			best, bestRank = i, r
		}
	}
	if best < 0 {
		return Link{}, false
	}
	return t.Links[best], true
}

func hasHTTPScheme(u string) bool {
	return len(u) > 7 && strings.EqualFold(u[:7], "http://") || len(u) > 8 && strings.EqualFold(u[:8], "https://")
}

// IsVideoFile reports whether a URL's path ends in a video file extension
// (a download rather than a page): .webm, .mp4, .mkv, .m4v, .ogv, .mov or
// .avi, in any case. Every link of a schedule's import asks, so it looks
// at the last bytes in place, with no lower-case copy.
func IsVideoFile(u string) bool {
	// The path ends at the query or the fragment, whichever comes first.
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	n := len(u)
	if n < 4 {
		return false
	}
	if u[n-4] == '.' {
		switch uint32(lowerASCII(u[n-3]))<<16 | uint32(lowerASCII(u[n-2]))<<8 | uint32(lowerASCII(u[n-1])) {
		case 'm'<<16 | 'p'<<8 | '4', 'm'<<16 | 'k'<<8 | 'v', 'm'<<16 | '4'<<8 | 'v', 'o'<<16 | 'g'<<8 | 'v',
			'm'<<16 | 'o'<<8 | 'v', 'a'<<16 | 'v'<<8 | 'i':
			return true
		}
		return false
	}
	return n >= 5 && u[n-5] == '.' && lowerASCII(u[n-4]) == 'w' && lowerASCII(u[n-3]) == 'e' &&
		lowerASCII(u[n-2]) == 'b' && lowerASCII(u[n-1]) == 'm'
}

// lowerASCII returns c in lower case when it is an ASCII capital letter,
// else c.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Event describes the conference a catalogue belongs to.
type Event struct {
	// ID identifies the catalogue (marks are stored under it).
	ID      string `json:"id"`
	Name    string `json:"name"`
	Edition string `json:"edition,omitempty"`
	Year    int    `json:"year,omitempty"`
	// Date is YYYY-MM-DD when known; DateNote says how it is known (or why
	// it is not).
	Date     string `json:"date,omitempty"`
	DateNote string `json:"date_note,omitempty"`
	// EndDate is the last day of a multi-day event.
	EndDate  string `json:"end_date,omitempty"`
	TimeZone string `json:"time_zone,omitempty"`
	// TimeZoneNote names the zone and says how it was found when the
	// source did not name it ("time zone assumed: UTC (...)"); the Event
	// page shows it instead of TimeZone.
	TimeZoneNote string `json:"time_zone_note,omitempty"`
	City         string `json:"city,omitempty"`
	Venue        string `json:"venue,omitempty"`
	Country      string `json:"country,omitempty"`
	Organiser    string `json:"organiser,omitempty"`
	// Description is Markdown.
	Description string `json:"description,omitempty"`
	Attendance  string `json:"attendance,omitempty"`
	// Links are the event's own links (its recording, its site).
	Links []Link `json:"links,omitempty"`
	// Community links: chat, meetups.
	Community []Link   `json:"community,omitempty"`
	Sponsors  []string `json:"sponsors,omitempty"`
	// Thanks names those thanked who were not sponsors (the caterer).
	Thanks []string `json:"thanks,omitempty"`
	// Source says where the facts come from.
	Source string `json:"source,omitempty"`
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
	Event    Event     `json:"event"`
	Speakers []Speaker `json:"speakers"`
	Talks    []Talk    `json:"talks"`
	// Parts is set on an archive of several catalogues (MergeArchive,
	// archive.go): which event each range of talks comes from.
	Parts []ArchivePart `json:"-"`

	speakerIndex map[string]int
}

// Speaker looks a speaker up by ID. It is safe for concurrent readers once
// Index has run; before that it scans.
func (c *Catalogue) Speaker(id string) (*Speaker, bool) {
	if c.speakerIndex == nil {
		for i := range c.Speakers {
			if c.Speakers[i].ID == id {
				opcount.Add(i + 1)
				return &c.Speakers[i], true
			}
		}
		opcount.Add(len(c.Speakers))
		return nil, false
	}
	opcount.Add(1)
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

// Talk looks a talk up by ID. It scans the talks, so a caller that looks
// up many IDs builds a table instead; the scan is counted (internal/opcount)
// so that the linearity tests catch one called per talk or per speaker.
func (c *Catalogue) Talk(id string) (*Talk, bool) {
	for i := range c.Talks {
		if c.Talks[i].ID == id {
			opcount.Add(i + 1)
			return &c.Talks[i], true
		}
	}
	opcount.Add(len(c.Talks))
	return nil, false
}

// TalksBy returns the indexes of the talks a speaker gives, in programme
// order. It scans every talk, and counts them (internal/opcount), so that
// the linearity tests catch it called once per speaker.
func (c *Catalogue) TalksBy(speakerID string) []int {
	opcount.Add(len(c.Talks))
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
