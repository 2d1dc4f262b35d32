package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"cndtalks/data/internal/fsx"
	"cndtalks/model"
)

// MarksVersion is the format version of the marks file this build reads and
// writes. A file with a higher version was written by a newer cndtalks: it is
// left untouched and the store goes read-only.
const MarksVersion = 1

// MarksFileName is the name of the marks file inside the state directory.
const MarksFileName = "marks.json"

// lockTimeout bounds how long a change waits for another cndtalks process to
// release the marks file.
const lockTimeout = 5 * time.Second

// Mark is one of the two things a talk can be marked as.
type Mark int

// The marks a talk can carry.
const (
	Star  Mark = iota // the user's pick
	Watch             // the recording was watched
)

// String is the mark's name as the CLI and messages spell it.
func (m Mark) String() string {
	if m == Watch {
		return "watched"
	}
	return "starred"
}

// Op is one change to the marks: set or clear one mark of one talk in one
// catalogue. Changes are stored as operations and replayed on the file as it
// is on disk at the time of writing, so two processes never overwrite each
// other's marks.
type Op struct {
	Catalogue string // model.Event.ID
	Talk      string // model.Talk.ID
	Mark      Mark
	On        bool
}

// ErrLocked is returned when another process holds the marks file for longer
// than the store is willing to wait.
var ErrLocked = errors.New("the marks file is locked by another cndtalks process")

// ErrNoCatalogueID is returned when marks are changed for a catalogue with no
// ID: they are kept for the session but cannot be stored.
var ErrNoCatalogueID = errors.New("this catalogue has no id, so its marks cannot be saved")

// CorruptError reports a marks file that could not be understood. The file is
// never replaced: it is renamed to MovedTo (empty when that failed too) and
// the store starts from the marks it already knew.
type CorruptError struct {
	Path    string
	MovedTo string
	Err     error
}

// Error says what was wrong and where the file went.
func (e *CorruptError) Error() string {
	if e.MovedTo == "" {
		return fmt.Sprintf("marks file %s is corrupt (%v) and could not be moved aside; marks will not be saved", e.Path, e.Err)
	}
	return fmt.Sprintf("marks file %s was corrupt (%v); kept it as %s and started afresh", e.Path, e.Err, e.MovedTo)
}

// Unwrap returns the parse error.
func (e *CorruptError) Unwrap() error { return e.Err }

// NewerVersionError reports a marks file written by a newer cndtalks. The
// store leaves it untouched and keeps this session's changes in memory only.
type NewerVersionError struct {
	Path    string
	Version int
}

// Error explains why marks are not being saved.
func (e *NewerVersionError) Error() string {
	return fmt.Sprintf("marks file %s was written by a newer cndtalks (format version %d, this one reads up to %d); "+
		"it is left untouched and marks are read-only", e.Path, e.Version, MarksVersion)
}

// NotSavedError wraps the reason a change could not be written. The change is
// still in effect for this session, and the store retries it with the next
// change.
type NotSavedError struct {
	Err error
	// Unsaved lists the changes not saved, when Flush returns the error
	// (a browser about to exit says which marks are lost).
	Unsaved []Op
}

// Error says the change is kept in memory only, and which changes when
// Unsaved is set.
func (e *NotSavedError) Error() string {
	msg := "marks not saved, kept for this session only: " + e.Err.Error()
	if len(e.Unsaved) > 0 {
		ops := make([]string, len(e.Unsaved))
		for i, op := range e.Unsaved {
			ops[i] = op.String()
		}
		msg += " (not saved: " + strings.Join(ops, ", ") + ")"
	}
	return msg
}

// String names the change: "star talk-a", "unwatch talk-b".
func (op Op) String() string {
	verb := "star"
	if op.Mark == Watch {
		verb = "watch"
	}
	if !op.On {
		verb = "un" + verb
	}
	return verb + " " + model.SanitizeLine(op.Talk)
}

// Unwrap returns the cause.
func (e *NotSavedError) Unwrap() error { return e.Err }

