package tui

import (
	"slices"
	"testing"
)

// TestHelpDaysOnce: on a schedule the help lists [ and ] once each, under
// Schedule, since they change day in the list and in the grid alike.
func TestHelpDaysOnce(t *testing.T) {
	h, _ := newViewsHarness(t, 120, 40)
	for _, k := range []string{"[", "]"} {
		var helps []string
		for _, group := range h.m.keys.FullHelp() {
			for _, b := range group {
				if slices.Contains(b.Keys(), k) {
					helps = append(helps, b.Help().Key+" "+b.Help().Desc)
				}
			}
		}
		if len(helps) != 1 {
			t.Errorf("%s is in the help %d times: %q", k, len(helps), helps)
		}
	}
}
