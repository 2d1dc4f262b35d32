package model

import (
	"fmt"
	"strings"
	"testing"
)

func TestBuildAgenda(t *testing.T) {
	c := &Catalogue{Talks: []Talk{
		timed("a", "One", "2023-02-04 10:00", 30, ""),
		timed("b", "Two", "2023-02-04 10:15", 30, ""), // overlaps a
		timed("c", "One", "2023-02-04 10:40", 20, ""), // overlaps b, not a: same slot
		timed("d", "One", "2023-02-04 12:30", 30, ""),
		timed("e", "One", "2023-02-04 13:00", 30, ""), // starts as d ends: no conflict, no gap
		timed("f", "One", "2023-02-05 00:30", 30, "2023-02-04"),
		timed("g", "One", "2023-02-05 10:00", 30, ""),
		{ID: "h", Title: "h"},
	}}
	// show writes an agenda as "day: slot slot | day: ...", a slot being
	// its talks joined by "+" or "free HH:MM-HH:MM".
	show := func(a Agenda) string {
		var days []string
		for _, d := range a.Days {
			var slots []string
			for _, s := range d.Slots {
				if s.Free() {
					slots = append(slots, fmt.Sprintf("free %s-%s", s.Start.Format("15:04"), s.End.Format("15:04")))
					continue
				}
				var ids []string
				for _, i := range s.Talks {
					ids = append(ids, c.Talks[i].ID)
				}
				slots = append(slots, strings.Join(ids, "+"))
			}
			days = append(days, d.Day+": "+strings.Join(slots, " "))
		}
		for _, i := range a.Untimed {
			days = append(days, "untimed: "+c.Talks[i].ID)
		}
		return strings.Join(days, " | ")
	}
	tests := []struct {
		starred   string
		want      string
		conflicts int
	}{
		{"", "", 0},
		{"a", "2023-02-04: a", 0},
		{"a b c d e", "2023-02-04: a+b+c free 11:00-12:30 d e", 1},
		{"a c", "2023-02-04: a free 10:30-10:40 c", 0},
		{"a b f g h", "2023-02-04: a+b free 10:45-00:30 f | 2023-02-05: g | untimed: h", 1},
		{"h", "untimed: h", 0},
	}
	for _, tt := range tests {
		marks := testMarks{}
		for _, id := range strings.Fields(tt.starred) {
			marks[id] = "s"
		}
		a := BuildAgenda(c, marks)
		if got := show(a); got != tt.want || a.Conflicts != tt.conflicts || a.Empty() != (tt.starred == "") {
			t.Errorf("starred %q: %q with %d conflicts, want %q with %d", tt.starred, got, a.Conflicts, tt.want, tt.conflicts)
		}
	}
	if !BuildAgenda(c, nil).Empty() {
		t.Error("no marks should give an empty agenda")
	}
}
