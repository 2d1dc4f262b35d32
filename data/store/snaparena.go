package store

import (
	"errors"
	"io"
	"os"
	"sync"

	"cndtalks/data/internal/source"
)

// A snapArena is the memory the snapshots of an archive are read into: one
// allocation, cut into a buffer per file, whose whole 2 MiB blocks are
// advised as huge pages where the system offers them
// (source.HugePages). Reading 14 MB of snapshots into separate buffers cost
// a page fault per 4 KiB page, twice on a virtual machine (the kernel's
// copy, then the program's first touch), and those faults were most of
// what --all spent reading and checking its snapshots (BENCHMARKS.md,
// "The archive"). The decoded catalogues' strings are slices of the arena,
// so it lives as long as any of them.
type snapArena struct {
	mu  sync.Mutex
	buf []byte
}

// newSnapArena returns an arena of at least size bytes.
func newSnapArena(size int) *snapArena {
	if size <= 0 {
		return &snapArena{}
	}
	return &snapArena{buf: source.HugePages(size)}
}

// take returns a buffer of n bytes from the arena, or a new one when the
// arena is used up (or nil).
func (a *snapArena) take(n int) []byte {
	if a == nil {
		return make([]byte, n)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if n > len(a.buf) {
		return make([]byte, n)
	}
	b := a.buf[:n:n]
	a.buf = a.buf[n:]
	return b
}

// readFileIn reads a whole file into a buffer from arena (nil: a new
// buffer, as os.ReadFile). A file that is not the size it had when opened
// (written meanwhile) is read again with os.ReadFile.
func readFileIn(path string, arena *snapArena) ([]byte, error) {
	if arena == nil {
		return os.ReadFile(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() <= 0 || st.Size() > 1<<40 {
		return os.ReadFile(path)
	}
	b := arena.take(int(st.Size()))
	if _, err := io.ReadFull(f, b); err != nil {
		return os.ReadFile(path)
	}
	var one [1]byte
	if _, err := f.Read(one[:]); !errors.Is(err, io.EOF) {
		return os.ReadFile(path)
	}
	return b, nil
}
