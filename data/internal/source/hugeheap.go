package source

import (
	"runtime"
	"runtime/metrics"
	"unsafe"
)

// PrepareHeap readies the Go heap for an import that is about to allocate
// about n bytes: on Linux with transparent huge pages in "madvise" mode,
// the next n bytes the heap hands out come from memory advised as huge
// pages. Elsewhere, and for n under minHugeBuffer, it does nothing.
//
// Importing a 100 MB schedule.json allocates about 130 MB besides the
// file's buffer, in many objects of every size: in 4 KiB pages that is
// about 17,000 page faults, a third of the import's CPU time on a virtual
// machine (BENCHMARKS.md, "Round 4"). Go does not advise its heap as huge
// pages, and advising objects one by one (AdviseHugePagesOf) reaches only
// the biggest. So PrepareHeap allocates n bytes it never touches (fresh
// memory, which Go does not clear), advises their whole huge pages, and
// frees them with a collection; the page allocator hands out the lowest
// free pages first, so what the import allocates next lands there, and the
// advice stays on that memory when Go releases or reuses it.
//
// The collection costs about a millisecond with the small heap of a
// process starting an import; PrepareHeap skips it, and the advice, when
// the live heap is already larger than n, where the collection would cost
// about what the advice saves.
func PrepareHeap(n int) {
	if n < minHugeBuffer || !heapAdviceHelps() || liveHeap() > uint64(n) {
		return
	}
	b := make([]byte, n)
	from, to := wholeHugePages(uintptr(unsafe.Pointer(unsafe.SliceData(b))), n)
	if !adviseHugePages(b[from:to]) {
		return
	}
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
}

// liveHeap is the heap memory the last collection found reachable.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
