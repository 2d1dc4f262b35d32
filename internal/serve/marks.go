package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"sync"

	"charm.land/ssh"

	"cndtalks/data/store"
	"cndtalks/tui"
)

// Each attendee's marks are kept by their SSH key: in
// marks/<hex SHA-256 of the public key>.json under the state directory, a
// marks file like the local one (data/store), written atomically under its
// lock. Sessions of one key share one store while any of them is open. A
// client without a key (keyboard-interactive) gets marks for the session
// only, and is told so.

// markRegistry opens the marks file of each key in use.
type markRegistry struct {
	dir string

	mu   sync.Mutex
	open map[string]*keyMarks
}

type keyMarks struct {
	store *store.MarksStore
	err   error // what opening found, told to each session
	users int
}

func newMarkRegistry(dir string) *markRegistry {
	return &markRegistry{dir: dir, open: map[string]*keyMarks{}}
}

// acquire returns the store of the key with hex fingerprint fp and the
// function that releases it; the last release saves what is pending.
func (r *markRegistry) acquire(fp string) (st *store.MarksStore, release func() error, opened error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	km := r.open[fp]
	if km == nil {
		st, err := store.OpenMarksFile(filepath.Join(r.dir, fp+".json"))
		km = &keyMarks{store: st, err: err}
		r.open[fp] = km
	}
	km.users++
	var once sync.Once
	release = func() error {
		var err error
		once.Do(func() {
			err = km.store.Flush()
			r.mu.Lock()
			km.users--
			if km.users == 0 && r.open[fp] == km {
				delete(r.open, fp)
			}
			r.mu.Unlock()
		})
		return err
	}
	return km.store, release, km.err
}

// flushAll saves what every open store has pending.
func (r *markRegistry) flushAll() error {
	r.mu.Lock()
	stores := make([]*store.MarksStore, 0, len(r.open))
	for _, km := range r.open {
		stores = append(stores, km.store)
	}
	r.mu.Unlock()
	var errs []error
	for _, st := range stores {
		errs = append(errs, st.Flush())
	}
	return errors.Join(errs...)
}

// openMarks gives the session the marks of its key (ss.key; marks of its
// own when it has none) and returns what saves them when it ends (once;
// later calls return nil).
func (s *Server) openMarks(ss *session) (save func() error) {
	if ss.key == "" {
		ss.marks = newSessionMarks()
		ss.note = "you connected without an SSH key: your stars and watched marks last for this session only"
		return func() error { return nil }
	}
	st, rel, err := s.marks.acquire(ss.key)
	ss.marks = st.For(s.cat.Event.ID)
	if err != nil {
		s.log.Warn("marks", "key", shortKey(ss.key), "err", err.Error())
		ss.note = "your marks: " + err.Error()
	}
	return func() error {
		err := rel()
		if err != nil {
			s.log.Error("marks not saved", "session", ss.id, "key", shortKey(ss.key), "err", err.Error())
		}
		return err
	}
}

// keyFingerprint is the hex SHA-256 of the key's wire form: the file name
// of its marks (ssh's "SHA256:..." fingerprint is the same hash in base64,
// which may hold a '/').
func keyFingerprint(key ssh.PublicKey) string {
	sum := sha256.Sum256(key.Marshal())
	return hex.EncodeToString(sum[:])
}

// shortKey is the start of a key fingerprint, enough to tell keys apart in
// the log; "none" without a key.
func shortKey(fp string) string {
	if fp == "" {
		return "none"
	}
	return fp[:16]
}

// sessionMarks are the marks of a client without a key: kept in memory for
// the session.
type sessionMarks struct {
	mu      sync.RWMutex
	starred map[string]bool
	watched map[string]bool
}

var _ tui.Marker = (*sessionMarks)(nil)

func newSessionMarks() *sessionMarks {
	return &sessionMarks{starred: map[string]bool{}, watched: map[string]bool{}}
}

// Starred reports whether the talk is starred.
func (m *sessionMarks) Starred(id string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.starred[id]
}

// Watched reports whether the talk is marked watched.
func (m *sessionMarks) Watched(id string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.watched[id]
}

// StageStarred stars or unstars; there is nothing to save.
func (m *sessionMarks) StageStarred(id string, on bool) func() error {
	m.set(m.starred, id, on)
	return func() error { return nil }
}

// StageWatched marks watched or not; there is nothing to save.
func (m *sessionMarks) StageWatched(id string, on bool) func() error {
	m.set(m.watched, id, on)
	return func() error { return nil }
}

func (m *sessionMarks) set(set map[string]bool, id string, on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on {
		set[id] = true
	} else {
		delete(set, id)
	}
}
