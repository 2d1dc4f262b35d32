package model

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// foldAppendBytewise is foldAppend one byte or rune at a time, the
// reference for its eight-byte path.
func foldAppendBytewise(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			dst = append(dst, b)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = append(dst, foldRune(r)...)
		i += size
	}
	return dst
}

func TestFoldAppendEightBytes(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := foldAppend([]byte("x"), s), foldAppendBytewise([]byte("x"), s); string(got) != string(want) {
			t.Fatalf("foldAppend(%q) = %q, want %q", s, got, want)
		}
	}
	// Every ASCII byte at every place of a run longer than two words,
	// among letters on either side of 'A' and 'Z'.
	base := []byte("@AZ[`az{09 @AZ[`az{")
	for c := range utf8.RuneSelf {
		for at := range base {
			b := append([]byte(nil), base...)
			b[at] = byte(c)
			check(string(b))
			check(string(b[at:]))
		}
	}
	// Non-ASCII bytes (valid or not) anywhere in a word of eight.
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"A", "z", "Q", " ", "é", "É", "ß", "東", "\xff", "\xc3", "İ", "ǅ", "\u00a0"}
	for range 20000 {
		var b []byte
		for range r.IntN(30) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		check(string(b))
	}
}
