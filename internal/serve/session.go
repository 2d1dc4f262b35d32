package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"

	"cndtalks/internal/opener"
	"cndtalks/model"
	"cndtalks/tui"
)

// session is one SSH session the server tracks: for the limits, the logs,
// its marks and ending it (idle, shutdown).
type session struct {
	id    uint64
	ip    string
	key   string // the SHA-256 fingerprint of the client's key; "" without one
	start time.Time
	marks tui.Marker
	note  string // the start-up notice about the marks, "" when they are kept
	// pty is whether the client asked for a terminal, read once as the
	// session starts: charm.land/ssh writes the PTY's window on every
	// window-change request without a lock, so reading sess.Pty() again
	// while the client resizes is a data race.
	pty bool

	mu   sync.Mutex
	prog *tea.Program
	why  string // why the server ended the session ("" while it runs)
}

// reasonShutdown is what a session ended by Shutdown is told.
const reasonShutdown = "the server is shutting down"

// sessionKey finds the session in its ssh.Context.
type sessionKey struct{}

// end ends the session's browser and keeps why, which the client is told.
func (ss *session) end(why string) {
	ss.mu.Lock()
	if ss.why == "" {
		ss.why = why
	}
	p := ss.prog
	ss.mu.Unlock()
	if p != nil {
		go p.Quit() // Quit waits for the program to read it
	}
}

// setProgram records the session's program; false when the session was
// ended before it could start.
func (ss *session) setProgram(p *tea.Program) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.prog = p
	return ss.why == ""
}

func (ss *session) reason() string {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.why
}

// track is the outermost middleware: it admits the session (or refuses it
// with a message), gives it its marks, logs it, and after it ends tells
// the client why the server ended it and saves its marks.
func (s *Server) track(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ip := remoteIP(sess.RemoteAddr())
		fp := ""
		if key := sess.PublicKey(); key != nil {
			fp = keyFingerprint(key)
		}
		ss, n, ok := s.admit(ip, fp)
		switch {
		case !ok && s.closing.Load():
			s.refuse(sess, ip, "shutting down", reasonShutdown)
			return
		case !ok:
			s.refuse(sess, ip, "full", fmt.Sprintf("the server is full (%d sessions); try again later", s.cfg.MaxSessions))
			return
		}
		defer s.release(ss)
		saveMarks := s.openMarks(ss)
		defer saveMarks() // a panic too; once only
		sess.Context().SetValue(sessionKey{}, ss)

		pty, _, hasPTY := sess.Pty()
		ss.pty = hasPTY
		attrs := []any{"session", ss.id, "ip", ip, "user", model.SanitizeLine(sess.User()), "key", shortKey(ss.key), "sessions", n}
		if hasPTY {
			attrs = append(attrs, "term", model.SanitizeLine(pty.Term), "window", fmt.Sprintf("%dx%d", pty.Window.Width, pty.Window.Height))
		} else {
			attrs = append(attrs, "pty", false)
		}
		s.log.Info("connect", attrs...)
		next(sess)
		saveErr := saveMarks()
		why := ss.reason()
		if why != "" {
			msg := why
			if why == reasonShutdown && ss.key != "" {
				if saveErr == nil {
					msg += "; your marks are saved"
				} else {
					msg += "; your marks could not be saved: " + saveErr.Error()
				}
			}
			// After the browser has left the alternate screen, so it
			// stays on the client's terminal.
			fmt.Fprintf(sess.Stderr(), "cndtalks: %s\n", model.SanitizeLine(msg))
		}
		s.log.Info("disconnect", "session", ss.id, "ip", ip, "key", shortKey(ss.key),
			"duration", time.Since(ss.start).Round(time.Millisecond).String(), "ended_by", endedBy(why), "sessions", s.liveCount()-1)
	}
}

func endedBy(why string) string {
	if why == "" {
		return "client"
	}
	return "server: " + why
}

// admit counts a new session in, unless the server is full; n is the
// number of sessions with it.
func (s *Server) admit(ip, fp string) (ss *session, n int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Under the lock Shutdown takes to end the sessions: a session is
	// either ended by it or refused here.
	if s.closing.Load() || len(s.live) >= s.cfg.MaxSessions {
		return nil, len(s.live), false
	}
	s.nextID++
	ss = &session{id: s.nextID, ip: ip, key: fp, start: time.Now()}
	s.live[ss] = struct{}{}
	s.stats.sessions.Add(1)
	return ss, len(s.live), true
}

func (s *Server) release(ss *session) {
	s.mu.Lock()
	delete(s.live, ss)
	s.mu.Unlock()
}

