package model

import (
	"strings"
	"testing"
)

// TestConflictHeading: a conflict says "at once" only when every two of
// its talks overlap; a chain of overlaps (a with b, b with c, a before c)
// says they overlap, as a and c can both be seen.
func TestConflictHeading(t *testing.T) {
	c := &Catalogue{Talks: []Talk{
		timed("a", "One", "2023-02-04 10:00", 30, ""),
		timed("b", "Two", "2023-02-04 10:15", 30, ""),   // overlaps a
		timed("c", "One", "2023-02-04 10:40", 20, ""),   // overlaps b, not a
		timed("d", "Three", "2023-02-04 10:05", 20, ""), // overlaps a and b, not c
	}}
	tests := []struct{ starred, want string }{
		{"a b", "⚠ 2 talks at once, 10:00–10:45"},
		{"a b d", "⚠ 3 talks at once, 10:00–10:45"},
		{"a b c", "⚠ 3 talks overlap, 10:00–11:00"},
		{"a b c d", "⚠ 4 talks overlap, 10:00–11:00"},
	}
	for _, tt := range tests {
		marks := testMarks{}
		for _, id := range strings.Fields(tt.starred) {
			marks[id] = "s"
		}
		a := BuildAgenda(c, marks)
		if len(a.Days) != 1 || len(a.Days[0].Slots) != 1 {
			t.Fatalf("%s: %+v, want one slot", tt.starred, a.Days)
		}
		if got := a.Days[0].Slots[0].ConflictHeading(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.starred, got, tt.want)
		}
	}
}
