//go:build !unix && !windows

package fsx

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// staleLock is how old a lock directory must be before it is taken to be
// left behind by a crashed process.
const staleLock = 30 * time.Second

// TryLock is the portable fallback for systems without flock or
// LockFileEx: creating a directory is atomic everywhere, so whoever creates
// path+".d" holds the lock.
func TryLock(path string) (unlock func(), ok bool, err error) {
	d := path + ".d"
	err = os.Mkdir(d, 0o700)
	if errors.Is(err, fs.ErrExist) {
		if fi, serr := os.Stat(d); serr == nil && time.Since(fi.ModTime()) > staleLock {
			_ = os.Remove(d)
		}
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return func() { _ = os.Remove(d) }, true, nil
}

// SyncDir is best effort where directories may not support it.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// OpenNoBlock opens path for reading (there are no FIFOs to wait for here).
func OpenNoBlock(path string) (*os.File, error) { return os.Open(path) }
