package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"cndtalks/data"
	"cndtalks/data/internal/fsx"
	"cndtalks/model"
)

// The library keeps the catalogues and schedules a user added, so they can
// be read offline. Each entry is two files in the library directory:
//
//	NAME.catalogue  the bytes exactly as added (YAML, JSON or XML), so a
//	                newer cndtalks re-imports them with its better importers
//	NAME.json       what was added, from where and when (LibraryEntry)
//
// The embedded event is not in the library; it is always available.

// DataDir is where cndtalks keeps the data a user adds: $XDG_DATA_HOME/cndtalks
// when XDG_DATA_HOME is an absolute path (on every system), else
// ~/.local/share/cndtalks on Unix, ~/Library/Application Support/cndtalks on
// macOS and %LocalAppData%\cndtalks on Windows.
func DataDir() (string, error) {
	return userDir("XDG_DATA_HOME", filepath.Join(".local", "share"), "the catalogue library")
}

// LibraryDir is the default library directory: DataDir()/catalogues.
func LibraryDir() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "catalogues"), nil
}

// Library is a directory of stored catalogues. Its zero value is not
// usable; build one with NewLibrary.
type Library struct {
	// Dir holds the entries; it is created on the first Add.
	Dir string
	// Client downloads URLs. NewLibrary sets one with a 30 s timeout.
	Client *http.Client
	// MaxSize is the largest download accepted, in bytes.
	MaxSize int64
	// Now stamps new entries (a field so tests can fix it).
	Now func() time.Time
	// Replace lets Add replace an entry already stored under the name;
	// without it the name must be free.
	Replace bool
	// Snapshots is the directory of parsed snapshots (snapshot.go) Load
	// reads through; "" reads every entry afresh.
	Snapshots string
}

// NewLibrary returns the library kept in dir (use LibraryDir for the
// user's).
func NewLibrary(dir string) *Library {
	return &Library{
		Dir:     dir,
		Client:  &http.Client{Timeout: 30 * time.Second},
		MaxSize: data.MaxFileSize,
		Now:     time.Now,
	}
}

// LibraryEntry describes one stored catalogue.
type LibraryEntry struct {
	// Name is how the user refers to it (cndtalks --event NAME).
	Name string `json:"name"`
	// Source is the file path or URL it was added from.
	Source string    `json:"source"`
	Added  time.Time `json:"added"`
	// Format is the data.Result.Format it was read as.
	Format string `json:"format"`
	// Event is the event's name, Talks how many talks it has, Skipped how
	// many things (talks, persons, links, fields) the importer dropped or
	// shortened; its repairs are not counted.
	Event   string `json:"event"`
	EventID string `json:"event_id"`
	Talks   int    `json:"talks"`
	Skipped int    `json:"skipped,omitempty"`
	// HasSchedule is true when the talks have times.
	HasSchedule bool `json:"has_schedule,omitempty"`
	// TimeZone is the zone given when it was added (data.ImportOptions), used
	// each time it is read again.
	TimeZone string `json:"time_zone,omitempty"`
	// ETag and LastModified are what the server sent with the stored copy,
	// for Update to ask whether it changed (update.go).
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Updated is when Update last stored a new copy; Checked when it last
	// asked the server.
	Updated time.Time `json:"updated,omitzero"`
	Checked time.Time `json:"checked,omitzero"`
}

// ErrNetwork is wrapped by Add's errors that come from the network (no
// connection, a timeout) rather than from what was downloaded: trying again
// later may work.
var ErrNetwork = errors.New("network error")

// networkError is a download failure that errors.Is ErrNetwork.
type networkError string

func (e networkError) Error() string        { return string(e) }
func (e networkError) Is(target error) bool { return target == ErrNetwork }

// ErrStorage is wrapped by Add's errors that come from writing the library
// (a full disk, a read-only directory) rather than from what was added: a
// run-time failure, not bad input.
var ErrStorage = errors.New("cannot write to the library")

// storageError is a write failure that errors.Is ErrStorage.
type storageError struct{ err error }

