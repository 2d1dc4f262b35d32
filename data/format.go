package data

import (
	"fmt"
	"time"

	"cndtalks/model"
)

// knownLinkKinds are the link kinds a catalogue file may use.
var knownLinkKinds = model.LinkKinds

// formatProblems checks what the file format requires beyond
// model.Validate: link kinds from the known set (a typo like "slide" would
// hide the link from "open --slides"), and dates as YYYY-MM-DD.
func formatProblems(c *model.Catalogue) []model.Problem {
	var ps []model.Problem
	checkLinks := func(links []model.Link, path string) {
		for i, l := range links {
			if l.Kind != "" && !knownLinkKind(l.Kind) {
				ps = append(ps, model.Problem{
					Path: fmt.Sprintf("%s[%d].kind", path, i),
					Msg:  fmt.Sprintf("unknown link kind %q (expected one of slides, recording, video, page, paper, web, community, feedback)", model.SanitizeLine(string(l.Kind))),
				})
			}
		}
	}
	checkLinks(c.Event.Links, "event.links")
	checkLinks(c.Event.Community, "event.community")
	if c.Event.EndDate != "" && !isDate(c.Event.EndDate) {
		ps = append(ps, model.Problem{Path: "event.end_date", Msg: fmt.Sprintf("expected a date as YYYY-MM-DD, got %q", c.Event.EndDate)})
	}
	for i := range c.Talks {
		t := &c.Talks[i]
		checkLinks(t.Links, fmt.Sprintf("talks[%d].links", i))
		if t.Day != "" && !isDate(t.Day) {
			ps = append(ps, model.Problem{Path: fmt.Sprintf("talks[%d].day", i), Msg: fmt.Sprintf("expected a date as YYYY-MM-DD, got %q", t.Day)})
		}
	}
	return ps
}

func knownLinkKind(k model.LinkKind) bool {
	for _, x := range knownLinkKinds {
		if x == k {
			return true
		}
	}
	return false
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
