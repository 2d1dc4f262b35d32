package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cndtalks/internal/tmuxtest"
)

// TestViewsEndToEndTmux browses FOSDEM 2023's real schedule (780 talks, 32
// rooms a day) in tmux: the Rooms view, a room's talks through the filter
// and back, the Grid, a talk read from it and back, and the grid giving
// way to the list when the terminal narrows.
func TestViewsEndToEndTmux(t *testing.T) {
	fosdem, err := filepath.Abs("../../shared/fixtures/schedules/fosdem-2023.schedule.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(fosdem); err != nil {
		t.Skip("the real schedules are not beside the repository (../shared/fixtures)")
	}
	dir := t.TempDir()
	bin := tmuxtest.Binary(t)
	home := filepath.Join(dir, "home")
	shell := fmt.Sprintf("env HOME='%s' XDG_DATA_HOME='%s/data' XDG_STATE_HOME='%s/state' TERM=xterm-256color '%s' --catalog '%s' 2>/dev/null",
		home, home, home, bin, fosdem)
	s := tmuxtest.Start(t, 120, 40, nil, shell)
	s.WaitHeader("780 talks")

	s.Keys("r")
	s.WaitText("Janson · 19 talks")
	s.WaitText("enter lists them in Talks: room:=\"Janson\"")
	s.Keys("Enter")
	s.WaitHeader("19 of 780")
	s.WaitText(`/ room:="Janson"`)
	s.Keys("Escape")
	s.WaitFor("the Rooms view again", func(scr string) bool {
		return strings.Contains(scr, "Janson · 19 talks") && strings.Contains(scr, "780 talks")
	})

	s.Keys("m")
	s.WaitText("Saturday 4 February · day 1 of 2")
	s.WaitText("rooms 1–5 of 32")
	s.Keys("Right") // nothing overlaps the opening: the next room's first talk
	s.WaitText("room 2/32")
	s.Keys("Enter")
	s.WaitFor("the talk read from the grid", func(scr string) bool {
		return strings.Contains(scr, "Graphics: A Frame's Journey") && strings.Contains(scr, "esc list")
	})
	s.Keys("Escape")
	s.WaitText("room 2/32")
	s.Keys("]")
	s.WaitText("Sunday 5 February · day 2 of 2")

	if out, err := s.Tmux("resize-window", "-t", "h", "-x", "100", "-y", "40"); err != nil {
		t.Fatalf("resize: %v %s", err, out)
	}
	s.WaitText("The grid needs 120 columns (this terminal has 100)")
	s.Keys("q")
	s.WaitExit()
}
