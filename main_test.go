package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/creack/pty"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain makes the test binary double as the real cndtalks command, so the
// scripts in testdata/script run it as a separate process with its real
// argument parsing, streams and exit codes.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"cndtalks": main})
}

// TestScripts runs the CLI stories in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// BINDIR lets a script run cndtalks with a PATH that holds
			// nothing else (no xdg-open, so no browser can be found).
			bin, err := exec.LookPath("cndtalks")
			if err != nil {
				return err
			}
			env.Setenv("BINDIR", filepath.Dir(bin))
			return nil
		},
		Cmds: libraryScriptCmds, // library_test.go
		Condition: func(cond string) (bool, error) {
			if cond == "unix" {
				return runtime.GOOS != "windows", nil
			}
			return false, errors.New("unknown condition " + cond)
		},
	})
}

// runInPTY runs cndtalks with a pseudo-terminal on the streams named in
// ttyStreams ("stdin", "stdout") and pipes on the others, and returns what
// it wrote to stdout (through the terminal or the pipe), its stderr and its
// exit code.
func runInPTY(t *testing.T, env []string, ttyStreams string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("pseudo-terminals are a Unix test here")
	}
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stderr = &errOut
	cmd.Stdout = &out
	cmd.Stdin = strings.NewReader("")
	if strings.Contains(ttyStreams, "stdin") {
		cmd.Stdin = tty
	}
	if strings.Contains(ttyStreams, "stdout") {
		cmd.Stdout = tty
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	// Read everything the program wrote to the terminal; the read ends with
	// an error (EIO on Linux) once the last writer has closed it.
	fromTTY := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(ptmx)
		fromTTY <- b
	}()
	err = cmd.Wait()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	termOut := <-fromTTY
	if strings.Contains(ttyStreams, "stdout") {
		return strings.ReplaceAll(string(termOut), "\r\n", "\n"), errOut.String(), code
	}
	return out.String(), errOut.String(), code
}

// TestNoCommandPipedFromTerminal checks that `cndtalks | less` typed at a
// terminal prints the plain list rather than starting the browser.
func TestNoCommandPipedFromTerminal(t *testing.T) {
	stdout, stderr, code := runInPTY(t, nil, "stdin")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	list, _, _ := runInPTY(t, nil, "", "list")
	if stdout != list || !strings.Contains(stdout, "Kubernetes: Crossing the Chasm") {
		t.Errorf("cndtalks | cat printed\n%s\nwant the output of cndtalks list:\n%s", stdout, list)
	}
}

var (
	sgrColour = regexp.MustCompile("\x1b\\[[0-9;]*(3[0-9]|4[0-9]|38|48)[;m]")
	anyEscape = regexp.MustCompile("\x1b")
)

// TestShowOnTerminal checks that show renders with Glamour on a terminal,
// drops colours with NO_COLOR, and stays plain Markdown when piped.
func TestShowOnTerminal(t *testing.T) {
	base := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=", "CLICOLOR_FORCE="}
	rendered, stderr, code := runInPTY(t, base, "stdin stdout", "show", "kafka", "--style", "dark")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !sgrColour.MatchString(rendered) {
		t.Errorf("show on a terminal has no colours:\n%q", rendered)
	}
	if strings.Contains(rendered, "# Streams must flow") || !strings.Contains(rendered, "Streams must flow") {
		t.Errorf("show on a terminal should render the heading, not print Markdown:\n%q", rendered)
	}
	if !strings.Contains(rendered, "\x1b]8;") {
		t.Errorf("links should be OSC 8 hyperlinks:\n%q", rendered)
	}

	noColour, _, code := runInPTY(t, append(base, "NO_COLOR=1"), "stdin stdout", "show", "kafka", "--style", "dark")
	if code != 0 {
		t.Fatalf("NO_COLOR: exit %d", code)
	}
	if sgrColour.MatchString(noColour) {
		t.Errorf("NO_COLOR output has colours:\n%q", noColour)
	}
	if !strings.Contains(noColour, "Streams must flow") {
		t.Errorf("NO_COLOR output lost the text:\n%q", noColour)
	}

	piped, _, code := runInPTY(t, base, "stdin", "show", "kafka", "--style", "dark")
	if code != 0 || anyEscape.MatchString(piped) || !strings.HasPrefix(piped, "# Streams must flow") {
		t.Errorf("piped show should be plain Markdown (exit %d):\n%q", code, piped)
	}
}

// TestListHighlightsOnTerminal checks that list marks the matched
// characters on a terminal, keeps them bold without colour under NO_COLOR,
// and prints plain text when piped.
func TestListHighlightsOnTerminal(t *testing.T) {
	base := []string{"TERM=xterm-256color", "NO_COLOR=", "CLICOLOR_FORCE="}
	out, _, code := runInPTY(t, base, "stdin stdout", "list", "kafka")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "\x1b[1;35mKafka\x1b[22;39m") {
		t.Errorf("list on a terminal should highlight Kafka:\n%q", out)
	}
	noColour, _, _ := runInPTY(t, append(base, "NO_COLOR=yes"), "stdin stdout", "list", "kafka")
	if sgrColour.MatchString(noColour) || strings.Contains(noColour, "35m") || !strings.Contains(noColour, "\x1b[1m") {
		t.Errorf("NO_COLOR=yes should keep bold and drop colour:\n%q", noColour)
	}
	piped, _, _ := runInPTY(t, base, "stdin", "list", "kafka")
	if anyEscape.MatchString(piped) {
		t.Errorf("piped list has escape sequences:\n%q", piped)
	}
}
