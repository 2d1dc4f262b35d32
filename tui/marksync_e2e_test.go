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

// TestMarksFromAnotherProcessTmux: a browser is open in tmux; 'cndtalks
// star' run beside it stars a talk; the star shows in the browser without
// a key press, then an unstar takes it away.
func TestMarksFromAnotherProcessTmux(t *testing.T) {
	dir := t.TempDir()
	bin := tmuxtest.Binary(t)
	home := filepath.Join(dir, "home")
	env := append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home+"/data", "XDG_STATE_HOME="+home+"/state")
	shell := fmt.Sprintf("env HOME='%s' XDG_DATA_HOME='%s/data' XDG_STATE_HOME='%s/state' TERM=xterm-256color '%s'",
		home, home, home, bin)
	s := tmuxtest.Start(t, 120, 40, nil, shell)
	s.WaitHeader("11 talks")
	const title = "The Containerization of Machine Learning"
	if line := lineWith(s.Capture(false), title); line == "" || strings.Contains(line, "★") {
		t.Fatalf("before starring, the row is %q", line)
	}

	star := func(verb string) {
		cmd := exec.Command(bin, verb, "containerization-of-machine-learning-kubeflow")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", verb, err, out)
		}
	}
	star("star")
	s.WaitFor("the star made by another process", func(scr string) bool {
		return strings.Contains(lineWith(scr, title), "★")
	})
	star("unstar")
	s.WaitFor("the star removed by another process", func(scr string) bool {
		line := lineWith(scr, title)
		return line != "" && !strings.Contains(line, "★")
	})
	s.Keys("q")
	s.WaitExit()
}
