package source

import (
	"io"
	"unsafe"
)

// HugePage is the size of a transparent huge page on the systems that
// advise them (Linux, amd64 and arm64).
const HugePage = 2 << 20

// minHugeBuffer is the smallest slice AdviseHugePagesOf advises as huge
// pages: below it the faults saved are not worth the memory rounded up.
const minHugeBuffer = 8 << 20

// HugePages returns n bytes (n > 0) rounded up to whole huge pages, the
// first aligned to HugePage, advised as transparent huge pages where the
// system offers them; elsewhere it is ordinary memory of that size.
func HugePages(n int) []byte {
	rounded := (n + HugePage - 1) &^ (HugePage - 1)
	b := make([]byte, rounded+HugePage)
	skip, _ := wholeHugePages(uintptr(unsafe.Pointer(&b[0])), len(b))
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

// minSplitRead is the smallest file ReadFileInto reads in two halves at
// once: below it the second goroutine costs more than it saves.
const minSplitRead = 16 << 20

// ReadFileInto reads the regular file f, size bytes long when it was
// stat'ed, from its start into buf (as ReadAllInto, up to limit bytes and
// one more, so a caller can tell the file is over the limit). A big file's
// two halves are read at once, each on its own goroutine: most of a big read is the
// kernel faulting in and zeroing the buffer's fresh pages, which two
// processors do in half the time. Whatever the file does meanwhile
// (grows, shrinks), the result is what one sequential read of it gives:
// the halves are kept only when both are read whole, and what follows
// them is read on to the end.
func ReadFileInto(f ReadReaderAt, size, limit int64, buf []byte) ([]byte, error) {
	if size >= minSplitRead && size <= limit && int64(cap(buf)-len(buf)) >= size && len(buf) == 0 {
		n := int(size)
		mid := n / 2 &^ (HugePage - 1)
		whole := buf[:n]
		var back error
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, back = f.ReadAt(whole[mid:], int64(mid))
		}()
		_, front := f.ReadAt(whole[:mid], 0)
		<-done
		if front == nil && back == nil {
			return ReadAllInto(io.NewSectionReader(f, size, limit+1-size), whole)
		}
		// The file changed size, or a read failed: read it again from the
		// start (ReadAt leaves the file's offset there), in one piece, and
		// report what that read gives.
	}
	// Small files, and files that report no size (/proc), are read as a
	// stream: some cannot be read at an offset.
	return ReadAllInto(io.LimitReader(f, limit+1), buf[:0])
}

// ReadReaderAt is a file: read as a stream, or at offsets.
type ReadReaderAt interface {
	io.Reader
	io.ReaderAt
}

// AdviseHugePagesOf advises the whole huge pages inside s's memory (a big
// slice just made, its pages not touched yet) as transparent huge pages,
// as HugePages does for bytes: each 2 MiB of it then costs one page fault
// instead of 512. Besides, Go checks a pointer is not nil by reading
// through it, so building a struct in place reads its fresh page first:
// that maps the shared zero page, and the write just after faults again,
// making the kernel flush that page from the other processors' TLBs with
// an interrupt each time. Its first and last part, outside whole huge
// pages, stay ordinary memory. Below minHugeBuffer it does nothing.
func AdviseHugePagesOf[T any](s []T) {
	var zero T
	n := len(s) * int(unsafe.Sizeof(zero))
	if n < minHugeBuffer {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n)
	from, to := wholeHugePages(uintptr(unsafe.Pointer(unsafe.SliceData(b))), n)
	adviseHugePages(b[from:to])
}

// wholeHugePages returns the part [from, to) of n bytes at address p made
// of whole huge pages (from == to when there is none).
func wholeHugePages(p uintptr, n int) (from, to int) {
	from = int((p+HugePage-1)&^(HugePage-1) - p)
	if from >= n {
		return n, n
	}
	return from, from + (n-from)&^(HugePage-1)
}
