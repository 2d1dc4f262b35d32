package source

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestPrepareHeap: after PrepareHeap, a big allocation lands in memory
// advised as huge pages ("hg" in its mapping's VmFlags), where the same
// allocation made before it does not. It runs in a child process, whose
// heap no other test has advised.
func TestPrepareHeap(t *testing.T) {
	if os.Getenv("CNDTALKS_PREPARE_HEAP_CHILD") == "1" {
		prepareHeapChild()
		return
	}
	if thpMode() != "madvise" {
		t.Skipf("transparent huge pages are %q here, not \"madvise\": PrepareHeap does nothing", thpMode())
	}
	if _, err := os.Stat("/proc/self/smaps"); err != nil {
		t.Skip("no /proc/self/smaps to read the mappings' flags from")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPrepareHeap$")
	cmd.Env = append(os.Environ(), "CNDTALKS_PREPARE_HEAP_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "before=false after=true") {
		t.Errorf("huge-page advice of a 16 MiB allocation, before and after PrepareHeap(64 MiB): want before=false after=true, child printed:\n%s", out)
	}
}

var kept [2][]byte

// prepareHeapChild keeps both allocations, so that the second cannot reuse
// the first's memory. It looks at each one's first whole huge page: the
// advice covers only whole huge pages, and the memory PrepareHeap freed
// need not start at one.
func prepareHeapChild() {
	firstHuge := func(b []byte) uintptr {
		p := uintptr(unsafe.Pointer(&b[0]))
		from, _ := wholeHugePages(p, len(b))
		return p + uintptr(from)
	}
	kept[0] = make([]byte, 16<<20)
	before := advisedHuge(firstHuge(kept[0]))
	PrepareHeap(64 << 20)
	kept[1] = make([]byte, 16<<20)
	after := advisedHuge(firstHuge(kept[1]))
	fmt.Printf("before=%v after=%v\n", before, after)

}

// advisedHuge reports whether the mapping holding address p is advised as
// huge pages, from /proc/self/smaps.
func advisedHuge(p uintptr) bool {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return false
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line + " x")[0], "-"); ok {
			from, err1 := strconv.ParseUint(lo, 16, 64)
			to, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = uint64(p) >= from && uint64(p) < to
				continue
			}
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.Contains(line+" ", " hg ")
		}
	}
	return false
}
