package model_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"cndtalks/data/gen"
	"cndtalks/internal/cputime"
	"cndtalks/model"
)

// TestShortIDsMatchText checks that matching plain terms on the short
// fields' words (the fast path) gives exactly the hits and scores of
// matching them on the text, on generated catalogues: every prefix of
// words taken from the talks (as typed, each keystroke refining the last
// result, and searched afresh), typos of them, abbreviations across and
// inside words, short letter strings, and several terms at once. Typed,
// the fast index also widens its candidates where typos or letters inside
// a word start to count (search_widen.go), while the text index searches
// every talk there, so the comparison checks the widening too.
func TestShortIDsMatchText(t *testing.T) {
	for _, c := range []struct {
		n    int
		seed int64
	}{{2000, 1}, {800, 7}} {
		t.Run(fmt.Sprintf("n=%d,seed=%d", c.n, c.seed), func(t *testing.T) {
			cat := gen.Catalogue(c.n, c.seed)
			fast := model.NewIndex(cat)
			slow := model.NewIndex(cat)
			model.MatchOnTextOnly(slow)
			queries := shortIDQueries(cat, fast, rand.New(rand.NewPCG(uint64(c.seed), 11)))
			if len(queries) < 250 {
				t.Fatalf("only %d queries generated", len(queries))
			}
			nonEmpty := 0
			for _, text := range queries {
				var prevFast, prevSlow *model.Result
				for end := 1; end <= len(text); end++ {
					q, err := model.ParseQuery(text[:end])
					if err != nil {
						continue
					}
					prevFast = fast.Refine(prevFast, q, nil)
					prevSlow = slow.Refine(prevSlow, q, nil)
					if !slices.Equal(prevFast.Hits, prevSlow.Hits) {
						t.Fatalf("typing %q, at %q: words and text disagree:\n%s", text, text[:end], hitDiff(prevFast.Hits, prevSlow.Hits))
					}
				}
				q, err := model.ParseQuery(text)
				if err != nil {
					continue
				}
				f, s := fast.Search(q, nil), slow.Search(q, nil)
				if !slices.Equal(f, s) {
					t.Fatalf("%q searched afresh: words and text disagree:\n%s", text, hitDiff(f, s))
				}
				if len(f) > 0 {
					nonEmpty++
				}
			}
			if nonEmpty < len(queries)/3 {
				t.Errorf("only %d of %d queries matched anything: the queries do not exercise the matcher", nonEmpty, len(queries))
			}
		})
	}
}

// hitDiff describes the first difference between two hit lists.
func hitDiff(a, b []model.Hit) string {
	for k := range min(len(a), len(b)) {
		if a[k] != b[k] {
			return fmt.Sprintf("hit %d: words %+v, text %+v (%d and %d hits)", k, a[k], b[k], len(a), len(b))
		}
	}
	return fmt.Sprintf("words %d hits, text %d hits", len(a), len(b))
}

// shortIDQueries builds queries from the catalogue's own words.
func shortIDQueries(cat *model.Catalogue, ix *model.Index, r *rand.Rand) []string {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
	}
	pick := func() model.Talk { return cat.Talks[r.IntN(len(cat.Talks))] }
	var out []string
	add := func(q string) {
		if q = strings.TrimSpace(q); q != "" {
			out = append(out, q)
		}
	}
	for range 60 {
		t := pick()
		tw := words(t.Title)
		sw := words(ix.SpeakerLine(r.IntN(len(cat.Talks))))
		mw := words(t.Summary)
		pw := words(strings.Join(t.Topics, " "))
		for _, list := range [][]string{tw, sw, mw, pw} {
			if len(list) == 0 {
				continue
			}
			w := list[r.IntN(len(list))]
			add(w)
			add(typo(w, r))
			add(typo(typo(w, r), r))
		}
		// Abbreviations: first letters of consecutive title words, with
		// a second letter now and then; letters inside one word.
		if len(tw) > 1 {
			from := r.IntN(len(tw))
			var b strings.Builder
			for _, w := range tw[from:min(len(tw), from+4)] {
				b.WriteString(w[:1])
				if len(w) > 1 && r.IntN(3) == 0 {
					b.WriteByte(w[1])
				}
			}
			add(b.String())
		}
		if w := tw[r.IntN(len(tw))]; len(w) > 4 {
			add(w[:1] + w[2:3] + w[len(w)-2:])
		}
		if len(sw) > 0 && len(tw) > 0 {
			add(sw[0] + " " + tw[len(tw)-1])
			add(tw[0] + " -" + pw[0])
		}
		// Two to four random letters.
		n := 2 + r.IntN(3)
		b := make([]byte, n)
		for k := range b {
			b[k] = byte('a' + r.IntN(26))
		}
		add(string(b))
	}
	return out
}

// typo returns w with one random edit: a letter replaced, deleted,
// inserted, or two swapped.
func typo(w string, r *rand.Rand) string {
	b := []byte(w)
	if len(b) < 2 {
		return w
	}
	k := r.IntN(len(b) - 1)
	switch r.IntN(4) {
	case 0:
		b[k] = byte('a' + r.IntN(26))
	case 1:
		b = append(b[:k], b[k+1:]...)
	case 2:
		b = append(b[:k], append([]byte{byte('a' + r.IntN(26))}, b[k:]...)...)
	default:
		b[k], b[k+1] = b[k+1], b[k]
	}
	return string(b)
}

// BenchmarkFirstWordSearch measures the first plain-word search on a new
// index of 100,000 generated talks, which builds the short fields'
// vocabulary (once per index), against the same search on an index that
// has it. Run with:
//
//	go test ./model -run '^$' -bench FirstWordSearch -benchtime 5x
func BenchmarkFirstWordSearch(b *testing.B) {
	cat := gen.Catalogue(100_000, 1)
	q, err := model.ParseQuery("k")
	if err != nil {
		b.Fatal(err)
	}
	// cpu reports the process CPU time of the timed part per op.
	timed := func(b *testing.B, setup func() *model.Index) {
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			ix := setup()
			runtime.GC()
			b.StartTimer()
			c0 := cputime.Process()
			ix.Search(q, nil)
			cpu += cputime.Process() - c0
		}
		b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
	}
	b.Run("first", func(b *testing.B) {
		timed(b, func() *model.Index { return model.NewIndex(cat) })
	})
	b.Run("later", func(b *testing.B) {
		ix := model.NewIndex(cat)
		ix.Search(q, nil)
		timed(b, func() *model.Index { return ix })
	})
}
