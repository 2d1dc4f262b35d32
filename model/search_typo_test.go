package model

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// typoInWords is typoIn one word at a time, as summaryTypo tested them
// before the bitmap: the reference for typoIn.
func typoInWords(h []byte, t *cterm) int {
	best := 0
	for p := 0; p < len(h); {
		if !isWordByte(h[p]) {
			p++
			continue
		}
		e := p + 1
		for e < len(h) && isWordByte(h[e]) {
			e++
		}
		w := h[p:e]
		p = e
		if len(w) < len(t.v)-t.edits || !fewMissingBytewise(t.v, w, t.edits) {
			continue
		}
		switch d := editPrefix(t.v, w, t.edits); {
		case d > t.edits:
		case d == 1:
			return 1
		case d == 2:
			best = 2
		}
	}
	return best
}

// fewMissingBytewise is fewMissing counting every letter of v, the
// reference for its shortcuts on the masks.
func fewMissingBytewise(v, w []byte, k int) bool {
	w = w[:min(len(w), len(v)+k)]
	m := charMask(w)
	missing := 0
	for _, c := range v {
		if b := byteMask(c); b != 0 && m&b == 0 {
			if missing++; missing > k {
				return false
			}
		}
	}
	return true
}

// typoTerm compiles a plain term for typoIn.
func typoTerm(v string) *cterm {
	c := newCterm(term{kind: termWord, value: v})
	return &c
}

func TestTypoIn(t *testing.T) {
	cases := []struct {
		text, term string
		want       int
	}{
		{"", "kubernetes", 0},
		{"we run kubernetes", "kubernetes", 0}, // exact: not a typo
		{"we run kubernetesx daily", "kubernetes", 0},
		{"we run kubernets daily", "kubernetes", 1},
		{"we run kubrenetes daily", "kubernetes", 1},
		{"we run kuberntes", "kubernetes", 1},
		{"we run kbernets daily", "kubernetes", 2},
		{"kbernets", "kubernetes", 2},
		{"kbernets then kubernets", "kubernetes", 1},
		{"kbrnetes", "kubernetes", 2},
		{"kbrnets", "kubernetes", 0},
		{"the kubernetes.io site", "kubernetes", 0},
		{"grafna dashboards", "grafana", 1},
		{"grfna", "grafana", 0},
		{"gafana", "grafana", 1},
		// Words across the 64-byte blocks of the bitmap.
		{strings.Repeat("x ", 30) + "abc kubernets", "kubernetes", 1},
		{strings.Repeat("y", 59) + " kubernets", "kubernetes", 1},
		{strings.Repeat("a ", 31) + "kubernets", "kubernetes", 1},
		{strings.Repeat("ab ", 21) + "kubernets", "kubernetes", 1},
		{strings.Repeat("kubernet", 20), "kubernetes", 2},
		{strings.Repeat("kubernet", 20) + " kubernetex", "kubernetes", 1},
		{"prefix" + strings.Repeat("q", 120) + " kbernets", "kubernetes", 2},
		// Bytes that are not ASCII are word bytes.
		{"é kubérnetes", "kubernetes", 2},
		{"\xffkubernets", "kubernetes", 2},
		{"-kubernets-", "kubernetes", 1},
		{"KUBERNETS", "kubernetes", 0}, // typoIn takes folded text
		{"kub3rnetes", "kubernetes", 1},
	}
	for _, c := range cases {
		tm := typoTerm(c.term)
		var scratch []uint64
		if got := typoIn([]byte(c.text), tm, &scratch); got != c.want {
			t.Errorf("typoIn(%q, %q) = %d, want %d", c.text, c.term, got, c.want)
		}
		if ref := typoInWords([]byte(c.text), tm); ref != c.want {
			t.Errorf("typoInWords(%q, %q) = %d, want %d", c.text, c.term, ref, c.want)
		}
	}
}

func TestWordBits8(t *testing.T) {
	// Every byte value at every place among the eight.
	for c := range 256 {
		for at := range 8 {
			var b [8]byte
			for k := range b {
				b[k] = "a0 \x80Z9z@"[(k+c)%8]
			}
			b[at] = byte(c)
			got := wordBitmap(b[:], new([]uint64))[0]
			for k := range b {
				if want := isWordByte(b[k]); (got>>k&1 == 1) != want {
					t.Fatalf("%q: bit %d is %d, isWordByte says %v", b, k, got>>k&1, want)
				}
			}
		}
	}
}

func TestWordBitmap(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var scratch []uint64
	for range 2000 {
		h := make([]byte, r.IntN(300))
		for k := range h {
			h[k] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				h[k] = "az09 .AZ\x80\xff"[r.IntN(10)]
			}
		}
		words := wordBitmap(h, &scratch)
		if len(words) != (len(h)+63)/64 {
			t.Fatalf("%d bytes: %d words", len(h), len(words))
		}
		for j := range len(words) * 64 {
			want := j < len(h) && isWordByte(h[j])
			if got := words[j/64]>>(j%64)&1 == 1; got != want {
				t.Fatalf("%q: bit %d is %v, want %v", h, j, got, want)
			}
		}
	}
}

