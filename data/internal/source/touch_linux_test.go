package source

import (
	"fmt"
	"syscall"
	"testing"
	"unsafe"
)

// BenchmarkTouch measures what huge pages save on fresh memory: writing
// one byte in each 4 KiB page of 64 MiB of fresh anonymous memory, in
// ordinary pages (a page fault each) and advised as transparent huge pages
// (one per 2 MiB). Its loop reuses memory the kernel has just freed: on a
// virtual machine that returns free memory to its host (virtio-balloon
// free page reporting), a huge page taken from memory freed seconds
// before costs far more than this (BENCHMARKS.md, "Round 4").
//
//	go test -run '^$' -bench Touch -count 6 ./data/internal/source
func BenchmarkTouch(b *testing.B) {
	const n = 64 << 20
	for _, huge := range []bool{false, true} {
		b.Run(fmt.Sprintf("huge=%v", huge), func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				m, err := syscall.Mmap(-1, 0, n+HugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
				if err != nil {
					b.Fatal(err)
				}
				from, to := wholeHugePages(uintptr(unsafe.Pointer(&m[0])), len(m))
				p := m[from:to]
				if huge {
					adviseHugePages(p)
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
