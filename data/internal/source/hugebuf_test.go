package source

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
	"unsafe"
)

// TestReadAllInto: whatever the buffer's spare capacity (none, too
// little, exact, more), ReadAllInto reads what io.ReadAll reads, after
// what the buffer held, and returns a read error.
func TestReadAllInto(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 5000)
	for _, n := range []int{0, 1, 4095, 4096, len(data)} {
		for _, spare := range []int{0, 1, n / 2, n, n + 1, 2*n + 7} {
			for name, r := range map[string]io.Reader{
				"plain":    bytes.NewReader(data[:n]),
				"one byte": iotest.OneByteReader(bytes.NewReader(data[:n])),
				"data+EOF": iotest.DataErrReader(bytes.NewReader(data[:n])),
			} {
				buf := append(make([]byte, 0, 3+spare), "pre"...)
				got, err := ReadAllInto(r, buf)
				if err != nil || string(got) != "pre"+string(data[:n]) {
					t.Errorf("%d bytes, %d spare, %s: %d bytes read, %v", n, spare, name, len(got), err)
				}
			}
		}
	}
	boom := errors.New("boom")
	if _, err := ReadAllInto(io.MultiReader(bytes.NewReader(data), iotest.ErrReader(boom)), nil); !errors.Is(err, boom) {
		t.Errorf("read error: %v", err)
	}
}

// TestHugeBuffer: an empty buffer of the capacity asked; a big one starts
// on a huge page boundary, so its whole blocks are the ones advised.
func TestHugeBuffer(t *testing.T) {
	for _, n := range []int{0, 1, minHugeBuffer - 1, minHugeBuffer, minHugeBuffer + 12345} {
		b := HugeBuffer(n)
		if len(b) != 0 || cap(b) != n {
			t.Errorf("HugeBuffer(%d): len %d, cap %d", n, len(b), cap(b))
		}
		if n >= minHugeBuffer && uintptr(unsafe.Pointer(unsafe.SliceData(b)))%HugePage != 0 {
			t.Errorf("HugeBuffer(%d) is not aligned to a huge page", n)
		}
	}
}