// marksDoc is the file format:
//
//	{
//	  "version": 1,
//	  "catalogues": {
//	    "mtl-cnd-2019": {
//	      "starred": ["talk-a", "talk-b"],
//	      "watched": ["talk-a"]
//	    }
//	  }
//	}
//
// Lists are sorted and catalogues are sorted by ID, so the file diffs well.
type marksDoc struct {
	Version    int                     `json:"version"`
	Catalogues map[string]*marksDocCat `json:"catalogues"`
}

type marksDocCat struct {
	Starred []string `json:"starred,omitempty"`
	Watched []string `json:"watched,omitempty"`
}

// catMarks is one catalogue's marks in memory.
type catMarks struct {
	starred map[string]bool
	watched map[string]bool
}

type marksState map[string]*catMarks

func (st marksState) apply(op Op) {
	c := st[op.Catalogue]
	if c == nil {
		if !op.On {
			return
		}
		c = &catMarks{starred: map[string]bool{}, watched: map[string]bool{}}
		st[op.Catalogue] = c
	}
	set := c.starred
	if op.Mark == Watch {
		set = c.watched
	}
	if op.On {
		set[op.Talk] = true
	} else {
		delete(set, op.Talk)
	}
}

func (st marksState) clone() marksState {
	out := make(marksState, len(st))
	for id, c := range st {
		out[id] = &catMarks{starred: cloneIDSet(c.starred), watched: cloneIDSet(c.watched)}
	}
	return out
}

func cloneIDSet(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func sortedIDs(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// encodeMarks renders the state as the file's bytes.
func encodeMarks(st marksState) []byte {
	doc := marksDoc{Version: MarksVersion, Catalogues: map[string]*marksDocCat{}}
	for id, c := range st {
		if len(c.starred) == 0 && len(c.watched) == 0 {
			continue
		}
		doc.Catalogues[id] = &marksDocCat{Starred: sortedIDs(c.starred), Watched: sortedIDs(c.watched)}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("data: encoding marks: " + err.Error()) // maps of strings always encode
	}
	return append(b, '\n')
}

// errNewer is decodeMarks' signal for a newer format; the caller builds the
// NewerVersionError with the path.
type errNewer struct{ version int }

func (e errNewer) Error() string { return fmt.Sprintf("format version %d", e.version) }

// decodeMarks parses the file. A file from a newer version yields errNewer;
// anything else that is not a valid version-1 file is an error describing
// what is wrong (with line and column for syntax errors).
func decodeMarks(b []byte) (marksState, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, errors.New("the file is empty")
	}
	// Read the version first: a newer file may use a shape this version
	// cannot decode, and must not be reported as corrupt.
	var head struct {
		Version json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, describeJSONError(b, err)
	}
	if head.Version == nil {
		return nil, errors.New(`no "version" field`)
	}
	var version int
	if err := json.Unmarshal(head.Version, &version); err != nil {
		return nil, fmt.Errorf(`"version" is %s, expected a whole number`, head.Version)
	}
	if version > MarksVersion {
		// Show what can be understood of it, read-only.
		var doc marksDoc
		if json.Unmarshal(b, &doc) == nil {
			return docState(doc), errNewer{version}
		}
		return nil, errNewer{version}
	}
	if version < 1 {
		return nil, fmt.Errorf(`"version" is %d, expected %d`, version, MarksVersion)
	}
	var doc marksDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, describeJSONError(b, err)
	}
	return docState(doc), nil
}

func docState(doc marksDoc) marksState {
	st := marksState{}
	for id, c := range doc.Catalogues {
		if c == nil {
			continue
		}
		cm := &catMarks{starred: map[string]bool{}, watched: map[string]bool{}}
		for _, t := range c.Starred {
			if t != "" {
				cm.starred[t] = true
			}
		}
		for _, t := range c.Watched {
			if t != "" {
				cm.watched[t] = true
			}
		}
		st[id] = cm
	}
	return st
}

