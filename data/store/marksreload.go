package store

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// A browser left open shows marks made meanwhile by 'cndtalks star' or by
// another browser: it calls Reload every second or so. Reload costs one
// stat when nothing changed, and reads the file only when its identity,
// size or modification time differ from what this store last read or wrote.

// fileStamp is what tells that the marks file changed: an atomic write
// replaces it (another file), and a write in place changes its size or
// time.
type fileStamp struct {
	info  os.FileInfo // nil: no file
	size  int64
	mtime time.Time
}

func stampOf(path string) fileStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{info: fi, size: fi.Size(), mtime: fi.ModTime()}
}

func (a fileStamp) same(b fileStamp) bool {
	if a.info == nil || b.info == nil {
		return a.info == nil && b.info == nil
	}
	return os.SameFile(a.info, b.info) && a.size == b.size && a.mtime.Equal(b.mtime)
}

// Reload reads the marks file again when another process changed it since
// this store last read or wrote it, and reports whether the marks may have
// changed. Changes made here and not saved yet are replayed on what the
// file says, so they are never lost; they are saved by their pending save
// or Flush as before. It does nothing (false, nil) for an in-memory store,
// while this process is writing the file, and when the file is unchanged.
// A file that cannot be read or understood now is left alone, the marks
// known stay, and the error says why (once per change of the file).
func (s *MarksStore) Reload() (bool, error) {
	if s.path == "" {
		return false, nil
	}
	// A save in progress (or waiting for another process's lock) will
	// read the file anyway; try again on the next call.
	if !s.io.TryLock() {
		return false, nil
	}
	defer s.io.Unlock()
	now := stampOf(s.path)
	s.mu.RLock()
	unchanged := now.same(s.seen)
	s.mu.RUnlock()
	if unchanged {
		return false, nil
	}
	b, err := readRegular(s.path)
	var st marksState
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st = marksState{} // removed: no marks on disk
	case err != nil:
		s.mu.Lock()
		s.seen = now
		s.mu.Unlock()
		return false, err
	default:
		st, err = decodeMarks(b)
		var newer errNewer
		if errors.As(err, &newer) && st != nil {
			err = nil // readable as far as this version goes
		}
		if err != nil {
			s.mu.Lock()
			s.seen = now
			s.mu.Unlock()
			return false, &CorruptError{Path: s.path, Err: err}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, op := range s.pending {
		st.apply(op)
	}
	s.state = st
	s.seen = now
	return true, nil
}

// Reload reloads the store behind the view; see MarksStore.Reload.
func (c *CatalogueMarks) Reload() (bool, error) { return c.store.Reload() }