// refuse ends a session at once with a message on its stderr and exit
// status 1, and logs why.
func (s *Server) refuse(sess ssh.Session, ip, reason, msg string) {
	total := s.stats.refused.Add(1)
	s.log.Warn("refused", "reason", reason, "ip", ip, "refused_total", total, "sessions", s.liveCount())
	fmt.Fprintf(sess.Stderr(), "cndtalks: %s\n", msg)
	_ = sess.Exit(1)
}

// program is the Bubble Tea middleware's program handler: the browser for
// a session with a terminal (nil without one: listHandler answers).
func (s *Server) program(sess ssh.Session) *tea.Program {
	pty, _, ok := sess.Pty()
	if !ok {
		return nil
	}
	ss, _ := sess.Context().Value(sessionKey{}).(*session)
	if ss == nil {
		return nil
	}
	env := []string{"TERM=" + pty.Term}
	env = append(env, sess.Environ()...) // only the colour hints pass (restrict.go)
	profile := colorprofile.Env(env)
	w, h := s.clamp(pty.Window.Width, pty.Window.Height)
	in := newIdleReader(sess, s.cfg.IdleTimeout, func() {
		ss.end(fmt.Sprintf("no key pressed for %s: disconnected", s.cfg.IdleTimeout))
	})
	notice := s.cfg.Notice
	if ss.note != "" {
		notice = joinNotice(notice, ss.note)
	}
	opts := tui.Options{
		Style:        s.cfg.Style,
		Opener:       refuseOpener{},
		Marks:        ss.marks,
		Notice:       notice,
		Skipped:      s.cfg.Skipped,
		Changes:      s.cfg.Changes,
		Shared:       s.shared,
		Remote:       true,
		Input:        in,
		Output:       sess,
		ColorProfile: &profile,
		Width:        w,
		Height:       h,
	}
	if ss.key == "" {
		opts.MarksNote = "for this session only"
	}
	// Not the session's context: the middleware quits the program when
	// the session ends, and a program killed by its context reports an
	// error for what is only a client leaving.
	p := tui.NewProgram(context.Background(), s.cat, opts,
		tea.WithEnvironment(env),
		tea.WithFilter(s.filter),
	)
	go func() { // the idle timer stops with the session
		<-sess.Context().Done()
		in.stop()
	}()
	if !ss.setProgram(p) {
		return nil
	}
	return p
}

// filter clamps the client's window to the maximum size, and turns
// suspending (ctrl+z) into nothing: there is no shell to return to.
func (s *Server) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		msg.Width, msg.Height = s.clamp(msg.Width, msg.Height)
		return msg
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// clamp bounds a window size to the configured maximum; a zero or
// negative size stays as it is (the browser shows "too small").
func (s *Server) clamp(w, h int) (int, int) {
	return min(w, s.cfg.MaxWidth), min(h, s.cfg.MaxHeight)
}

// listMiddleware is the innermost handler: for a session without a
// terminal, the talk list with the client's marks. A session with a
// terminal had its browser already.
func (s *Server) listMiddleware(ssh.Handler) ssh.Handler { return s.list }

func (s *Server) list(sess ssh.Session) {
	ss, _ := sess.Context().Value(sessionKey{}).(*session)
	if ss != nil && ss.pty {
		return
	}
	if ss == nil { // not through track: ask the session itself
		if _, _, ok := sess.Pty(); ok {
			return
		}
	}
	var marks model.Marks
	if ss != nil && ss.key != "" {
		marks = ss.marks
	}
	if s.cfg.List == nil {
		return
	}
	if err := s.cfg.List(sess, marks); err != nil {
		fmt.Fprintf(sess.Stderr(), "cndtalks: %s\n", model.SanitizeLine(err.Error()))
		_ = sess.Exit(1)
	}
}

func joinNotice(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// refuseOpener is the browser's opener on the server: it never runs
// anything. The remote browser does not call it (Options.Remote); it is
// there so that a path that did would fail rather than start a browser on
// the server.
type refuseOpener struct{}

// Open refuses.
func (refuseOpener) Open(string) error {
	return fmt.Errorf("%w: links open on your own machine", opener.ErrNoBrowser)
}

// remoteIP is the IP address of addr without the port.
func remoteIP(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}

// idleReader is the session's input: each read restarts the idle timer,
// whose end calls onIdle.
type idleReader struct {
	r     io.Reader
	d     time.Duration
	timer *time.Timer
}

func newIdleReader(r io.Reader, d time.Duration, onIdle func()) *idleReader {
	return &idleReader{r: r, d: d, timer: time.AfterFunc(d, onIdle)}
}

func (ir *idleReader) Read(p []byte) (int, error) {
	n, err := ir.r.Read(p)
	if n > 0 {
		ir.timer.Reset(ir.d)
	}
	return n, err
}

func (ir *idleReader) stop() { ir.timer.Stop() }
