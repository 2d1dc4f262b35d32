package source

import (
	"cmp"
	"io"
	"os"
	"unicode/utf8"
	"unsafe"
)

// HugePage is the size of a transparent huge page on the systems that
// advise them (Linux, amd64 and arm64).
const HugePage = 2 << 20

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
//
// The halves are read a chunk at a time, and each chunk is checked as
// UTF-8 just after it is read, while it is in the processor's cache:
// utf8OK reports that all the bytes returned are valid UTF-8. False says
// only that they were not all checked here (a small file, a file that
// grew) or not all valid: the caller checks them itself.
func ReadFileInto(f ReadReaderAt, size, limit int64, buf []byte) (_ []byte, utf8OK bool, err error) {
	if size >= minSplitRead && size <= limit && int64(cap(buf)-len(buf)) >= size && len(buf) == 0 {
		n := int(size)
		whole := buf[:n]
		utf8OK, err := readHalves(f, whole, n/2&^(HugePage-1), checkedChunk)
		if err == nil {
			got, err := ReadAllInto(io.NewSectionReader(f, size, limit+1-size), whole)
			return got, utf8OK && len(got) == n, err
		}
		// The file changed size, or a read failed: read it again from the
		// start (ReadAt leaves the file's offset there), in one piece, and
		// report what that read gives.
	}
	// Small files, and files that report no size (/proc), are read as a
	// stream: some cannot be read at an offset.
	got, err := ReadAllInto(io.LimitReader(f, limit+1), buf[:0])
	return got, false, err
}

// checkedChunk is how much of a half ReadFileInto reads at a time: the
// chunk just read is still in the processor's cache (a 1 MiB L2 cache)
// when it is checked.
const checkedChunk = 512 << 10

// readHalves fills whole from f, whole[:mid] on this goroutine and
// whole[mid:] on another, chunk bytes at a time, each chunk checked as
// UTF-8 just after it is read; utf8OK reports that all of whole is valid.
func readHalves(f io.ReaderAt, whole []byte, mid, chunk int) (utf8OK bool, err error) {
	var back checkedRead
	done := make(chan struct{})
	go func() {
		defer close(done)
		back = readChecked(f, whole[mid:], int64(mid), chunk, true)
	}()
	front := readChecked(f, whole[:mid], 0, chunk, false)
	<-done
	if err := cmp.Or(front.err, back.err); err != nil {
		return false, err
	}
	// The halves checked all but where they join and the last rune:
	// those pieces complete the partition of whole.
	return front.ok && back.ok &&
		utf8.Valid(whole[front.tail:mid+back.head]) &&
		utf8.Valid(whole[mid+back.tail:]), nil
}

// checkedRead is what readChecked read and checked of one part of a file.
type checkedRead struct {
	// head and tail bound what was checked, b[head:tail]: it starts at the
	// part's first rune and ends before its last rune (which may go on in
	// the next part).
	head, tail int
	// ok reports that b[head:tail] is valid UTF-8.
	ok  bool
	err error
}

// readChecked reads b from f at offset off, chunk bytes at a time, and
// checks it as UTF-8 as it goes, up to its last rune start; from its
// first rune start if skipHead (b goes on from a previous part), else
// from its first byte (checkedRead). Valid pieces make a valid whole:
// checking a partition of a text piece by piece tells whether it is
// valid, provided each cut is at a rune start, which runeStart and
// lastRuneStart find (a cut elsewhere can only make a valid text look
// invalid, never the reverse).
func readChecked(f io.ReaderAt, b []byte, off int64, chunk int, skipHead bool) checkedRead {
	r := checkedRead{ok: true}
	for done := 0; done < len(b); {
		end := min(done+chunk, len(b))
		if _, err := f.ReadAt(b[done:end], off+int64(done)); err != nil {
			r.err = err
			return r
		}
		done = end
		if skipHead {
			if end < min(len(b), utf8.UTFMax-1) {
				continue // too little to tell where the first rune starts
			}
			r.head = runeStart(b[:end])
			r.tail = r.head
			skipHead = false
		}
		if end <= r.tail {
			continue
		}
		cut := lastRuneStart(b[:end], r.tail)
		if r.ok && !utf8.Valid(b[r.tail:cut]) {
			r.ok = false
		}
		r.tail = cut
	}
	return r
}

