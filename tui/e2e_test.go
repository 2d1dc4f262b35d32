package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession is one real cndtalks running in a private tmux server.
type tmuxSession struct {
	t      *testing.T
	socket string // path of the server's socket
}

// startTmux starts shell in a 120x40 window of a private tmux server whose
// socket lives in dir (so nothing is left behind), and kills the server when
// the test ends. name tells the fallback socket apart when dir's path is too
// long for a Unix socket.
func startTmux(t *testing.T, dir, name, shell string) *tmuxSession {
	t.Helper()
	sock := filepath.Join(dir, "tmux.sock")
	if len(sock) > 100 { // a Unix socket path has a length limit (macOS TMPDIR is long)
		sock = filepath.Join(os.TempDir(), fmt.Sprintf("cndtalks-%s-%d.sock", name, os.Getpid()))
		t.Cleanup(func() { _ = os.Remove(sock) })
	}
	s := &tmuxSession{t: t, socket: sock}
	if out, err := s.tmux("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "sh", "-c", shell); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	t.Cleanup(func() { _, _ = s.tmux("kill-server") })
	return s
}

// tmux runs a tmux command on the test's private server.
func (s *tmuxSession) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-S", s.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	return string(out), err
}

// capture is the screen as text.
func (s *tmuxSession) capture() string {
	out, _ := s.tmux("capture-pane", "-p", "-t", "e2e")
	return out
}

// waitFor polls the screen until ok says yes or the deadline passes.
func (s *tmuxSession) waitFor(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.capture()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not synchronisation
	}
}

// waitText waits until the screen shows text.
func (s *tmuxSession) waitText(text string) string {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("%q", text), func(scr string) bool { return strings.Contains(scr, text) })
}

// waitHeader waits until the header (first line) shows text.
func (s *tmuxSession) waitHeader(text string) string {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("%q in the header", text), func(scr string) bool {
		first, _, _ := strings.Cut(scr, "\n")
		return strings.Contains(first, text)
	})
}

// keys sends tmux key names ("Enter", "Escape") or literal text.
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	if out, err := s.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...); err != nil {
		s.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

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
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "cndtalks")
	build := exec.Command("go", "build", "-o", bin, "cndtalks")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

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
	s := startTmux(t, dir, "e2e", shell)

	s.waitHeader("11 talks")
	s.waitText("Kubernetes: Crossing the Chasm")

	// Filter.
	s.keys("/")
	s.keys("-l", "kafka")
	scr := s.waitHeader("1 of 11")
	if strings.Contains(scr, "Kubernetes: Crossing the Chasm") {
		t.Fatalf("filter did not narrow the list:\n%s", scr)
	}
	// Enter reads the selected talk.
	s.keys("Enter")
	s.waitText("Kafka Streams and Kubernetes")
	s.waitText("[1] Slides")

	// Open the slides.
	s.keys("o")
	got := strings.TrimSpace(waitFile(t, record))
	if want := "https://www.slideshare.net/CloudOps2005/kafka-on-kubernetes"; got != want {
		t.Fatalf("xdg-open got %q, want %q", got, want)
	}
	s.waitText("Opened slides in your browser")

	// Resize down to 1x1 and back: nothing breaks.
	if out, err := s.tmux("resize-window", "-t", "e2e", "-x", "1", "-y", "1"); err != nil {
		t.Fatalf("resize: %v %s", err, out)
	}
	s.waitFor("a 1x1 screen", func(scr string) bool {
		return !strings.Contains(scr, "talks") && !strings.Contains(scr, "Kafka")
	})
	if out, err := s.tmux("resize-window", "-t", "e2e", "-x", "120", "-y", "40"); err != nil {
		t.Fatalf("resize: %v %s", err, out)
	}
	s.waitHeader("1 of 11")
	s.waitText("Kafka Streams and Kubernetes")

	// Quit.
	s.keys("q")
	if code := strings.TrimSpace(waitFile(t, status)); code != "0" {
		t.Fatalf("cndtalks exited with %s", code)
	}
}
