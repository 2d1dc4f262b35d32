package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"cndtalks/data/store"
	"cndtalks/internal/render"
	"cndtalks/model"
)

// ServeOptions is what the CLI hands the SSH server besides the catalogue
// (main.go passes it on to internal/serve).
type ServeOptions struct {
	Listen         string
	HostKey        string // "" means host_ed25519 in StateDir
	StateDir       string
	MaxSessions    int
	PerIPPerMinute int
	IdleTimeout    time.Duration
	MaxWidth       int
	MaxHeight      int
	Style          render.Style
	Notice         string
	Skipped        []string
	Changes        *model.ChangeSet // the --event catalogue's last update
	// List writes what `cndtalks list` prints, with marks (nil: none),
	// for a client without a terminal.
	List func(w io.Writer, marks model.Marks) error
	// Log is the structured log (to stderr).
	Log *slog.Logger
}

// Server serves the browser over SSH until ctx is cancelled. main.go
// passes internal/serve adapted to it.
type Server func(ctx context.Context, cat *model.Catalogue, opts ServeOptions) error

// serveLong is serve's help, with the systemd unit the README shows too.
const serveLong = `Serves the browser over SSH: every attendee runs 'ssh -p 2222 HOST' and
browses the catalogue in their own terminal, with their own stars, with
nothing to install. A client with a terminal gets the browser, sized to its
window and in its colours; without one ('ssh -T', or a pipe) it gets what
'cndtalks list' prints.

Any SSH key is accepted (attendees are anonymous) and keeps its owner's
stars and watched marks, in STATE/marks/<SHA-256 of the key>.json; a client
without a key gets marks for the session only. o, v and 1-9 open nothing on
the server: they show the link and copy it to the client's clipboard
(OSC 52). Nothing else is served: no shell, no commands, no port or agent
forwarding, no SFTP, no environment passed through.

The host key (ed25519, mode 0600) is created on the first run and reused.
SIGTERM tells every session, saves the marks and exits within seconds.
Connections, disconnections and refusals are logged on stderr (log/slog).

As a systemd service, /etc/systemd/system/cndtalks.service:

  [Unit]
  Description=cndtalks over SSH
  After=network-online.target
  Wants=network-online.target

  [Service]
  ExecStart=/usr/local/bin/cndtalks serve --listen :2222 --state-dir /var/lib/cndtalks
  DynamicUser=yes
  StateDirectory=cndtalks
  Restart=on-failure
  TimeoutStopSec=10
  NoNewPrivileges=yes
  ProtectSystem=strict
  ProtectHome=yes
  PrivateTmp=yes

  [Install]
  WantedBy=multi-user.target

then: systemctl daemon-reload && systemctl enable --now cndtalks`

func (a *app) newServeCmd() *cobra.Command {
	var o ServeOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "serve the browser over SSH to every attendee",
		Long:  serveLong,
		Example: `cndtalks serve
cndtalks serve --listen :2222 --event fosdem23
cndtalks serve --catalog schedule.json --max-sessions 300 --idle-timeout 1h`,
		Args:              cobra.NoArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(cmd *cobra.Command, _ []string) error { return a.serve(cmd.Context(), o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.Listen, "listen", "127.0.0.1:2222", "listen on ADDR (host:port; :2222 for every interface)")
	f.StringVar(&o.HostKey, "host-key", "", "the server's ed25519 host key FILE, created when missing (default STATE/host_ed25519)")
	f.StringVar(&o.StateDir, "state-dir", "", "keep the host key and the attendees' marks in DIR (default the state directory's serve/)")
	f.IntVar(&o.MaxSessions, "max-sessions", 100, "serve at most N sessions at once")
	f.IntVar(&o.PerIPPerMinute, "per-ip", 60, "accept at most N new connections per minute from one IP address")
	f.DurationVar(&o.IdleTimeout, "idle-timeout", 30*time.Minute, "end a session with no key pressed for this long")
	f.IntVar(&o.MaxWidth, "max-width", 400, "clamp a client's window to at most N columns")
	f.IntVar(&o.MaxHeight, "max-height", 200, "clamp a client's window to at most N rows")
	return cmd
}

// serve loads the catalogue and runs the server until SIGTERM or Ctrl-C.
func (a *app) serve(ctx context.Context, o ServeOptions) error {
	if a.server == nil {
		return errors.New("this build of cndtalks cannot serve")
	}
	for _, l := range []struct {
		name string
		v    int
	}{{"--max-sessions", o.MaxSessions}, {"--per-ip", o.PerIPPerMinute}, {"--max-width", o.MaxWidth}, {"--max-height", o.MaxHeight}} {
		if l.v < 1 {
			return usageErrorf("%s must be at least 1, not %d", l.name, l.v)
		}
	}
	if o.IdleTimeout <= 0 {
		return usageErrorf("--idle-timeout must be positive, not %s", o.IdleTimeout)
	}
	if o.StateDir == "" {
		dir, err := store.StateDir()
		if err != nil {
			return fmt.Errorf("%w; give --state-dir", err)
		}
		o.StateDir = filepath.Join(dir, "serve")
	}
	a.longRunning = true
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	o.Style, _ = render.ParseStyle(a.style)
	o.Notice, o.Skipped, o.Changes = a.notice, a.skipped, a.changeSet()
	o.List = func(w io.Writer, marks model.Marks) error {
		hits := make([]model.Hit, len(cat.Talks))
		for i := range hits {
			hits[i].Talk = i
		}
		_, err := io.WriteString(w, listLines(cat, hits, nil, marks))
		return err
	}
	o.Log = slog.New(slog.NewTextHandler(a.stderr, nil))
	if err := a.server(ctx, cat, o); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
