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
