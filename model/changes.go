package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ChangeSet is what one update of a stored schedule changed, talk by talk,
// compared by talk ID: the talks added, removed (cancelled), moved (day,
// time or room), retitled, or given other speakers. It is what 'cndtalks
// update' prints, what 'cndtalks changes' prints again, and what the
// browser marks. Its JSON is the shape of 'changes --json'.
type ChangeSet struct {
	// Updated is when the update that found the changes ran.
	Updated time.Time `json:"updated"`
	// Talks are the changed talks: those of the new copy in its programme
	// order, then the removed ones in the old copy's order.
	Talks []TalkChange `json:"talks"`

	index map[string]int
}

// TalkChange is one talk's changes.
type TalkChange struct {
	ID string `json:"id"`
	// Title is the talk's title now (for a removed talk, its last one).
	Title   string `json:"title"`
	Added   bool   `json:"added,omitempty"`
	Removed bool   `json:"removed,omitempty"`
	// Moved says the day, the time or the room changed: From is where and
	// when the talk was, To where and when it is. A removed talk has From
	// only; an added one To only.
	Moved bool  `json:"moved,omitempty"`
	From  *Slot `json:"from,omitempty"`
	To    *Slot `json:"to,omitempty"`
	// OldTitle is set when the talk was retitled.
	OldTitle string `json:"old_title,omitempty"`
	// OldSpeakers and Speakers (names, in order) are set when the speakers
	// changed.
	SpeakersChanged bool     `json:"speakers_changed,omitempty"`
	OldSpeakers     []string `json:"old_speakers,omitempty"`
	Speakers        []string `json:"speakers,omitempty"`
}

// Slot is when and where a talk is.
type Slot struct {
	Start time.Time `json:"start,omitzero"`
	Day   string    `json:"day,omitempty"`
	Room  string    `json:"room,omitempty"`
}

// String is "Sat 11:00 Janson" in the zone the schedule gave the time, or
// what of it is known; "" when nothing is.
func (s *Slot) String() string {
	if s == nil {
		return ""
	}
	var parts []string
	if !s.Start.IsZero() {
		parts = append(parts, s.Start.Format("Mon 15:04"))
	} else if s.Day != "" {
		parts = append(parts, SanitizeLine(s.Day))
	}
	if r := SanitizeLine(s.Room); r != "" {
		parts = append(parts, r)
	}
	return strings.Join(parts, " ")
}

func slotOf(t *Talk) *Slot {
	if t.Start.IsZero() && t.Day == "" && t.Room == "" {
		return nil
	}
	return &Slot{Start: t.Start, Day: t.Day, Room: t.Room}
}

// Diff compares two copies of a catalogue by talk ID. A talk listed twice
// under one ID (a malformed source) counts by its first listing.
func Diff(old, cur *Catalogue) *ChangeSet {
	cs := &ChangeSet{Talks: []TalkChange{}}
	before := make(map[string]int, len(old.Talks))
	for i := range old.Talks {
		if _, dup := before[old.Talks[i].ID]; !dup {
			before[old.Talks[i].ID] = i
		}
	}
	seen := make(map[string]bool, len(cur.Talks))
	for i := range cur.Talks {
		t := &cur.Talks[i]
		if seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		j, ok := before[t.ID]
		if !ok {
			cs.Talks = append(cs.Talks, TalkChange{ID: t.ID, Title: t.Title, Added: true, To: slotOf(t)})
			continue
		}
		o := &old.Talks[j]
		c := TalkChange{ID: t.ID, Title: t.Title}
		changed := false
		if !o.Start.Equal(t.Start) || o.Day != t.Day || o.Room != t.Room {
			c.Moved, c.From, c.To, changed = true, slotOf(o), slotOf(t), true
		}
		if o.Title != t.Title {
			c.OldTitle, changed = o.Title, true
		}
		if was, now := speakerNames(old, o), speakerNames(cur, t); !slices.Equal(was, now) {
			c.SpeakersChanged, c.OldSpeakers, c.Speakers, changed = true, was, now, true
		}
		if changed {
			cs.Talks = append(cs.Talks, c)
		}
	}
	for i := range old.Talks {
		o := &old.Talks[i]
		if seen[o.ID] || before[o.ID] != i {
			continue
		}
		cs.Talks = append(cs.Talks, TalkChange{ID: o.ID, Title: o.Title, Removed: true, From: slotOf(o)})
	}
	cs.Index()
	return cs
}

