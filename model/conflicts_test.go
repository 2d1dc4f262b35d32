package model

import (
	"reflect"
	"testing"
	"time"
)

type conflictMarks map[string]bool

func (m conflictMarks) Starred(id string) bool { return m[id] }
func (m conflictMarks) Watched(string) bool    { return false }

func TestFindConflicts(t *testing.T) {
	day := time.Date(2019, 11, 12, 0, 0, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	montreal := time.FixedZone("EST", -5*3600)
	talk := func(id string, start time.Time, minutes int) Talk {
		return Talk{ID: id, Start: start, Duration: time.Duration(minutes) * time.Minute}
	}
	cases := []struct {
		name    string
		talks   []Talk
		starred []string
		want    Conflicts
	}{
		{
			name:    "no marks",
			talks:   []Talk{talk("a", at(9, 0), 30), talk("b", at(9, 0), 30)},
			starred: nil,
			want:    nil,
		},
		{
			name:    "overlap",
			talks:   []Talk{talk("a", at(9, 0), 30), talk("b", at(9, 15), 30)},
			starred: []string{"a", "b"},
			want:    Conflicts{0: {1}, 1: {0}},
		},
		{
			name:    "only starred talks count",
			talks:   []Talk{talk("a", at(9, 0), 30), talk("b", at(9, 15), 30), talk("c", at(9, 20), 5)},
			starred: []string{"a", "c"},
			want:    Conflicts{0: {2}, 2: {0}},
		},
		{
			name:    "back to back is fine",
			talks:   []Talk{talk("a", at(9, 0), 30), talk("b", at(9, 30), 30)},
			starred: []string{"a", "b"},
			want:    nil,
		},
		{
			name:    "same start, no durations",
			talks:   []Talk{talk("a", at(9, 0), 0), talk("b", at(9, 0), 0)},
			starred: []string{"a", "b"},
			want:    Conflicts{0: {1}, 1: {0}},
		},
		{
			name:    "instant inside a talk",
			talks:   []Talk{talk("long", at(9, 0), 60), talk("instant", at(9, 30), 0)},
			starred: []string{"long", "instant"},
			want:    Conflicts{0: {1}, 1: {0}},
		},
		{
			name:    "instant at the end of a talk",
			talks:   []Talk{talk("long", at(9, 0), 60), talk("instant", at(10, 0), 0)},
			starred: []string{"long", "instant"},
			want:    nil,
		},
		{
			name: "a long talk spans several, listed in start order",
			talks: []Talk{
				talk("late", at(10, 30), 30), talk("workshop", at(9, 0), 180),
				talk("early", at(9, 0), 30), talk("mid", at(10, 0), 30), talk("after", at(12, 0), 30),
			},
			starred: []string{"late", "workshop", "early", "mid", "after"},
			want:    Conflicts{1: {2, 3, 0}, 2: {1}, 3: {1}, 0: {1}},
		},
		{
			name:    "time zones compare as instants",
			talks:   []Talk{talk("utc", at(14, 0), 30), talk("est", time.Date(2019, 11, 12, 9, 10, 0, 0, montreal), 30)},
			starred: []string{"utc", "est"},
			want:    Conflicts{0: {1}, 1: {0}},
		},
		{
			name:    "talks without a time never conflict",
			talks:   []Talk{{ID: "a"}, {ID: "b"}, talk("c", at(9, 0), 30)},
			starred: []string{"a", "b", "c"},
			want:    nil,
		},
		{
			name:    "different days",
			talks:   []Talk{talk("a", at(9, 0), 30), talk("b", at(33, 0), 30)},
			starred: []string{"a", "b"},
			want:    nil,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &Catalogue{Talks: tc.talks}
			var marks Marks
			if tc.starred != nil {
				m := conflictMarks{}
				for _, id := range tc.starred {
					m[id] = true
				}
				marks = m
			}
			got := FindConflicts(c, marks)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("FindConflicts = %v, want %v", got, tc.want)
			}
			for i := range tc.talks {
				if got.Has(i) != (len(tc.want[i]) > 0) || !reflect.DeepEqual(got.With(i), tc.want[i]) {
					t.Errorf("talk %d: Has %v With %v", i, got.Has(i), got.With(i))
				}
			}
		})
	}
}
