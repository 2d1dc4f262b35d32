// Package tmuxtest runs a program in a private tmux server for end-to-end
// tests: keys in, the screen out, and every byte the program wrote to its
// terminal recorded. The root package's and tui's tmux tests share it.
package tmuxtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Timeout bounds every wait.
const Timeout = 15 * time.Second

// skipUnlessTmux skips t in -short mode and when tmux is not installed.
func skipUnlessTmux(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("tmux test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
}

// Pane is one program running in a private tmux server.
type Pane struct {
	t      *testing.T
	socket string // path of the server's socket
	dir    string // the recording and the exit status
}

// Start runs cmd (a shell command line) with env (KEY=value, added to the
// environment tmux gives it) in a w x h window of a private tmux server,
// killed when the test ends. The command waits for a line on stdin before
// running, so the recording is in place before it writes anything; its exit
// status goes to a file WaitExit reads. Start skips the test in -short
// mode and when tmux is not installed.
func Start(t *testing.T, w, h int, env []string, cmd string) *Pane {
	t.Helper()
	skipUnlessTmux(t)
	p := &Pane{t: t, dir: t.TempDir()}
	p.socket = filepath.Join(p.dir, "tmux.sock")
	if len(p.socket) > 100 { // a Unix socket path has a length limit (macOS TMPDIR is long)
		p.socket = filepath.Join(os.TempDir(), fmt.Sprintf("cndtalks-tmux-%d-%d.sock", os.Getpid(), time.Now().UnixNano()))
		t.Cleanup(func() { _ = os.Remove(p.socket) })
	}
	var envs strings.Builder
	if len(env) > 0 {
		envs.WriteString("env ")
		for _, e := range env {
			k, v, _ := strings.Cut(e, "=")
			fmt.Fprintf(&envs, "%s=%s ", k, ShellQuote(v))
		}
	}
	line := fmt.Sprintf("read go; %s%s; echo $? > %s", envs.String(), cmd, ShellQuote(p.statusPath()))
	if out, err := p.Tmux("new-session", "-d", "-s", "h", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "sh", "-c", line); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	t.Cleanup(func() { _, _ = p.Tmux("kill-server") })
	if out, err := p.Tmux("pipe-pane", "-t", "h", "cat >> "+ShellQuote(p.RecordPath())); err != nil {
		t.Fatalf("tmux pipe-pane: %v %s", err, out)
	}
	p.Keys("Enter")
	return p
}

// ShellQuote quotes s for sh.
func ShellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// RecordPath is the file that receives what the program writes.
func (p *Pane) RecordPath() string { return filepath.Join(p.dir, "terminal.bin") }

func (p *Pane) statusPath() string { return filepath.Join(p.dir, "status") }

// Tmux runs a tmux command on the pane's private server.
func (p *Pane) Tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-S", p.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	return string(out), err
}

// Keys sends tmux key names ("Enter", "Escape") or literal text.
func (p *Pane) Keys(keys ...string) {
	p.t.Helper()
	if out, err := p.Tmux(append([]string{"send-keys", "-t", "h"}, keys...)...); err != nil {
		p.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

// Capture returns the screen, with its styling when styled is set.
func (p *Pane) Capture(styled bool) string {
	args := []string{"capture-pane", "-p", "-t", "h"}
	if styled {
		args = append(args, "-e")
	}
	out, _ := p.Tmux(args...)
	return out
}

// WaitFor polls the screen until ok, or fails at the deadline or when the
// program exits first.
func (p *Pane) WaitFor(what string, ok func(screen string) bool) string {
	p.t.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		scr := p.Capture(false)
		if ok(scr) {
			return scr
		}
		if st, err := os.ReadFile(p.statusPath()); err == nil {
			p.t.Fatalf("the program exited (status %s) while waiting for %s; screen:\n%s", strings.TrimSpace(string(st)), what, scr)
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not synchronisation
	}
}

// WaitText waits until the screen shows text.
func (p *Pane) WaitText(text string) string {
	p.t.Helper()
	return p.WaitFor(fmt.Sprintf("%q", text), func(scr string) bool { return strings.Contains(scr, text) })
}

// WaitHeader waits until the first line of the screen shows text.
func (p *Pane) WaitHeader(text string) string {
	p.t.Helper()
	return p.WaitFor(fmt.Sprintf("%q in the header", text), func(scr string) bool {
		first, _, _ := strings.Cut(scr, "\n")
		return strings.Contains(first, text)
	})
}

// WaitExit waits for the program to exit and returns its status.
func (p *Pane) WaitExit() string {
	p.t.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		if st, err := os.ReadFile(p.statusPath()); err == nil && len(st) > 0 {
			return strings.TrimSpace(string(st))
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the program did not exit; screen:\n%s", p.Capture(false))
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not synchronisation
	}
}

// Recording returns what the program wrote to its terminal so far.
func (p *Pane) Recording() string {
	b, err := os.ReadFile(p.RecordPath())
	if err != nil {
		p.t.Fatal(err)
	}
	return string(b)
}
