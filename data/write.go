package data

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"go.yaml.in/yaml/v3"

	"cndtalks/model"
)

// fileCatalogue is a catalogue as the cndtalks file format spells it: the
// model's own shape, except that a talk's schedule fields are text
// ("start": "2019-06-11T09:30:00-04:00", "duration": "30m") in JSON as in
// YAML. It serves both decoding JSON and writing either format.
type fileCatalogue struct {
	Event    model.Event     `json:"event" yaml:"event"`
	Speakers []model.Speaker `json:"speakers" yaml:"speakers"`
	Talks    []fileTalk      `json:"talks" yaml:"talks"`
}

type fileTalk struct {
	ID       string       `json:"id" yaml:"id"`
	Title    string       `json:"title" yaml:"title"`
	Subtitle string       `json:"subtitle,omitempty" yaml:"subtitle,omitempty"`
	Kind     string       `json:"kind" yaml:"kind"`
	Order    int          `json:"order" yaml:"order"`
	Speakers []string     `json:"speakers,omitempty" yaml:"speakers,omitempty,flow"`
	Summary  string       `json:"summary,omitempty" yaml:"summary,omitempty"`
	Topics   []string     `json:"topics,omitempty" yaml:"topics,omitempty,flow"`
	Links    []model.Link `json:"links,omitempty" yaml:"links,omitempty"`
	Language string       `json:"language,omitempty" yaml:"language,omitempty"`
	Start    string       `json:"start,omitempty" yaml:"start,omitempty"`
	Duration string       `json:"duration,omitempty" yaml:"duration,omitempty"`
	Room     string       `json:"room,omitempty" yaml:"room,omitempty"`
	Track    string       `json:"track,omitempty" yaml:"track,omitempty"`
	Day      string       `json:"day,omitempty" yaml:"day,omitempty"`
}

func toFile(c *model.Catalogue) *fileCatalogue {
	f := &fileCatalogue{Event: c.Event, Speakers: c.Speakers, Talks: make([]fileTalk, len(c.Talks))}
	for i := range c.Talks {
		t := &c.Talks[i]
		ft := fileTalk{
			ID: t.ID, Title: t.Title, Subtitle: t.Subtitle, Kind: t.Kind, Order: t.Order,
			Speakers: t.Speakers, Summary: t.Summary, Topics: t.Topics, Links: t.Links,
			Language: t.Language, Room: t.Room, Track: t.Track, Day: t.Day,
		}
		if !t.Start.IsZero() {
			ft.Start = t.Start.Format(time.RFC3339)
		}
		if t.Duration > 0 {
			ft.Duration = formatDuration(t.Duration)
		}
		f.Talks[i] = ft
	}
	return f
}

// formatDuration writes 30m and 1h15m rather than Go's 30m0s and 1h15m0s.
func formatDuration(d time.Duration) string {
	s := d.String()
	if len(s) > 2 && s[len(s)-2:] == "0s" && d >= time.Minute && d%time.Minute == 0 {
		s = s[:len(s)-2]
		if len(s) > 2 && s[len(s)-2:] == "0m" && d%time.Hour == 0 {
			s = s[:len(s)-2]
		}
	}
	return s
}

// WriteJSON writes c in the cndtalks JSON catalogue format, which Parse and
// LoadFile read back unchanged.
func WriteJSON(w io.Writer, c *model.Catalogue) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(toFile(c)); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteYAML writes c in the cndtalks YAML catalogue format (the format of
// the embedded catalogue), which Parse and LoadFile read back unchanged.
func WriteYAML(w io.Writer, c *model.Catalogue) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := yaml.NewEncoder(bw)
	enc.SetIndent(2)
	if err := enc.Encode(toFile(c)); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return bw.Flush()
}
