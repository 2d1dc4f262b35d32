package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"cndtalks/internal/tmuxtest"
)

// upconJSON is a frab schedule.json of talks given as guid, title, room and
// start (on 3 February 2024, Brussels time).
func upconJSON(talks ...[4]string) string {
	var evs []string
	for i, t := range talks {
		evs = append(evs, fmt.Sprintf(`{"guid": %q, "id": %d, "title": %q, "room": %q, "date": "2024-02-03T%s:00+01:00", "start": %q, "duration": "00:30", "type": "Talk", "persons": [{"public_name": "Ana"}]}`,
			t[0], i+1, t[1], t[2], t[3], t[3]))
	}
	return `{"schedule": {"version": "1", "conference": {"acronym": "upcon", "title": "Update Con", "start": "2024-02-03", "end": "2024-02-03", "time_zone_name": "Europe/Brussels",
"days": [{"index": 1, "date": "2024-02-03", "rooms": {"Janson": [` + strings.Join(evs, ",\n") + `]}}]}}}`
}

// TestChangesInTmux updates a schedule from a local server with the real
// binary, then opens it in a real browser: the changed talk's row and
// detail say so, c opens the Changes view, enter jumps to the talk.
func TestChangesInTmux(t *testing.T) {
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	var version atomic.Int32
	v1 := upconJSON([4]string{"a", "Opening", "Janson", "10:00"}, [4]string{"b", "Second", "Janson", "11:00"}, [4]string{"c", "Third", "Janson", "12:00"})
	v2 := upconJSON([4]string{"a", "Opening", "Janson", "10:00"}, [4]string{"b", "Second", "K.1.105", "14:00"}, [4]string{"d", "Brand new", "Janson", "12:00"})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if version.Load() == 2 {
			w.Write([]byte(v2))
			return
		}
		w.Write([]byte(v1))
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := marksEnv(dir)
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("cndtalks %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("add", srv.URL+"/schedule.json", "--name", "upcon")
	version.Store(2)
	if out := run("update"); !strings.Contains(out, "upcon: 1 added, 1 removed, 1 moved") {
		t.Fatalf("update printed:\n%s", out)
	}

	p := tmuxtest.Start(t, 120, 30, env, tmuxtest.ShellQuote(bin)+" --event upcon")
	p.WaitText("c Changes")
	p.Keys("j") // in time order: the new talk, at 12:00
	p.WaitText("+ New since the last update")
	p.Keys("c")
	scr := p.WaitText("3 changes")
	for _, want := range []string{"+ Brand new", "- Third", "removed (was Sat 12:00 Janson)"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the Changes view lacks %q:\n%s", want, scr)
		}
	}
	p.Keys("j", "Enter") // the moved talk, read in the Talks view
	p.WaitText("~ Moved from Sat 11:00 Janson to Sat 14:00 K.1.105")
	p.Keys("q")
	if st := p.WaitExit(); st != "0" {
		t.Errorf("the browser exited %s", st)
	}
}