// describeJSONError turns a decoding error into a message with line and
// column.
func describeJSONError(b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := marksLineCol(b, syn.Offset)
		return fmt.Errorf("line %d, column %d: %v", line, col, syn)
	case errors.As(err, &typ):
		line, col := marksLineCol(b, typ.Offset)
		field := typ.Field
		if field == "" {
			field = "the file"
		}
		return fmt.Errorf("line %d, column %d: %s is a JSON %s, expected %s", line, col, field, typ.Value, typ.Type)
	}
	return err
}

func marksLineCol(b []byte, off int64) (line, col int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	before := b[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1)
	if col < 1 {
		col = 1
	}
	return line, col
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// StateDir is where cndtalks keeps its state: $XDG_STATE_HOME/cndtalks when
// XDG_STATE_HOME is set to an absolute path (on every system), else
// ~/.local/state/cndtalks on Unix, ~/Library/Application Support/cndtalks on
// macOS and %LocalAppData%\cndtalks on Windows.
func StateDir() (string, error) {
	return userDir("XDG_STATE_HOME", filepath.Join(".local", "state"), "the marks file")
}

// MarksStore holds the stars and watched marks of every catalogue, backed by
// one JSON file. It is safe for concurrent use. Every change is written at
// once, atomically, under a lock shared with other cndtalks processes; when
// it cannot be written the change stays in effect in memory and the error
// says why. A store whose file could not be read keeps working in memory.
type MarksStore struct {
	path string

	mu       sync.RWMutex // guards state, pending, readOnly
	state    marksState
	pending  []Op      // applied in memory, not yet on disk
	readOnly error     // set when the file must never be written
	seen     fileStamp // the file as last read or written (marksreload.go)

	io sync.Mutex // serialises writers within the process

	ctx context.Context // ends a wait for another process's lock (SetContext)

	// Seams for tests: the clock used to name corrupt files, and the
	// file operations a full or read-only disk makes fail.
	now        func() time.Time
	createTemp func(dir, pattern string) (*os.File, error)
	write      func(f *os.File, b []byte) error
	timeout    time.Duration
}

// OpenMarks opens the marks file in dir (see StateDir), which need not
// exist yet. It always returns a usable store; a non-nil error is something
// to tell the user: a *CorruptError (the file was moved aside), a
// *NewerVersionError (the store is read-only), or a read error (the store is
// read-only, so a file it cannot see is never overwritten).
func OpenMarks(dir string) (*MarksStore, error) {
	s := newMarksStore(dir)
	// Stamped before reading: a change made in between is seen by the
	// next Reload rather than missed.
	seen := stampOf(s.path)
	err := s.load()
	s.seen = seen
	return s, err
}

// OpenDefaultMarks opens the marks file in StateDir. When there is no state
// directory at all (no home), it returns an in-memory store and says so.
func OpenDefaultMarks() (*MarksStore, error) {
	dir, err := StateDir()
	if err != nil {
		err = fmt.Errorf("%w; marks will not be saved", err)
		return InMemoryMarks(err), err
	}
	return OpenMarks(dir)
}

// InMemoryMarks is a store that never touches the disk, for when there is no
// state directory at all.
func InMemoryMarks(reason error) *MarksStore {
	if reason == nil {
		reason = errors.New("marks are kept in memory only")
	}
	s := newMarksStore("")
	s.readOnly = reason
	return s
}

func newMarksStore(dir string) *MarksStore {
	s := &MarksStore{
		state:      marksState{},
		now:        time.Now,
		createTemp: os.CreateTemp,
		write: func(f *os.File, b []byte) error {
			_, err := f.Write(b)
			return err
		},
		timeout: lockTimeout,
		ctx:     context.Background(),
	}
	if dir != "" {
		s.path = filepath.Join(dir, MarksFileName)
	}
	return s
}

// SetContext sets the context that ends a wait for another process's lock
// on the marks file (Ctrl-C during 'cndtalks star' while a browser saves):
// the change is then not saved, with ctx's error. A UI saving its last
// changes as it exits sets a context that is not done (the lock wait is
// bounded anyway).
func (s *MarksStore) SetContext(ctx context.Context) {
	s.io.Lock()
	defer s.io.Unlock()
	s.ctx = ctx
}

// Path is the marks file's path ("" for an in-memory store).
func (s *MarksStore) Path() string { return s.path }

// ReadOnly returns why changes are not being saved, or nil when they are.
func (s *MarksStore) ReadOnly() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.readOnly
}

