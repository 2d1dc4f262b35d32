package source

import (
	"bytes"
	"os"
	"sync"
	"syscall"
)

// adviseHugePages asks Linux to back b (2 MiB-aligned whole huge pages)
// with transparent huge pages, as it does only for memory so advised when
// /sys/kernel/mm/transparent_hugepage/enabled is "madvise". The advice is
// only that: where it is refused (false), b is ordinary memory.
func adviseHugePages(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	return syscall.Madvise(b, syscall.MADV_HUGEPAGE) == nil
}

// thpMode is the transparent huge pages mode the system runs in
// ("always", "madvise" or "never"), or "" where it cannot be read.
var thpMode = sync.OnceValue(func() string {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return ""
	}
	for _, mode := range []string{"always", "madvise", "never"} {
		if bytes.Contains(b, []byte("["+mode+"]")) {
			return mode
		}
	}
	return ""
})

// heapAdviceHelps reports whether advising the heap changes anything:
// only in "madvise" mode (in "always" every heap page may be huge already,
// in "never" none is).
func heapAdviceHelps() bool { return thpMode() == "madvise" }
