package source

import (
	"syscall"
	"testing"
	"unsafe"
)

// BenchmarkTouch measures what faulting fresh memory costs: writing one
// byte in each 4 KiB page of 64 MiB of fresh anonymous memory, in
// ordinary pages (a page fault each), advised as transparent huge pages
// (one per 2 MiB), and faulted in ahead by PrefaultOf's two halves at once
// (MADV_POPULATE_WRITE) before the writes. Its loop reuses memory the
// kernel has just freed: on a virtual machine that returns free memory to
// its host (virtio-balloon free page reporting), a huge page taken from
// memory freed seconds before costs far more than this (BENCHMARKS.md,
// "Round 4" and "Round 5").
//
//	go test -run '^$' -bench Touch -count 6 ./data/internal/source
func BenchmarkTouch(b *testing.B) {
	const n = 64 << 20
	for _, mode := range []string{"pages", "huge", "prefault"} {
		b.Run(mode, func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				m, err := syscall.Mmap(-1, 0, n+HugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
				if err != nil {
					b.Fatal(err)
				}
				from, to := wholeHugePages(uintptr(unsafe.Pointer(&m[0])), len(m))
				p := m[from:to]
				switch mode {
				case "huge":
					adviseHugePages(p)
				case "prefault":
					PrefaultOf(p)
				}
				for i := 0; i < len(p); i += 4096 {
					p[i] = 1
				}
				if err := syscall.Munmap(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPrefaultOfResident: on Linux 5.14 and later, every whole page of a
// big slice is in memory once PrefaultOf returns, before anything wrote
// to it (mincore says which pages of a mapping are).
func TestPrefaultOfResident(t *testing.T) {
	probe, err := syscall.Mmap(-1, 0, smallPage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(probe)
	if !populate(probe) {
		t.Skip("this kernel cannot fault pages in ahead (MADV_POPULATE_WRITE)")
	}
	// Fresh memory, not the Go heap's: none of it is in memory yet.
	m, err := syscall.Mmap(-1, 0, 3*minPrefault+5*smallPage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(m)
	type item struct{ a, b, c uint64 } // 24 bytes: the slice ends inside a page
	s := unsafe.Slice((*item)(unsafe.Pointer(&m[8])), (len(m)-8)/24)
	if n := resident(t, m); n != 0 {
		t.Fatalf("%d pages in memory before", n)
	}
	PrefaultOf(s)
	// Every page wholly inside s: all but the first (s starts 8 bytes in)
	// and the last.
	want := len(m)/smallPage - 2
	if n := resident(t, m[smallPage:len(m)-smallPage]); n != want {
		t.Errorf("%d of %d pages in memory after PrefaultOf", n, want)
	}
}

// resident returns how many of b's pages (page-aligned b) are in memory.
func resident(t *testing.T, b []byte) int {
	t.Helper()
	vec := make([]byte, len(b)/smallPage)
	_, _, errno := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
	if errno != 0 {
		t.Fatalf("mincore: %v", errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}
