package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/model"
)

// catalogue loads the catalogue once: --catalog FILE, else the embedded one.
func (a *app) catalogue() (*model.Catalogue, error) {
	if a.cat != nil {
		return a.cat, nil
	}
	if a.all {
		return a.archive() // archive.go
	}
	if a.catalogPath == "" && a.eventName == "" {
		a.cat = data.Default()
		return a.cat, nil
	}
	res, label, err := a.loadInterruptibly()
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		return nil, badInput(err)
	}
	a.cat = res.Catalogue
	// A stored catalogue's notes were said when it was added: only a file
	// read afresh says them again, once per reason.
	if a.eventName == "" {
		a.reportImport(model.SanitizeLine(filepath.Base(label)), res)
	}
	if len(res.Skipped) > 0 {
		// The browser's status line has room for the count, not the
		// reasons: its Event view lists those.
		a.notice = fmt.Sprintf("%s while importing: e lists them", data.NoticeSummary(res.Skipped))
		a.skipped = data.NoticeLines(res.Skipped)
	}
	return a.cat, nil
}

// reportImport says on stderr what reading a file assumed (its time zone)
// and what the importer dropped or repaired, each reason once with its
// count, under what ("while importing", the file's name).
func (a *app) reportImport(what string, res *data.Result) {
	for _, n := range res.Notes {
		fmt.Fprintf(a.stderr, "cndtalks: note: %s\n", model.SanitizeLine(n))
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(a.stderr, "cndtalks: %s: %s\n", what, data.NoticeSummary(res.Skipped))
		for _, line := range data.NoticeLines(res.Skipped) {
			fmt.Fprintf(a.stderr, "  %s\n", line)
		}
	}
}

// loadInterruptibly is loadLarge, ended by Ctrl-C or SIGTERM (a.ctx) even
// while a file is being parsed: parsing a big schedule takes seconds and
// does not watch the context (untilDone). A library catalogue (--event)
// loads in the foreground: loading it may write its snapshot, which must
// not be cut short.
func (a *app) loadInterruptibly() (*data.Result, string, error) {
	if a.eventName != "" {
		return a.loadLarge()
	}
	type loaded struct {
		res   *data.Result
		label string
	}
	l, err := untilDone(a.ctx, func() (loaded, error) {
		res, label, err := a.loadLarge()
		return loaded{res, label}, err
	})
	return l.res, l.label, err
}

func (a *app) library() (*store.Library, error) {
	dir, err := store.LibraryDir()
	if err != nil {
		return nil, err
	}
	lib := store.NewLibrary(dir)
	if snaps, err := store.SnapshotDir(); err == nil {
		lib.Snapshots = snaps
	}
	return lib, nil
}

// loadSelected reads the catalogue --catalog or --event names, and a label
// for messages about it.
func (a *app) loadSelected() (*data.Result, string, error) {
	if a.eventName == "" && a.catalogPath == "-" {
		// --catalog -: a catalogue or schedule piped in, read once.
		b, err := data.ReadAllContext(a.ctx, a.stdin, data.MaxFileSize)
		if errors.Is(err, data.ErrTooLarge) {
			return nil, "", badInput(fmt.Errorf("standard input is over the %d MiB limit for a catalogue", data.MaxFileSize>>20))
		}
		if err != nil {
			return nil, "", fmt.Errorf("reading standard input: %w", err)
		}
		res, err := data.ParseWith("standard input", b, data.ImportOptions{TimeZone: a.tz})
		return res, "standard input", err
	}
	if a.eventName == "" {
		res, err := data.LoadFileContext(a.ctx, a.catalogPath, data.ImportOptions{TimeZone: a.tz})
		return res, a.catalogPath, err
	}
	if a.catalogPath != "" {
		return nil, "", usageErrorf("--catalog and --event both name a catalogue: give one")
	}
	if a.tz != "" {
		return nil, "", usageErrorf("--tz applies to --catalog FILE and add: to change a stored catalogue's zone, add it again with --tz")
	}
	if a.eventName == data.Default().Event.ID {
		return &data.Result{Catalogue: data.Default(), Format: data.FormatYAML}, a.eventName, nil
	}
	lib, err := a.library()
	if err != nil {
		return nil, "", err
	}
	res, err := lib.Load(a.eventName)
	if errors.Is(err, store.ErrNotInLibrary) {
		return nil, "", usageErrorf("no catalogue named %s in the library (see 'cndtalks catalogues'; 'cndtalks add FILE|URL' stores one)", model.QuoteLine(a.eventName))
	}
	return res, a.eventName, err
}
