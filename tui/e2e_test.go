package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cndtalks/internal/tmuxtest"
)

// waitFile polls until path exists and is non-empty, and returns it.
func waitFile(t *testing.T, path string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(path)
		if err == nil && len(strings.TrimSpace(string(b))) > 0 {
			return string(b)
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", path)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestEndToEndTmux drives the real binary in tmux: launch, filter, open the
// detail, open the slides through a recording xdg-open, resize to 1x1 and
// back, quit with q, exit status 0.
func TestEndToEndTmux(t *testing.T) {
	dir := t.TempDir()
	bin := tmuxtest.Binary(t)

	// A fake xdg-open, first on PATH, records the URL it is given.
	fakeBin := filepath.Join(dir, "bin")
	record := filepath.Join(dir, "opened.txt")
	if err := os.MkdirAll(fakeBin, 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + record + "'\n"
	if err := os.WriteFile(filepath.Join(fakeBin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}

	status := filepath.Join(dir, "status")
	home := filepath.Join(dir, "home")
	shell := fmt.Sprintf(
		"env -u BROWSER PATH='%s':\"$PATH\" HOME='%s' XDG_STATE_HOME='%s/state' XDG_DATA_HOME='%s/data' XDG_CONFIG_HOME='%s/config' TERM=xterm-256color '%s'; echo $? > '%s'",
		fakeBin, home, home, home, home, bin, status)
	s := tmuxtest.Start(t, 120, 40, nil, shell)

	s.WaitHeader("11 talks")
	s.WaitText("Kubernetes: Crossing the Chasm")

	// Filter.
	s.Keys("/")
	s.Keys("-l", "kafka")
	scr := s.WaitHeader("1 of 11")
	if strings.Contains(scr, "Kubernetes: Crossing the Chasm") {
		t.Fatalf("filter did not narrow the list:\n%s", scr)
	}
	// Enter reads the selected talk.
	s.Keys("Enter")
	s.WaitText("Kafka Streams and Kubernetes")
	s.WaitText("[1] Slides")

	// Open the slides.
	s.Keys("o")
	got := strings.TrimSpace(waitFile(t, record))
	if want := "https://www.slideshare.net/CloudOps2005/kafka-on-kubernetes"; got != want {
		t.Fatalf("xdg-open got %q, want %q", got, want)
	}
	s.WaitText("Opened slides in your browser")

	// Resize down to 1x1 and back: nothing breaks.
	if out, err := s.Tmux("resize-window", "-t", "h", "-x", "1", "-y", "1"); err != nil {
		t.Fatalf("resize: %v %s", err, out)
	}
	s.WaitFor("a 1x1 screen", func(scr string) bool {
		return !strings.Contains(scr, "talks") && !strings.Contains(scr, "Kafka")
	})
	if out, err := s.Tmux("resize-window", "-t", "h", "-x", "120", "-y", "40"); err != nil {
		t.Fatalf("resize: %v %s", err, out)
	}
	s.WaitHeader("1 of 11")
	s.WaitText("Kafka Streams and Kubernetes")

	// Quit.
	s.Keys("q")
	if code := strings.TrimSpace(waitFile(t, status)); code != "0" {
		t.Fatalf("cndtalks exited with %s", code)
	}
}
