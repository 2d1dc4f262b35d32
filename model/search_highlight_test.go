package model

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceHighlight computes Highlight's answer the plain way, from the
// catalogue's strings and the rules the doc comments state, sharing nothing
// with the matcher but the folding and isWordByte: folded title and speakers
// line built afresh, letters found rune by rune, offsets mapped back
// through a table built rune by rune.
func referenceHighlight(ix *Index, q Query, talk int) (title, speakers []int) {
	c := ix.Catalogue()
	if talk < 0 || talk >= len(c.Talks) {
		return nil, nil
	}
	t := &c.Talks[talk]
	line := ix.SpeakerLine(talk)
	ft, fl := refFold(t.Title), refFold(line)
	// The talk's speakers' names and organisations, as speaker: and org:
	// see them (the first speaker of an ID, as the index does).
	byID := map[string]*Speaker{}
	for k := range c.Speakers {
		if _, dup := byID[c.Speakers[k].ID]; !dup {
			byID[c.Speakers[k].ID] = &c.Speakers[k]
		}
	}
	var names, orgs []string
	for _, id := range t.Speakers {
		if s, ok := byID[id]; ok {
			names = append(names, refFold(s.Name))
			orgs = append(orgs, refFold(s.Org))
		}
	}
	var tp, sp []int
	for _, term := range q.terms {
		if term.neg {
			continue
		}
		v := term.value
		switch term.kind {
		case termWord:
			tp = append(tp, refWord(ft, v)...)
			sp = append(sp, refWord(fl, v)...)
		case termPhrase:
			if p := refWordStart(ft, v); p >= 0 {
				tp = append(tp, refRun(v, p)...)
			}
			if p := refWordStart(fl, v); p >= 0 {
				sp = append(sp, refRun(v, p)...)
			}
		case termSpeaker, termOrg:
			field := names
			if term.kind == termOrg {
				field = orgs
			}
			if refWordStart(strings.Join(field, "\n"), v) < 0 {
				continue
			}
			if p := refWordStart(fl, v); p >= 0 {
				sp = append(sp, refRun(v, p)...)
			}
		}
	}
	return refOriginal(t.Title, tp), refOriginal(line, sp)
}

