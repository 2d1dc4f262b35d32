// Command cndtalks browses the talks of a conference in the terminal,
// offline: Montreal Cloud Native Day 2019 is built in, and any cndtalks
// catalogue or frab/Pentabarf schedule can be read with --catalog.
//
// main.go is wiring only: the command line is internal/cli, the browser
// tui/, and this file hands the one the other's entry point.
package main

import (
	"context"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/charmbracelet/colorprofile"

	"cndtalks/internal/cli"
	"cndtalks/internal/serve"
	"cndtalks/model"
	"cndtalks/tui"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version or VCS revision from the build info is used.
var version = ""

func main() {
	// net/http logs some protocol oddities through the standard logger,
	// which would add a timestamped line to stderr (or over the browser).
	log.SetOutput(io.Discard)
	// SIGHUP too: a browser whose terminal closes saves its marks first.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	// The first signal asks the command to stop; a second one has its
	// default effect, so a computation slow to notice the first can still
	// be ended without kill -9.
	context.AfterFunc(ctx, stop)
	code := cli.Run(ctx, os.Args[1:], cli.Options{Version: version, Browse: browse, Serve: serveSSH})
	stop()
	os.Exit(code)
}

// browse starts the browser with what the command line decided.
func browse(ctx context.Context, cat *model.Catalogue, o cli.BrowseOptions) error {
	opts := tui.Options{Style: o.Style, Opener: o.Opener, Marks: o.Marks, Notice: o.Notice, Skipped: o.Skipped,
		CatalogueKey: o.CatalogueKey, Changes: o.Changes, Now: o.Now}
	if o.Catalogues != nil && o.OpenCatalogue != nil {
		opts.Switcher = switcher{o}
	}
	if o.NoColor {
		ascii := colorprofile.ASCII
		opts.ColorProfile = &ascii
	}
	return tui.Run(ctx, cat, opts)
}

// serveSSH runs the SSH server with what the command line decided.
func serveSSH(ctx context.Context, cat *model.Catalogue, o cli.ServeOptions) error {
	srv, err := serve.New(cat, serve.Config{
		Listen:         o.Listen,
		HostKeyPath:    o.HostKey,
		StateDir:       o.StateDir,
		MaxSessions:    o.MaxSessions,
		PerIPPerMinute: o.PerIPPerMinute,
		IdleTimeout:    o.IdleTimeout,
		MaxWidth:       o.MaxWidth,
		MaxHeight:      o.MaxHeight,
		Style:          o.Style,
		Notice:         o.Notice,
		Skipped:        o.Skipped,
		Changes:        o.Changes,
		List:           o.List,
		Logger:         o.Log,
	})
	if err != nil {
		return err
	}
	return srv.Run(ctx)
}

// switcher hands the CLI's catalogue listing and loading to the browser's
// catalogue switcher.
type switcher struct{ o cli.BrowseOptions }

func (s switcher) Catalogues() ([]model.CatalogueChoice, error) { return s.o.Catalogues() }

func (s switcher) Open(key string) (tui.Opened, error) {
	o, err := s.o.OpenCatalogue(key)
	return tui.Opened{Catalogue: o.Catalogue, Marks: o.Marks, Notice: o.Notice, Skipped: o.Skipped, Changes: o.Changes}, err
}