func (e *storageError) Error() string        { return "cannot write to the library: " + e.err.Error() }
func (e *storageError) Unwrap() error        { return e.err }
func (e *storageError) Is(target error) bool { return target == ErrStorage }

// ErrNotInLibrary is returned (wrapped) for a name the library does not
// hold.
var ErrNotInLibrary = errors.New("no catalogue by that name in the library")

var libraryName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// ValidLibraryName checks a name given with --name: lower-case letters,
// digits, '.', '_' and '-', starting with a letter or digit, at most 64
// characters (it becomes a file name on every system).
func ValidLibraryName(name string) error {
	if !libraryName.MatchString(name) || strings.HasSuffix(name, ".") {
		return fmt.Errorf("invalid name %q: use lower-case letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)", model.SanitizeLine(name))
	}
	if windowsReserved(name) {
		return fmt.Errorf("invalid name %q: %s is a reserved device name on Windows; choose another", name, strings.ToUpper(strings.SplitN(name, ".", 2)[0]))
	}
	if name == data.Default().Event.ID {
		return fmt.Errorf("the name %q is the embedded event's: choose another", name)
	}
	return nil
}

// windowsReserved reports whether name, with or without an extension, is
// one of the device names Windows reserves in every directory (con, prn,
// aux, nul, com0-com9, lpt0-lpt9): a library file named so cannot be
// created there, and a library copied there would break.
func windowsReserved(name string) bool {
	base := strings.ToLower(strings.SplitN(name, ".", 2)[0])
	switch base {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '0' && base[3] <= '9'
}

// isURL reports whether src is meant as a URL rather than a file path.
func isURL(src string) bool {
	s := strings.ToLower(strings.TrimSpace(src))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "webcal://")
}

// webcalToHTTPS turns a webcal:// address (how calendar sites offer an
// .ics to subscribe to) into the https:// address it is downloaded from;
// other addresses are returned unchanged.
func webcalToHTTPS(src string) string {
	s := strings.TrimSpace(src)
	if len(s) >= len("webcal://") && strings.EqualFold(s[:len("webcal://")], "webcal://") {
		return "https://" + s[len("webcal://"):]
	}
	return src
}

// Add reads src (a file path, an http(s) URL, or a webcal:// one fetched
// over https), checks that it is a catalogue or schedule cndtalks can load,
// and stores it under name (by default the event's ID). A name already
// taken is refused unless l.Replace is set. It returns the
// stored entry and the loaded catalogue (with what the importer skipped).
func (l *Library) Add(ctx context.Context, src, name string) (LibraryEntry, *data.Result, error) {
	return l.AddWith(ctx, src, name, data.ImportOptions{})
}

// AddWith is Add with import options, which are stored with the entry and
// apply each time it is loaded.
func (l *Library) AddWith(ctx context.Context, src, name string, opt data.ImportOptions) (LibraryEntry, *data.Result, error) {
	if _, err := opt.Location(); err != nil {
		return LibraryEntry{}, nil, err
	}
	var (
		b      []byte
		v      httpValidators
		err    error
		source = src
	)
	if isURL(src) {
		var u *url.URL
		if u, err = model.SafeURL(webcalToHTTPS(src)); err != nil {
			return LibraryEntry{}, nil, fmt.Errorf("cannot download %s: %w", model.SanitizeLine(src), err)
		}
		source = u.String()
		var f fetched
		if f, err = l.fetch(ctx, source, httpValidators{}); err != nil {
			return LibraryEntry{}, nil, err
		}
		b, v = f.body, f.validators
	} else {
		if abs, aerr := filepath.Abs(src); aerr == nil {
			source = abs
		}
		if b, err = data.ReadLimited(ctx, src, l.MaxSize); err != nil {
			return LibraryEntry{}, nil, err
		}
	}
	return l.store(src, source, b, name, opt, v)
}

