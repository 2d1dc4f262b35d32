package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/internal/tmuxtest"
)

// marksEnv is the environment of a cndtalks whose marks live in dir.
func marksEnv(dir string) []string {
	return []string{"TERM=xterm-256color", "HOME=" + dir, "BROWSER=/bin/false",
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"), "XDG_DATA_HOME=" + filepath.Join(dir, "data")}
}

// TestMarksInTmux stars and marks talks in two real browsers and the CLI at
// once, quits, and counts what survived; then corrupts the file by hand and
// checks it is kept aside with a message and the next mark is saved.
func TestMarksInTmux(t *testing.T) {
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := marksEnv(dir)
	ids := func(is ...int) []string {
		out := make([]string, len(is))
		for k, i := range is {
			out[k] = data.Default().Talks[i].ID
		}
		return out
	}

	a := tmuxtest.Start(t, 120, 30, env, tmuxtest.ShellQuote(bin))
	a.WaitText("1/11")
	a.Keys("s")
	a.WaitText("★ Starred")
	a.Keys("j", "j", "s")
	a.WaitText("3/11")
	a.Keys("w")
	a.WaitText("✓ Watched")

	// A second browser and the CLI, while the first is still open.
	b := tmuxtest.Start(t, 100, 30, env, tmuxtest.ShellQuote(bin))
	b.WaitText("1/11")
	b.Keys("G", "s")
	b.WaitText("★ Starred")
	cli := exec.Command(bin, "star", ids(5)[0])
	cli.Env = append(os.Environ(), env...)
	if out, err := cli.CombinedOutput(); err != nil {
		t.Fatalf("cndtalks star: %v\n%s", err, out)
	}
	// The first browser writes again: what the others saved stays.
	a.Keys("j", "s")
	a.WaitFor("the fourth talk starred", func(scr string) bool {
		return strings.Contains(scr, "4/11") && strings.Contains(scr, "★ Starred “")
	})
	a.Keys("q")
	b.Keys("q")
	if st := a.WaitExit(); st != "0" {
		t.Errorf("first browser exited %s", st)
	}
	if st := b.WaitExit(); st != "0" {
		t.Errorf("second browser exited %s", st)
	}

	marks := openTestMarks(t, dir)
	cat := data.Default().Event.ID
	if got, want := strings.Join(marks.IDs(cat, store.Star), " "), sortedJoin(ids(0, 2, 3, 5, 10)); got != want {
		t.Errorf("starred after quitting:\n got %s\nwant %s", got, want)
	}
	if got, want := strings.Join(marks.IDs(cat, store.Watch), " "), sortedJoin(ids(2)); got != want {
		t.Errorf("watched: got %s, want %s", got, want)
	}

	// Corrupt the file by hand: the browser says so, keeps it aside, and
	// saves the next mark into a new file.
	path := filepath.Join(dir, "state", "cndtalks", store.MarksFileName)
	if err := os.WriteFile(path, []byte("{\"version\": 1, \"catalogues\": {"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := tmuxtest.Start(t, 140, 30, env, tmuxtest.ShellQuote(bin))
	c.WaitText("was corrupt")
	c.Keys("s")
	c.WaitText("★ Starred")
	c.Keys("q")
	c.WaitExit()
	kept, _ := filepath.Glob(path + ".corrupt-*")
	if len(kept) != 1 {
		t.Fatalf("corrupt file not kept aside: %v", kept)
	}
	if b, _ := os.ReadFile(kept[0]); string(b) != "{\"version\": 1, \"catalogues\": {" {
		t.Errorf("kept file changed: %q", b)
	}
	if got := openTestMarks(t, dir).IDs(cat, store.Star); strings.Join(got, " ") != ids(0)[0] {
		t.Errorf("after recovery, starred %v", got)
	}
}

// TestMarksKilledBrowserInTmux kills the browser with SIGKILL right after a
// burst of stars: the file is whole, whatever was being written.
func TestMarksKilledBrowserInTmux(t *testing.T) {
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pgrep"); err != nil {
		t.Skip("pgrep is not installed")
	}
	dir := t.TempDir()
	p := tmuxtest.Start(t, 120, 30, marksEnv(dir), tmuxtest.ShellQuote(bin))
	p.WaitText("1/11")
	for range 5 {
		p.Keys("s", "j")
	}
	p.WaitText("6/11")
	shell, err := p.Tmux("display-message", "-p", "-t", "h", "#{pane_pid}")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pgrep", "-P", strings.TrimSpace(shell)).Output()
	if err != nil {
		t.Fatalf("finding cndtalks: %v", err)
	}
	pid, err := strconv.Atoi(strings.Fields(string(out))[0])
	if err != nil {
		t.Fatal(err)
	}
	proc, err := os.FindProcess(pid)
	if err != nil {
		t.Fatal(err)
	}
	if err := proc.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	p.WaitExit()
	s, err := store.OpenMarks(filepath.Join(dir, "state", "cndtalks"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("marks file damaged by kill -9: %v", err)
	}
	if n := len(s.IDs(data.Default().Event.ID, store.Star)); n > 5 {
		t.Errorf("%d stars, at most 5 were made", n)
	}
}

func openTestMarks(t *testing.T, dir string) *store.MarksStore {
	t.Helper()
	s, err := store.OpenMarks(filepath.Join(dir, "state", "cndtalks"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sortedJoin(ids []string) string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return strings.Join(out, " ")
}
