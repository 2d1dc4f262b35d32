// Package sshtest is an SSH client with a virtual terminal for the tests
// of cndtalks serve: a session with a pseudo-terminal whose output is kept
// as a screen (github.com/charmbracelet/x/vt), keys in, screens out. The
// serve package's tests and the root package's load test share it.
package sshtest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// NewKey returns a new ed25519 client key.
func NewKey() (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return gossh.NewSignerFromKey(priv)
}

// Dial connects to addr as user "attendee" with key, or with
// keyboard-interactive and no answers when key is nil (a client without a
// key). The host key is not checked.
func Dial(addr string, key gossh.Signer) (*gossh.Client, error) {
	auth := []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return nil, nil
	})}
	if key != nil {
		auth = []gossh.AuthMethod{gossh.PublicKeys(key)}
	}
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "attendee",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), //nolint:gosec // a test server on loopback
		Timeout:         10 * time.Second,
	})
}

// Options shape a Terminal.
type Options struct {
	// Width and Height are the window the client reports.
	Width, Height int
	// ScreenWidth and ScreenHeight size the virtual screen; zero means
	// Width and Height (a server that clamps the window draws less).
	ScreenWidth, ScreenHeight int
	// Term is $TERM; "" means xterm-256color.
	Term string
	// Env is sent before the shell request (KEY=value).
	Env []string
	// KeepRaw keeps every byte received, for Raw.
	KeepRaw bool
}

// Terminal is one session with a pseudo-terminal.
type Terminal struct {
	sess  *gossh.Session
	stdin io.WriteCloser

	mu      sync.Mutex
	emu     *vt.Emulator
	raw     bytes.Buffer
	keepRaw bool
	stderr  bytes.Buffer
	writes  int

	changed chan struct{} // a write reached the screen
	done    chan struct{} // the session ended; exit holds how
	exit    error
}

// Open starts a shell session with a pseudo-terminal on client.
func Open(client *gossh.Client, o Options) (*Terminal, error) {
	if o.Term == "" {
		o.Term = "xterm-256color"
	}
	if o.ScreenWidth == 0 {
		o.ScreenWidth = o.Width
	}
	if o.ScreenHeight == 0 {
		o.ScreenHeight = o.Height
	}
	sess, err := client.NewSession()
	if err != nil {
		return nil, err
	}
	for _, kv := range o.Env {
		k, v, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(k, v); err != nil {
			sess.Close()
			return nil, fmt.Errorf("env %s: %w", k, err)
		}
	}
	if err := sess.RequestPty(o.Term, o.Height, o.Width, gossh.TerminalModes{}); err != nil {
		sess.Close()
		return nil, fmt.Errorf("pty-req: %w", err)
	}
	t := &Terminal{
		sess:    sess,
		emu:     vt.NewEmulator(max(o.ScreenWidth, 1), max(o.ScreenHeight, 1)),
		keepRaw: o.KeepRaw,
		changed: make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	go func() { _, _ = io.Copy(io.Discard, t.emu) }() // the terminal's answers to queries
	if t.stdin, err = sess.StdinPipe(); err != nil {
		sess.Close()
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		sess.Close()
		return nil, err
	}
	sess.Stderr = lockedWriter{t}
	if err := sess.Shell(); err != nil {
		sess.Close()
		return nil, fmt.Errorf("shell: %w", err)
	}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		buf := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(buf)
			if n > 0 {
				t.mu.Lock()
				_, _ = t.emu.Write(buf[:n])
				if t.keepRaw {
					t.raw.Write(buf[:n])
				}
				t.writes++
				t.mu.Unlock()
				t.signal()
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		err := sess.Wait()
		<-copied
		t.mu.Lock()
		t.exit = err
		t.mu.Unlock()
		close(t.done)
	}()
	return t, nil
}

// lockedWriter appends to the terminal's stderr.
type lockedWriter struct{ t *Terminal }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.t.mu.Lock()
	defer w.t.mu.Unlock()
	w.t.stderr.Write(p)
	return len(p), nil
}

func (t *Terminal) signal() {
	select {
	case t.changed <- struct{}{}:
	default:
	}
}

// Type sends s as typed keys.
func (t *Terminal) Type(s string) error {
	_, err := io.WriteString(t.stdin, s)
	return err
}

// Screen is the screen's text.
func (t *Terminal) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emu.String()
}

// Writes counts the chunks of output received so far.
func (t *Terminal) Writes() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.writes
}

// Raw is every byte received (with Options.KeepRaw).
func (t *Terminal) Raw() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

// Stderr is what the server wrote to the session's stderr.
func (t *Terminal) Stderr() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stderr.String()
}

// Resize reports a new window size and resizes the screen to screenW x
// screenH (a server that clamps the window draws less than w x h).
func (t *Terminal) Resize(w, h, screenW, screenH int) error {
	t.mu.Lock()
	t.emu.Resize(screenW, screenH)
	t.mu.Unlock()
	return t.sess.WindowChange(h, w)
}

// ErrTimeout is WaitFor's and Wait's error at the deadline.
var ErrTimeout = errors.New("timed out")

// WaitFor waits until ok accepts the screen, the session ends, or the
// timeout passes; it returns the last screen.
func (t *Terminal) WaitFor(timeout time.Duration, ok func(screen string) bool) (string, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		scr := t.Screen()
		if ok(scr) {
			return scr, nil
		}
		select {
		case <-t.changed:
		case <-t.done:
			if scr := t.Screen(); ok(scr) {
				return scr, nil
			}
			return t.Screen(), fmt.Errorf("the session ended (%v); stderr %q", t.ExitErr(), t.Stderr())
		case <-deadline.C:
			return t.Screen(), ErrTimeout
		}
	}
}

// WaitText waits for text on the screen.
func (t *Terminal) WaitText(timeout time.Duration, text string) (string, error) {
	return t.WaitFor(timeout, func(s string) bool { return strings.Contains(s, text) })
}

// Wait waits for the session to end and returns how (nil: exit status 0).
func (t *Terminal) Wait(timeout time.Duration) error {
	select {
	case <-t.done:
		return t.ExitErr()
	case <-time.After(timeout):
		return ErrTimeout
	}
}

// Ended reports whether the session has ended.
func (t *Terminal) Ended() bool {
	select {
	case <-t.done:
		return true
	default:
		return false
	}
}

// ExitErr is the session's end: nil for exit status 0, a *gossh.ExitError
// otherwise.
func (t *Terminal) ExitErr() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.exit
}

// Close ends the session. (The screen stays readable; its goroutine that
// drains the terminal's answers stays blocked until the test process ends:
// vt's Close races with its Read.)
func (t *Terminal) Close() error {
	return t.sess.Close()
}

// ListenAddr is a free loopback address (for a server started in another
// process).
func ListenAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
