package source

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
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
			got, utf8OK, err := ReadFileInto(c.f, c.size, c.limit, make([]byte, 0, c.size+1))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, c.want) {
				t.Errorf("read %d bytes, want the file's first %d", len(got), len(c.want))
			}
			if utf8OK && !utf8.Valid(got) {
				t.Errorf("says valid UTF-8 of bytes that are not")
			}
		})
	}
}

// utf8Text is n bytes of valid UTF-8 after shift ASCII bytes: runes of
// one to four bytes, so that their starts fall at every position relative
// to where ReadFileInto's halves and chunks meet.
func utf8Text(n, shift int) []byte {
	b := []byte(strings.Repeat("x", shift) + strings.Repeat("aé€😀", n/10+1))
	b = b[:n]
	// A rune cut at the end: ASCII instead.
	last := len(b) - 1
	for !utf8.RuneStart(b[last]) {
		last--
	}
	if r, _ := utf8.DecodeRune(b[last:]); r == utf8.RuneError {
		copy(b[last:], "zzz")
	}
	return b
}

// TestReadFileIntoUTF8: a big file's UTF-8 is checked as it is read:
// ReadFileInto says a valid text is valid, wherever its runes fall
// relative to its halves and chunks, and that an invalid one is not,
// whether the bad byte is where the halves join or at the end.
func TestReadFileIntoUTF8(t *testing.T) {
	n := minSplitRead + 12345
	mid := n / 2 &^ (HugePage - 1)
	buf := make([]byte, 0, n+1)
	for shift := range 4 {
		text := utf8Text(n, shift)
		for _, c := range []struct {
			at int
			in []byte
		}{
			{0, nil}, // valid
			{mid - 1, []byte{0xe2, 0x82}},
			{mid, []byte{0x80}},
			{mid + 1, []byte{0xff}},
			{n - 2, []byte{0xf0, 0x9f}},
		} {
			data := bytes.Clone(text)
			copy(data[c.at:], c.in)
			got, utf8OK, err := ReadFileInto(bytes.NewReader(data), int64(n), 1<<30, buf)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("read %d bytes of %d: %v", len(got), n, err)
			}
			if want := utf8.Valid(data); utf8OK != want || (c.in == nil && !utf8OK) {
				t.Errorf("shift %d, %x at %d: said valid %v, utf8.Valid %v", shift, c.in, c.at, utf8OK, want)
			}
		}
	}
}

// TestReadHalves: however a text is cut into halves and chunks, readHalves
// says it is valid UTF-8 exactly when utf8.Valid does: an invalid byte, a
// stray continuation byte or a rune cut short anywhere, at the ends and
// where the pieces meet.
func TestReadHalves(t *testing.T) {
	text := utf8Text(61, 0)
	splices := [][]byte{
		{0xff}, {0x80}, {0x80, 0x80, 0x80, 0x80}, {0xc3}, {0xe2, 0x82}, {0xf0, 0x9f, 0x98},
		{0xed, 0xa0, 0x80}, // a surrogate
		{0xc0, 0xaf},       // an overlong '/'
		{0xe2, 0x82, 0xac}, // '€', valid where it cuts no rune
		{'a'},
	}
	for shift := range 4 {
		base := append([]byte("xyz"[:shift]), text...)
		for mid := 0; mid <= len(base); mid += 5 {
			for _, chunk := range []int{1, 2, 3, 4, 7, 64} {
				for at := range len(base) {
					for _, in := range splices {
						data := bytes.Clone(base)
						copy(data[at:], in)
						checkHalves(t, data, mid, chunk)
					}
				}
			}
		}
	}
}

// checkHalves fails t unless readHalves reads data whole and says what
// utf8.Valid says of it.
func checkHalves(t *testing.T, data []byte, mid, chunk int) {
	t.Helper()
	whole := make([]byte, len(data))
	got, err := readHalves(bytes.NewReader(data), whole, mid, chunk)
	if err != nil || !bytes.Equal(whole, data) {
		t.Fatalf("%q, halves at %d, chunks of %d: read %q, %v", data, mid, chunk, whole, err)
	}
	if want := utf8.Valid(data); got != want {
		t.Errorf("%q, halves at %d, chunks of %d: said valid %v, utf8.Valid %v", data, mid, chunk, got, want)
	}
}

// FuzzReadHalves: readHalves says what utf8.Valid says of any bytes, with
// any halves and chunks.
func FuzzReadHalves(f *testing.F) {
	f.Add([]byte("aé€😀aé€😀"), uint8(5), uint8(3))
	f.Add([]byte("ab\xe2\x82cd"), uint8(3), uint8(1))
	f.Add([]byte("\x80abc"), uint8(0), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, mid, chunk uint8) {
		checkHalves(t, data, int(mid)%(len(data)+1), int(chunk)%9+1)
	})
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

// TestPrefaultOf: faulting a slice in ahead, big or small, leaves it as
// it was and usable.
func TestPrefaultOf(t *testing.T) {
	type item struct {
		s string
		n int
	}
	for _, n := range []int{0, 1, minPrefault/24 - 1, minPrefault / 24, minPrefault/24*3 + 7} {
		s := make([]item, n)
		PrefaultOf(s)
		for i := range s {
			if s[i] != (item{}) {
				t.Fatalf("n=%d: item %d is %v after prefaulting", n, i, s[i])
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
