package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"cndtalks/data"
	"cndtalks/data/internal/fsx"
	"cndtalks/model"
)

// Update keeps a stored schedule current. Besides NAME.catalogue and
// NAME.json (library.go), an entry that was updated has:
//
//	NAME.catalogue.prev  the copy stored before the last update that
//	                     brought a new one (one previous version is kept)
//	NAME.changes         what that update changed (a model.ChangeSet, JSON)
//
// Nothing is replaced until the new copy has downloaded whole and loaded:
// a network failure, an error page, a truncated or invalid copy leave the
// entry as it was. Each file is written atomically (WriteFile); the
// description goes last, so an update cut short leaves at worst a new
// copy described by its old entry, which loads all the same.

// ErrNotFromURL is returned (wrapped) by Update for an entry added from a
// file or standard input: there is nothing to fetch again.
var ErrNotFromURL = errors.New("not from a URL")

// ErrUpdateRunning is returned (wrapped) by Update while another process
// updates the library: two updates of one entry would each keep "the
// previous copy" and write changes that describe either run.
var ErrUpdateRunning = errors.New("another cndtalks update is running; try again when it has finished")

// updateLock is the file whose lock one updating process holds: beside
// the library directory, not in it, so it is never taken for an entry.
func (l *Library) updateLock() string { return filepath.Clean(l.Dir) + ".update.lock" }

// httpValidators are what a server sends with a download to be asked later
// whether it changed.
type httpValidators struct {
	ETag, LastModified string
}

func validatorsOf(h http.Header) httpValidators {
	return httpValidators{ETag: strings.TrimSpace(h.Get("ETag")), LastModified: strings.TrimSpace(h.Get("Last-Modified"))}
}

func (v httpValidators) empty() bool { return v.ETag == "" && v.LastModified == "" }

// setOn makes a request conditional on the copy these validators describe.
func (v httpValidators) setOn(h http.Header) {
	if v.ETag != "" {
		h.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		h.Set("If-Modified-Since", v.LastModified)
	}
}

// updatedBy is v with what a 304 answer's headers renew.
func (v httpValidators) updatedBy(h http.Header) httpValidators {
	n := validatorsOf(h)
	if n.ETag == "" {
		n.ETag = v.ETag
	}
	if n.LastModified == "" {
		n.LastModified = v.LastModified
	}
	return n
}

// fetched is a download: its body and validators, or that the server said
// the copy it was asked about is current.
type fetched struct {
	body        []byte
	validators  httpValidators
	notModified bool
}

// UpdateResult is what Update did to one entry.
type UpdateResult struct {
	// Entry is the entry as it is now stored.
	Entry LibraryEntry
	// Unchanged: the server answered 304 Not Modified (NotModified), or sent
	// the same bytes as the stored copy. Nothing but the entry's check time
	// and validators changed, and the last change set stays.
	Unchanged   bool
	NotModified bool
	// Changes are the talks the new copy added, removed, moved, retitled or
	// gave other speakers (empty when only other fields changed); nil when
	// Unchanged.
	Changes *model.ChangeSet
	// Old is the copy that was stored before (nil when Unchanged, or when
	// it could not be read: then Changes lists every talk as added); New is
	// the new one as loaded, with what its importer dropped.
	Old *model.Catalogue
	New *data.Result
	// Notes say what the caller should know (the event's ID changed, so
	// marks stay with the old one; the old copy was unreadable).
	Notes []string
}

