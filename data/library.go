package data

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
}

// NewLibrary returns the library kept in dir (use LibraryDir for the
// user's).
func NewLibrary(dir string) *Library {
	return &Library{
		Dir:     dir,
		Client:  &http.Client{Timeout: 30 * time.Second},
		MaxSize: MaxFileSize,
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
	// Format is the Result.Format it was read as.
	Format string `json:"format"`
	// Event is the event's name, Talks how many talks it has, Skipped how
	// many records the importer dropped.
	Event   string `json:"event"`
	EventID string `json:"event_id"`
	Talks   int    `json:"talks"`
	Skipped int    `json:"skipped,omitempty"`
	// HasSchedule is true when the talks have times.
	HasSchedule bool `json:"has_schedule,omitempty"`
}

// ErrNetwork is wrapped by Add's errors that come from the network (no
// connection, a timeout) rather than from what was downloaded: trying again
// later may work.
var ErrNetwork = errors.New("network error")

// networkError is a download failure that errors.Is ErrNetwork.
type networkError string

func (e networkError) Error() string        { return string(e) }
func (e networkError) Is(target error) bool { return target == ErrNetwork }

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
	if name == Default().Event.ID {
		return fmt.Errorf("the name %q is the embedded event's: choose another", name)
	}
	return nil
}

// isURL reports whether src is meant as a URL rather than a file path.
func isURL(src string) bool {
	s := strings.ToLower(strings.TrimSpace(src))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Add reads src (a file path or an http(s) URL), checks that it is a
// catalogue or schedule cndtalks can load, and stores it under name (by
// default the event's ID). A name already taken is refused unless
// l.Replace is set. It returns the
// stored entry and the loaded catalogue (with what the importer skipped).
func (l *Library) Add(ctx context.Context, src, name string) (LibraryEntry, *Result, error) {
	var (
		b      []byte
		err    error
		source = src
	)
	if isURL(src) {
		var u *url.URL
		if u, err = model.SafeURL(src); err != nil {
			return LibraryEntry{}, nil, fmt.Errorf("cannot download %s: %w", model.SanitizeLine(src), err)
		}
		source = u.String()
		if b, err = l.download(ctx, source); err != nil {
			return LibraryEntry{}, nil, err
		}
	} else {
		if abs, aerr := filepath.Abs(src); aerr == nil {
			source = abs
		}
		if b, err = readLimited(src, l.MaxSize); err != nil {
			return LibraryEntry{}, nil, err
		}
	}
	return l.store(src, source, b, name)
}

// AddReader is Add for a catalogue read from r (a pipe); source says where
// it came from in the listing, and name is required.
func (l *Library) AddReader(r io.Reader, source, name string) (LibraryEntry, *Result, error) {
	if name == "" {
		return LibraryEntry{}, nil, errors.New("a catalogue read from standard input needs --name")
	}
	b, err := io.ReadAll(io.LimitReader(r, l.MaxSize+1))
	if err != nil {
		return LibraryEntry{}, nil, fmt.Errorf("cannot read %s: %w", source, err)
	}
	if int64(len(b)) > l.MaxSize {
		return LibraryEntry{}, nil, fmt.Errorf("%s is over the %s limit for a catalogue", source, byteSize(l.MaxSize))
	}
	return l.store(source, source, b, name)
}

// store checks b and stores it under name; src names it in errors, source
// in the entry.
func (l *Library) store(src, source string, b []byte, name string) (LibraryEntry, *Result, error) {
	res, err := Parse(displayName(src), b)
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
		Event: c.Event.Name, EventID: c.Event.ID, Talks: len(c.Talks), Skipped: len(res.Skipped),
		HasSchedule: c.HasSchedule(),
	}
	meta, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return LibraryEntry{}, nil, err
	}
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return LibraryEntry{}, nil, fmt.Errorf("cannot create the library directory: %w", err)
	}
	// The catalogue first, then its description: an entry is listed only
	// once both are complete.
	if err := writeAtomic(l.catalogueFile(name), b); err != nil {
		return LibraryEntry{}, nil, err
	}
	if err := writeAtomic(l.metaFile(name), append(meta, '\n')); err != nil {
		return LibraryEntry{}, nil, err
	}
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
	if err := os.Remove(l.catalogueFile(name)); err != nil {
		return fmt.Errorf("cannot remove %q: %w", name, err)
	}
	if err := os.Remove(l.metaFile(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot remove %q's description: %w", name, err)
	}
	return nil
}