func (s *MarksStore) load() error {
	b, err := readRegular(s.path)
	if errors.Is(err, fs.ErrNotExist) || (err != nil && !isDir(filepath.Dir(s.path))) {
		return nil // no file yet; writing will say if it cannot be created
	}
	if err != nil {
		err = fmt.Errorf("reading marks: %w; marks are read-only", err)
		s.readOnly = err
		return err
	}
	st, err := decodeMarks(b)
	if err == nil {
		s.state = st
		return nil
	}
	var newer errNewer
	if errors.As(err, &newer) {
		if st != nil {
			s.state = st
		}
		s.readOnly = &NewerVersionError{Path: s.path, Version: newer.version}
		return s.readOnly
	}
	// Corrupt: move it aside under the lock, after checking that another
	// process has not just replaced it with a good file.
	unlock, lerr := s.lock()
	if lerr != nil {
		s.readOnly = &CorruptError{Path: s.path, Err: err}
		return s.readOnly
	}
	defer unlock()
	st, cerr := s.readLocked()
	var corrupt *CorruptError
	switch {
	case cerr == nil:
	case errors.As(cerr, &corrupt) && corrupt.MovedTo != "":
		// Moved aside: the store starts empty and writable.
	default:
		s.readOnly = cerr
	}
	if st != nil {
		s.state = st
	}
	return cerr
}

// readLocked reads the file while holding the lock. A missing file is an
// empty state. A corrupt file is moved aside and reported with an empty
// state. Other failures return a nil state.
func (s *MarksStore) readLocked() (marksState, error) {
	b, err := readRegular(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return marksState{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading marks: %w", err)
	}
	st, err := decodeMarks(b)
	if err == nil {
		return st, nil
	}
	var newer errNewer
	if errors.As(err, &newer) {
		return nil, &NewerVersionError{Path: s.path, Version: newer.version}
	}
	aside, merr := s.moveAside()
	if merr != nil {
		return nil, &CorruptError{Path: s.path, Err: err}
	}
	return marksState{}, &CorruptError{Path: s.path, MovedTo: aside, Err: err}
}

// moveAside renames the marks file to marks.json.corrupt-<UTC time>, never
// over an existing file.
func (s *MarksStore) moveAside() (string, error) {
	base := s.path + ".corrupt-" + s.now().UTC().Format("20060102T150405Z")
	for i := 0; i < 100; i++ {
		dst := base
		if i > 0 {
			dst = fmt.Sprintf("%s-%d", base, i)
		}
		if _, err := os.Lstat(dst); err == nil {
			continue
		}
		if err := os.Rename(s.path, dst); err != nil {
			return "", err
		}
		return dst, nil
	}
	return "", errors.New("too many corrupt marks files kept aside")
}

// Starred reports whether the talk is starred in the catalogue.
func (s *MarksStore) Starred(catalogue, talk string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := s.state[catalogue]
	return c != nil && c.starred[talk]
}

// Watched reports whether the talk is marked watched in the catalogue.
func (s *MarksStore) Watched(catalogue, talk string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := s.state[catalogue]
	return c != nil && c.watched[talk]
}

// IDs returns the sorted IDs of the talks carrying the mark in the
// catalogue, including IDs the current catalogue may no longer have.
func (s *MarksStore) IDs(catalogue string, m Mark) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := s.state[catalogue]
	if c == nil {
		return nil
	}
	if m == Watch {
		return sortedIDs(c.watched)
	}
	return sortedIDs(c.starred)
}