// speakerNames are a talk's speakers' names, in order: what a reader sees,
// whatever IDs an importer gave them.
func speakerNames(c *Catalogue, t *Talk) []string {
	out := make([]string, 0, len(t.Speakers))
	for _, s := range c.TalkSpeakers(t) {
		out = append(out, s.Name)
	}
	return out
}

// Empty reports whether nothing changed.
func (cs *ChangeSet) Empty() bool { return cs == nil || len(cs.Talks) == 0 }

// Index builds the lookup table of Find. Diff calls it; call it after
// decoding a change set. Find is safe for concurrent readers once it ran;
// before that it scans.
func (cs *ChangeSet) Index() {
	cs.index = make(map[string]int, len(cs.Talks))
	for i := range cs.Talks {
		if _, dup := cs.index[cs.Talks[i].ID]; !dup {
			cs.index[cs.Talks[i].ID] = i
		}
	}
}

// Find returns the change of the talk with this ID.
func (cs *ChangeSet) Find(id string) (*TalkChange, bool) {
	if cs == nil {
		return nil, false
	}
	if cs.index == nil {
		for i := range cs.Talks {
			if cs.Talks[i].ID == id {
				return &cs.Talks[i], true
			}
		}
		return nil, false
	}
	i, ok := cs.index[id]
	if !ok {
		return nil, false
	}
	return &cs.Talks[i], true
}

// Changed reports whether the talk with this ID is in the change set (and
// still listed: a removed talk is not in the catalogue to match).
func (cs *ChangeSet) Changed(id string) bool {
	c, ok := cs.Find(id)
	return ok && !c.Removed
}

// Summary counts the changes: "2 added, 1 removed, 3 moved, 1 retitled,
// 1 with other speakers", or "no talk changed".
func (cs *ChangeSet) Summary() string {
	var added, removed, moved, retitled, speakers int
	if cs != nil {
		for i := range cs.Talks {
			c := &cs.Talks[i]
			switch {
			case c.Added:
				added++
			case c.Removed:
				removed++
			default:
				if c.Moved {
					moved++
				}
				if c.OldTitle != "" {
					retitled++
				}
				if c.SpeakersChanged {
					speakers++
				}
			}
		}
	}
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{added, "added"}, {removed, "removed"}, {moved, "moved"}, {retitled, "retitled"}, {speakers, "with other speakers"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return "no talk changed"
	}
	return strings.Join(parts, ", ")
}

// Lines say what changed in a talk, one change a line, sanitised: "new
// since the last update", "removed (was Sat 11:00 Janson)", "moved from Sat
// 11:00 Janson to Sun 10:00 K.1.105", "retitled from “Old title”",
// "speakers were Ana Lima, Bo Chen; now Ana Lima".
func (c *TalkChange) Lines() []string {
	switch {
	case c.Added:
		return []string{"new since the last update"}
	case c.Removed:
		if s := c.From.String(); s != "" {
			return []string{"removed (was " + s + ")"}
		}
		return []string{"removed"}
	}
	var out []string
	if c.Moved {
		from, to := c.From.String(), c.To.String()
		switch {
		case from == "":
			out = append(out, "now "+to+" (it had no time or room)")
		case to == "":
			out = append(out, "moved from "+from+" (no time or room now)")
		default:
			out = append(out, "moved from "+from+" to "+to)
		}
	}
	if c.OldTitle != "" {
		out = append(out, "retitled from “"+SanitizeLine(c.OldTitle)+"”")
	}
	if c.SpeakersChanged {
		out = append(out, "speakers were "+nameList(c.OldSpeakers)+"; now "+nameList(c.Speakers))
	}
	return out
}

// Mark is the one-character badge of a change for list rows: + added,
// - removed, ~ otherwise.
func (c *TalkChange) Mark() string {
	switch {
	case c.Added:
		return "+"
	case c.Removed:
		return "-"
	}
	return "~"
}

func nameList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = SanitizeLine(n)
	}
	return strings.Join(out, ", ")
}

// WithChanges returns marks that also answer is:changed from cs; marks may
// be nil (nothing starred or watched).
func WithChanges(marks Marks, cs *ChangeSet) Marks {
	return changeMarks{Marks: marks, cs: cs}
}

// ChangeMarks is a Marks that knows which talks the last update changed,
// for is:changed.
type ChangeMarks interface {
	Marks
	Changed(talkID string) bool
}

type changeMarks struct {
	Marks
	cs *ChangeSet
}

func (m changeMarks) Starred(id string) bool { return m.Marks != nil && m.Marks.Starred(id) }
func (m changeMarks) Watched(id string) bool { return m.Marks != nil && m.Marks.Watched(id) }
func (m changeMarks) Changed(id string) bool { return m.cs.Changed(id) }
