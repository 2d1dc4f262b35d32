package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"cndtalks/data"
	"cndtalks/model"
)

// catalogue loads the catalogue once: --catalog FILE, else the embedded one.
func (a *app) catalogue() (*model.Catalogue, error) {
	if a.cat != nil {
		return a.cat, nil
	}
	if a.catalogPath == "" && a.eventName == "" {
		a.cat = data.Default()
		return a.cat, nil
	}
	res, label, err := a.loadLarge()
	if err != nil {
		return nil, badInput(err)
	}
	a.cat = res.Catalogue
	if n := len(res.Skipped); n > 0 {
		first := res.Skipped[0]
		fmt.Fprintf(a.stderr, "cndtalks: skipped %d %s of %s (first: %s: %s)\n", n, plural(n, "record", "records"),
			model.SanitizeLine(label), model.SanitizeLine(first.Record), model.SanitizeLine(first.Reason))
		// The browser's status line has room for the count, not the
		// reasons: its Event view lists those.
		a.notice = fmt.Sprintf("skipped %d %s of %s: e lists them", n, plural(n, "record", "records"),
			model.SanitizeLine(filepath.Base(label)))
		a.skipped = make([]string, n)
		for i, sk := range res.Skipped {
			a.skipped[i] = model.SanitizeLine(sk.Record) + ": " + model.SanitizeLine(sk.Reason)
		}
	}
	return a.cat, nil
}

func (a *app) library() (*data.Library, error) {
	dir, err := data.LibraryDir()
	if err != nil {
		return nil, err
	}
	return data.NewLibrary(dir), nil
}

// loadSelected reads the catalogue --catalog or --event names, and a label
// for messages about it.
func (a *app) loadSelected() (*data.Result, string, error) {
	if a.eventName == "" && a.catalogPath == "-" {
		// --catalog -: a catalogue or schedule piped in, read once.
		b, err := io.ReadAll(io.LimitReader(a.stdin, data.MaxFileSize+1))
		if err != nil {
			return nil, "", fmt.Errorf("reading standard input: %w", err)
		}
		res, err := data.Parse("standard input", b)
		return res, "standard input", err
	}
	if a.eventName == "" {
		res, err := data.LoadFile(a.catalogPath)
		return res, a.catalogPath, err
	}
	if a.catalogPath != "" {
		return nil, "", usageErrorf("--catalog and --event both name a catalogue: give one")
	}
	if a.eventName == data.Default().Event.ID {
		return &data.Result{Catalogue: data.Default(), Format: data.FormatYAML}, a.eventName, nil
	}
	lib, err := a.library()
	if err != nil {
		return nil, "", err
	}
	res, err := lib.Load(a.eventName)
	if errors.Is(err, data.ErrNotInLibrary) {
		return nil, "", usageErrorf("no catalogue named %s in the library (see 'cndtalks catalogues'; 'cndtalks add FILE|URL' stores one)", model.QuoteLine(a.eventName))
	}
	return res, a.eventName, err
}
