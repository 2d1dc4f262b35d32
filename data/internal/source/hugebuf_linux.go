package source

import "syscall"

// adviseHugePages asks Linux to back b (2 MiB-aligned whole huge pages)
// with transparent huge pages, as it does only for memory so advised when
// /sys/kernel/mm/transparent_hugepage/enabled is "madvise". The advice is
// only that: where it is refused, b is ordinary memory.
func adviseHugePages(b []byte) {
	if len(b) > 0 {
		_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
	}
}

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14), which the syscall
// package does not name: fault the pages in, writable, as writes would.
const madvPopulateWrite = 23

// populate faults b's pages (page-aligned b) in, writable, and reports
// whether it could: false on a kernel without MADV_POPULATE_WRITE.
func populate(b []byte) bool {
	return len(b) == 0 || syscall.Madvise(b, madvPopulateWrite) == nil
}

// canPopulate says populate may work here (it fails on Linux before 5.14).
const canPopulate = true
