package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
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
	// ErrNoBrowser is wrapped when no browser command could be started.
	ErrNoBrowser = errors.New("no browser could be started")
	// ErrBrowserTimeout is wrapped when the browser command was started but
	// had not finished within the timeout. It is left running: a browser
	// started by $BROWSER=firefox stays in the foreground while it is open,
	// so the URL may well be showing.
	ErrBrowserTimeout = errors.New("the browser did not finish in time")
)

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
// URL was refused, that no browser could be started (ErrNoBrowser), that the
// browser failed, or that it is still running (ErrBrowserTimeout).
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

// openWithBrowserEnv tries each $BROWSER command in turn.
func openWithBrowserEnv(env, target string, timeout time.Duration) error {
	var errs []error
	for _, spec := range strings.Split(env, string(os.PathListSeparator)) {
		argv := BrowserCommand(spec, target)
		if len(argv) == 0 {
			continue
		}
		err := runBrowser(argv, timeout)
		if err == nil || errors.Is(err, ErrBrowserTimeout) {
			return err
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return fmt.Errorf("%w: $BROWSER names no command", ErrNoBrowser)
	}
	if len(errs) == 1 {
		return errs[0]
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return fmt.Errorf("%w: every $BROWSER command failed: %s", ErrNoBrowser, strings.Join(msgs, "; "))
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
		return fmt.Errorf("%w: $BROWSER command %q: %v", ErrNoBrowser, model.SanitizeLine(argv[0]), err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("browser %q failed: %v", model.SanitizeLine(argv[0]), err)
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
		return fmt.Errorf("the system's URL opener failed: %v", err)
	case <-timer.C:
		return fmt.Errorf("%w: the system's URL opener is still running after %s", ErrBrowserTimeout, timeout)
	}
}
