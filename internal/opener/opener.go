// Package opener opens a validated http(s) URL in the user's web browser:
// $BROWSER when set, else the platform's opener (xdg-open, open, rundll32).
// The CLI's open command and the browser's link keys both use it.
package opener

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/pkg/browser"

	"cndtalks/model"
)

// Opener opens a URL outside cndtalks, normally in the user's web browser.
// The CLI's `open` and the TUI's link keys both go through one, so tests can
// swap in a recorder.
type Opener interface {
	Open(url string) error
}

// DefaultOpenTimeout bounds how long BrowserOpener waits for a browser
// command to finish.
const DefaultOpenTimeout = 5 * time.Second

var (
	// ErrNoBrowser is wrapped when there is no browser to run: every
	// $BROWSER command is missing (or cannot be executed), or none of the
	// platform's openers (xdg-open...) is installed or xdg-open found no
	// browser. A browser that ran and failed is a *BrowserExitError instead.
	ErrNoBrowser = errors.New("no browser found")
	// ErrBrowserTimeout is wrapped when the browser command was started but
	// had not finished within the timeout. It is left running: a browser
	// started by $BROWSER=firefox stays in the foreground while it is open,
	// so the URL may well be showing.
	ErrBrowserTimeout = errors.New("the browser did not finish in time")
)

// BrowserExitError reports a browser command that started and then exited
// with a non-zero status (or was killed by a signal): there is a browser,
// and it failed. Its output is never shown (it could draw over the screen).
type BrowserExitError struct {
	// Command is the program: as named in $BROWSER, or the platform opener
	// ("xdg-open").
	Command string
	// Platform is true when Command is the system's URL opener rather than
	// a $BROWSER command.
	Platform bool
	// Status is the exit status, or -1 when a signal ended the command.
	Status int
	// Err is the *exec.ExitError.
	Err error
}

// Error names the command and how it ended: "the browser "firefox" exited
// with status 3".
func (e *BrowserExitError) Error() string {
	who := fmt.Sprintf("the browser %q", model.SanitizeLine(e.Command))
	if e.Platform {
		who = "the system's URL opener " + model.SanitizeLine(e.Command)
	}
	return who + " " + e.how()
}

// Summary is a capitalised sentence without the command's path, for a
// status line: "The browser exited with status 3".
func (e *BrowserExitError) Summary() string {
	if e.Platform {
		return "The system's URL opener " + e.how()
	}
	return "The browser " + e.how()
}

func (e *BrowserExitError) how() string {
	if e.Status < 0 {
		return fmt.Sprintf("ended abnormally (%v)", e.Err)
	}
	return fmt.Sprintf("exited with status %d", e.Status)
}

// Unwrap returns the *exec.ExitError.
func (e *BrowserExitError) Unwrap() error { return e.Err }

// exitError makes a *BrowserExitError of err when it is an *exec.ExitError.
func exitError(command string, platform bool, err error) (*BrowserExitError, bool) {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return nil, false
	}
	return &BrowserExitError{Command: command, Platform: platform, Status: ee.ExitCode(), Err: err}, true
}

// browserError is a message wrapping the error that classifies it
// (ErrNoBrowser or a *BrowserExitError), for several failed commands.
type browserError struct {
	msg string
	err error
}

func (e *browserError) Error() string { return e.msg }
func (e *browserError) Unwrap() error { return e.err }

// BrowserOpener opens URLs in the user's browser. Only URLs accepted by
// model.SafeURL are opened, and only their re-encoded form is handed to the
// browser, as a single argument.
//
// When $BROWSER is set it wins: it is a list of commands separated by ':'
// (';' on Windows), tried in turn until one succeeds. Each command is split
// into words on spaces (single or double quotes group words; no shell is
// involved); a word containing %s has it replaced by the URL ("%%" is a
// literal '%'), and a command without %s gets the URL as its last argument.
// Otherwise github.com/pkg/browser picks the platform's opener (xdg-open,
// open, ShellExecute) with its output discarded, so a TUI screen is never
// written over.
type BrowserOpener struct {
	// Getenv looks up $BROWSER; nil means os.Getenv.
	Getenv func(string) string
	// Timeout bounds the wait for the browser command; zero means
	// DefaultOpenTimeout.
	Timeout time.Duration
}

// NewBrowserOpener returns a BrowserOpener reading the real environment.
func NewBrowserOpener() *BrowserOpener { return &BrowserOpener{} }

// silenceBrowser points pkg/browser's output at io.Discard once: it writes
// the opener's output to the process's stdout and stderr otherwise.
var silenceBrowser sync.Once

// Open validates raw with model.SafeURL and opens it. The error says why a
// URL was refused (model.ErrUnsafeURL), that there is no browser to run
// (ErrNoBrowser), that the browser ran and failed (*BrowserExitError), or
// that it is still running (ErrBrowserTimeout).
func (b *BrowserOpener) Open(raw string) error {
	u, err := model.SafeURL(raw)
	if err != nil {
		return err
	}
	target := u.String()
	getenv := b.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	timeout := b.Timeout
	if timeout <= 0 {
		timeout = DefaultOpenTimeout
	}
	if env := strings.TrimSpace(getenv("BROWSER")); env != "" {
		return openWithBrowserEnv(env, target, timeout)
	}
	return openWithPlatform(target, timeout)
}

