package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Now and next: for a moment of a conference, what is on in every room
// and what comes next there, as a conference app's "now" screen shows it.

// Location is the zone of c's times: the event's named zone when it is one
// Go knows, else the zone of its first talk's start, else UTC.
func (c *Catalogue) Location() *time.Location {
	if tz := c.Event.TimeZone; tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	for i := range c.Talks {
		if t := &c.Talks[i]; t.HasSchedule() {
			return t.Start.Location()
		}
	}
	return time.UTC
}

// momentLayouts are the forms ParseMoment reads besides RFC 3339.
var momentLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}

// MomentSyntax describes what ParseMoment accepts, for error messages.
const MomentSyntax = `RFC 3339 ("2023-02-04T11:00:00+01:00") or "YYYY-MM-DD HH:MM" in the event's time zone`

// ParseMoment reads a moment given on the command line: RFC 3339 with its
// own offset, or "YYYY-MM-DD HH:MM" (seconds optional, a T instead of the
// space accepted) in loc.
func ParseMoment(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range momentLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s is not a time: expected %s", QuoteLine(s), MomentSyntax)
}

// Phase is where a moment falls in a conference.
type Phase int

const (
	// Before the first talk starts.
	Before Phase = iota
	// During the conference (between its first start and its last end),
	// breaks and nights included.
	During
	// After the last talk ended.
	After
)

// RoomNow is one room's line of a Board: the talks on now (usually one;
// more when the schedule overlaps them) and the next to start there.
type RoomNow struct {
	Room string
	// Now are the indexes (into Catalogue.Talks) of the talks running at
	// the board's moment, in start order.
	Now []int
	// Next is the first talk to start after the moment, -1 when none does
	// on the same programme day.
	Next int
}

// Board is what is on now and next, room by room, at a moment.
type Board struct {
	At    time.Time
	Phase Phase
	// First and Last are the conference's first start and last end.
	First, Last time.Time
	// Rooms are the rooms with a talk on now or later the same day, in the
	// order the programme first lists them. Before the conference (or at
	// night, when nothing more happens that day) they hold the next
	// programme day's first talks.
	Rooms []RoomNow
	// Resumes is when the next talk starts when nothing is on now in any
	// room (zero otherwise, or when nothing is left).
	Resumes time.Time
}

// nextWithin is how far ahead a room whose day is over still shows its
// next talk: overnight, not from the afternoon before.
const nextWithin = 12 * time.Hour

// end is when a talk stops counting as on now: its end, or a minute after
// its start when it has no length.
func end(t *Talk) time.Time {
	if t.Duration <= 0 {
		return t.Start.Add(time.Minute)
	}
	return t.End()
}

// NowNext builds the board of c at moment at. A talk is on now from its
// start (included) to its end (excluded). A room's next talk is taken
// from the programme day of the moment, or, when nothing runs now and
// nothing more starts that day, from the next day that has talks; a room
// whose day is over shows its next day's first talk when it starts within
// 12 hours, and is left out otherwise.
func NowNext(c *Catalogue, at time.Time) Board {
	b := Board{At: at}
	var rooms []string
	byRoom := map[string][]int{}
	for i := range c.Talks {
		t := &c.Talks[i]
		if !t.HasSchedule() {
			continue
		}
		if b.First.IsZero() || t.Start.Before(b.First) {
			b.First = t.Start
		}
		if e := end(t); e.After(b.Last) {
			b.Last = e
		}
		if _, ok := byRoom[t.Room]; !ok {
			rooms = append(rooms, t.Room)
		}
		byRoom[t.Room] = append(byRoom[t.Room], i)
	}
	switch {
	case b.First.IsZero() || at.Before(b.First):
		b.Phase = Before
	case !at.Before(b.Last):
		b.Phase = After
		return b
	default:
		b.Phase = During
	}
	for _, r := range rooms {
		slices.SortStableFunc(byRoom[r], func(x, y int) int { return c.Talks[x].Start.Compare(c.Talks[y].Start) })
	}
	// The programme day the moment belongs to: that of a talk on now or of
	// the last talk started before it, when it is still the same day.
	day := ""
	var nextStart time.Time
	for _, r := range rooms {
		for _, i := range byRoom[r] {
			t := &c.Talks[i]
			if !t.Start.After(at) && at.Before(end(t)) {
				day = t.ProgrammeDay()
			}
			if t.Start.After(at) && (nextStart.IsZero() || t.Start.Before(nextStart)) {
				nextStart = t.Start
			}
		}
	}
	if day == "" {
		// Nothing on now: the day goes on if something starts later on the
		// calendar day of the moment or its programme day continues.
		day = sameDayNext(c, rooms, byRoom, at)
	}
	for _, r := range rooms {
		rn := RoomNow{Room: r, Next: -1}
		later := -1 // the room's first talk after the moment, whatever its day
		for _, i := range byRoom[r] {
			t := &c.Talks[i]
			switch {
			case !t.Start.After(at) && at.Before(end(t)):
				rn.Now = append(rn.Now, i)
			case t.Start.After(at) && rn.Next < 0 && t.ProgrammeDay() == day:
				rn.Next = i
			}
			if later < 0 && t.Start.After(at) {
				later = i
			}
		}
		if rn.Next < 0 && later >= 0 && c.Talks[later].Start.Sub(at) <= nextWithin {
			// The room's day is over, but its next day starts soon (a
			// night at the conference).
			rn.Next = later
		}
		if len(rn.Now) > 0 || rn.Next >= 0 {
			b.Rooms = append(b.Rooms, rn)
		}
	}
	onNow := false
	for _, rn := range b.Rooms {
		onNow = onNow || len(rn.Now) > 0
	}
	if !onNow {
		b.Resumes = nextStart
	}
	return b
}

