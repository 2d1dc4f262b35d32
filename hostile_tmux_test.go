package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"cndtalks/internal/termscan"
	"cndtalks/model"
)

// tmuxPane runs one program in a private tmux server and records every
// byte the program writes to its terminal (pipe-pane), so a test can
// inspect what a real terminal would have received.
type tmuxPane struct {
	t      *testing.T
	socket string
	dir    string
}

// startTmux starts cmd (a shell command line) in a w x h window. The
// command waits for a line on stdin before running, so the recording is in
// place before it writes anything; its exit status goes to dir/status.
func startTmux(t *testing.T, w, h int, env []string, cmd string) *tmuxPane {
	t.Helper()
	if testing.Short() {
		t.Skip("tmux test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	p := &tmuxPane{t: t, socket: fmt.Sprintf("cndtalks-harden-%d-%d", os.Getpid(), time.Now().UnixNano()), dir: t.TempDir()}
	var envs strings.Builder
	for _, e := range env {
		k, v, _ := strings.Cut(e, "=")
		fmt.Fprintf(&envs, "%s=%s ", k, shellQuote(v))
	}
	line := fmt.Sprintf("read go; env %s %s; echo $? > %s", envs.String(), cmd, shellQuote(filepath.Join(p.dir, "status")))
	if out, err := p.tmux("new-session", "-d", "-s", "h", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "sh", "-c", line); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	t.Cleanup(func() { _, _ = p.tmux("kill-server") })
	if out, err := p.tmux("pipe-pane", "-t", "h", "cat >> "+shellQuote(p.recordPath())); err != nil {
		t.Fatalf("tmux pipe-pane: %v %s", err, out)
	}
	p.keys("Enter")
	return p
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (p *tmuxPane) recordPath() string { return filepath.Join(p.dir, "terminal.bin") }

func (p *tmuxPane) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", p.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	return string(out), err
}

func (p *tmuxPane) keys(keys ...string) {
	p.t.Helper()
	if out, err := p.tmux(append([]string{"send-keys", "-t", "h"}, keys...)...); err != nil {
		p.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

// capture returns the screen, with its styling when styled is set.
func (p *tmuxPane) capture(styled bool) string {
	args := []string{"capture-pane", "-p", "-t", "h"}
	if styled {
		args = append(args, "-e")
	}
	out, _ := p.tmux(args...)
	return out
}

// waitFor polls the screen until ok, or fails at the deadline.
func (p *tmuxPane) waitFor(what string, ok func(screen string) bool) string {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		scr := p.capture(false)
		if ok(scr) {
			return scr
		}
		if st, err := os.ReadFile(filepath.Join(p.dir, "status")); err == nil {
			p.t.Fatalf("cndtalks exited (status %s) while waiting for %s; screen:\n%s", strings.TrimSpace(string(st)), what, scr)
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not synchronisation
	}
}

func (p *tmuxPane) waitText(text string) string {
	p.t.Helper()
	return p.waitFor(fmt.Sprintf("%q", text), func(scr string) bool { return strings.Contains(scr, text) })
}

// waitExit waits for the program to exit and returns its status.
func (p *tmuxPane) waitExit() string {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if st, err := os.ReadFile(filepath.Join(p.dir, "status")); err == nil && len(st) > 0 {
			return strings.TrimSpace(string(st))
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("cndtalks did not exit; screen:\n%s", p.capture(false))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// recording returns what the program wrote to its terminal so far.
func (p *tmuxPane) recording() string {
	b, err := os.ReadFile(p.recordPath())
	if err != nil {
		p.t.Fatal(err)
	}
	return string(b)
}

// realTerminalPolicy is what the real TUI may send to a terminal: its own
// screen drawing (cursor moves, erasing, modes: any CSI except those that
// make the terminal answer or act on the window), SGR, OSC 8 links to
// SafeURL-valid URLs, the window title it sets (sanitised), the background
// colour query, the cursor colour, and OSC 52 copies of SafeURL-valid URLs. Never DCS, SOS,
// PM, APC, other OSCs, C1 controls or invalid UTF-8.
func realTerminalPolicy(title string) func(termscan.Seq) bool {
	return func(s termscan.Seq) bool {
		switch s.Kind {
		case termscan.SGR:
			return true
		case termscan.CSI:
			// n: status reports; c: device attributes; t: window
			// operations (title reports, resizing); > q: XTVERSION; y:
			// checksums. (CSI n SP q, the cursor shape, is the TUI's.)
			if s.Final == 'q' {
				return s.Terminated && strings.HasSuffix(s.Body, " ")
			}
			return s.Terminated && !strings.ContainsRune("ncty", rune(s.Final))
		case termscan.OSC:
			if termscan.SafeHyperlink(s) {
				return true
			}
			num, rest := s.OSCNumber()
			switch num {
			case "11":
				return rest == "?"
			case "12": // the filter cursor's colour, and its reset
				return len(rest) == 7 && rest[0] == '#' && strings.Trim(rest[1:], "0123456789abcdefABCDEF") == ""
			case "112":
				return rest == ""
			case "0", "2":
				return s.Terminated && (rest == title || rest == "") // set, and cleared at exit
			case "52":
				sel, data, _ := strings.Cut(rest, ";")
				u, err := base64.StdEncoding.DecodeString(data)
				if sel != "c" || err != nil {
					return false
				}
				safe, err := model.SafeURL(string(u))
				return err == nil && safe.String() == string(u)
			}
			return false
		case termscan.C0:
			return s.Raw == "\r" || s.Raw == "\b"
		case termscan.Escape:
			return s.Raw == "\x1b7" || s.Raw == "\x1b8" || s.Raw == "\x1bM" || s.Raw == "\x1b=" || s.Raw == "\x1b>"
		}
		return false
	}
}

// TestHostileCatalogueInTmux runs the real binary on the hostile YAML
// catalogue in tmux, goes through every screen, copies and opens a link
// with a recording $BROWSER, then storms it with resizes, and checks every
// byte it sent to the terminal, the screen after the storm, and that it
// quits cleanly.
func TestHostileCatalogueInTmux(t *testing.T) {
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := filepath.Abs(filepath.Join("data", "testdata", "hostile", "hostile.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opened := filepath.Join(dir, "opened.txt")
	browser := filepath.Join(dir, "browser.sh")
	if err := os.WriteFile(browser, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> "+shellQuote(opened)+"; done\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "BROWSER=" + browser, "HOME=" + dir,
		"XDG_STATE_HOME=" + dir + "/state", "XDG_DATA_HOME=" + dir + "/data", "XDG_CONFIG_HOME=" + dir + "/config"}
	p := startTmux(t, 100, 30, env, shellQuote(bin)+" --catalog "+shellQuote(catalog))

	p.waitText("Plain second talk")
	p.keys("Enter")
	p.waitText("Summary linked text")
	p.keys("PageDown", "j", "j")
	p.keys("y")
	p.waitText("Copied slides link")
	p.keys("o")
	p.waitText("Opened slides")
	p.keys("?")
	p.waitText("an exact phrase")
	p.keys("?")
	p.waitFor("the help to close", func(scr string) bool { return !strings.Contains(scr, "an exact phrase") })
	p.keys("p")
	p.waitFor("the speakers", func(scr string) bool {
		first, _, _ := strings.Cut(scr, "\n")
		return strings.Contains(first, "speakers")
	})
	p.keys("e")
	p.waitText("Programme")
	p.keys("t", "/")
	p.keys("-l", "plain")
	p.waitText("1 of 2")
	p.keys("Escape")

	// A resize storm: a bounded number of sizes, tiny to huge, without
	// waiting in between, then back to a normal size.
	sizes := [][2]int{{1, 1}, {300, 100}, {2, 3}, {40, 10}, {5, 5}, {0, 0}, {200, 2}, {3, 80}, {80, 24}, {10, 1}}
	for i := 0; i < 60; i++ {
		sz := sizes[i%len(sizes)]
		_, _ = p.tmux("resize-window", "-t", "h", "-x", fmt.Sprint(max(sz[0], 1)), "-y", fmt.Sprint(max(sz[1], 1)))
	}
	if out, err := p.tmux("resize-window", "-t", "h", "-x", "100", "-y", "30"); err != nil {
		t.Fatalf("resize: %v %s", err, out)
	}
	scr := p.waitFor("the list after the storm", func(scr string) bool {
		return strings.Contains(scr, "Plain second talk") && strings.Contains(scr, "Hostile Conf 2024")
	})
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	if len(lines) > 30 {
		t.Errorf("screen has %d lines after the storm", len(lines))
	}
	styled := p.capture(true)
	if err := termscan.Check(styled, termscan.StylingOnly); err != nil {
		t.Errorf("screen after the storm: %v", err)
	}
	if dir := os.Getenv("CNDTALKS_CAPTURE_DIR"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "hostile-tmux.ansi"), []byte(styled), 0o644)
	}

	p.keys("q")
	if st := p.waitExit(); st != "0" {
		t.Errorf("cndtalks exited with status %s", st)
	}

	rec := p.recording()
	title := "cndtalks · Hostile Conf 2024"
	if err := termscan.Check(rec, realTerminalPolicy(title)); err != nil {
		t.Errorf("bytes sent to the terminal: %v", err)
	}
	for _, marker := range []string{"PWN", "evil.example"} {
		if i := strings.Index(rec, marker); i >= 0 {
			t.Errorf("payload %q reached the terminal: %q", marker, rec[max(i-60, 0):min(i+40, len(rec))])
		}
	}
	for _, bad := range []string{"goroutine ", "panic:"} {
		if strings.Contains(ansi.Strip(rec), bad) {
			t.Errorf("the terminal received %q", bad)
		}
	}
	b, err := os.ReadFile(opened)
	if err != nil {
		t.Fatalf("the browser was not run: %v", err)
	}
	if got := strings.TrimSpace(string(b)); got != "https://example.org/slides.pdf" {
		t.Errorf("browser got %q, want the slides URL as one argument", got)
	}
}

// TestTUIBrowserFailuresInTmux opens links in the real TUI with a browser
// that hangs and one that fails: while the first hangs the TUI keeps
// answering keys and says it is opening; after the timeout it says the link
// was sent; the failing one is reported with the link; and q quits at once
// even with an open still pending.
func TestTUIBrowserFailuresInTmux(t *testing.T) {
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	catalog := filepath.Join(dir, "conf.yaml")
	conf := `event: {id: conf, name: Browser Conf}
talks:
  - id: one
    title: First Talk
    links: [{kind: slides, url: "https://slides.example.com/one"}]
  - id: two
    title: Second Talk
    links: [{kind: slides, url: "https://slides.example.com/two"}]
`
	if err := os.WriteFile(catalog, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	// The fake browser hangs for the first URL and fails for the second.
	browser := filepath.Join(dir, "browser.sh")
	script := "#!/bin/sh\nprintf '%s\\n' \"$1\" >> " + shellQuote(filepath.Join(dir, "opened.txt")) + "\n" +
		"case \"$1\" in *one) exec sleep 30;; *) echo 'browser: boom' >&2; exit 3;; esac\n"
	if err := os.WriteFile(browser, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"TERM=xterm-256color", "BROWSER=" + browser, "HOME=" + dir,
		"XDG_STATE_HOME=" + dir + "/state", "XDG_DATA_HOME=" + dir + "/data", "XDG_CONFIG_HOME=" + dir + "/config"}
	p := startTmux(t, 100, 30, env, shellQuote(bin)+" --catalog "+shellQuote(catalog))

	p.waitText("Second Talk")
	p.keys("o")
	p.waitText("Opening slides")
	// The browser is hanging: keys still work.
	p.keys("j")
	p.waitFor("the selection to move while the browser hangs", func(scr string) bool {
		return strings.Contains(scr, "2/2") || strings.Contains(scr, "2 of 2")
	})
	p.keys("?")
	p.waitText("an exact phrase")
	p.keys("?")
	p.waitFor("the help to close", func(scr string) bool { return !strings.Contains(scr, "an exact phrase") })
	// After the opener's timeout the status says the link was sent.
	p.waitText("Sent slides to your browser")

	// The second talk's browser fails: the status says so and shows the link.
	p.keys("o")
	p.waitText("https://slides.example.com/two")
	if scr := p.capture(false); !strings.Contains(scr, "The browser exited with status 3") {
		t.Errorf("no failure message:\n%s", scr)
	}
	if strings.Contains(p.capture(false), "boom") {
		t.Error("the browser's stderr reached the screen")
	}

	// Quit with an open pending: no wait for the browser.
	p.keys("k", "o", "q")
	if st := p.waitExit(); st != "0" {
		t.Errorf("cndtalks exited with status %s", st)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "opened.txt"))
	if got := strings.Fields(string(b)); len(got) < 2 || got[0] != "https://slides.example.com/one" || got[1] != "https://slides.example.com/two" {
		t.Errorf("the browser was given %q", got)
	}
}

// TestHostileFixturesInTmux runs the real TUI on each of the other hostile
// catalogues (JSON, schedule.json, schedule.xml, wide text) through its
// screens at a small and a large size, and scans every byte it sent.
func TestHostileFixturesInTmux(t *testing.T) {
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range hostileCatalogues(t) {
		name := filepath.Base(path)
		if name == "hostile.yaml" {
			continue // TestHostileCatalogueInTmux
		}
		t.Run(name, func(t *testing.T) {
			abs, err := filepath.Abs(path)
			if err != nil {
				t.Fatal(err)
			}
			res := mustLoad(t, abs)
			title := "cndtalks · " + res.Event.Name
			dir := t.TempDir()
			env := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "BROWSER=/bin/false", "HOME=" + dir,
				"XDG_STATE_HOME=" + dir + "/state", "XDG_DATA_HOME=" + dir + "/data", "XDG_CONFIG_HOME=" + dir + "/config"}
			p := startTmux(t, 120, 35, env, shellQuote(bin)+" --catalog "+shellQuote(abs))
			header := func(scr string) bool {
				first, _, _ := strings.Cut(scr, "\n")
				return strings.Contains(first, "talk")
			}
			p.waitFor("the list", header)
			p.keys("Enter", "PageDown", "y", "o")
			p.waitText("link")
			p.keys("?")
			p.waitText("an exact phrase")
			p.keys("?")
			p.waitFor("the help to close", func(scr string) bool { return !strings.Contains(scr, "an exact phrase") })
			before := p.capture(false)
			p.keys("p", "j")
			p.waitFor("the speakers", func(scr string) bool { return scr != before })
			p.keys("e", "End")
			p.waitFor("the event", func(scr string) bool { return strings.Contains(scr, "Programme") })
			for _, sz := range [][2]int{{20, 6}, {300, 90}, {45, 15}} {
				if out, err := p.tmux("resize-window", "-t", "h", "-x", fmt.Sprint(sz[0]), "-y", fmt.Sprint(sz[1])); err != nil {
					t.Fatalf("resize: %v %s", err, out)
				}
			}
			p.keys("t")
			p.waitFor("the list again", header)
			if err := termscan.Check(p.capture(true), termscan.StylingOnly); err != nil {
				t.Errorf("screen: %v", err)
			}
			p.keys("q")
			if st := p.waitExit(); st != "0" {
				t.Errorf("exit status %s", st)
			}
			rec := p.recording()
			if err := termscan.Check(rec, realTerminalPolicy(title)); err != nil {
				t.Errorf("bytes sent to the terminal: %v", err)
			}
			for _, marker := range []string{"PWN", "evil.example"} {
				if i := strings.Index(rec, marker); i >= 0 {
					t.Errorf("payload %q reached the terminal: %q", marker, rec[max(i-60, 0):min(i+40, len(rec))])
				}
			}
		})
	}
}
