package model

import (
	"fmt"
	"slices"
	"time"
)

// Dates and days as people write them, for a catalogue with times: the
// list's day headers ("Saturday 4 February"), the event's dates ("4–5
// February 2023") and a talk's times ("11:00–11:25"). Times are shown in
// the zone the schedule gave them (the conference's).

// ProgrammeDay is the day the programme lists t under (YYYY-MM-DD): the
// schedule's own day when it has one (a talk at 01:00 belongs to the
// evening before, as at 39C3), else the date of its start. It is "" for a
// talk without a time or a day.
func (t *Talk) ProgrammeDay() string {
	if t.Day != "" {
		return t.Day
	}
	if t.HasSchedule() {
		return t.Start.Format(time.DateOnly)
	}
	return ""
}

// DayLabel is a programme day for a header, "Saturday 4 February"; a day
// that is not a date is returned as it is.
func DayLabel(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.Format("Monday 2 January")
}

// ShortDayLabel is a day for a narrow column, "Sat 4 Feb".
func ShortDayLabel(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.Format("Mon 2 Jan")
}

// DateRange writes the days from first to last (YYYY-MM-DD) as people do:
// "4 February 2023", "4–5 February 2023", "28 February – 2 March 2023",
// "30 December 2025 – 2 January 2026". A last day before the first, or
// one that is not a date, is left out; a first day that is not a date is
// returned as it is.
func DateRange(first, last string) string {
	a, err := time.Parse(time.DateOnly, first)
	if err != nil {
		return first
	}
	b, err := time.Parse(time.DateOnly, last)
	if err != nil || !b.After(a) {
		return a.Format("2 January 2006")
	}
	switch {
	case a.Year() != b.Year():
		return a.Format("2 January 2006") + " – " + b.Format("2 January 2006")
	case a.Month() != b.Month():
		return a.Format("2 January") + " – " + b.Format("2 January 2006")
	}
	return fmt.Sprintf("%d–%s", a.Day(), b.Format("2 January 2006"))
}

// Days returns the programme days of c's talks, in date order, each once.
func (c *Catalogue) Days() []string {
	seen := map[string]bool{}
	var days []string
	for i := range c.Talks {
		if d := c.Talks[i].ProgrammeDay(); d != "" && !seen[d] {
			seen[d] = true
			days = append(days, d)
		}
	}
	slices.Sort(days)
	return days
}

// Dates is the event's dates for people: its own first and last day when
// it names them, else its talks' first and last programme days; "" when
// neither is known.
func (c *Catalogue) Dates() string {
	ev := &c.Event
	first, last := ev.Date, ev.EndDate
	if days := c.Days(); len(days) > 0 {
		if first == "" {
			first = days[0]
		}
		if last == "" {
			last = days[len(days)-1]
		}
	}
	if first == "" {
		return ""
	}
	return DateRange(first, last)
}

// TimeSpan is a talk's start and end, "11:00–11:25", or its start alone
// when it has no length; "" without a time.
func TimeSpan(t *Talk) string {
	if !t.HasSchedule() {
		return ""
	}
	if t.Duration <= 0 {
		return t.Start.Format("15:04")
	}
	return t.Start.Format("15:04") + "–" + t.End().Format("15:04")
}

// TimeSorted reports whether c's talks are in time order: the talks with a
// time first, by start, then those without. Imported schedules are; a
// hand-written catalogue may not be.
func (c *Catalogue) TimeSorted() bool {
	var prev *Talk
	for i := range c.Talks {
		t := &c.Talks[i]
		if prev != nil {
			switch {
			case !prev.HasSchedule() && t.HasSchedule():
				return false
			case prev.HasSchedule() && t.HasSchedule() && t.Start.Before(prev.Start):
				return false
			}
		}
		prev = t
	}
	return true
}
