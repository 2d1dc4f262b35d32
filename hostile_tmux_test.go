package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"cndtalks/internal/termscan"
	"cndtalks/internal/tmuxtest"
	"cndtalks/model"
)

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
	if err := os.WriteFile(browser, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> "+tmuxtest.ShellQuote(opened)+"; done\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "BROWSER=" + browser, "HOME=" + dir,
		"XDG_STATE_HOME=" + dir + "/state", "XDG_DATA_HOME=" + dir + "/data", "XDG_CONFIG_HOME=" + dir + "/config"}
	p := tmuxtest.Start(t, 100, 30, env, tmuxtest.ShellQuote(bin)+" --catalog "+tmuxtest.ShellQuote(catalog))

	p.WaitText("Plain second talk")
	p.Keys("Enter")
	p.WaitText("Summary linked text")
	p.Keys("PageDown", "j", "j")
	p.Keys("y")
	p.WaitText("Copied slides link")
	p.Keys("o")
	p.WaitText("Opened slides")
	p.Keys("?")
	p.WaitText("an exact phrase")
	p.Keys("?")
	p.WaitFor("the help to close", func(scr string) bool { return !strings.Contains(scr, "an exact phrase") })
	p.Keys("p")
	p.WaitFor("the speakers", func(scr string) bool {
		first, _, _ := strings.Cut(scr, "\n")
		return strings.Contains(first, "speakers")
	})
	p.Keys("e")
	p.WaitText("Programme")
	p.Keys("t", "/")
	p.Keys("-l", "plain")
	p.WaitText("1 of 2")
	p.Keys("Escape")

	// A resize storm: a bounded number of sizes, tiny to huge, without
	// waiting in between, then back to a normal size.
	sizes := [][2]int{{1, 1}, {300, 100}, {2, 3}, {40, 10}, {5, 5}, {0, 0}, {200, 2}, {3, 80}, {80, 24}, {10, 1}}
	for i := 0; i < 60; i++ {
		sz := sizes[i%len(sizes)]
		_, _ = p.Tmux("resize-window", "-t", "h", "-x", fmt.Sprint(max(sz[0], 1)), "-y", fmt.Sprint(max(sz[1], 1)))
	}
	if out, err := p.Tmux("resize-window", "-t", "h", "-x", "100", "-y", "30"); err != nil {
		t.Fatalf("resize: %v %s", err, out)
	}
	scr := p.WaitFor("the list after the storm", func(scr string) bool {
		return strings.Contains(scr, "Plain second talk") && strings.Contains(scr, "Hostile Conf 2024")
	})
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	if len(lines) > 30 {
		t.Errorf("screen has %d lines after the storm", len(lines))
	}
	styled := p.Capture(true)
	if err := termscan.Check(styled, termscan.StylingOnly); err != nil {
		t.Errorf("screen after the storm: %v", err)
	}
	if dir := os.Getenv("CNDTALKS_CAPTURE_DIR"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "hostile-tmux.ansi"), []byte(styled), 0o644)
	}

	p.Keys("q")
	if st := p.WaitExit(); st != "0" {
		t.Errorf("cndtalks exited with status %s", st)
	}

	rec := p.Recording()
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
	script := "#!/bin/sh\nprintf '%s\\n' \"$1\" >> " + tmuxtest.ShellQuote(filepath.Join(dir, "opened.txt")) + "\n" +
		"case \"$1\" in *one) exec sleep 30;; *) echo 'browser: boom' >&2; exit 3;; esac\n"
	if err := os.WriteFile(browser, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"TERM=xterm-256color", "BROWSER=" + browser, "HOME=" + dir,
		"XDG_STATE_HOME=" + dir + "/state", "XDG_DATA_HOME=" + dir + "/data", "XDG_CONFIG_HOME=" + dir + "/config"}
	p := tmuxtest.Start(t, 100, 30, env, tmuxtest.ShellQuote(bin)+" --catalog "+tmuxtest.ShellQuote(catalog))

	p.WaitText("Second Talk")
	p.Keys("o")
	p.WaitText("Opening slides")
	// The browser is hanging: keys still work.
	p.Keys("j")
	p.WaitFor("the selection to move while the browser hangs", func(scr string) bool {
		return strings.Contains(scr, "2/2") || strings.Contains(scr, "2 of 2")
	})
	p.Keys("?")
	p.WaitText("an exact phrase")
	p.Keys("?")
	p.WaitFor("the help to close", func(scr string) bool { return !strings.Contains(scr, "an exact phrase") })
	// After the opener's timeout the status says the link was sent.
	p.WaitText("Sent slides to your browser")

	// The second talk's browser fails: the status says so and shows the link.
	p.Keys("o")
	p.WaitText("https://slides.example.com/two")
	if scr := p.Capture(false); !strings.Contains(scr, "The browser exited with status 3") {
		t.Errorf("no failure message:\n%s", scr)
	}
	if strings.Contains(p.Capture(false), "boom") {
		t.Error("the browser's stderr reached the screen")
	}

	// Quit with an open pending: no wait for the browser.
	p.Keys("k", "o", "q")
	if st := p.WaitExit(); st != "0" {
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
			p := tmuxtest.Start(t, 120, 35, env, tmuxtest.ShellQuote(bin)+" --catalog "+tmuxtest.ShellQuote(abs))
			header := func(scr string) bool {
				first, _, _ := strings.Cut(scr, "\n")
				return strings.Contains(first, "talk")
			}
			p.WaitFor("the list", header)
			p.Keys("Enter", "PageDown", "y", "o")
			p.WaitText("link")
			p.Keys("?")
			p.WaitText("an exact phrase")
			p.Keys("?")
			p.WaitFor("the help to close", func(scr string) bool { return !strings.Contains(scr, "an exact phrase") })
			before := p.Capture(false)
			p.Keys("p", "j")
			p.WaitFor("the speakers", func(scr string) bool { return scr != before })
			p.Keys("e", "End")
			p.WaitFor("the event", func(scr string) bool { return strings.Contains(scr, "Programme") })
			for _, sz := range [][2]int{{20, 6}, {300, 90}, {45, 15}} {
				if out, err := p.Tmux("resize-window", "-t", "h", "-x", fmt.Sprint(sz[0]), "-y", fmt.Sprint(sz[1])); err != nil {
					t.Fatalf("resize: %v %s", err, out)
				}
			}
			p.Keys("t")
			p.WaitFor("the list again", header)
			if err := termscan.Check(p.Capture(true), termscan.StylingOnly); err != nil {
				t.Errorf("screen: %v", err)
			}
			p.Keys("q")
			if st := p.WaitExit(); st != "0" {
				t.Errorf("exit status %s", st)
			}
			rec := p.Recording()
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