func TestRunsOf(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		// Mostly set bits, so long runs occur.
		lo, hi := r.Uint64()|r.Uint64()|r.Uint64(), r.Uint64()|r.Uint64()|r.Uint64()
		if r.IntN(4) == 0 {
			lo, hi = ^uint64(0), ^uint64(0)>>r.IntN(64)
		}
		n := 1 + r.IntN(64)
		got := runsOf(lo, hi, n)
		for j := range 64 {
			want := true
			for k := j; k < j+n; k++ {
				if k < 64 && lo>>k&1 == 0 || k >= 64 && hi>>(k-64)&1 == 0 {
					want = false
				}
			}
			if (got>>j&1 == 1) != want {
				t.Fatalf("runsOf(%x, %x, %d) bit %d = %d", lo, hi, n, j, got>>j&1)
			}
		}
	}
}

func TestBitmapWordEnd(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		h := make([]byte, r.IntN(200))
		for k := range h {
			h[k] = "ab9 .\xe9"[r.IntN(6)]
			if r.IntN(4) == 0 {
				h[k] = 'x' // long words
			}
		}
		words := wordBitmap(h, new([]uint64))
		for e := range len(h) + 1 {
			want := e
			for want < len(h) && isWordByte(h[want]) {
				want++
			}
			if got := bitmapWordEnd(words, e); got != want {
				t.Fatalf("bitmapWordEnd(%q, %d) = %d, want %d", h, e, got, want)
			}
		}
	}
}

func TestFewMissing(t *testing.T) {
	for _, c := range []struct {
		v, w string
		k    int
	}{
		{"kubernetes", "kubernetes", 2}, {"kubernetes", "kbrnts", 2}, {"kubernetes", "kubrnts", 2},
		{"kubernetes", "xxxxxxxxxx", 2}, {"eeeee", "abcde", 1}, {"eeeee", "abcd", 1},
		{"aabbc", "abcdd", 1}, {"aabbc", "cdddd", 1}, {"aabbc", "cbddd", 1}, {"ab-cd", "abcd", 1},
		{"a\xe9bcd", "abcd", 1}, {"abcde", "", 2},
	} {
		if got, want := fewMissing([]byte(c.v), []byte(c.w), c.k), fewMissingBytewise([]byte(c.v), []byte(c.w), c.k); got != want {
			t.Errorf("fewMissing(%q, %q, %d) = %v, want %v", c.v, c.w, c.k, got, want)
		}
	}
}

// fuzzTypoValue returns v when it is a term with typos (typoEdits), else
// one made of it.
func fuzzTypoValue(v string) string {
	if typoEdits([]byte(v)) > 0 {
		return v
	}
	v = strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return r
		}
		return 'a' + r%26
	}, v) + "kube"
	v = v[:min(len(v), maxTypoLen)]
	if typoEdits([]byte(v)) == 0 {
		v += "r"
	}
	return v
}

// FuzzTypoIn compares typoIn with typoInWords, and fewMissing with
// fewMissingBytewise, on any text and any term (made a term with typos
// when it is not one).
func FuzzTypoIn(f *testing.F) {
	f.Add("we run kubernets and kbernets on k8s", "kubernetes")
	f.Add(strings.Repeat("ab ", 21)+"kubernets", "kubernetes")
	f.Add("grafna grfana gafana", "grafana")
	f.Add("é kubérnetes \xff-kubernets-", "kubernetes")
	f.Fuzz(func(t *testing.T, text, v string) {
		tm := typoTerm(fuzzTypoValue(v))
		h := []byte(text)
		var scratch []uint64
		if got, want := typoIn(h, tm, &scratch), typoInWords(h, tm); got != want {
			t.Fatalf("typoIn(%q, %q) = %d, typoInWords %d", h, tm.v, got, want)
		}
		for p := 0; p < len(h); p++ {
			for _, k := range []int{1, 2} {
				if got, want := fewMissing(tm.v, h[p:], k), fewMissingBytewise(tm.v, h[p:], k); got != want {
					t.Fatalf("fewMissing(%q, %q, %d) = %v, want %v", tm.v, h[p:], k, got, want)
				}
			}
		}
	})
}

