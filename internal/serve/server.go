// Package serve is `cndtalks serve`: the browser over SSH for every
// attendee of a conference. Each connection with a terminal gets its own
// browser (tui) sized to the client's window, in the client's colours, with
// the marks of the client's SSH key; a connection without a terminal gets
// the talk list. Nothing else is served: no shell, no commands, no
// forwarding, no SFTP, and nothing of the client's environment reaches
// anything but the choice of colours. It is built on charm.land/wish/v2
// and its Bubble Tea middleware, as soft-serve and wishlist are.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"cndtalks/internal/render"
	"cndtalks/model"
	"cndtalks/tui"
)

// Defaults of the limits (Config).
const (
	DefaultListen         = "127.0.0.1:2222"
	DefaultMaxSessions    = 100
	DefaultPerIPPerMinute = 60
	DefaultIdleTimeout    = 30 * time.Minute
	DefaultMaxWidth       = 400
	DefaultMaxHeight      = 200
	// DefaultShutdownGrace is how long SIGTERM waits for sessions to say
	// goodbye and save their marks before the connections are cut.
	DefaultShutdownGrace = 3 * time.Second
	// handshakeTimeout bounds a connection that has not authenticated.
	handshakeTimeout = 10 * time.Second
)

// Config is what a server serves and its limits. Zero limits take the
// defaults above.
type Config struct {
	// Listen is the TCP address ("127.0.0.1:2222", ":22").
	Listen string
	// HostKeyPath is the server's ed25519 private key, created (mode 0600)
	// when missing; "" means host_ed25519 in StateDir.
	HostKeyPath string
	// StateDir holds the host key and the attendees' marks
	// (marks/<SHA-256 of the key>.json).
	StateDir string
	// MaxSessions is the most sessions at once; one more is refused with a
	// message.
	MaxSessions int
	// PerIPPerMinute is how many new connections one IP address may open
	// per minute (a burst of as many, refilled evenly).
	PerIPPerMinute int
	// IdleTimeout ends a session with no key pressed for that long.
	IdleTimeout time.Duration
	// MaxWidth and MaxHeight clamp the window a client reports.
	MaxWidth, MaxHeight int
	// ShutdownGrace bounds Shutdown's wait for sessions to end cleanly.
	ShutdownGrace time.Duration

	// Style, Notice, Skipped and Changes are as for the local browser.
	Style   render.Style
	Notice  string
	Skipped []string
	Changes *model.ChangeSet
	// List writes the talk list, as `cndtalks list` prints it, with the
	// client's marks (nil: none), for a session without a terminal.
	List func(w io.Writer, marks model.Marks) error
	// Logger receives the structured log; nil discards it.
	Logger *slog.Logger
}

func (c *Config) setDefaults() {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.HostKeyPath == "" {
		c.HostKeyPath = filepath.Join(c.StateDir, "host_ed25519")
	}
	if c.MaxSessions <= 0 {
		c.MaxSessions = DefaultMaxSessions
	}
	if c.PerIPPerMinute <= 0 {
		c.PerIPPerMinute = DefaultPerIPPerMinute
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.MaxWidth <= 0 {
		c.MaxWidth = DefaultMaxWidth
	}
	if c.MaxHeight <= 0 {
		c.MaxHeight = DefaultMaxHeight
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Server serves one catalogue over SSH.
type Server struct {
	cfg     Config
	cat     *model.Catalogue
	shared  *tui.Shared // the sessions' search index and renderings
	log     *slog.Logger
	srv     *ssh.Server
	limiter *ipLimiter
	marks   *markRegistry
	// HostKeyCreated is set when New generated the host key.
	HostKeyCreated bool
	// HostKeyFingerprint is the host key's SHA256 fingerprint, as ssh
	// shows it.
	HostKeyFingerprint string

	closing atomic.Bool
	mu      sync.Mutex
	live    map[*session]struct{}
	nextID  uint64
	conns   int
	ended   chan struct{} // a session ended (Shutdown waits on it)

	stats stats
}

// stats are the counts the log reports.
type stats struct {
	connections atomic.Int64
	sessions    atomic.Int64
	refused     atomic.Int64
}

// New builds a server on cat: it loads or creates the host key and opens
// nothing yet (Serve or ListenAndServe does).
func New(cat *model.Catalogue, cfg Config) (*Server, error) {
	cfg.setDefaults()
	if cfg.StateDir == "" {
		return nil, errors.New("serve: no state directory for the host key and the marks")
	}
	signer, created, err := loadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:     cfg,
		cat:     cat,
		shared:  tui.NewShared(cat, cfg.Skipped),
		log:     cfg.Logger,
		limiter: newIPLimiter(cfg.PerIPPerMinute, time.Now),
		marks:   newMarkRegistry(filepath.Join(cfg.StateDir, "marks")),
		live:    map[*session]struct{}{},
		ended:   make(chan struct{}, 1),

		HostKeyCreated:     created,
		HostKeyFingerprint: fingerprintSHA256(signer.PublicKey()),
	}
	s.srv, err = wish.NewServer(
		wish.WithAddress(cfg.Listen),
		func(srv *ssh.Server) error {
			srv.AddHostKey(signer)
			return nil
		},
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithKeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }),
		wish.WithMiddleware(
			s.listMiddleware, // innermost: no terminal, the list
			bm.MiddlewareWithProgramHandler(s.program), // a terminal: the browser
			s.track, // outermost: limits, marks, logs
		),
		s.restrict,
	)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return s, nil
}

// Serve accepts connections on ln until Shutdown or Close. It returns
// ssh.ErrServerClosed after Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.log.Info("listening", "addr", ln.Addr().String(), "host_key", s.cfg.HostKeyPath,
		"host_key_fingerprint", s.HostKeyFingerprint, "max_sessions", s.cfg.MaxSessions,
		"per_ip_per_minute", s.cfg.PerIPPerMinute, "idle_timeout", s.cfg.IdleTimeout.String())
	return s.srv.Serve(ln)
}

// Run listens on the configured address and serves until ctx ends (SIGTERM),
// then shuts down: every session is told, the marks are saved, and it
// returns within the shutdown grace and a little more.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	s.Shutdown()
	if err := <-done; err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops accepting connections, tells every session the server is
// shutting down and ends it, waits up to the grace for them to save their
// marks, saves whatever is left, and closes every connection.
func (s *Server) Shutdown() {
	s.mu.Lock()
	if s.closing.Swap(true) {
		s.mu.Unlock()
		return
	}
	n := len(s.live)
	for ss := range s.live {
		ss.end(reasonShutdown)
	}
	s.mu.Unlock()
	s.log.Info("shutting down", "sessions", n)
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownGrace)
	defer cancel()
	_ = s.srv.Shutdown(ctx) // closes the listeners; waits for the connections
	left := s.liveCount()
	if err := s.marks.flushAll(); err != nil {
		s.log.Error("marks not saved", "err", err.Error())
	}
	_ = s.srv.Close()
	s.log.Info("stopped", "connections", s.stats.connections.Load(), "sessions", s.stats.sessions.Load(),
		"refused", s.stats.refused.Load(), "cut_off", left)
}

// Close cuts every connection at once, without a word to the sessions.
func (s *Server) Close() error {
	s.closing.Store(true)
	_ = s.marks.flushAll()
	return s.srv.Close()
}

func (s *Server) liveCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live)
}
