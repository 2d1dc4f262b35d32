package tui

import (
	"strings"
	"testing"
)

// TestTabsFitNarrow: at 40 columns a schedule's tabs are all whole (the
// Grid's, which needs 120 columns, gives its place); wider, it is there.
func TestTabsFitNarrow(t *testing.T) {
	for _, tc := range []struct {
		w    int
		want string
	}{
		{40, " Talks Speakers Rooms Now Agenda Event"},
		{80, "Grid"},
	} {
		h, _ := newViewsHarness(t, tc.w, 12)
		line := strings.Split(h.screen(), "\n")[1]
		if !strings.Contains(line, tc.want) {
			t.Errorf("at %d columns the tabs are %q, want %q in them", tc.w, line, tc.want)
		}
	}
}
