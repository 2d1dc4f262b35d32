package tui

import (
	"os"
	"path/filepath"
	"testing"

	"cndtalks/internal/tmuxtest"
)

// TestTimeEndToEndTmux browses FOSDEM 2023 with the real binary at a
// moment replayed with --now (Saturday 11:10, inside the event): the list
// is by day under sticky headers, ] and [ jump between days, N shows what
// is on in every room, a star puts a talk in the Agenda, and enter reads it.
func TestTimeEndToEndTmux(t *testing.T) {
	fixture, err := filepath.Abs("../../shared/fixtures/schedules/fosdem-2023.schedule.xml")
	if err == nil {
		_, err = os.Stat(fixture)
	}
	if err != nil {
		t.Skipf("real schedule not available (needs ../shared beside the repo): %v", err)
	}
	dir := t.TempDir()
	bin := tmuxtest.Binary(t)
	env := []string{"HOME=" + dir, "XDG_STATE_HOME=" + filepath.Join(dir, "state"), "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}
	s := tmuxtest.Start(t, 120, 40, env, tmuxtest.ShellQuote(bin)+" --catalog "+tmuxtest.ShellQuote(fixture)+" --now '2023-02-04 11:10' 2>/dev/null")

	s.WaitHeader("780 talks")
	s.WaitText("FOSDEM 2023 · 4–5 February 2023")
	s.WaitText("─ Saturday 4 February ─")
	s.WaitText("09:30–09:55 · Janson · FOSDEM Staff")
	s.WaitText("N Now   a Agenda")

	s.Keys("]")
	s.WaitText("─ Sunday 5 February ─")
	s.Keys("[")
	s.WaitText("Welcome to FOSDEM 2023")

	// n: what is on at 11:10 among the listed talks.
	s.Keys("n")
	s.WaitText("On now, until")

	// The Now view: every room, with what is left and what comes next.
	s.Keys("N")
	s.WaitText("Saturday 4 February 11:10 · ")
	s.WaitText("Can we do an open source chip design in 45 minutes?")
	s.WaitText("40 min left")
	s.WaitText("Fedora Asahi")

	// Star the selected talk (Janson's, on now) and find it in the agenda.
	s.Keys("s", "a")
	s.WaitText("My agenda · 1 starred talk")
	s.WaitText("11:00–12:50  How regulating software for the European market")
	s.Keys("Enter")
	s.WaitText("Sat 4 Feb 2023, 11:00–12:50 · Janson")

	s.Keys("q")
	if code := s.WaitExit(); code != "0" {
		t.Fatalf("cndtalks exited with %s", code)
	}
}
