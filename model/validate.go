package model

import (
	"fmt"
	"strings"
	"time"
)

// Problem is one thing wrong with a catalogue. Path names the field the way
// the catalogue file spells it (talks[3].links[0].url), so a loader can map
// it back to a line.
type Problem struct {
	Path string
	Msg  string
}

func (p Problem) String() string { return p.Path + ": " + p.Msg }

// ValidationError lists every problem found in a catalogue.
type ValidationError []Problem

func (e ValidationError) Error() string {
	parts := make([]string, len(e))
	for i, p := range e {
		parts[i] = p.String()
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return fmt.Sprintf("%d problems: %s", len(parts), strings.Join(parts, "; "))
}

// Validate reports every problem at once: required fields, unique IDs,
// speaker references that resolve, and links that are absolute http(s) URLs.
// It returns nil for a valid catalogue, else a ValidationError.
func (c *Catalogue) Validate() error {
	var ps ValidationError
	add := func(path, format string, args ...any) {
		ps = append(ps, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
	}

	if strings.TrimSpace(c.Event.Name) == "" {
		add("event.name", "is required")
	}
	if c.Event.Date != "" {
		if _, err := time.Parse(time.DateOnly, c.Event.Date); err != nil {
			add("event.date", "expected a date as YYYY-MM-DD, got %q", SanitizeLine(c.Event.Date))
		}
	}
	if c.Event.TimeZone != "" {
		if _, err := time.LoadLocation(c.Event.TimeZone); err != nil {
			add("event.time_zone", "unknown time zone %q", SanitizeLine(c.Event.TimeZone))
		}
	}
	validateLinks(c.Event.Links, "event.links", add)
	validateLinks(c.Event.Community, "event.community", add)

	speakers := make(map[string]int, len(c.Speakers))
	for i, s := range c.Speakers {
		path := fmt.Sprintf("speakers[%d]", i)
		switch {
		case strings.TrimSpace(s.ID) == "":
			add(path+".id", "is required")
		default:
			if j, dup := speakers[s.ID]; dup {
				add(path+".id", "duplicate speaker ID %q (also speakers[%d])", SanitizeLine(s.ID), j)
			} else {
				speakers[s.ID] = i
			}
		}
		if strings.TrimSpace(s.Name) == "" {
			add(path+".name", "is required")
		}
	}

	talks := make(map[string]int, len(c.Talks))
	for i := range c.Talks {
		t := &c.Talks[i]
		path := fmt.Sprintf("talks[%d]", i)
		switch {
		case strings.TrimSpace(t.ID) == "":
			add(path+".id", "is required")
		default:
			if j, dup := talks[t.ID]; dup {
				add(path+".id", "duplicate talk ID %q (also talks[%d])", SanitizeLine(t.ID), j)
			} else {
				talks[t.ID] = i
			}
		}
		if strings.TrimSpace(t.Title) == "" {
			add(path+".title", "is required")
		}
		for j, id := range t.Speakers {
			if _, ok := speakers[id]; !ok {
				add(fmt.Sprintf("%s.speakers[%d]", path, j), "unknown speaker ID %q", SanitizeLine(id))
			}
		}
		if t.Duration < 0 {
			add(path+".duration", "must not be negative")
		}
		validateLinks(t.Links, path+".links", add)
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

func validateLinks(links []Link, path string, add func(path, format string, args ...any)) {
	for i, l := range links {
		p := fmt.Sprintf("%s[%d]", path, i)
		if l.Kind == "" {
			add(p+".kind", "is required (slides, video, recording, web, paper, community)")
		}
		if _, err := SafeURL(l.URL); err != nil {
			add(p+".url", "expected an absolute http(s) URL: %v", err)
		}
	}
}
