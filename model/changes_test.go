package model

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// edited returns a copy of searchCatalogue changed by edit.
func edited(edit func(c *Catalogue)) *Catalogue {
	c := searchCatalogue()
	c.Talks = append([]Talk(nil), c.Talks...)
	edit(c)
	c.Index()
	return c
}

func TestDiff(t *testing.T) {
	zone := time.FixedZone("CET", 3600)
	sat := time.Date(2019, 11, 4, 9, 0, 0, 0, time.UTC).In(zone)
	tests := []struct {
		name    string
		edit    func(c *Catalogue)
		want    []TalkChange
		summary string
	}{
		{"same copy", func(*Catalogue) {}, []TalkChange{}, "no talk changed"},
		{"a talk added at the end", func(c *Catalogue) {
			c.Talks = append(c.Talks, Talk{ID: "t5", Title: "Late addition", Room: "Annex"})
		}, []TalkChange{{ID: "t5", Title: "Late addition", Added: true, To: &Slot{Room: "Annex"}}}, "1 added"},
		{"a talk cancelled", func(c *Catalogue) {
			c.Talks = append(c.Talks[:2], c.Talks[3:]...)
		}, []TalkChange{{ID: "t2", Title: "Hello, Observability", Removed: true,
			From: &Slot{Start: time.Date(2019, 11, 5, 9, 0, 0, 0, time.UTC), Day: "2019-11-05", Room: "Salle Viger"}}}, "1 removed"},
		{"a room change", func(c *Catalogue) { c.Talks[0].Room = "Room 511" }, []TalkChange{{
			ID: "t0", Title: "Kubernetes the Hard Way", Moved: true,
			From: &Slot{Start: sat.UTC(), Day: "2019-11-04", Room: "Salle Viger"},
			To:   &Slot{Start: sat.UTC(), Day: "2019-11-04", Room: "Room 511"}}}, "1 moved"},
		{"the same instant in another zone is no move", func(c *Catalogue) { c.Talks[0].Start = sat }, []TalkChange{}, "no talk changed"},
		{"retitled with new speakers", func(c *Catalogue) {
			c.Talks[2].Title = "Goodbye, Observability"
			c.Talks[2].Speakers = []string{"ps"}
		}, []TalkChange{{ID: "t2", Title: "Goodbye, Observability", OldTitle: "Hello, Observability",
			SpeakersChanged: true, OldSpeakers: []string{"Amélie Tremblay", "Priya Sharma"}, Speakers: []string{"Priya Sharma"}}},
			"1 retitled, 1 with other speakers"},
		{"a speaker's new ID with the same name is no change", func(c *Catalogue) {
			c.Speakers = append(c.Speakers, Speaker{ID: "kh2", Name: "Kelsey Hightower"})
			c.Talks[0].Speakers = []string{"kh2"}
		}, []TalkChange{}, "no talk changed"},
		{"reordered talks are no change", func(c *Catalogue) {
			c.Talks[3], c.Talks[4] = c.Talks[4], c.Talks[3]
		}, []TalkChange{}, "no talk changed"},
		{"added, then removed, in that order", func(c *Catalogue) {
			c.Talks = append([]Talk{{ID: "new", Title: "New"}}, c.Talks[1:]...)
		}, []TalkChange{{ID: "new", Title: "New", Added: true},
			{ID: "t0", Title: "Kubernetes the Hard Way", Removed: true,
				From: &Slot{Start: sat.UTC(), Day: "2019-11-04", Room: "Salle Viger"}}}, "1 added, 1 removed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Diff(searchCatalogue(), edited(tt.edit))
			got := cs.Talks
			for i := range got {
				for _, s := range []*Slot{got[i].From, got[i].To} {
					if s != nil {
						s.Start = s.Start.UTC()
					}
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff =\n%+v\nwant\n%+v", got, tt.want)
			}
			if s := cs.Summary(); s != tt.summary {
				t.Errorf("Summary = %q, want %q", s, tt.summary)
			}
		})
	}
}