// AddReader is Add for a catalogue read from r (a pipe); source says where
// it came from in the listing, and name is required.
func (l *Library) AddReader(ctx context.Context, r io.Reader, source, name string) (LibraryEntry, *data.Result, error) {
	return l.AddReaderWith(ctx, r, source, name, data.ImportOptions{})
}

// AddReaderWith is AddReader with import options, stored with the entry.
func (l *Library) AddReaderWith(ctx context.Context, r io.Reader, source, name string, opt data.ImportOptions) (LibraryEntry, *data.Result, error) {
	if _, err := opt.Location(); err != nil {
		return LibraryEntry{}, nil, err
	}
	if name == "" {
		return LibraryEntry{}, nil, errors.New("a catalogue read from standard input needs --name")
	}
	b, err := data.ReadAllContext(ctx, r, l.MaxSize)
	switch {
	case errors.Is(err, data.ErrTooLarge):
		return LibraryEntry{}, nil, fmt.Errorf("%s is over the %s limit for a catalogue", source, fsx.ByteSize(l.MaxSize))
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return LibraryEntry{}, nil, err
	case err != nil:
		return LibraryEntry{}, nil, fmt.Errorf("cannot read %s: %w", source, err)
	}
	return l.store(source, source, b, name, opt, httpValidators{})
}

// store checks b and stores it under name; src names it in errors, source
// in the entry, v the server's validators of a download.
func (l *Library) store(src, source string, b []byte, name string, opt data.ImportOptions, v httpValidators) (LibraryEntry, *data.Result, error) {
	res, err := data.ParseWith(displayName(src), b, opt)
	if err != nil {
		if looksLikeHTML(b) {
			return LibraryEntry{}, nil, fmt.Errorf("%s is an HTML page, not a catalogue or schedule: look for the schedule.json or schedule.xml export link", model.SanitizeLine(src))
		}
		return LibraryEntry{}, nil, err
	}
	if name == "" {
		name = defaultLibraryName(res.Catalogue, src)
	}
	if err := ValidLibraryName(name); err != nil {
		return LibraryEntry{}, nil, err
	}
	if old, err := l.entry(name); err == nil && !l.Replace {
		return LibraryEntry{}, nil, fmt.Errorf("a catalogue named %q is already in the library (added from %s): add --force to replace it, or choose another --name", name, model.SanitizeLine(old.Source))
	}
	c := res.Catalogue
	e := LibraryEntry{
		Name: name, Source: source, Added: l.Now().UTC().Truncate(time.Second), Format: res.Format,
		Event: c.Event.Name, EventID: c.Event.ID, Talks: len(c.Talks), Skipped: data.LostCount(res.Skipped),
		HasSchedule: c.HasSchedule(), TimeZone: strings.TrimSpace(opt.TimeZone),
		ETag: v.ETag, LastModified: v.LastModified,
	}
	meta, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return LibraryEntry{}, nil, err
	}
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return LibraryEntry{}, nil, &storageError{fmt.Errorf("cannot create its directory: %w", err)}
	}
	// The catalogue first, then its description: an entry is listed only
	// once both are complete.
	if err := writeAtomic(l.catalogueFile(name), b); err != nil {
		return LibraryEntry{}, nil, err
	}
	if err := writeAtomic(l.metaFile(name), append(meta, '\n')); err != nil {
		return LibraryEntry{}, nil, err
	}
	// A catalogue added afresh starts its history over.
	l.removeUpdateFiles(name)
	return e, res, nil
}