// runeStart returns where b's first rune starts: after the continuation
// bytes (at most three, the most a rune has) of a rune begun before b.
func runeStart(b []byte) int {
	i := 0
	for i < min(len(b), utf8.UTFMax-1) && !utf8.RuneStart(b[i]) {
		i++
	}
	return i
}

// lastRuneStart returns where the last rune of b starts, at from or after
// it: the rune that may go on past b. With no rune start in b's last
// utf8.UTFMax bytes (an invalid text), it returns len(b).
func lastRuneStart(b []byte, from int) int {
	for i := len(b) - 1; i >= max(from, len(b)-utf8.UTFMax); i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return len(b)
}

// ReadReaderAt is a file: read as a stream, or at offsets.
type ReadReaderAt interface {
	io.Reader
	io.ReaderAt
}

// PrefaultOf makes s's memory (a big slice just made, its pages not
// touched yet) present and writable at once, before its first use, where
// the system can (Linux 5.14 and later): its two halves are faulted in by
// the kernel at the same time, on two goroutines, without a page fault
// each. Otherwise Go's check that a pointer is not nil, which reads
// through it, makes building a struct in place read its fresh page first:
// that maps the shared zero page, and the write just after faults again,
// making the kernel flush that page from the other processors' TLBs with
// an interrupt each time. Where the kernel cannot fault them in ahead, the
// slice's whole huge pages are advised as transparent huge pages instead
// (one fault per 2 MiB). Huge pages are not the first choice: on a
// virtual machine that returns free memory to its host, a huge page whose
// memory the host has taken back (a few seconds after it was freed, or at
// once after a process that used ordinary pages) costs about 5 ms to
// clear, five times the ordinary pages it replaces (BENCHMARKS.md,
// "Round 5"). Below minPrefault it does nothing.
func PrefaultOf[T any](s []T) {
	var zero T
	n := len(s) * int(unsafe.Sizeof(zero))
	if n < minPrefault {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n)
	from, to := wholePages(uintptr(unsafe.Pointer(unsafe.SliceData(b))), n, smallPage)
	if from == to {
		return
	}
	b = b[from:to]
	if canPopulate && populateHalves(b) {
		return
	}
	// Not faulted in ahead (another system, or Linux before 5.14).
	from, to = wholeHugePages(uintptr(unsafe.Pointer(unsafe.SliceData(b))), len(b))
	adviseHugePages(b[from:to])
}

// populateHalves faults b's pages (page-aligned b) in, its two halves at
// once, and reports whether the kernel could.
func populateHalves(b []byte) bool {
	mid := len(b) / 2 &^ (smallPage - 1)
	var back bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		back = populate(b[mid:])
	}()
	front := populate(b[:mid])
	<-done
	return front && back
}

// minPrefault is the smallest slice PrefaultOf faults in ahead.
const minPrefault = 8 << 20

// smallPage is the size of an ordinary page (4 KiB, 16 KiB on some arm64
// systems): what PrefaultOf faults in is whole pages.
var smallPage = os.Getpagesize()

// wholeHugePages returns the part [from, to) of n bytes at address p made
// of whole huge pages (from == to when there is none).
func wholeHugePages(p uintptr, n int) (from, to int) { return wholePages(p, n, HugePage) }

// wholePages returns the part [from, to) of n bytes at address p made of
// whole pages of size (a power of two), from == to when there is none.
func wholePages(p uintptr, n, size int) (from, to int) {
	from = int((p+uintptr(size)-1)&^uintptr(size-1) - p)
	if from >= n {
		return n, n
	}
	return from, from + (n-from)&^(size-1)
}