func TestTalkChangeLines(t *testing.T) {
	sat := time.Date(2024, 2, 3, 11, 0, 0, 0, time.FixedZone("CET", 3600))
	tests := []struct {
		c    TalkChange
		want []string
		mark string
	}{
		{TalkChange{Added: true}, []string{"new since the last update"}, "+"},
		{TalkChange{Removed: true, From: &Slot{Start: sat, Room: "Janson"}}, []string{"removed (was Sat 11:00 Janson)"}, "-"},
		{TalkChange{Removed: true}, []string{"removed"}, "-"},
		{TalkChange{Moved: true, From: &Slot{Start: sat, Room: "Janson"}, To: &Slot{Start: sat.Add(25 * time.Hour), Room: "K.1.105"}},
			[]string{"moved from Sat 11:00 Janson to Sun 12:00 K.1.105"}, "~"},
		{TalkChange{Moved: true, To: &Slot{Room: "H.2215"}}, []string{"now H.2215 (it had no time or room)"}, "~"},
		{TalkChange{Moved: true, From: &Slot{Day: "2024-02-03"}}, []string{"moved from 2024-02-03 (no time or room now)"}, "~"},
		{TalkChange{OldTitle: "Old\x1b[31m one", SpeakersChanged: true, OldSpeakers: []string{"Ana"}},
			[]string{"retitled from “Old one”", "speakers were Ana; now none"}, "~"},
	}
	for _, tt := range tests {
		if got := tt.c.Lines(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v.Lines() = %q, want %q", tt.c, got, tt.want)
		}
		if got := tt.c.Mark(); got != tt.mark {
			t.Errorf("%+v.Mark() = %q, want %q", tt.c, got, tt.mark)
		}
	}
}

func TestChangeSetJSONRoundTrip(t *testing.T) {
	cs := Diff(searchCatalogue(), edited(func(c *Catalogue) {
		c.Talks[1].Room = "Annex"
		c.Talks = c.Talks[:4]
	}))
	b, err := json.Marshal(cs)
	if err != nil {
		t.Fatal(err)
	}
	var back ChangeSet
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	back.Index()
	if c, ok := back.Find("t1"); !ok || !c.Moved || c.To.Room != "Annex" || !c.From.Start.Equal(cs.Talks[0].From.Start) {
		t.Errorf("t1 after a round trip = %+v, %v", c, ok)
	}
	if !back.Changed("t1") || back.Changed("t4") || back.Changed("t0") {
		t.Errorf("Changed: t1 %v (want true), t4 %v (removed: false), t0 %v (false)", back.Changed("t1"), back.Changed("t4"), back.Changed("t0"))
	}
}

func TestSearchIsChanged(t *testing.T) {
	c := searchCatalogue()
	ix := NewIndex(c)
	cs := Diff(c, edited(func(c *Catalogue) {
		c.Talks[1].Title = "Service Meshes Revisited"
		c.Talks[3].Room = "Annex"
	}))
	tests := []struct {
		query string
		marks Marks
		want  []string
	}{
		{"is:changed", WithChanges(fakeMarks{"t0": "s"}, cs), []string{"t1", "t3"}},
		{"is:changed is:starred", WithChanges(fakeMarks{"t1": "s"}, cs), []string{"t1"}},
		{"-is:changed", WithChanges(nil, cs), []string{"t0", "t2", "t4"}},
		{"is:starred", WithChanges(nil, cs), []string{}},
		{"is:changed", fakeMarks{"t1": "s"}, []string{}}, // no change set: nothing changed
		{"is:changed", nil, []string{}},
	}
	for _, tt := range tests {
		if got := hitIDs(c, ix.Search(mustQuery(t, tt.query), tt.marks)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.query, got, tt.want)
		}
	}
}