// BenchmarkTypoIn finds typos of "kubernetes" and "grafana" in summaries
// like the generator's (none has one: every word is tested), with typoIn
// and with typoInWords.
func BenchmarkTypoIn(b *testing.B) {
	sentences := []string{
		"You will leave with a checklist for continuous delivery that you can apply to your own clusters on Monday.",
		"We will walk through the architecture, the mistakes we made, and the tooling we built along the way.",
		"The talk ends with an open discussion of what the community should build next.",
		"Learn how to extend Crossplane with custom resources and controllers written in Go.",
		"Expect live debugging, honest numbers, and a few war stories from on-call rotations.",
		"We explain how gitops changes the way developers and operators work together.",
	}
	r := rand.New(rand.NewPCG(3, 4))
	var sums [][]byte
	for range 256 {
		var s []byte
		for range 5 {
			s = foldAppend(s, sentences[r.IntN(len(sentences))]+" ")
		}
		sums = append(sums, s)
	}
	for _, v := range []string{"kubernetes", "grafana"} {
		tm := typoTerm(v)
		b.Run(v+"/typoIn", func(b *testing.B) {
			var scratch []uint64
			for k := 0; b.Loop(); k++ {
				typoIn(sums[k%len(sums)], tm, &scratch)
			}
		})
		b.Run(v+"/words", func(b *testing.B) {
			for k := 0; b.Loop(); k++ {
				typoInWords(sums[k%len(sums)], tm)
			}
		})
	}
}

// termInSearched is termIn as summaryText and summaryTypo answered it
// apart: the value's word-start occurrences, then typoInWords. The
// reference for termIn.
func termInSearched(h []byte, t *cterm) (exact, typo int) {
	exact = -1
	for p := indexWordStart(h, t.v, 0); p >= 0; p = indexWordStart(h, t.v, p+1) {
		if end := p + len(t.v); end == len(h) || !isWordByte(h[end]) {
			return tierSummaryWord, -1
		}
		exact = tierSummaryPrefix
	}
	return exact, typoInWords(h, t)
}

func TestTermIn(t *testing.T) {
	cases := []struct {
		text, term  string
		exact, typo int
	}{
		{"", "kubernetes", -1, 0},
		{"we run kubernetes", "kubernetes", tierSummaryWord, -1},
		{"we run kubernetes.", "kubernetes", tierSummaryWord, -1},
		{"kubernets then kubernetes", "kubernetes", tierSummaryWord, -1},
		{"kubernetesx and kubernets", "kubernetes", tierSummaryPrefix, 1},
		{"kubernetesx and kbernets", "kubernetes", tierSummaryPrefix, 2},
		{"kubernetesx then kubernetes", "kubernetes", tierSummaryWord, -1},
		{"mykubernetes kubernets", "kubernetes", -1, 1},
		{"kbernets kbrnetes", "kubernetes", -1, 2},
		{"kubernets kbernets", "kubernetes", -1, 1},
		{"the kubernetes.io site", "kubernetes", tierSummaryWord, -1},
		{"observability observabilityx", "observability", tierSummaryWord, -1},
		{"grafana-operator", "grafana", tierSummaryWord, -1},
		{"grafanas grafna", "grafana", tierSummaryPrefix, 1},
		// Across the 64-byte blocks of the bitmap.
		{strings.Repeat("y", 59) + " kubernetes", "kubernetes", tierSummaryWord, -1},
		{strings.Repeat("a ", 31) + "kubernetesx", "kubernetes", tierSummaryPrefix, 0},
		{strings.Repeat("kubernet", 20) + " kubernetex", "kubernetes", -1, 1},
		// Bytes that are not ASCII are word bytes.
		{"ékubernetes kubernetesé", "kubernetes", tierSummaryPrefix, 2},
	}
	for _, c := range cases {
		tm := typoTerm(c.term)
		var scratch []uint64
		if exact, typo := termIn([]byte(c.text), tm, &scratch); exact != c.exact || typo != c.typo {
			t.Errorf("termIn(%q, %q) = %d, %d, want %d, %d", c.text, c.term, exact, typo, c.exact, c.typo)
		}
		if exact, typo := termInSearched([]byte(c.text), tm); exact != c.exact || typo != c.typo {
			t.Errorf("termInSearched(%q, %q) = %d, %d, want %d, %d", c.text, c.term, exact, typo, c.exact, c.typo)
		}
	}
}

// FuzzTermIn compares termIn with termInSearched on any text and any term
// (made a term with typos as FuzzTypoIn makes it).
func FuzzTermIn(f *testing.F) {
	f.Add("we run kubernets and kubernetesx on k8s", "kubernetes")
	f.Add(strings.Repeat("ab ", 21)+"kubernetes", "kubernetes")
	f.Add("grafanas grafna gafana grafana", "grafana")
	f.Add("é kubérnetes \xff-kubernets- ékubernetes", "kubernetes")
	f.Fuzz(func(t *testing.T, text, v string) {
		tm := typoTerm(fuzzTypoValue(v))
		h := []byte(text)
		var scratch []uint64
		exact, typo := termIn(h, tm, &scratch)
		if wantExact, wantTypo := termInSearched(h, tm); exact != wantExact || typo != wantTypo {
			t.Fatalf("termIn(%q, %q) = %d, %d, termInSearched %d, %d", h, tm.v, exact, typo, wantExact, wantTypo)
		}
	})
}
