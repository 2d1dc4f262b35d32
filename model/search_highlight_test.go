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
			tp = append(tp, refFuzzy(ft, v)...)
			sp = append(sp, refFuzzy(fl, v)...)
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

// refFuzzy is where a plain word's letters are shown in a short field: a
// contiguous occurrence, the first at a word start if any is (for a
// one-byte value, at a word start whatever the byte), else the first; with
// none, the letters in order ending as early as possible, each as late as
// possible before the next; nil if the letters are not there in order.
func refFuzzy(h, v string) []int {
	if first := strings.Index(h, v); first >= 0 {
		p := first
		if len(v) == 1 {
			for q := first; q < len(h); q++ {
				if h[q] == v[0] && refStartsWord(h, q) {
					p = q
					break
				}
			}
		} else if w := refWordStart(h, v); w >= 0 {
			p = w
		}
		return refRun(v, p)
	}
	type at struct {
		off int
		r   rune
	}
	var hr []at
	for off, r := range h {
		hr = append(hr, at{off, r})
	}
	vr := []rune(v)
	k, end := 0, -1
	for j, x := range hr {
		if x.r == vr[k] {
			if k++; k == len(vr) {
				end = j
				break
			}
		}
	}
	if end < 0 {
		return nil
	}
	out := make([]int, len(vr))
	j := end
	for k := len(vr) - 1; k >= 0; k-- {
		for hr[j].r != vr[k] {
			j--
		}
		out[k] = hr[j].off
		j--
	}
	return out
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
// titles and speakers lines, scattered letters, single letters, phrases,
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
		switch r.IntN(3) {
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
