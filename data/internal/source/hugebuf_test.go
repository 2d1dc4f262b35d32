package source

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
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

// flakyAt is a file whose reads at an offset fail: only streaming works.
type flakyAt struct{ *bytes.Reader }

func (flakyAt) ReadAt([]byte, int64) (int, error) { return 0, errors.New("no pread here") }

// TestReadFileInto: a big file read in two halves gives what one read
// gives, whether it is as big as stat'ed, grew or shrank since, is over
// the limit, or cannot be read at an offset at all.
func TestReadFileInto(t *testing.T) {
	data := make([]byte, minSplitRead+3*HugePage+12345)
	for i := range data {
		data[i] = byte(i*7 + i/4096)
	}
	path := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := int64(len(data))
	for _, c := range []struct {
		name        string
		f           ReadReaderAt
		size, limit int64
		want        []byte
	}{
		{"as stat'ed", f, n, 1 << 30, data},
		{"grew since", f, n - 5000, 1 << 30, data},
		{"shrank since", f, n + 3*HugePage, 1 << 30, data},
		{"small", f, 1000, 1 << 30, data},
		{"over the limit", f, n, n - 10, data[:n-9]},
		{"no reads at an offset", flakyAt{bytes.NewReader(data)}, n, 1 << 30, data},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			got, err := ReadFileInto(c.f, c.size, c.limit, make([]byte, 0, c.size+1))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, c.want) {
				t.Errorf("read %d bytes, want the file's first %d", len(got), len(c.want))
			}
		})
	}
}

// TestWholeHugePages: the part advised is whole huge pages, aligned, and
// inside the memory given.
func TestWholeHugePages(t *testing.T) {
	for _, c := range []struct {
		p        uintptr
		n        int
		from, to int
	}{
		{0, 3 * HugePage, 0, 3 * HugePage},
		{0, 3*HugePage - 1, 0, 2 * HugePage},
		{1, 3 * HugePage, HugePage - 1, 2*HugePage + HugePage - 1},
		{HugePage - 10, 10 + 2*HugePage + 5, 10, 10 + 2*HugePage},
		{5, HugePage, HugePage - 5, HugePage - 5},
		{5, 100, 100, 100},
	} {
		from, to := wholeHugePages(c.p, c.n)
		if from != c.from || to != c.to {
			t.Errorf("wholeHugePages(%#x, %d) = %d, %d; want %d, %d", c.p, c.n, from, to, c.from, c.to)
		}
	}
}

// TestAdviseHugePagesOf: advising a slice, big or small, leaves it as it
// was and usable.
func TestAdviseHugePagesOf(t *testing.T) {
	type item struct {
		s string
		n int
	}
	for _, n := range []int{0, 1, minHugeBuffer/24 - 1, minHugeBuffer / 24, minHugeBuffer/24*3 + 7} {
		s := make([]item, n)
		AdviseHugePagesOf(s)
		for i := range s {
			if s[i] != (item{}) {
				t.Fatalf("n=%d: item %d is %v after advice", n, i, s[i])
			}
			s[i] = item{"x", i}
		}
		for i := range s {
			if s[i].n != i {
				t.Fatalf("n=%d: item %d reads %v", n, i, s[i])
			}
		}
	}
}
