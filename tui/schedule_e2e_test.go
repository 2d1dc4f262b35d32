package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cndtalks/internal/tmuxtest"
)

// TestScheduleEndToEndTmux stores a Pentabarf schedule.xml in the library
// with the real binary, then browses it in tmux with --event: the rows show
// when and where, n says the conference is over (it was in 2023), a room:
// filter narrows the list, T puts it in time order, q quits with status 0.
func TestScheduleEndToEndTmux(t *testing.T) {
	dir := t.TempDir()
	bin := tmuxtest.Binary(t)
	home := filepath.Join(dir, "home")
	env := append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home+"/data", "XDG_STATE_HOME="+home+"/state")
	add := exec.Command(bin, "add", "../data/testdata/import/pentabarf-edge.schedule.xml")
	add.Env = env
	out, err := add.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "added pentacon-2023: Pentacon 2023, 3 talks, with times") {
		t.Fatalf("add: %v\n%s", err, out)
	}

	status := filepath.Join(dir, "status")
	shell := fmt.Sprintf("env HOME='%s' XDG_DATA_HOME='%s/data' XDG_STATE_HOME='%s/state' TERM=xterm-256color '%s' --event pentacon-2023; echo $? > '%s'",
		home, home, home, bin, status)
	s := tmuxtest.Start(t, 120, 40, nil, shell)

	s.WaitHeader("3 talks")
	// In time order, under a header per day: the talk after midnight
	// stays in Saturday's programme.
	s.WaitText("─ Saturday 4 February ─")
	s.WaitText("09:30–09:55 · Janson · Dana Lee, Dana Lee")
	s.WaitText("02:00–03:00 · Janson")
	s.WaitText("─ Sunday 5 February ─")
	// The importer dropped three links: the status line says so.
	s.WaitText("3 links dropped while importing")

	s.Keys("n")
	s.WaitText("Nothing on now or later: the last listed talk ended Sun 5 Feb 2023 10:50")

	s.Keys("/")
	s.Keys("-l", "room:k.1")
	s.WaitHeader("1 of 3")
	s.Keys("Tab")
	s.WaitText("Sun 10:00 · K.1.105 · Dana Lee") // the room shortened by model.ShortRoom
	s.Keys("Escape")
	s.WaitHeader("3 talks")

	s.Keys("/")
	s.Keys("-l", "dana")
	s.WaitHeader("2 of 3")
	s.Keys("Tab", "T")
	s.WaitText("Matches in time order (T: by relevance)")

	s.Keys("q")
	if code := strings.TrimSpace(waitFile(t, status)); code != "0" {
		t.Fatalf("cndtalks exited with %s", code)
	}
}
