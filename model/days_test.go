package model

import (
	"testing"
	"time"
)

// brussels is a fixed zone for tests: +01:00 in February.
var brussels = time.FixedZone("CET", 3600)

// at is a moment in brussels, "2023-02-04 11:00".
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, brussels)
	if err != nil {
		panic(err)
	}
	return t
}

// timed is a talk in room at start lasting min minutes; day is its
// programme day ("" for the start's date).
func timed(id, room, start string, min int, day string) Talk {
	return Talk{ID: id, Title: id, Room: room, Start: at(start), Duration: time.Duration(min) * time.Minute, Day: day}
}

func TestDateRange(t *testing.T) {
	tests := []struct{ first, last, want string }{
		{"2023-02-04", "2023-02-05", "4–5 February 2023"},
		{"2023-02-04", "", "4 February 2023"},
		{"2023-02-04", "2023-02-04", "4 February 2023"},
		{"2023-02-28", "2023-03-02", "28 February – 2 March 2023"},
		{"2025-12-27", "2025-12-30", "27–30 December 2025"},
		{"2025-12-30", "2026-01-02", "30 December 2025 – 2 January 2026"},
		{"2023-02-05", "2023-02-04", "5 February 2023"}, // backwards: the first day alone
		{"2023-02-04", "soon", "4 February 2023"},
		{"spring 2023", "2023-02-04", "spring 2023"},
	}
	for _, tt := range tests {
		if got := DateRange(tt.first, tt.last); got != tt.want {
			t.Errorf("DateRange(%q, %q) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestDayLabels(t *testing.T) {
	tests := []struct{ day, long, short string }{
		{"2023-02-04", "Saturday 4 February", "Sat 4 Feb"},
		{"2025-12-31", "Wednesday 31 December", "Wed 31 Dec"},
		{"day one", "day one", "day one"},
	}
	for _, tt := range tests {
		if got := DayLabel(tt.day); got != tt.long {
			t.Errorf("DayLabel(%q) = %q, want %q", tt.day, got, tt.long)
		}
		if got := ShortDayLabel(tt.day); got != tt.short {
			t.Errorf("ShortDayLabel(%q) = %q, want %q", tt.day, got, tt.short)
		}
	}
}

func TestProgrammeDayAndDays(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	tests := []struct {
		name string
		cat  Catalogue
		days []string
		// dates is Catalogue.Dates.
		dates string
	}{
		{"after midnight stays in the schedule's day",
			Catalogue{Talks: []Talk{timed("a", "One", "2025-12-27 23:00", 60, "2025-12-27"), timed("b", "One", "2025-12-28 01:00", 60, "2025-12-27"),
				timed("c", "One", "2025-12-28 11:00", 60, "2025-12-28")}},
			[]string{"2025-12-27", "2025-12-28"}, "27–28 December 2025"},
		{"without a schedule day, the date in the talk's own zone",
			Catalogue{Talks: []Talk{{ID: "a", Start: time.Date(2023, 2, 4, 23, 30, 0, 0, time.UTC).In(tokyo)}, {ID: "b"}}},
			[]string{"2023-02-05"}, "5 February 2023"},
		{"the event's own dates win",
			Catalogue{Event: Event{Date: "2023-02-03", EndDate: "2023-02-05"}, Talks: []Talk{timed("a", "One", "2023-02-04 10:00", 30, "")}},
			[]string{"2023-02-04"}, "3–5 February 2023"},
		{"a start date alone is completed by the talks",
			Catalogue{Event: Event{Date: "2025-12-30"}, Talks: []Talk{timed("a", "One", "2025-12-30 10:00", 30, ""), timed("b", "One", "2026-01-02 10:00", 30, "")}},
			[]string{"2025-12-30", "2026-01-02"}, "30 December 2025 – 2 January 2026"},
		{"no times", Catalogue{Talks: []Talk{{ID: "a"}}}, nil, ""},
	}
	for _, tt := range tests {
		days := tt.cat.Days()
		if len(days) != len(tt.days) {
			t.Errorf("%s: Days() = %q, want %q", tt.name, days, tt.days)
		} else {
			for k := range days {
				if days[k] != tt.days[k] {
					t.Errorf("%s: Days() = %q, want %q", tt.name, days, tt.days)
				}
			}
		}
		if got := tt.cat.Dates(); got != tt.dates {
			t.Errorf("%s: Dates() = %q, want %q", tt.name, got, tt.dates)
		}
	}
}

func TestTimeSpanAndSorted(t *testing.T) {
	a, b, none := timed("a", "One", "2023-02-04 11:00", 25, ""), timed("b", "One", "2023-02-04 23:30", 60, ""), Talk{ID: "c"}
	zero := timed("z", "One", "2023-02-04 12:00", 0, "")
	for _, tt := range []struct {
		t    Talk
		want string
	}{{a, "11:00–11:25"}, {b, "23:30–00:30"}, {zero, "12:00"}, {none, ""}} {
		if got := TimeSpan(&tt.t); got != tt.want {
			t.Errorf("TimeSpan(%s) = %q, want %q", tt.t.ID, got, tt.want)
		}
	}
	for _, tt := range []struct {
		talks []Talk
		want  bool
	}{{[]Talk{a, b, none}, true}, {[]Talk{b, a}, false}, {[]Talk{none, a}, false}, {nil, true}} {
		c := Catalogue{Talks: tt.talks}
		if got := c.TimeSorted(); got != tt.want {
			t.Errorf("TimeSorted(%d talks) = %v, want %v", len(tt.talks), got, tt.want)
		}
	}
}
