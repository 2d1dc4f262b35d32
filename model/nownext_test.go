package model

import (
	"strings"
	"testing"
	"time"
)

// boardCatalogue has two days in two rooms, with a gap, an overlap and a
// talk after midnight listed under the evening before.
func boardCatalogue() *Catalogue {
	return &Catalogue{Talks: []Talk{
		timed("open", "Janson", "2023-02-04 09:30", 25, ""),
		timed("k1", "Janson", "2023-02-04 10:00", 50, ""),
		timed("g1", "Graphics", "2023-02-04 10:00", 30, ""),
		timed("g2", "Graphics", "2023-02-04 10:20", 30, ""), // overlaps g1
		timed("g3", "Graphics", "2023-02-04 13:00", 30, ""), // after a gap
		timed("late", "Janson", "2023-02-05 00:30", 60, "2023-02-04"),
		timed("sun", "Janson", "2023-02-05 10:00", 60, ""),
		timed("sun2", "Graphics", "2023-02-05 11:00", 30, ""),
	}}
}

func TestNowNext(t *testing.T) {
	c := boardCatalogue()
	id := func(i int) string {
		if i < 0 {
			return "-"
		}
		return c.Talks[i].ID
	}
	// show writes a board as "Room:now,now>next" per room.
	show := func(b Board) string {
		var out []string
		for _, r := range b.Rooms {
			var now []string
			for _, i := range r.Now {
				now = append(now, id(i))
			}
			out = append(out, r.Room+":"+strings.Join(now, ",")+">"+id(r.Next))
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		at       string
		phase    Phase
		rooms    string
		headline string
	}{
		{"2023-02-01 12:00", Before, "Janson:>open Graphics:>g1", "The conference starts in 3 days (Saturday 4 February 09:30); its first talks:"},
		{"2023-02-04 09:00", Before, "Janson:>open Graphics:>g1", "The conference starts in 30 min (Saturday 4 February 09:30); its first talks:"},
		{"2023-02-04 09:30", During, "Janson:open>k1 Graphics:>g1", ""},
		{"2023-02-04 10:25", During, "Janson:k1>late Graphics:g1,g2>g3", ""},
		// The end is excluded: at 10:50 k1 is over.
		{"2023-02-04 10:50", During, "Janson:>late Graphics:>g3", "Nothing on now: talks resume in 2 h 10 min (13:00)"},
		// After midnight, the talk belongs to Saturday's programme.
		{"2023-02-05 00:45", During, "Janson:late>sun Graphics:>sun2", ""},
		// In the afternoon a room whose day is over is left out.
		{"2023-02-04 13:40", During, "Janson:>late", "Nothing on now: talks resume in 10 h 50 min (Sunday 5 February 00:30)"},
		// At night: Sunday's first talks.
		{"2023-02-05 03:00", During, "Janson:>sun Graphics:>sun2", "Nothing on now: talks resume in 7 h (10:00)"},
		{"2023-02-04 23:00", During, "Janson:>late Graphics:>sun2", "Nothing on now: talks resume in 1 h 30 min (Sunday 5 February 00:30)"},
		{"2023-02-05 11:30", After, "", "The conference is over: it ended Sunday 5 February 2023 11:30"},
	}
	for _, tt := range tests {
		b := NowNext(c, at(tt.at))
		if b.Phase != tt.phase || show(b) != tt.rooms || b.Headline() != tt.headline {
			t.Errorf("at %s: phase %d, rooms %q, headline %q\nwant phase %d, rooms %q, headline %q",
				tt.at, b.Phase, show(b), b.Headline(), tt.phase, tt.rooms, tt.headline)
		}
	}
}

func TestNowNextTimeZones(t *testing.T) {
	// The same instant given in another zone is the same moment.
	c := boardCatalogue()
	b := NowNext(c, at("2023-02-04 10:25").UTC())
	if len(b.Rooms) != 2 || len(b.Rooms[0].Now) != 1 || c.Talks[b.Rooms[0].Now[0]].ID != "k1" {
		t.Errorf("at 09:25 UTC: rooms %+v, want k1 on now in Janson", b.Rooms)
	}
	if NowNext(&Catalogue{}, at("2023-02-04 10:00")).Headline() != "This catalogue has no times" {
		t.Error("an empty catalogue's board should say it has no times")
	}
}

func TestParseMoment(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{"2023-02-04T11:00:00+01:00", at("2023-02-04 11:00"), false},
		{"2023-02-04T10:00:00Z", at("2023-02-04 11:00"), false},
		{"2023-02-04 11:00", at("2023-02-04 11:00"), false},
		{"2023-02-04T11:00", at("2023-02-04 11:00"), false},
		{" 2023-02-04 11:00:30 ", at("2023-02-04 11:00").Add(30 * time.Second), false},
		{"11:00", time.Time{}, true},
		{"2023-02-30 11:00", time.Time{}, true},
		{"tomorrow", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := ParseMoment(tt.in, brussels)
		if tt.err {
			if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD HH:MM") {
				t.Errorf("ParseMoment(%q) = %v, %v; want an error naming the forms", tt.in, got, err)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseMoment(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestLeftUntilMinutes(t *testing.T) {
	k := timed("k", "Janson", "2023-02-04 10:00", 50, "")
	for _, tt := range []struct {
		at   time.Time
		want time.Duration
	}{
		{at("2023-02-04 10:00"), 50 * time.Minute},
		{at("2023-02-04 10:38").Add(40 * time.Second), 12 * time.Minute},
		{at("2023-02-04 10:50"), 0},
	} {
		if got := Left(&k, tt.at); got != tt.want {
			t.Errorf("Left at %v = %v, want %v", tt.at, got, tt.want)
		}
	}
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "starting now"}, {25 * time.Minute, "in 25 min"}, {24*time.Minute + time.Second, "in 25 min"},
		{125 * time.Minute, "in 2 h 5 min"}, {2 * time.Hour, "in 2 h"}, {30 * time.Hour, "tomorrow"}, {70 * time.Hour, "in 3 days"},
	} {
		if got := Until(tt.d); got != tt.want {
			t.Errorf("Until(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{{25 * time.Minute, "25 min"}, {90 * time.Minute, "1 h 30 min"}, {2 * time.Hour, "2 h"}} {
		if got := Minutes(tt.d); got != tt.want {
			t.Errorf("Minutes(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestResolveToday(t *testing.T) {
	c := boardCatalogue()
	ix := NewIndex(c)
	for _, tt := range []struct {
		query, today string
		want         int
	}{
		{"day:today", "2023-02-04", 6}, // the talk after midnight is Saturday's
		{"day:today", "2023-02-05", 2},
		{"day:today room:graphics", "2023-02-05", 1},
		{"-day:today", "2023-02-04", 2},
		{"day:sat", "", 6},
		{"day:today", "2023-03-01", 0},
	} {
		q, err := ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(ix.Search(q.ResolveToday(tt.today), nil)); got != tt.want {
			t.Errorf("%q on %s: %d talks, want %d", tt.query, tt.today, got, tt.want)
		}
	}
}