// refFold folds s rune by rune.
func refFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		} else {
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

// refOriginal maps offsets in refFold(s) to the offsets in s of the runes
// they came from, sorted and unique (nil if none).
func refOriginal(s string, folded []int) []int {
	var table []int
	for i, r := range s {
		n := 1
		if r >= utf8.RuneSelf {
			n = len(foldRune(r))
		}
		for range n {
			table = append(table, i)
		}
	}
	var out []int
	for _, p := range folded {
		out = append(out, table[p])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// refStartsWord: an occurrence at p starts a word.
func refStartsWord(h string, p int) bool { return p == 0 || !isWordByte(h[p-1]) }

// refWordStart is the first occurrence of v in h at a word start (any
// occurrence, if v starts with a non-word character), or -1.
func refWordStart(h, v string) int {
	for p := 0; p+len(v) <= len(h); p++ {
		if strings.HasPrefix(h[p:], v) && (refStartsWord(h, p) || !isWordByte(v[0])) {
			return p
		}
	}
	return -1
}

// refRun is the offsets of v's runes when v occurs at h[p:].
func refRun(v string, p int) []int {
	var out []int
	for i := range v {
		out = append(out, p+i)
	}
	return out
}

// refWord is where a plain word is shown in a short field, by the rules of
// search_word.go written the plain way: the first occurrence at a word
// start; else, for an ASCII word of 5+ letters, the first word whose start
// is fewest edits away (at most 1, or 2 from 9 letters), its first len(v)
// bytes; else the first word (starting with v's first letter) where an
// abbreviation starts: pieces starting consecutive words (small words
// skipped), the longest first piece first, else v's letters in order
// inside that word (3+ letters), as early as possible; for a non-ASCII value, its first
// occurrence anywhere. nil if none.
func refWord(h, v string) []int {
	if p := refWordStart(h, v); p >= 0 {
		return refRun(v, p)
	}
	type span struct{ start, end int }
	var words []span
	for p := 0; p < len(h); {
		if !isWordByte(h[p]) {
			p++
			continue
		}
		e := p
		for e < len(h) && isWordByte(h[e]) {
			e++
		}
		words = append(words, span{p, e})
		p = e
	}
	ascii := v != "" && strings.IndexFunc(v, func(r rune) bool { return r >= utf8.RuneSelf || !isWordByte(byte(r)) }) < 0
	if k := refEdits(v); ascii && k > 0 {
		best, at := k+1, span{-1, -1}
		for _, w := range words {
			// Beyond len(v)+k letters, a prefix is too long to be k
			// edits away.
			if d := refEditPrefix(v, h[w.start:min(w.end, w.start+len(v)+k)]); d < best {
				best, at = d, w
			}
		}
		if at.start >= 0 {
			var out []int
			for p := at.start; p < at.end && p-at.start < len(v); p++ {
				out = append(out, p)
			}
			return out
		}
	}
	if !ascii {
		if strings.IndexFunc(v, func(r rune) bool { return r >= utf8.RuneSelf }) < 0 || len(v) < 2 {
			return nil
		}
		if p := strings.Index(h, v); p >= 0 {
			return refRun(v, p)
		}
		return nil
	}
	if len(v) < 2 {
		return nil
	}
	// pieces returns the offsets of v[vi:] as pieces starting words[w], ...
	var pieces func(w, vi int) []int
	pieces = func(w, vi int) []int {
		word := h[words[w].start:words[w].end]
		cp := 0
		for cp < len(word) && vi+cp < len(v) && word[cp] == v[vi+cp] {
			cp++
		}
		for l := cp; l >= 1; l-- {
			here := refRun(v[vi:vi+l], words[w].start)
			if vi+l == len(v) {
				if vi > 0 {
					return here
				}
				continue
			}
			for next := w + 1; next < len(words); next++ {
				if rest := pieces(next, vi+l); rest != nil {
					return append(here, rest...)
				}
				if words[next].end-words[next].start > 3 {
					break
				}
			}
		}
		return nil
	}
	for w, sp := range words {
		if h[sp.start] != v[0] {
			continue
		}
		if p := pieces(w, 0); p != nil {
			return p
		}
		if len(v) < 3 {
			continue
		}
		var out []int
		j := 0
		for p := sp.start; p < sp.end && j < len(v); p++ {
			if h[p] == v[j] {
				out = append(out, p)
				j++
			}
		}
		if j == len(v) {
			return out
		}
	}
	return nil
}

// refEdits is the typos a term of v's length tolerates.
func refEdits(v string) int {
	switch {
	case len(v) > 32 || len(v) < 5:
		return 0
	case len(v) >= 9:
		return 2
	}
	return 1
}

// refEditPrefix is the fewest edits (insert, delete, replace, swap two
// adjacent letters) turning v into a prefix of w, by the full table.
func refEditPrefix(v, w string) int {
	d := make([][]int, len(v)+1)
	for i := range d {
		d[i] = make([]int, len(w)+1)
		d[i][0] = i
	}
	for j := range len(w) + 1 {
		d[0][j] = j
	}
	for i := 1; i <= len(v); i++ {
		for j := 1; j <= len(w); j++ {
			cost := 1
			if v[i-1] == w[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && v[i-1] == w[j-2] && v[i-2] == w[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return slices.Min(d[len(v)])
}

// highlightCatalogue is a random catalogue with accented, multi-byte and
// punctuated titles and names, some long enough to be mapped on the fly.
func highlightCatalogue(r *rand.Rand, n int) *Catalogue {
	words := []string{"Kubernetes", "kube", "Montréal", "Straße", "naïve", "Zoë", "日本語", "ci/cd", "e2e",
		"Service", "Mesh", "mesh", "Observability", "eBPF", "Kafka", "Helm", "helm", "GitOps", "Œuvre",
		"Ærø", "İstanbul", "K8s", "a", "the", "Hard", "Way", "über", "Ünïcödé", "o11y", "Prom-Graf"}
	people := []string{"Kelsey Hightower", "José Müller", "Amélie Tremblay", "Priya Sharma", "Łukasz Kuźnia",
		"Søren Østergaard", "Renée O'Brien", "Nguyễn Văn An", "Zoë Kube"}
	orgsList := []string{"Google", "Université de Montréal", "", "Shopify", "Straße AG", "ÉTS"}
	c := &Catalogue{}
	for k, p := range people {
		c.Speakers = append(c.Speakers, Speaker{ID: "s" + string(rune('a'+k)), Name: p, Org: orgsList[k%len(orgsList)]})
	}
	phrase := func(min, extra int) string {
		var b strings.Builder
		for k := range min + r.IntN(extra) {
			if k > 0 {
				b.WriteString([]string{" ", " ", ": ", " - ", ", "}[r.IntN(5)])
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
	for i := range n {
		t := Talk{ID: "t" + strings.Repeat("x", i%3) + string(rune('a'+i%26)), Title: phrase(2, 6), Summary: phrase(5, 20)}
		if i%97 == 0 {
			t.Title = strings.Repeat("é", 33000) + " " + t.Title // past the 16-bit offset tables
		}
		for range r.IntN(4) {
			t.Speakers = append(t.Speakers, c.Speakers[r.IntN(len(c.Speakers))].ID)
		}
		c.Talks = append(c.Talks, t)
	}
	return c
}

// highlightQueries derives queries from the catalogue's text: pieces of
// titles and speakers lines, scattered letters, typos, single letters, phrases,
// qualifiers and exclusions, alone and combined.
func highlightQueries(r *rand.Rand, ix *Index, n int) []Query {
	c := ix.Catalogue()
	piece := func() string {
		i := r.IntN(len(c.Talks))
		src := []string{c.Talks[i].Title, ix.SpeakerLine(i)}[r.IntN(2)]
		rs := []rune(src)
		if len(rs) > 200 {
			rs = rs[len(rs)-200:]
		}
		if len(rs) == 0 {
			return "x"
		}
		from := r.IntN(len(rs))
		to := min(len(rs), from+1+r.IntN(8))
		switch r.IntN(4) {
		case 0: // scattered letters
			var out []rune
			for _, x := range rs[from:] {
				if r.IntN(3) == 0 {
					out = append(out, x)
				}
				if len(out) == 4 {
					break
				}
			}
			if len(out) > 0 {
				return string(out)
			}
		case 1: // one letter
			return string(rs[from])
		case 2: // a typo in a longer piece
			if to-from >= 5 {
				typo := slices.Clone(rs[from:to])
				k := r.IntN(len(typo) - 1)
				typo[k], typo[k+1] = typo[k+1], typo[k]
				if r.IntN(2) == 0 {
					typo = slices.Delete(typo, k, k+1)
				}
				return string(typo)
			}
		}
		return string(rs[from:to])
	}
	var out []Query
	for len(out) < n {
		var parts []string
		for range 1 + r.IntN(3) {
			p := strings.TrimSpace(strings.NewReplacer(`"`, "", ":", "").Replace(piece()))
			if p == "" || p == "-" {
				continue
			}
			switch r.IntN(8) {
			case 0:
				p = `"` + p + `"`
			case 1:
				p = "speaker:" + strings.Fields(p)[0]
			case 2:
				p = "org:" + strings.Fields(p)[0]
			case 3:
				p = "-" + strings.Fields(p)[0]
			default:
				p = strings.Join(strings.Fields(p), " ")
			}
			parts = append(parts, p)
		}
		q, err := ParseQuery(strings.Join(parts, " "))
		if err != nil {
			continue
		}
		out = append(out, q)
	}
	return out
}

// TestHighlightMatchesReference checks Highlight against referenceHighlight
// on every talk of a random catalogue for many queries, and that the
// offsets are rune starts.
func TestHighlightMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	c := highlightCatalogue(r, 200)
	c.Index()
	ix := NewIndex(c)
	checked := 0
	for _, q := range highlightQueries(r, ix, 250) {
		res := ix.Refine(nil, q, nil)
		isHit := map[int]bool{}
		for _, h := range res.Hits {
			isHit[h.Talk] = true
		}
		for i := range c.Talks {
			title, speakers := ix.Highlight(q, i)
			rt, rs := referenceHighlight(ix, q, i)
			if !slices.Equal(title, rt) || !slices.Equal(speakers, rs) {
				t.Fatalf("%q, talk %d (%q / %q): Highlight = %v %v, reference %v %v", q, i,
					c.Talks[i].Title, ix.SpeakerLine(i), title, speakers, rt, rs)
			}
			if runesAt(c.Talks[i].Title, title) == "<bad offsets>" || runesAt(ix.SpeakerLine(i), speakers) == "<bad offsets>" {
				t.Fatalf("%q, talk %d: offsets %v %v are not ascending rune starts", q, i, title, speakers)
			}
			if ht, hs := res.Highlight(i); !slices.Equal(ht, title) || !slices.Equal(hs, speakers) {
				t.Fatalf("%q, talk %d: Result.Highlight = %v %v, Index.Highlight = %v %v", q, i, ht, hs, title, speakers)
			}
			if isHit[i] && (title != nil || speakers != nil) {
				checked++
			}
		}
	}
	if checked < 500 {
		t.Fatalf("only %d hits with positions checked: the queries are too rarely matched", checked)
	}
}

// TestEditPrefix checks editPrefix against the full table on random words
// of a small alphabet (so that near misses are common).
func TestEditPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 1))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abc"[r.IntN(3)]
		}
		return string(b)
	}
	for range 20000 {
		v, w := word(1+r.IntN(10)), word(r.IntN(13))
		for k := 0; k <= 2; k++ {
			want := min(refEditPrefix(v, w), k+1)
			if got := editPrefix([]byte(v), []byte(w), k); got != want {
				t.Fatalf("editPrefix(%q, %q, %d) = %d, want %d", v, w, k, got, want)
			}
		}
	}
}
