package tui

import (
	"testing"
	"time"
)

// TestGridOpensAtNow: the grid opens at the moment of --now (or the
// clock) during the event: the talk on then, at night the next day's first
// talk; before and after the event at the first talk; and on the talk
// selected in the list once the list was moved.
func TestGridOpensAtNow(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hour, min int) time.Time { return time.Date(2023, 2, day, hour, min, 0, 0, brussels) }
	for _, tc := range []struct {
		name string
		now  time.Time
		keys []string
		want string
		day  int
	}{
		{"during: the talk on then", at(4, 11, 5), nil, "late", 0},
		{"during: the next to start", at(4, 9, 58), nil, "go", 0},
		{"the second day", at(5, 10, 10), nil, "sun2", 1},
		{"at night: the next day's first", at(4, 23, 30), nil, "sun1", 1},
		{"before the event", at(1, 12, 0), nil, "open", 0},
		{"after the event", at(6, 12, 0), nil, "open", 0},
		{"the list moved: its talk", at(5, 10, 10), []string{"j", "j"}, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, _ := newViewsHarness(t, 120, 14)
			h.m.now = func() time.Time { return tc.now }
			h.keys(tc.keys...)
			want := tc.want
			if want == "" {
				want = h.m.cat.Talks[h.m.currentTalk()].ID
			}
			h.keys("m")
			if h.m.view != viewGrid {
				t.Fatalf("m did not open the grid")
			}
			if got := h.m.cat.Talks[h.m.currentTalk()].ID; got != want || h.m.grid.pos.day != tc.day {
				t.Errorf("the grid opened on %s (day %d), want %s (day %d)", got, h.m.grid.pos.day, want, tc.day)
			}
			// The selected block starts on the grid's first rows (or the
			// grid is at its end), not at its bottom.
			day := h.m.grid.day(h.m.cat)
			maxTop := max(day.rows-h.m.gridGeometry(day).rows, 0)
			if b, ok := h.m.grid.block(day); !ok || b.row0 < h.m.grid.pos.top || b.row0 > h.m.grid.pos.top+1 && h.m.grid.pos.top != maxTop {
				t.Errorf("the grid's top row is %d (at most %d), its selected block starts at row %d", h.m.grid.pos.top, maxTop, b.row0)
			}
		})
	}
}
