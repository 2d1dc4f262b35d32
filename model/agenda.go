package model

import (
	"fmt"
	"slices"
	"time"
)

// My agenda: the starred talks day by day, the ones that overlap side by
// side, and the free time between them.

// AgendaSlot is one line of a day of the agenda: one starred talk, several
// that overlap (a conflict: FindConflicts decides, and overlaps chain, so
// A–B and B–C make one slot of three), or a free gap between them.
type AgendaSlot struct {
	// Talks index Catalogue.Talks, in start order; empty for a gap.
	Talks []int
	// Start and End span the slot: the earliest start and the latest end
	// of its talks, or the gap.
	Start, End time.Time
	// AtOnce reports, for a conflict, whether every two of its talks
	// overlap; a chain (A–B and B–C, A before C) does not.
	AtOnce bool
}

// ConflictHeading is a conflict's heading: "⚠ 2 talks at once,
// 10:00–10:50" when they all overlap each other, else "⚠ 4 talks overlap,
// 11:00–12:50", as some of them can be seen one after another.
func (s AgendaSlot) ConflictHeading() string {
	span := s.Start.Format("15:04") + "–" + s.End.Format("15:04")
	if s.AtOnce {
		return fmt.Sprintf("⚠ %d talks at once, %s", len(s.Talks), span)
	}
	return fmt.Sprintf("⚠ %d talks overlap, %s", len(s.Talks), span)
}

// Free reports whether the slot is a gap between starred talks.
func (s AgendaSlot) Free() bool { return len(s.Talks) == 0 }

// Conflict reports whether the slot holds talks that overlap.
func (s AgendaSlot) Conflict() bool { return len(s.Talks) > 1 }

// AgendaDay is one programme day of the agenda.
type AgendaDay struct {
	// Day is YYYY-MM-DD (ProgrammeDay).
	Day   string
	Slots []AgendaSlot
}

// Agenda is the starred talks of a catalogue, by day.
type Agenda struct {
	Days []AgendaDay
	// Untimed are the starred talks without a time, in programme order.
	Untimed []int
	// Conflicts counts the slots where starred talks overlap.
	Conflicts int
}

// Empty reports whether nothing is starred.
func (a Agenda) Empty() bool { return len(a.Days) == 0 && len(a.Untimed) == 0 }

// BuildAgenda gathers c's starred talks into an agenda: by programme day,
// in start order, overlapping ones in one slot, and a free slot wherever a
// day's starred talks leave time between them.
func BuildAgenda(c *Catalogue, marks Marks) Agenda {
	var a Agenda
	if marks == nil {
		return a
	}
	cs := FindConflicts(c, marks)
	var timed []int
	for i := range c.Talks {
		t := &c.Talks[i]
		if !marks.Starred(t.ID) {
			continue
		}
		if t.HasSchedule() {
			timed = append(timed, i)
		} else {
			a.Untimed = append(a.Untimed, i)
		}
	}
	slices.SortStableFunc(timed, func(x, y int) int { return c.Talks[x].Start.Compare(c.Talks[y].Start) })
	for _, i := range timed {
		t := &c.Talks[i]
		day := t.ProgrammeDay()
		if len(a.Days) == 0 || a.Days[len(a.Days)-1].Day != day {
			a.Days = append(a.Days, AgendaDay{Day: day})
		}
		d := &a.Days[len(a.Days)-1]
		if n := len(d.Slots); n > 0 && joins(cs, d.Slots[n-1], i) {
			s := &d.Slots[n-1]
			s.Talks = append(s.Talks, i)
			if e := t.End(); e.After(s.End) {
				s.End = e
			}
			continue
		}
		if n := len(d.Slots); n > 0 && t.Start.After(d.Slots[n-1].End) {
			d.Slots = append(d.Slots, AgendaSlot{Start: d.Slots[n-1].End, End: t.Start})
		}
		d.Slots = append(d.Slots, AgendaSlot{Talks: []int{i}, Start: t.Start, End: t.End()})
	}
	for _, d := range a.Days {
		for k := range d.Slots {
			if s := &d.Slots[k]; s.Conflict() {
				a.Conflicts++
				s.AtOnce = allOverlap(cs, s.Talks)
			}
		}
	}
	return a
}

// allOverlap reports whether every two of talks overlap.
func allOverlap(cs Conflicts, talks []int) bool {
	for x, i := range talks {
		for _, j := range talks[x+1:] {
			if !slices.Contains(cs.With(i), j) {
				return false
			}
		}
	}
	return true
}

// joins reports whether talk i overlaps a talk of slot s.
func joins(cs Conflicts, s AgendaSlot, i int) bool {
	for _, j := range cs.With(i) {
		if slices.Contains(s.Talks, j) {
			return true
		}
	}
	return false
}