// Update fetches the stored entry name again from the URL it was added
// from, asking the server whether it changed since (If-None-Match,
// If-Modified-Since), with the limits and URL policy of Add. A new copy
// that loads replaces the stored one, which is kept as the previous
// version, and what changed is written beside it (Changes reads it). A
// failure of any kind leaves the entry untouched and says why.
func (l *Library) Update(ctx context.Context, name string) (UpdateResult, error) {
	e, err := l.Entry(name)
	if err != nil {
		return UpdateResult{}, err
	}
	if !isURL(e.Source) {
		return UpdateResult{Entry: e}, fmt.Errorf("%s: %w (added from %s)", name, ErrNotFromURL, model.SanitizeLine(e.Source))
	}
	if _, err := model.SafeURL(e.Source); err != nil {
		return UpdateResult{Entry: e}, fmt.Errorf("%s: cannot download %s: %w", name, model.SanitizeLine(e.Source), err)
	}
	unlock, ok, err := fsx.TryLock(l.updateLock())
	if err != nil {
		return UpdateResult{Entry: e}, fmt.Errorf("%s: cannot take the update lock: %w", name, err)
	}
	if !ok {
		return UpdateResult{Entry: e}, fmt.Errorf("%s: %w", name, ErrUpdateRunning)
	}
	defer unlock()
	kept := func(err error) (UpdateResult, error) {
		return UpdateResult{Entry: e}, &keptError{err}
	}
	cond := httpValidators{ETag: e.ETag, LastModified: e.LastModified}
	f, err := l.fetch(ctx, e.Source, cond)
	if err != nil {
		if ctx.Err() != nil {
			return UpdateResult{Entry: e}, ctx.Err()
		}
		return kept(err)
	}
	var oldBytes []byte
	if !f.notModified {
		if oldBytes, err = readRegular(l.catalogueFile(name)); err != nil {
			return kept(fmt.Errorf("cannot read the stored copy: %w", err))
		}
	}
	now := l.Now().UTC().Truncate(time.Second)
	if f.notModified || bytes.Equal(f.body, oldBytes) {
		e.Checked = now
		e.ETag, e.LastModified = f.validators.ETag, f.validators.LastModified
		if err := l.writeEntry(e); err != nil {
			return kept(err)
		}
		return UpdateResult{Entry: e, Unchanged: true, NotModified: f.notModified}, nil
	}
	opt := data.ImportOptions{TimeZone: e.TimeZone}
	res, err := data.ParseWith(displayName(e.Source), f.body, opt)
	if err != nil {
		if looksLikeHTML(f.body) {
			return kept(fmt.Errorf("%s is now an HTML page, not a catalogue or schedule", model.SanitizeLine(e.Source)))
		}
		return kept(fmt.Errorf("the new copy is not a catalogue or schedule cndtalks reads:\n%w", err))
	}
	out := UpdateResult{New: res}
	if old, err := data.ParseWith(name+".catalogue", oldBytes, opt); err == nil {
		out.Old = old.Catalogue
	} else {
		out.Notes = append(out.Notes, "the stored copy no longer loads, so every talk counts as added: "+firstLine(err.Error()))
	}
	c := res.Catalogue
	if out.Old != nil && len(out.Old.Talks) > 0 && len(c.Talks) == 0 {
		return kept(fmt.Errorf("the new copy has no talks (the stored one has %d): it looks cut short", len(out.Old.Talks)))
	}
	if out.Old != nil && out.Old.Event.ID != c.Event.ID {
		out.Notes = append(out.Notes, fmt.Sprintf("the event's ID changed from %s to %s: marks made on the old one stay with it",
			model.QuoteLine(out.Old.Event.ID), model.QuoteLine(c.Event.ID)))
	}
	prev := out.Old
	if prev == nil {
		prev = &model.Catalogue{}
	}
	out.Changes = model.Diff(prev, c)
	out.Changes.Updated = now

	ch, err := json.MarshalIndent(out.Changes, "", "  ")
	if err != nil {
		return kept(err)
	}
	// The previous copy, the new one, the changes, then the description.
	if err := writeAtomic(l.prevFile(name), oldBytes); err != nil {
		return kept(err)
	}
	if err := writeAtomic(l.catalogueFile(name), f.body); err != nil {
		return kept(err)
	}
	// From here the new copy stands: a failure says what is missing.
	if err := writeAtomic(l.changesFile(name), append(ch, '\n')); err != nil {
		return UpdateResult{Entry: e}, fmt.Errorf("the new copy is stored, but not its changes: %w", err)
	}
	e.Format, e.Event, e.EventID = res.Format, c.Event.Name, c.Event.ID
	e.Talks, e.Skipped, e.HasSchedule = len(c.Talks), data.LostCount(res.Skipped), c.HasSchedule()
	e.ETag, e.LastModified = f.validators.ETag, f.validators.LastModified
	e.Updated, e.Checked = now, now
	if err := l.writeEntry(e); err != nil {
		return UpdateResult{Entry: e}, fmt.Errorf("the new copy and its changes are stored, but not its description: %w", err)
	}
	out.Entry = e
	return out, nil
}

// keptError is an update that failed before it replaced anything.
type keptError struct{ err error }

func (e *keptError) Error() string { return e.err.Error() + "; the stored copy is kept" }
func (e *keptError) Unwrap() error { return e.err }

// Changes returns what the last update that brought a new copy of name
// changed, or nil when it was never updated.
func (l *Library) Changes(name string) (*model.ChangeSet, error) {
	if _, err := l.Entry(name); err != nil {
		return nil, err
	}
	b, err := readRegular(l.changesFile(name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the changes of %s: %w", name, err)
	}
	var cs model.ChangeSet
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("cannot read the changes of %s: %s: %w", name, filepath.Base(l.changesFile(name)), err)
	}
	cs.Index()
	return &cs, nil
}

// writeEntry writes an entry's description.
func (l *Library) writeEntry(e LibraryEntry) error {
	meta, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(l.metaFile(e.Name), append(meta, '\n'))
}

func (l *Library) prevFile(name string) string {
	return filepath.Join(l.Dir, name+".catalogue.prev")
}
func (l *Library) changesFile(name string) string { return filepath.Join(l.Dir, name+".changes") }

// removeUpdateFiles deletes an entry's previous copy and changes, which
// belong to the copy being removed or replaced.
func (l *Library) removeUpdateFiles(name string) {
	for _, p := range []string{l.prevFile(name), l.changesFile(name)} {
		_ = os.Remove(p) // absent (never updated) is the usual case
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