// Load reads a stored entry. It needs no network.
func (l *Library) Load(name string) (*Result, error) {
	if ValidLibraryName(name) != nil {
		return nil, fmt.Errorf("%q: %w", model.SanitizeLine(name), ErrNotInLibrary)
	}
	p := l.catalogueFile(name)
	if _, err := os.Stat(p); err != nil {
		return nil, fmt.Errorf("%q: %w", name, ErrNotInLibrary)
	}
	return LoadFile(p)
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

// download fetches an http(s) URL within the client's timeout and the size
// limit, refusing error statuses and web pages.
func (l *Library) download(ctx context.Context, u string) ([]byte, error) {
	shown := model.SanitizeLine(u)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot download %s: %w", shown, err)
	}
	req.Header.Set("Accept", "application/json, application/xml, text/xml, application/yaml, text/yaml;q=0.9, */*;q=0.5")
	req.Header.Set("User-Agent", "cndtalks")
	client := l.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() {
			return nil, networkError("cannot download " + shown + ": timed out")
		}
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, networkError(fmt.Sprintf("cannot download %s: %v", shown, err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("cannot download %s: the server answered %s", shown, model.SanitizeLine(resp.Status))
	}
	if resp.ContentLength > l.MaxSize {
		return nil, fmt.Errorf("cannot download %s: it is %s, over the %s limit", shown, byteSize(resp.ContentLength), byteSize(l.MaxSize))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, l.MaxSize+1))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() || errors.Is(err, context.DeadlineExceeded) {
			return nil, networkError("cannot download " + shown + ": timed out")
		}
		return nil, networkError(fmt.Sprintf("cannot download %s: %v", shown, err))
	}
	if int64(len(b)) > l.MaxSize {
		return nil, fmt.Errorf("cannot download %s: it is over the %s limit", shown, byteSize(l.MaxSize))
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "text/html" || ct == "application/xhtml+xml" || looksLikeHTML(b) {
		return nil, fmt.Errorf("%s is an HTML page, not a catalogue or schedule: look for the schedule.json or schedule.xml export link", shown)
	}
	return b, nil
}

// byteSize formats a size for a message.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

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

func readLimited(p string, max int64) ([]byte, error) {
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{File: p, Msg: "no such file", Err: err}
		}
		return nil, &Error{File: p, Msg: "cannot read: " + unwrapPathError(err), Err: err}
	}
	if st.IsDir() {
		return nil, &Error{File: p, Msg: "is a directory, not a catalogue file"}
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, &Error{File: p, Msg: "cannot read: " + unwrapPathError(err), Err: err}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &Error{File: p, Msg: "cannot read: " + unwrapPathError(err), Err: err}
	}
	if int64(len(b)) > max {
		return nil, &Error{File: p, Msg: fmt.Sprintf("file is over the %s limit for a catalogue", byteSize(max))}
	}
	return b, nil
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
		n := slugify(cand)
		if len(n) > 64 {
			n = strings.TrimRight(n[:64], ".-_")
		}
		if ValidLibraryName(n) == nil {
			return n
		}
	}
	return "catalogue"
}

// writeAtomic writes b to p through a temporary file and a rename, so a
// crash never leaves half a file.
func writeAtomic(p string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*")
	if err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	if err := f.Close(); werr == nil {
		werr = err
	}
	if werr == nil {
		werr = os.Rename(tmp, p)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write to the library: %w", werr)
	}
	return nil
}
