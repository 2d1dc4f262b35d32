package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReadingListOptions says what a reading list is of.
type ReadingListOptions struct {
	// Query is the query that chose the talks, "" for all of them.
	Query string
	// Marks, when not nil, ticks the watched talks, stars the starred
	// ones and notes overlaps between starred talks.
	Marks Marks
	// Date is the day of the export; zero leaves it out.
	Date time.Time
}

// ReadingList renders the talks at the given indexes (nil means every talk)
// as a Markdown reading list: a task list, one item per talk with its
// speakers, time and room when known, the first paragraph of its summary
// and its links, ticked when watched. Talks are in programme order, grouped
// by day when the catalogue has a schedule and otherwise by kind.
func (c *Catalogue) ReadingList(indexes []int, opts ReadingListOptions) string {
	if indexes == nil {
		indexes = make([]int, len(c.Talks))
		for i := range indexes {
			indexes[i] = i
		}
	}
	var talks []int
	for _, i := range indexes {
		if i >= 0 && i < len(c.Talks) {
			talks = append(talks, i)
		}
	}
	slices.Sort(talks)
	talks = slices.Compact(talks)

	var b strings.Builder
	fmt.Fprintf(&b, "# Reading list: %s\n\n", EscapeMarkdown(c.Event.Name))
	intro := countNoun(len(talks), "talk")
	if q := SanitizeLine(opts.Query); q != "" {
		intro += " matching " + codeSpan(q)
	} else if len(talks) == len(c.Talks) {
		intro = "All " + intro
	}
	if !opts.Date.IsZero() {
		intro += ", exported on " + opts.Date.Format("2 January 2006")
	}
	b.WriteString(intro + ".\n")

	var conflicts Conflicts
	if opts.Marks != nil {
		conflicts = FindConflicts(c, opts.Marks)
	}
	for _, g := range c.readingGroups(talks) {
		fmt.Fprintf(&b, "\n## %s\n\n", g.title)
		for _, i := range g.talks {
			c.readingItem(&b, i, opts.Marks, conflicts)
		}
	}
	return b.String()
}

type readingGroup struct {
	title string
	talks []int
}

// readingGroups splits talks (in programme order) by day when any of them
// has a day or time, else by kind, groups in order of first appearance; on
// days talks are in time order.
func (c *Catalogue) readingGroups(talks []int) []readingGroup {
	byDay := false
	for _, i := range talks {
		if c.Talks[i].Day != "" || c.Talks[i].HasSchedule() {
			byDay = true
			break
		}
	}
	var groups []readingGroup
	at := map[string]int{}
	for _, i := range talks {
		t := &c.Talks[i]
		var key, title string
		if byDay {
			key = t.Day
			if key == "" && t.HasSchedule() {
				key = t.Start.Format(time.DateOnly)
			}
			title = "Unscheduled"
			if d, err := time.Parse(time.DateOnly, key); err == nil {
				title = d.Format("Monday 2 January 2006")
			} else if key != "" {
				title = EscapeMarkdown(key)
			}
		} else {
			key = strings.ToLower(SanitizeLine(t.Kind))
			title = "Other"
			if key != "" {
				title = EscapeMarkdown(capitalise(SanitizeLine(t.Kind)))
			}
		}
		g, ok := at[key]
		if !ok {
			g = len(groups)
			at[key] = g
			groups = append(groups, readingGroup{title: title})
		}
		groups[g].talks = append(groups[g].talks, i)
	}
	if byDay {
		// Days in date order, unscheduled talks last; times within a day.
		slices.SortStableFunc(groups, func(a, b readingGroup) int {
			return strings.Compare(c.groupDay(a), c.groupDay(b))
		})
		for _, g := range groups {
			slices.SortStableFunc(g.talks, func(a, b int) int {
				return c.Talks[a].Start.Compare(c.Talks[b].Start)
			})
		}
	} else {
		for k := range groups {
			if len(groups[k].talks) > 1 && groups[k].title != "Other" {
				groups[k].title += "s"
			}
		}
	}
	return groups
}