// sameDayNext picks the programme day whose next talks a board shows when
// nothing is on now: that of the next talk to start.
func sameDayNext(c *Catalogue, rooms []string, byRoom map[string][]int, at time.Time) string {
	best := -1
	for _, r := range rooms {
		for _, i := range byRoom[r] {
			if c.Talks[i].Start.After(at) {
				if best < 0 || c.Talks[i].Start.Before(c.Talks[best].Start) {
					best = i
				}
				break
			}
		}
	}
	if best < 0 {
		return ""
	}
	return c.Talks[best].ProgrammeDay()
}

// Left is how long talk t has to run at moment at, rounded up to the
// minute ("12 min left" while 11 min 20 s remain).
func Left(t *Talk, at time.Time) time.Duration {
	d := t.End().Sub(at)
	if d <= 0 {
		return 0
	}
	return (d + time.Minute - 1).Truncate(time.Minute)
}

// Until says how far off a moment is, for people: "in 25 min", "in 2 h 5
// min", "tomorrow", "in 3 days".
func Until(d time.Duration) string {
	d = (d + time.Minute - 1).Truncate(time.Minute)
	switch {
	case d < time.Minute:
		return "starting now"
	case d < time.Hour:
		return fmt.Sprintf("in %d min", int(d.Minutes()))
	case d < 24*time.Hour:
		h, m := int(d.Hours()), int(d.Minutes())%60
		if m == 0 {
			return fmt.Sprintf("in %d h", h)
		}
		return fmt.Sprintf("in %d h %d min", h, m)
	}
	days := int(d.Hours()+12) / 24
	if days == 1 {
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", days)
}

// Minutes is a length for people: "25 min", "1 h 30 min", "2 h".
func Minutes(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// Headline says where a board's moment falls, in one sentence: "The
// conference starts in 3 days (Saturday 4 February 09:30)", "Nothing on
// now: talks resume in 40 min (11:00)", "The conference is over: it ended
// Sunday 5 February 18:00". It is "" while talks are on.
func (b Board) Headline() string {
	switch b.Phase {
	case Before:
		if b.First.IsZero() {
			return "This catalogue has no times"
		}
		when := b.First.Format("Monday 2 January 15:04")
		return fmt.Sprintf("The conference starts %s (%s); its first talks:", Until(b.First.Sub(b.At)), when)
	case After:
		return "The conference is over: it ended " + b.Last.Format("Monday 2 January 2006 15:04")
	}
	if !b.Resumes.IsZero() {
		when := b.Resumes.Format("15:04")
		if b.Resumes.Format(time.DateOnly) != b.At.Format(time.DateOnly) {
			when = b.Resumes.Format("Monday 2 January 15:04")
		}
		return fmt.Sprintf("Nothing on now: talks resume %s (%s)", Until(b.Resumes.Sub(b.At)), when)
	}
	return ""
}
