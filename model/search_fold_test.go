package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
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
	pieces := []string{"A", "z", "Q", " ", "é", "É", "ß", "東", "\xff", "\xc3", "İ", "ǅ", "\u00a0",
		"\u0080", "ȿ", "ɏ", "ɐ", "\xc9", "\xc1\x81", "\xdf\xbf"}
	for range 20000 {
		var b []byte
		for range r.IntN(30) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		check(string(b))
	}
}

// TestIndexSpeakerLines checks that the speakers lines the index joins from
// its speakers' pieces are what folding each whole line gives: the folded
// line, its mask, whether it is ASCII and its offset table, for speakers
// with accents, CJK, invalid UTF-8, duplicated and unknown IDs, and lines
// too long for a table.
// FuzzFoldAppend compares foldAppend with foldAppendBytewise.
func FuzzFoldAppend(f *testing.F) {
	f.Add("Comment Apple a adopté Helm: ÉQUIPES, Straße, ȿɏɐ \xc9\x90 \xc3")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldAppend(nil, s), foldAppendBytewise(nil, s); string(got) != string(want) {
			t.Fatalf("foldAppend(%q) = %q, want %q", s, got, want)
		}
	})
}

// BenchmarkFoldAppend folds titles and summaries like the generator's,
// half of them with French words.
func BenchmarkFoldAppend(b *testing.B) {
	for _, c := range []struct{ name, s string }{
		{"title", "Lessons from running Kubernetes at Scale"},
		{"title-french", "Comment Apple a adopté Helm en production"},
		{"summary", strings.Repeat("Expect live debugging, honest numbers, and a few war stories. ", 8)},
		{"summary-french", strings.Repeat("Nous montrerons comment Apple a adopté Helm pour ses équipes. ", 8)},
	} {
		b.Run(c.name, func(b *testing.B) {
			var dst []byte
			for b.Loop() {
				dst = foldAppend(dst[:0], c.s)
			}
		})
	}
}

func TestIndexSpeakerLines(t *testing.T) {
	names := []string{"Zoë Tremblay", "Ana", "東京 太郎", "Straße\xff", "\xc3", "İlker Ǆ", "Bob", strings.Repeat("é", 0x4000)}
	orgs := []string{"", "Université de Montréal", "ACME", "\u00a0x", "ß"}
	r := rand.New(rand.NewPCG(3, 4))
	c := &Catalogue{}
	for k := range 40 {
		c.Speakers = append(c.Speakers, Speaker{ID: fmt.Sprint("s", k%37), Name: names[r.IntN(len(names))], Org: orgs[r.IntN(len(orgs))]})
	}
	for k := range 5000 {
		tk := Talk{ID: fmt.Sprint("t", k), Title: names[r.IntN(len(names)-1)]}
		for range r.IntN(4) {
			tk.Speakers = append(tk.Speakers, fmt.Sprint("s", r.IntN(42)))
		}
		c.Talks = append(c.Talks, tk)
	}
	for _, ix := range []*Index{NewIndex(c), NewQueryIndex(c)} {
		for i := range c.Talks {
			line := c.SpeakerLine(&c.Talks[i])
			m := &ix.meta[i]
			if got := ix.SpeakerLine(i); got != line {
				t.Fatalf("talk %d: line %q, want %q", i, got, line)
			}
			folded := foldAppend(nil, line)
			if string(ix.lineOf(m)) != string(folded) || m.lineMask != charMask(folded) ||
				(m.flags&flagLineASCII != 0) != isASCIIString(line) {
				t.Fatalf("talk %d: folded line %q mask %x flags %b, want %q %x", i, ix.lineOf(m), m.lineMask, m.flags, folded, charMask(folded))
			}
			if ix.oneShot {
				continue // no tables: Highlight maps on the fly
			}
			want, ref := addMap(nil, line, isASCIIString(line))
			switch {
			case (m.lineMap == 0) != (ref == 0):
				t.Fatalf("talk %d: line table reference %d, want one: %v", i, m.lineMap, ref != 0)
			case ref != 0 && !slices.Equal(ix.omap[m.lineMap-1:int(m.lineMap-1)+len(want)], want):
				t.Fatalf("talk %d: line table differs", i)
			}
		}
	}
}
