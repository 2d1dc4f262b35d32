package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"cndtalks/data/internal/source"
)

// TestSnapArena checks that files read through an arena hold their bytes,
// side by side in the one 2 MiB-aligned allocation while it lasts, and in
// buffers of their own past its end; and that no arena reads as
// os.ReadFile does.
func TestSnapArena(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{}
	for _, c := range []struct {
		name string
		size int
	}{{"a", 1000}, {"b", 3 << 20}, {"c", 5}, {"d", 700}} {
		b := bytes.Repeat([]byte(c.name), c.size)
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files[c.name] = b
	}
	arena := newSnapArena(1000 + 3<<20 + 5)
	if p := uintptr(unsafe.Pointer(&arena.buf[0])); p%source.HugePage != 0 || len(arena.buf)%source.HugePage != 0 {
		t.Fatalf("arena at %#x, %d bytes: not whole huge pages", p, len(arena.buf))
	}
	first := &arena.buf[0]
	var got [][]byte
	for _, name := range []string{"a", "b", "c", "d"} {
		for _, a := range []*snapArena{arena, nil} {
			b, err := readFileIn(filepath.Join(dir, name), a)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, files[name]) {
				t.Fatalf("%s (arena %v): %d bytes read, want %d", name, a != nil, len(b), len(files[name]))
			}
			if a != nil {
				got = append(got, b)
			}
		}
	}
	at := func(b []byte) uintptr { return uintptr(unsafe.Pointer(&b[0])) - uintptr(unsafe.Pointer(first)) }
	if at(got[0]) != 0 || at(got[1]) != 1000 || at(got[2]) != 1000+3<<20 {
		t.Error("the files that fit are not side by side at the arena's start")
	}
	if cap(got[0]) != len(got[0]) {
		t.Error("an arena buffer can be appended to over the next one")
	}
	if _, err := readFileIn(filepath.Join(dir, "missing"), arena); !os.IsNotExist(err) {
		t.Errorf("a missing file: %v, want not exist", err)
	}
	left := len(arena.buf)
	if b := arena.take(left + 1); len(b) != left+1 || len(arena.buf) != left {
		t.Errorf("a buffer bigger than the arena's rest: %d bytes, rest now %d (was %d)", len(b), len(arena.buf), left)
	}
	if newSnapArena(0).take(3) == nil {
		t.Error("an empty arena gives no buffer")
	}
}