// openWithBrowserEnv tries each $BROWSER command in turn. When all fail,
// the error is a *BrowserExitError if any of them ran (the last one that
// did), else ErrNoBrowser.
func openWithBrowserEnv(env, target string, timeout time.Duration) error {
	var (
		errs []error
		ran  *BrowserExitError
	)
	for _, spec := range strings.Split(env, string(os.PathListSeparator)) {
		argv := BrowserCommand(spec, target)
		if len(argv) == 0 {
			continue
		}
		err := runBrowser(argv, timeout)
		if err == nil || errors.Is(err, ErrBrowserTimeout) {
			return err
		}
		errors.As(err, &ran)
		errs = append(errs, err)
	}
	switch {
	case len(errs) == 0:
		return fmt.Errorf("%w: $BROWSER names no command", ErrNoBrowser)
	case len(errs) == 1:
		return errs[0]
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = strings.TrimPrefix(e.Error(), ErrNoBrowser.Error()+": ")
	}
	if ran != nil {
		return &browserError{msg: "every $BROWSER command failed: " + strings.Join(msgs, "; "), err: ran}
	}
	return fmt.Errorf("%w: %s", ErrNoBrowser, strings.Join(msgs, "; "))
}

// BrowserCommand turns one $BROWSER entry into the argument vector that
// opens target: the first word is the program, %s is replaced by target
// ("%%" by '%'), and target is appended when there is no %s. Exported for
// tests and for explaining to a user what would run.
func BrowserCommand(spec, target string) []string {
	words := splitWords(spec)
	if len(words) == 0 {
		return nil
	}
	substituted := false
	for i, w := range words {
		if !strings.Contains(w, "%") {
			continue
		}
		var sb strings.Builder
		for j := 0; j < len(w); j++ {
			if w[j] == '%' && j+1 < len(w) {
				switch w[j+1] {
				case 's':
					sb.WriteString(target)
					substituted = true
					j++
					continue
				case '%':
					sb.WriteByte('%')
					j++
					continue
				}
			}
			sb.WriteByte(w[j])
		}
		words[i] = sb.String()
	}
	if !substituted {
		words = append(words, target)
	}
	return words
}

// splitWords splits on spaces and tabs; single or double quotes group a word
// that contains spaces. There is no shell and no other escaping.
func splitWords(s string) []string {
	var (
		words  []string
		cur    strings.Builder
		inWord bool
		quote  rune
	)
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote = r
			inWord = true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// runBrowser starts argv with no terminal I/O and waits for it up to
// timeout. A command still running then is left running and reported with
// ErrBrowserTimeout.
func runBrowser(argv []string, timeout time.Duration) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	// Stdin, Stdout and Stderr stay nil: the null device. A browser must not
	// read keys meant for cndtalks or draw over its screen.
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: $BROWSER command %q not found", ErrNoBrowser, model.SanitizeLine(argv[0]))
		}
		return fmt.Errorf("%w: $BROWSER command %q cannot be run: %v", ErrNoBrowser, model.SanitizeLine(argv[0]), errors.Unwrap(err))
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if e, ok := exitError(argv[0], false, err); ok {
			return e
		}
		if err != nil {
			return fmt.Errorf("the browser %q failed: %v", model.SanitizeLine(argv[0]), err)
		}
		return nil
	case <-timer.C:
		return fmt.Errorf("%w: %q still running after %s", ErrBrowserTimeout, model.SanitizeLine(argv[0]), timeout)
	}
}

// openWithPlatform opens target with pkg/browser, which blocks until the
// platform opener exits; the wait is bounded by timeout.
func openWithPlatform(target string, timeout time.Duration) error {
	silenceBrowser.Do(func() {
		browser.Stdout = io.Discard
		browser.Stderr = io.Discard
	})
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("%w: the platform opener panicked: %v", ErrNoBrowser, r)
			}
		}()
		done <- browser.OpenURL(target)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if err == nil {
			return nil
		}
		var execErr *exec.Error
		if errors.As(err, &execErr) && errors.Is(execErr.Err, exec.ErrNotFound) {
			return fmt.Errorf("%w: none of %s is installed; set $BROWSER to your browser's command",
				ErrNoBrowser, strings.ReplaceAll(execErr.Name, ",", ", "))
		}
		opener := platformOpener()
		if e, ok := exitError(opener, true, err); ok {
			if opener == "xdg-open" && e.Status == 3 {
				// xdg-open's status 3: "a required tool could not be
				// found", i.e. it has no browser to hand the URL to.
				return fmt.Errorf("%w: xdg-open found no browser to run (exit status 3); set $BROWSER to your browser's command", ErrNoBrowser)
			}
			return e
		}
		return fmt.Errorf("the system's URL opener failed: %v", err)
	case <-timer.C:
		return fmt.Errorf("%w: the system's URL opener is still running after %s", ErrBrowserTimeout, timeout)
	}
}

// platformOpener names the program pkg/browser runs: on Linux and the BSDs
// the first of its providers found on $PATH, as it picks them.
func platformOpener() string {
	switch runtime.GOOS {
	case "darwin":
		return "open"
	case "windows":
		return "rundll32"
	}
	for _, p := range []string{"xdg-open", "x-www-browser", "www-browser"} {
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	return "xdg-open"
}