// Apply makes one change. It takes effect in memory at once; then the file
// is re-read under the lock, every change not yet saved is replayed on it,
// and the result is written atomically, so marks made meanwhile by another
// process are kept. The error, when not nil, is for the user: a
// *NotSavedError (the change holds for this session and is retried with the
// next one; errors.As finds a *NewerVersionError behind it when that is the
// reason), or a *CorruptError whose MovedTo is set, in which case the change
// was saved after moving the bad file aside.
func (s *MarksStore) Apply(op Op) error { return s.Stage(op)() }

// Stage is Apply in two steps, for a UI: the change takes effect in memory
// when Stage returns, and save writes it (with any earlier change not yet
// saved). save may wait for the disk or for another process, so a UI calls
// Stage on its event loop and save off it. save's error is as for Apply.
func (s *MarksStore) Stage(op Op) (save func() error) {
	s.mu.Lock()
	s.state.apply(op)
	if op.Catalogue == "" {
		s.mu.Unlock()
		return func() error { return &NotSavedError{Err: ErrNoCatalogueID} }
	}
	s.pending = append(s.pending, op)
	ro := s.readOnly
	s.mu.Unlock()
	if ro != nil {
		return func() error { return &NotSavedError{Err: ro} }
	}
	return s.flush
}

// Flush writes the changes not saved yet. A UI calls it before exiting,
// since a save it started in the background may not have finished; it
// returns nil at once when everything is saved, and a *NotSavedError when
// the store is read-only and changes would be lost.
func (s *MarksStore) Flush() error {
	s.mu.RLock()
	ro, n := s.readOnly, len(s.pending)
	s.mu.RUnlock()
	var err error
	switch {
	case n == 0:
		return nil
	case ro != nil:
		err = &NotSavedError{Err: ro}
	default:
		err = s.flush()
	}
	var ns *NotSavedError
	if errors.As(err, &ns) {
		s.mu.RLock()
		ns.Unsaved = slices.Clone(s.pending)
		s.mu.RUnlock()
	}
	return err
}

// Toggle flips a mark and returns its new value.
func (s *MarksStore) Toggle(catalogue, talk string, m Mark) (bool, error) {
	on := !s.has(catalogue, talk, m)
	return on, s.Apply(Op{Catalogue: catalogue, Talk: talk, Mark: m, On: on})
}

func (s *MarksStore) has(catalogue, talk string, m Mark) bool {
	if m == Watch {
		return s.Watched(catalogue, talk)
	}
	return s.Starred(catalogue, talk)
}

// flush writes the pending changes.
func (s *MarksStore) flush() error {
	s.io.Lock()
	defer s.io.Unlock()

	s.mu.RLock()
	n := len(s.pending)
	ops := slices.Clone(s.pending)
	mem := s.state.clone()
	s.mu.RUnlock()
	if n == 0 {
		return nil // an earlier flush wrote this change
	}

	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &NotSavedError{Err: err}
	}
	unlock, err := s.lock()
	if err != nil {
		return &NotSavedError{Err: err}
	}
	defer unlock()

	fresh, rerr := s.readLocked()
	var corrupt *CorruptError
	switch {
	case rerr == nil:
		for _, op := range ops {
			fresh.apply(op)
		}
	case errors.As(rerr, &corrupt) && corrupt.MovedTo != "":
		// The file went bad under us: what this process knows is the
		// best there is, so it becomes the new file.
		fresh = mem
	case errors.As(rerr, new(*NewerVersionError)):
		s.mu.Lock()
		s.readOnly = rerr
		s.mu.Unlock()
		return rerr
	default:
		return &NotSavedError{Err: rerr}
	}
	s.removeStaleTemps()
	if err := s.writeAtomic(encodeMarks(fresh)); err != nil {
		return &NotSavedError{Err: err}
	}
	written := stampOf(s.path)

	s.mu.Lock()
	// Changes made while writing are pending still: keep them on top of
	// what is now on disk.
	later := s.pending[n:]
	for _, op := range later {
		fresh.apply(op)
	}
	s.state = fresh
	s.pending = slices.Clone(later)
	s.seen = written
	s.mu.Unlock()
	if corrupt != nil {
		return corrupt
	}
	return nil
}

