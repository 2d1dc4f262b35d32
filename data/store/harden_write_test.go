//go:build unix

package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"cndtalks/data/internal/fsx"
)

// TestWriteFile checks each kind of target WriteFile may meet: export -o
// used to rename over whatever was there, turning a FIFO or a symbolic
// link into a regular file and a 0600 file into a 0644 one.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()

	// A missing file is created with perm, a regular file replaced
	// keeping its own mode.
	p := filepath.Join(dir, "out.md")
	for _, content := range []string{"first", "second"} {
		if err := WriteFile(p, []byte(content), 0o644, WriteNonRegularInPlace); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != content {
			t.Errorf("content %q, want %q", b, content)
		}
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file's mode %v, want 0644", fi.Mode())
	}
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	if err := WriteFile(p, []byte("third"), 0o644, WriteNonRegularInPlace); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(p)
	if after.Mode().Perm() != 0o600 {
		t.Errorf("a 0600 file came back %v", after.Mode())
	}
	if os.SameFile(before, after) {
		t.Error("a regular file was written in place, not replaced atomically")
	}

	// A symbolic link stays one; its target (even a missing one, through
	// a relative link) gets the content.
	target := filepath.Join(dir, "real.md")
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		t.Fatal(err)
	}
	for _, content := range []string{"via a dangling link", "via the link again"} {
		if err := WriteFile(link, []byte(content), 0o644, RefuseNonRegular); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
		}
		if b, _ := os.ReadFile(target); string(b) != content {
			t.Errorf("target holds %q, want %q", b, content)
		}
	}

	// A directory is never written.
	if err := WriteFile(dir, nil, 0o644, WriteNonRegularInPlace); err == nil {
		t.Error("writing a directory did not fail")
	}
	if err := WriteFile(filepath.Join(p, "sub"), nil, 0o644, WriteNonRegularInPlace); err == nil {
		t.Error("writing under a file did not fail")
	}

	// A device is written in place, or refused, never replaced.
	if err := WriteFile("/dev/null", []byte("x"), 0o644, WriteNonRegularInPlace); err != nil {
		t.Errorf("writing /dev/null in place: %v", err)
	}
	if err := WriteFile("/dev/null", []byte("x"), 0o644, RefuseNonRegular); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a state file at /dev/null: %v, want ErrNotRegular", err)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("/dev/null is no longer a device: %v %v", fi.Mode(), err)
	}
}

// TestWriteFileFIFO checks that a FIFO is written in place (a reader gets
// the bytes and the FIFO stays one) or refused at once.
func TestWriteFileFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := WriteFile(fifo, []byte("through the fifo"), 0o644, WriteNonRegularInPlace); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "through the fifo" {
			t.Errorf("reader got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader never got the export")
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO became %v", fi.Mode())
	}
	if err := WriteFile(fifo, []byte("x"), 0o644, RefuseNonRegular); !errors.Is(err, ErrNotRegular) {
		t.Errorf("refusing a FIFO: %v", err)
	}
}

// TestMarksFIFOAndSymlink checks the marks file: a FIFO in its place is an
// error at once (it used to hang every command), and a symbolic link to
// it (dotfiles) stays a link while its target is updated.
func TestMarksFIFOAndSymlink(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, MarksFileName)
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() {
		s, err := OpenMarks(dir)
		if err == nil {
			err = s.For("cat").SetStarred("a", true)
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "FIFO") {
			t.Errorf("a FIFO at marks.json: %v, want an error naming a FIFO", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a FIFO at marks.json hangs")
	}

	dir = t.TempDir()
	dotfiles := filepath.Join(t.TempDir(), "marks.json")
	if err := os.Symlink(dotfiles, filepath.Join(dir, MarksFileName)); err != nil {
		t.Fatal(err)
	}
	s, err := OpenMarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "b"} {
		if err := s.For("cat").SetStarred(id, true); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Lstat(filepath.Join(dir, MarksFileName)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("marks.json is no longer a link: %v", err)
	}
	s2, err := OpenMarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ids := s2.IDs("cat", Star); strings.Join(ids, ",") != "a,b" {
		t.Errorf("read back through the link: %v", ids)
	}
	if b, _ := os.ReadFile(dotfiles); !strings.Contains(string(b), `"b"`) {
		t.Errorf("the link's target was not updated: %s", b)
	}
}

// TestMarksLockWaitEndsOnCancel checks that Ctrl-C ends a wait for another
// process's lock at once (it used to wait out the timeout), and that Flush
// then says which changes were not saved.
func TestMarksLockWaitEndsOnCancel(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenMarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.timeout = time.Hour // only the cancellation can end the wait
	unlock, ok, err := fsx.TryLock(filepath.Join(dir, MarksFileName) + ".lock")
	if err != nil || !ok {
		t.Fatalf("taking the lock: %v %v", ok, err)
	}
	defer unlock()
	ctx, cancel := context.WithCancel(context.Background())
	s.SetContext(ctx)
	save := s.For("cat").StageStarred("talk-a", true)
	done := make(chan error, 1)
	go func() { done <- save() }()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, ErrLocked) || !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled lock wait: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the lock wait ignores cancellation")
	}
	err = s.Flush()
	if err == nil || !strings.Contains(err.Error(), "not saved: star talk-a") {
		t.Errorf("Flush: %v, want the unsaved star named", err)
	}
}
