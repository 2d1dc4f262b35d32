package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestAgendaConflictStacked: a conflict whose talks cannot stand side by
// side lists them one under another, every one in sight (not the selected
// one alone with "(1/3)"), also after the terminal narrows; each is a line
// the selection moves to.
func TestAgendaConflictStacked(t *testing.T) {
	now := timeMoment(t)
	h := newTimeHarness(t, &now, 120, 24)
	h.keys("/")
	h.typeText("zig")
	h.keys("tab", "s", "esc", "a") // zig overlaps rust and go
	h.send(tea.WindowSizeMsg{Width: 40, Height: 24})
	scr := h.screen()
	for _, want := range []string{"│ Rust in the kernel · 10:00–10:5", "│ Go generics · 10:00–10:30 · Ja", "│ Zig for C programmers · 10:15–"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the stacked conflict lacks %q:\n%s", want, scr)
		}
	}
	h.keys("j", "j", "j")
	if id := h.m.cat.Talks[h.m.currentTalk()].ID; id != "zig" {
		t.Errorf("the third line of the conflict selects %s, want zig\n%s", id, h.screen())
	}
}
