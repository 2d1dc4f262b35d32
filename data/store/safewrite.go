package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"cndtalks/data/internal/fsx"
)

// ErrNotRegular is wrapped by the errors of writes and reads that find
// something other than a regular file (a FIFO, a device, a socket, a
// directory) where a state file should be.
var ErrNotRegular = errors.New("not a regular file")

// NonRegular says what WriteFile does with a target that exists and is not
// a regular file.
type NonRegular int

const (
	// RefuseNonRegular makes such a target an error wrapping ErrNotRegular:
	// right for state files, where a FIFO would hang every command and a
	// device would be replaced.
	RefuseNonRegular NonRegular = iota
	// WriteNonRegularInPlace writes into it, the way a shell redirection
	// does: right for a user's output (export -o /dev/stdout, a FIFO).
	WriteNonRegularInPlace
)

// maxSymlinks bounds how many links WriteFile follows, as the kernel does.
const maxSymlinks = 40

// WriteFile writes b to path without clobbering what path is:
//
//   - a symbolic link is followed (even a dangling one) and its final
//     target is written; the link stays a link;
//   - an existing regular file is replaced atomically (a synced temporary
//     file in the same directory renamed over it, then the directory
//     synced), keeping its permission bits;
//   - a missing file is created the same way, with perm;
//   - anything else (a FIFO, a device, /dev/stdout) is written in place or
//     refused, as nonRegular says. A directory is always refused.
//
// A crash or a full disk leaves a regular file with its old content or the
// new one, never a part.
func WriteFile(path string, b []byte, perm fs.FileMode, nonRegular NonRegular) error {
	return safeWrite(path, b, perm, nonRegular, os.CreateTemp, writeAll)
}

func writeAll(f *os.File, b []byte) error {
	_, err := f.Write(b)
	return err
}

func safeWrite(path string, b []byte, perm fs.FileMode, nonRegular NonRegular,
	createTemp func(string, string) (*os.File, error), write func(*os.File, []byte) error) error {
	st, err := os.Stat(path) // follows links
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s: is a directory", path)
	case err == nil && !st.Mode().IsRegular():
		if nonRegular == RefuseNonRegular {
			return fmt.Errorf("%s: %w (%s): refusing to write it", path, ErrNotRegular, fileKind(st.Mode()))
		}
		return writeInPlace(path, b, write)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	target, err := resolveLinks(path)
	if err != nil {
		return err
	}
	if st != nil {
		perm = st.Mode().Perm()
	}
	return replaceAtomically(target, b, perm, createTemp, write)
}

// writeInPlace opens an existing non-regular file for writing (a FIFO
// waits for its reader, as with a shell redirection) and writes b to it.
func writeInPlace(path string, b []byte, write func(*os.File, []byte) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	werr := write(f, b)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// resolveLinks follows path's symbolic links to the file they name, which
// need not exist: writing a dangling link creates its target.
func resolveLinks(path string) (string, error) {
	for range maxSymlinks {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// replaceAtomically writes b to a temporary file beside path, syncs it and
// renames it over path, then syncs the directory.
func replaceAtomically(path string, b []byte, perm fs.FileMode,
	createTemp func(string, string) (*os.File, error), write func(*os.File, []byte) error) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := createTemp(dir, name+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		return err
	}
	if err := write(f, b); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	done = true
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return fsx.SyncDir(dir)
}

// fileKind names a non-regular file's type for a message.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "not a regular file"
}

// readRegular reads the regular file at path, or returns an error wrapping
// ErrNotRegular at once when it is something else: opening a FIFO without
// blocking and checking what was opened means no FIFO can hang the read.
func readRegular(path string) ([]byte, error) {
	f, err := fsx.OpenNoBlock(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(st.Mode()))}
	}
	return io.ReadAll(f)
}