// groupDay is a day group's sort key; "~" sorts unscheduled talks last.
func (c *Catalogue) groupDay(g readingGroup) string {
	t := &c.Talks[g.talks[0]]
	switch {
	case t.Day != "":
		return t.Day
	case t.HasSchedule():
		return t.Start.Format(time.DateOnly)
	}
	return "~"
}

// readingItem writes one task-list item: the title line, then speakers,
// time and place, summary, links and overlaps, one per line, joined by
// hard line breaks (a trailing backslash) so they render as lines.
func (c *Catalogue) readingItem(b *strings.Builder, i int, marks Marks, conflicts Conflicts) {
	t := &c.Talks[i]
	box := "[ ]"
	if marks != nil && marks.Watched(t.ID) {
		box = "[x]"
	}
	head := "- " + box + " "
	if marks != nil && marks.Starred(t.ID) {
		head += "★ "
	}
	head += "**" + EscapeMarkdown(t.Title) + "**"
	if t.Subtitle != "" {
		head += ": *" + EscapeMarkdown(t.Subtitle) + "*"
	}
	lines := []string{head}

	if names := c.speakerNames(t); names != "" {
		lines = append(lines, names)
	}
	var facts []string
	if t.HasSchedule() {
		when := t.Start.Format("15:04")
		if t.Duration > 0 {
			when += "–" + t.End().Format("15:04")
		}
		facts = append(facts, when+" "+zoneName(t.Start))
	}
	for _, f := range []string{t.Room, t.Track} {
		if f != "" {
			facts = append(facts, EscapeMarkdown(f))
		}
	}
	if len(facts) > 0 {
		lines = append(lines, strings.Join(facts, " · "))
	}
	if p := firstParagraph(MarkdownText(t.Summary)); p != "" {
		lines = append(lines, strings.TrimRight(InertMarkdown(p), `\`))
	}
	var links []string
	for _, l := range t.Links {
		u, err := SafeURL(l.URL)
		if err != nil {
			continue
		}
		text := KindLabel(l.Kind)
		if l.Label != "" {
			text = l.Label
		}
		links = append(links, fmt.Sprintf("[%s](<%s>)", EscapeMarkdown(text), escapeDestination(u.String())))
	}
	if len(links) > 0 {
		lines = append(lines, strings.Join(links, " · "))
	}
	if with := conflicts.With(i); len(with) > 0 {
		titles := make([]string, len(with))
		for k, j := range with {
			titles[k] = "*" + EscapeMarkdown(c.Talks[j].Title) + "*"
		}
		lines = append(lines, "⚠ Overlaps with "+strings.Join(titles, ", "))
	}
	b.WriteString(strings.Join(lines, "\\\n  "))
	b.WriteString("\n")
}

// firstParagraph is the summary's first paragraph on one line, or "" when
// it does not start with plain text (a list, a heading, a quote, code),
// which would not read well squeezed into a list item.
func firstParagraph(md string) string {
	md = strings.TrimSpace(md)
	if end := strings.Index(md, "\n\n"); end >= 0 {
		md = md[:end]
	}
	lines := strings.Fields(md)
	if len(lines) == 0 {
		return ""
	}
	switch first := lines[0]; {
	case strings.HasPrefix(first, "#"), strings.HasPrefix(first, ">"), strings.HasPrefix(first, "```"),
		strings.HasPrefix(first, "~~~"), first == "-", first == "*", first == "+", strings.HasPrefix(first, "|"):
		return ""
	}
	return strings.Join(lines, " ")
}

// codeSpan wraps s in a code span with enough backticks that s cannot close
// it.
func codeSpan(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// zoneName names t's time zone: its abbreviation ("EST", "CET") when it has
// one, else its offset from UTC ("UTC-05:00"), as schedules with numeric
// offsets give.
func zoneName(t time.Time) string {
	name, offset := t.Zone()
	switch {
	case name != "" && name[0] != '+' && name[0] != '-':
		return name
	case offset == 0:
		return "UTC"
	}
	return "UTC" + t.Format("-07:00")
}