// List returns the stored entries sorted by name. An entry whose
// description is unreadable is listed with just its name and no talks.
func (l *Library) List() ([]LibraryEntry, error) {
	des, err := os.ReadDir(l.Dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("cannot read the library: %w", err)
	}
	var out []LibraryEntry
	for _, de := range des {
		name, ok := strings.CutSuffix(de.Name(), ".catalogue")
		if !ok || ValidLibraryName(name) != nil {
			continue
		}
		e, err := l.entry(name)
		if err != nil {
			e = LibraryEntry{Name: name, Event: "(description unreadable: " + err.Error() + ")"}
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Remove deletes an entry.
func (l *Library) Remove(name string) error {
	if _, err := os.Stat(l.catalogueFile(name)); err != nil || ValidLibraryName(name) != nil {
		return fmt.Errorf("%q: %w", model.SanitizeLine(name), ErrNotInLibrary)
	}
	l.removeSnapshot(name)
	if err := os.Remove(l.catalogueFile(name)); err != nil {
		return fmt.Errorf("cannot remove %q: %w", name, err)
	}
	if err := os.Remove(l.metaFile(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot remove %q's description: %w", name, err)
	}
	l.removeUpdateFiles(name)
	return nil
}

// Load reads a stored entry. It needs no network.
func (l *Library) Load(name string) (*data.Result, error) { return l.load(name, nil) }

// load is Load reading the entry's snapshot into a buffer from arena
// (nil: its own).
func (l *Library) load(name string, arena *snapArena) (*data.Result, error) {
	if ValidLibraryName(name) != nil {
		return nil, fmt.Errorf("%q: %w", model.SanitizeLine(name), ErrNotInLibrary)
	}
	p := l.catalogueFile(name)
	if _, err := os.Stat(p); err != nil {
		return nil, fmt.Errorf("%q: %w", name, ErrNotInLibrary)
	}
	e, _ := l.entry(name) // an unreadable description: no options
	if l.Snapshots != "" {
		return l.loadSnapshotted(name, p, data.ImportOptions{TimeZone: e.TimeZone}, arena)
	}
	return data.LoadFileWith(p, data.ImportOptions{TimeZone: e.TimeZone})
}

// Entry returns the description of a stored entry.
func (l *Library) Entry(name string) (LibraryEntry, error) {
	if ValidLibraryName(name) != nil {
		return LibraryEntry{}, fmt.Errorf("%q: %w", model.SanitizeLine(name), ErrNotInLibrary)
	}
	if _, err := os.Stat(l.catalogueFile(name)); err != nil {
		return LibraryEntry{}, fmt.Errorf("%q: %w", name, ErrNotInLibrary)
	}
	return l.entry(name)
}

func (l *Library) entry(name string) (LibraryEntry, error) {
	b, err := os.ReadFile(l.metaFile(name))
	if err != nil {
		return LibraryEntry{}, err
	}
	var e LibraryEntry
	if err := json.Unmarshal(b, &e); err != nil {
		return LibraryEntry{}, err
	}
	e.Name = name
	return e, nil
}

func (l *Library) catalogueFile(name string) string { return filepath.Join(l.Dir, name+".catalogue") }
func (l *Library) metaFile(name string) string      { return filepath.Join(l.Dir, name+".json") }

// fetch downloads an http(s) URL within the client's timeout and the size
// limit, refusing error statuses and web pages. With validators from an
// earlier download it asks whether the URL changed since (If-None-Match,
// If-Modified-Since): a 304 answer is notModified, with no body.
func (l *Library) fetch(ctx context.Context, u string, cond httpValidators) (fetched, error) {
	shown := model.SanitizeLine(u)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fetched{}, fmt.Errorf("cannot download %s: %w", shown, err)
	}
	req.Header.Set("Accept", "application/json, application/xml, text/xml, application/yaml, text/yaml;q=0.9, */*;q=0.5")
	req.Header.Set("User-Agent", "cndtalks")
	cond.setOn(req.Header)
	client := http.Client{}
	if l.Client != nil {
		client = *l.Client
	}
	client.CheckRedirect = checkRedirect
	resp, err := client.Do(req)
	if re := (*redirectError)(nil); errors.As(err, &re) {
		return fetched{}, fmt.Errorf("cannot download %s: %v", shown, re)
	}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() {
			return fetched{}, networkError("cannot download " + shown + ": timed out")
		}
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fetched{}, networkError(fmt.Sprintf("cannot download %s: %v", shown, err))
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && !cond.empty() {
		return fetched{notModified: true, validators: cond.updatedBy(resp.Header)}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return fetched{}, fmt.Errorf("cannot download %s: the server answered %s", shown, model.SanitizeLine(resp.Status))
	}
	if resp.ContentLength > l.MaxSize {
		return fetched{}, fmt.Errorf("cannot download %s: it is %s, over the %s limit", shown, fsx.ByteSize(resp.ContentLength), fsx.ByteSize(l.MaxSize))
	}
	// Read the body as decoded: with Content-Encoding: gzip the limit
	// counts what the server's bytes expand to.
	b, err := data.ReadAllContext(ctx, resp.Body, l.MaxSize)
	if errors.Is(err, data.ErrTooLarge) {
		if resp.Uncompressed {
			return fetched{}, fmt.Errorf("cannot download %s: once decompressed it is over the %s limit", shown, fsx.ByteSize(l.MaxSize))
		}
		return fetched{}, fmt.Errorf("cannot download %s: it is over the %s limit", shown, fsx.ByteSize(l.MaxSize))
	}
	if errors.Is(err, context.Canceled) {
		return fetched{}, err
	}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() || errors.Is(err, context.DeadlineExceeded) {
			return fetched{}, networkError("cannot download " + shown + ": timed out")
		}
		return fetched{}, networkError(fmt.Sprintf("cannot download %s: %v", shown, err))
	}
	if resp.ContentLength > int64(len(b)) {
		// The reader stops quietly at an early end of the body.
		return fetched{}, networkError(fmt.Sprintf("cannot download %s: the connection closed after %s of %s", shown, fsx.ByteSize(int64(len(b))), fsx.ByteSize(resp.ContentLength)))
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "text/html" || ct == "application/xhtml+xml" || looksLikeHTML(b) {
		return fetched{}, fmt.Errorf("%s is an HTML page, not a catalogue or schedule: look for the schedule.json or schedule.xml export link", shown)
	}
	return fetched{body: b, validators: validatorsOf(resp.Header)}, nil
}

// maxRedirects is how many redirects a download follows, as Go's default.
const maxRedirects = 10

// checkRedirect holds a redirect to the policy of the URL given: an
// http(s) URL without credentials (model.SafeURL).
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	if _, err := model.SafeURL(req.URL.String()); err != nil {
		// Checked again redacted, so the message never shows a password.
		if _, rerr := model.SafeURL(req.URL.Redacted()); rerr != nil {
			err = rerr
		}
		return &redirectError{err}
	}
	return nil
}

// redirectError is a redirect the URL policy refused: a fault of the
// server's answer, not of the network.
type redirectError struct{ err error }

func (e *redirectError) Error() string { return "it redirects to a refused URL: " + e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }

// looksLikeHTML reports whether b starts like a web page.
func looksLikeHTML(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(b) > 512 {
		b = b[:512]
	}
	lower := bytes.ToLower(b)
	return bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		(bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")))
}

// displayName is the name errors about src carry: the path as given, or
// the URL's last path segment.
func displayName(src string) string {
	if !isURL(src) {
		return src
	}
	if u, err := url.Parse(src); err == nil {
		if base := path.Base(u.Path); base != "/" && base != "." && base != "" {
			return base
		}
		return u.Host
	}
	return src
}

// defaultLibraryName is the event's ID when it makes a valid name, else one
// made from the file name.
func defaultLibraryName(c *model.Catalogue, src string) string {
	for _, cand := range []string{c.Event.ID, strings.TrimSuffix(path.Base(filepath.ToSlash(displayName(src))), path.Ext(displayName(src)))} {
		n := data.Slugify(cand)
		if len(n) > 64 {
			n = strings.TrimRight(n[:64], ".-_")
		}
		if ValidLibraryName(n) == nil {
			return n
		}
	}
	return "catalogue"
}

// writeAtomic writes b to p through WriteFile, so a crash never leaves half
// a file.
func writeAtomic(p string, b []byte) error {
	if err := WriteFile(p, b, 0o644, RefuseNonRegular); err != nil {
		return &storageError{err}
	}
	return nil
}