// writeAtomic replaces the marks file (its target when it is a symbolic
// link) through WriteFile: a crash or a full disk leaves either the old
// file or the new one, never a mix, and a FIFO or a device in its place is
// an error rather than a hang.
func (s *MarksStore) writeAtomic(b []byte) error {
	return safeWrite(s.path, b, 0o600, RefuseNonRegular, s.createTemp, s.write)
}

// removeStaleTemps deletes temporary files a crashed writer left behind. It
// runs under the lock, when no other writer can have one open.
func (s *MarksStore) removeStaleTemps() {
	matches, _ := filepath.Glob(s.path + ".tmp-*")
	for _, m := range matches {
		_ = os.Remove(m)
	}
}

// lock takes the inter-process lock on the marks file, waiting up to the
// store's timeout.
func (s *MarksStore) lock() (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(s.timeout)
	wait := 2 * time.Millisecond
	for {
		unlock, ok, err := fsx.TryLock(s.path + ".lock")
		if err != nil {
			return nil, err
		}
		if ok {
			return unlock, nil
		}
		if time.Now().After(deadline) {
			return nil, ErrLocked
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-s.ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%w while waiting: %w", ErrLocked, s.ctx.Err())
		}
		wait = min(wait*2, 50*time.Millisecond)
	}
}

// For returns the catalogue's marks, which implement model.Marks for the
// search and follow later changes.
func (s *MarksStore) For(catalogue string) *CatalogueMarks {
	return &CatalogueMarks{store: s, id: catalogue}
}

// CatalogueMarks is one catalogue's view of a MarksStore.
type CatalogueMarks struct {
	store *MarksStore
	id    string
}

var _ model.Marks = (*CatalogueMarks)(nil)

// Starred reports whether the talk is starred.
func (c *CatalogueMarks) Starred(talkID string) bool { return c.store.Starred(c.id, talkID) }

// Watched reports whether the talk is marked watched.
func (c *CatalogueMarks) Watched(talkID string) bool { return c.store.Watched(c.id, talkID) }

// Set sets or clears a mark; see MarksStore.Apply for the error.
func (c *CatalogueMarks) Set(talkID string, m Mark, on bool) error {
	return c.store.Apply(Op{Catalogue: c.id, Talk: talkID, Mark: m, On: on})
}

// SetStarred stars or unstars a talk; see MarksStore.Apply for the error.
func (c *CatalogueMarks) SetStarred(talkID string, on bool) error { return c.Set(talkID, Star, on) }

// SetWatched marks a talk watched or not; see MarksStore.Apply for the
// error.
func (c *CatalogueMarks) SetWatched(talkID string, on bool) error { return c.Set(talkID, Watch, on) }

// StageStarred stars or unstars a talk in memory and returns the function
// that saves it; see MarksStore.Stage.
func (c *CatalogueMarks) StageStarred(talkID string, on bool) (save func() error) {
	return c.store.Stage(Op{Catalogue: c.id, Talk: talkID, Mark: Star, On: on})
}

// StageWatched marks a talk watched or not in memory and returns the
// function that saves it; see MarksStore.Stage.
func (c *CatalogueMarks) StageWatched(talkID string, on bool) (save func() error) {
	return c.store.Stage(Op{Catalogue: c.id, Talk: talkID, Mark: Watch, On: on})
}

// Toggle flips a mark and returns its new value; see MarksStore.Apply for
// the error.
func (c *CatalogueMarks) Toggle(talkID string, m Mark) (bool, error) {
	return c.store.Toggle(c.id, talkID, m)
}

// IDs returns the sorted IDs of the talks carrying the mark.
func (c *CatalogueMarks) IDs(m Mark) []string { return c.store.IDs(c.id, m) }

// Store returns the store behind the view.
func (c *CatalogueMarks) Store() *MarksStore { return c.store }
