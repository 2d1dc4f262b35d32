package gen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"cndtalks/model"
)

// WriteScheduleJSON writes c as a c3voc/frab schedule.json (the export
// frab, pretalx and the CCC give), the way such a file lays a programme
// out: days, rooms, events with persons and links. acronym and title name
// the conference (they become the event's ID and name when read back).
// Talks without a start are left out. It is for import benchmarks: `add`
// and --all over many generated schedules, and one of 100,000 events.
func WriteScheduleJSON(w io.Writer, c *model.Catalogue, acronym, title string) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	speakers := make(map[string]*model.Speaker, len(c.Speakers))
	for i := range c.Speakers {
		speakers[c.Speakers[i].ID] = &c.Speakers[i]
	}
	// Days in order, each with its rooms in order of first use.
	type day struct {
		date  string
		rooms []string
		talks map[string][]int
	}
	var days []*day
	byDate := map[string]*day{}
	first, last := "", ""
	for i := range c.Talks {
		t := &c.Talks[i]
		if t.Start.IsZero() {
			continue
		}
		date := t.Start.Format(time.DateOnly)
		d := byDate[date]
		if d == nil {
			d = &day{date: date, talks: map[string][]int{}}
			byDate[date] = d
			days = append(days, d)
		}
		if _, ok := d.talks[t.Room]; !ok {
			d.rooms = append(d.rooms, t.Room)
		}
		d.talks[t.Room] = append(d.talks[t.Room], i)
		if first == "" || date < first {
			first = date
		}
		last = max(last, date)
	}
	slices.SortFunc(days, func(a, b *day) int {
		if a.date < b.date {
			return -1
		}
		if a.date > b.date {
			return 1
		}
		return 0
	})
	head := map[string]any{
		"acronym": acronym, "title": title, "start": first, "end": last,
		"time_zone_name": c.Event.TimeZone, "city": c.Event.City, "venue": c.Event.Venue,
	}
	hb, err := json.Marshal(head)
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, `{"$schema":"https://c3voc.de/schedule/schema.json","schedule":{"version":"gen","base_url":"https://gen.example.org/","conference":%s,"days":[`, hb[:len(hb)-1])
	// The days go inside the conference object, as frab writes them.
	for k, d := range days {
		if k > 0 {
			bw.WriteByte(',')
		}
		fmt.Fprintf(bw, `{"index":%d,"date":%q,"rooms":{`, k+1, d.date)
		for r, room := range d.rooms {
			if r > 0 {
				bw.WriteByte(',')
			}
			rb, _ := json.Marshal(room)
			bw.Write(rb)
			bw.WriteString(":[")
			for e, i := range d.talks[room] {
				if e > 0 {
					bw.WriteByte(',')
				}
				if err := writeFrabEvent(bw, c, &c.Talks[i], i, speakers); err != nil {
					return err
				}
			}
			bw.WriteByte(']')
		}
		bw.WriteString("}}")
	}
	bw.WriteString("]}}}\n")
	return bw.Flush()
}

// frabEventOut is one event as schedule.json has it.
type frabEventOut struct {
	GUID        string          `json:"guid"`
	ID          int             `json:"id"`
	Date        string          `json:"date"`
	Start       string          `json:"start"`
	Duration    string          `json:"duration"`
	Room        string          `json:"room"`
	Slug        string          `json:"slug"`
	Title       string          `json:"title"`
	Subtitle    string          `json:"subtitle"`
	Track       string          `json:"track"`
	Type        string          `json:"type"`
	Language    string          `json:"language"`
	Abstract    string          `json:"abstract"`
	Description string          `json:"description"`
	Persons     []frabPersonOut `json:"persons"`
	Links       []frabLinkOut   `json:"links"`
	Attachments []frabLinkOut   `json:"attachments"`
}

type frabPersonOut struct {
	GUID       string `json:"guid"`
	PublicName string `json:"public_name"`
}

type frabLinkOut struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

func writeFrabEvent(w io.Writer, c *model.Catalogue, t *model.Talk, i int, speakers map[string]*model.Speaker) error {
	e := frabEventOut{
		GUID:     fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
		ID:       i + 1,
		Date:     t.Start.Format(time.RFC3339),
		Start:    t.Start.Format("15:04"),
		Duration: fmt.Sprintf("%02d:%02d", int(t.Duration.Hours()), int(t.Duration.Minutes())%60),
		Room:     t.Room, Slug: t.ID, Title: t.Title, Subtitle: t.Subtitle, Track: t.Track,
		Type: t.Kind, Language: t.Language, Abstract: t.Summary,
		Persons: []frabPersonOut{}, Links: []frabLinkOut{}, Attachments: []frabLinkOut{},
	}
	for _, id := range t.Speakers {
		if s, ok := speakers[id]; ok {
			e.Persons = append(e.Persons, frabPersonOut{GUID: "p-" + s.ID, PublicName: s.Name})
		}
	}
	for _, l := range t.Links {
		if l.Kind == model.LinkSlides {
			e.Attachments = append(e.Attachments, frabLinkOut{URL: l.URL, Title: l.Label})
		} else {
			e.Links = append(e.Links, frabLinkOut{URL: l.URL, Title: l.Label})
		}
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
