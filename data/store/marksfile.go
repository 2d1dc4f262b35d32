package store

import "path/filepath"

// OpenMarksFile opens the marks kept in the file at path, which need not
// exist yet, as OpenMarks does for the marks file of a state directory:
// the same format, the same lock (path + ".lock") and atomic writes.
// cndtalks serve keeps one such file per attendee's SSH key.
func OpenMarksFile(path string) (*MarksStore, error) {
	s := newMarksStore(filepath.Dir(path))
	s.path = path
	return s, s.load()
}
