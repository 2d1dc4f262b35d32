package source

import (
	"io"
	"unsafe"
)

// HugePage is the size of a transparent huge page on the systems that
// advise them (Linux, amd64 and arm64).
const HugePage = 2 << 20

// minHugeBuffer is the smallest buffer HugeBuffer advises as huge pages:
// below it the faults saved are not worth the memory rounded up.
const minHugeBuffer = 8 << 20

// HugeBuffer returns an empty buffer of capacity n to read a big file into,
// its whole 2 MiB blocks advised as transparent huge pages where the
// system offers them (Linux with transparent_hugepage "madvise" or
// "always"). Reading a 100 MB schedule into 4 KiB pages cost a page fault
// per page, two on a virtual machine (BENCHMARKS.md, "Importing a
// 100,000-event schedule.json"); in huge pages it costs one per 2 MiB.
// Under minHugeBuffer it is make([]byte, 0, n).
func HugeBuffer(n int) []byte {
	if n < minHugeBuffer {
		return make([]byte, 0, n)
	}
	return HugePages(n)[:0:n]
}

// HugePages returns n bytes (n > 0) rounded up to whole huge pages, the
// first aligned to HugePage, advised as transparent huge pages where the
// system offers them; elsewhere it is ordinary memory of that size.
func HugePages(n int) []byte {
	rounded := (n + HugePage - 1) &^ (HugePage - 1)
	b := make([]byte, rounded+HugePage)
	p := uintptr(unsafe.Pointer(&b[0]))
	skip := int((p+HugePage-1)&^(HugePage-1) - p)
	b = b[skip : skip+rounded : skip+rounded]
	adviseHugePages(b)
	return b
}

// ReadAllInto reads r to its end into buf's spare capacity, growing it as
// append does when r has more, and returns what buf holds then. It reads
// straight into buf, with no intermediate buffer to copy from.
func ReadAllInto(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
