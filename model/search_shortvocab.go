package model

import (
	"bytes"
	"slices"
	"sort"
	"sync"
)

// shortVocab is the vocabulary of the short fields (titles, speakers lines,
// topics: words as wordTypo cuts them, maximal runs of word bytes), sorted,
// so the words starting with a term are one range of IDs, with each talk's
// short fields as word IDs in order and, for each word, the talks that have
// it. A plain term (one ASCII word) is then matched on the words rather
// than the text: a word start is a range test, and typos are computed once
// per distinct word instead of once per talk (search_shortids.go). It is
// built on the first search that needs it, so loading a catalogue does not
// pay for it.
type shortVocab struct {
	once sync.Once
	// Word w is buf[wordOff[w]:wordOff[w+1]], in byte order.
	buf     []byte
	wordOff []uint32
	// talkIDs holds every talk's title, speakers line and topics as word
	// IDs in the order they occur; talk i's are talkIDs[fieldOff[3i]:
	// fieldOff[3i+1]] (title), then [3i+1]:[3i+2] (speakers line), then
	// [3i+2]:[3i+3] (topics). A field's first ID has atFieldStart set
	// when that word starts the field (offset 0).
	talkIDs  []uint32
	fieldOff []uint32
	// postTalks[postOff[w]:postOff[w+1]] are the talks that have word w
	// in a short field, in programme order, each once.
	postTalks []uint32
	postOff   []uint32
}

// atFieldStart marks, in shortVocab.talkIDs, a word at offset 0 of its
// field.
const atFieldStart = 1 << 31

// shortWords returns the short fields' vocabulary, building it once.
func (ix *Index) shortWords() *shortVocab {
	v := &ix.shortVoc
	v.once.Do(func() { v.build(ix) })
	return v
}

// word returns word w's bytes.
func (v *shortVocab) word(w uint32) []byte {
	return v.buf[v.wordOff[w]:v.wordOff[w+1]:v.wordOff[w+1]]
}

// size returns the number of distinct words.
func (v *shortVocab) size() int { return len(v.wordOff) - 1 }

// fields returns talk i's title, speakers line and topics as word IDs.
func (v *shortVocab) fields(i int) (title, line, topics []uint32) {
	o := v.fieldOff[3*i : 3*i+4 : 3*i+4]
	return v.talkIDs[o[0]:o[1]:o[1]], v.talkIDs[o[1]:o[2]:o[2]], v.talkIDs[o[2]:o[3]:o[3]]
}

// prefixRange returns the IDs of the words starting with p, and whether
// the first of them is p itself.
func (v *shortVocab) prefixRange(p []byte) (lo, hi uint32, exact bool) {
	n := v.size()
	l := sort.Search(n, func(w int) bool { return bytes.Compare(v.word(uint32(w)), p) >= 0 })
	h := l + sort.Search(n-l, func(k int) bool { return !bytes.HasPrefix(v.word(uint32(l+k)), p) })
	return uint32(l), uint32(h), l < n && bytes.Equal(v.word(uint32(l)), p)
}

func (v *shortVocab) build(ix *Index) {
	ids := map[string]uint32{}
	var words []string
	var seen []int32 // seen[w] is 1 + the last talk that had word w
	talkIDs := make([]uint32, 0, len(ix.short)/5)
	fieldOff := make([]uint32, 1, 3*ix.Len()+1)
	distinct := make([]uint32, 0, len(ix.short)/6) // each talk's words, once
	talkOff := make([]uint32, 1, ix.Len()+1)
	for i := range ix.meta {
		m := &ix.meta[i]
		for _, h := range [3][]byte{ix.titleOf(m), ix.lineOf(m), ix.topicsOf(m)} {
			for p := 0; p < len(h); {
				if !isWordByte(h[p]) {
					p++
					continue
				}
				e := p + 1
				for e < len(h) && isWordByte(h[e]) {
					e++
				}
				id, ok := ids[string(h[p:e])]
				if !ok {
					id = uint32(len(words))
					ids[string(h[p:e])] = id
					words = append(words, string(h[p:e]))
					seen = append(seen, 0)
				}
				if p == 0 {
					talkIDs = append(talkIDs, id|atFieldStart)
				} else {
					talkIDs = append(talkIDs, id)
				}
				if seen[id] != int32(i+1) {
					seen[id] = int32(i + 1)
					distinct = append(distinct, id)
				}
				p = e
			}
			fieldOff = append(fieldOff, uint32(len(talkIDs)))
		}
		talkOff = append(talkOff, uint32(len(distinct)))
	}

	// Number the words in byte order.
	order := make([]uint32, len(words))
	for k := range order {
		order[k] = uint32(k)
	}
	slices.SortFunc(order, func(a, b uint32) int {
		switch {
		case words[a] < words[b]:
			return -1
		case words[a] > words[b]:
			return 1
		}
		return 0
	})
	rank := make([]uint32, len(words))
	size := 0
	for _, w := range words {
		size += len(w)
	}
	v.buf = make([]byte, 0, size)
	v.wordOff = make([]uint32, 1, len(words)+1)
	for r, old := range order {
		rank[old] = uint32(r)
		v.buf = append(v.buf, words[old]...)
		v.wordOff = append(v.wordOff, uint32(len(v.buf)))
	}
	for k, id := range talkIDs {
		talkIDs[k] = rank[id&^atFieldStart] | id&atFieldStart
	}
	for k, id := range distinct {
		distinct[k] = rank[id]
	}
	v.talkIDs, v.fieldOff = slices.Clip(talkIDs), fieldOff

	nw := len(words)
	v.postOff = make([]uint32, nw+1)
	for _, id := range distinct {
		v.postOff[id+1]++
	}
	for w := 1; w < len(v.postOff); w++ {
		v.postOff[w] += v.postOff[w-1]
	}
	next := slices.Clone(v.postOff[:nw])
	v.postTalks = make([]uint32, len(distinct))
	for i := 0; i+1 < len(talkOff); i++ {
		for _, id := range distinct[talkOff[i]:talkOff[i+1]] {
			v.postTalks[next[id]] = uint32(i)
			next[id]++
		}
	}
}

// shortTypos fills t's per-word typo classes and talk bitmap: for each
// word a term with edits > 0 matches with a typo (editPrefix at most
// t.edits, what wordTypo looks for), its edit count, and the bitmap of the
// talks having such a word in a short field (a talk outside it has no typo
// match in its title, speakers line or topics). It leaves them nil when
// checking each of n candidates costs less than checking the whole
// vocabulary.
func (ix *Index) shortTypos(t *cterm, n int) {
	if t.edits == 0 || n < ix.Len()/4 {
		return
	}
	v := ix.shortWords()
	set := make([]uint64, (ix.Len()+63)/64)
	typos := make([]uint8, v.size())
	for w := range v.size() {
		b := v.word(uint32(w))
		if len(b) < len(t.v)-t.edits || !fewMissingMask(t.v, t.mask, b, t.edits) {
			continue
		}
		d := editPrefix(t.v, b, t.edits)
		if d > t.edits {
			continue
		}
		typos[w] = uint8(d)
		for _, i := range v.postTalks[v.postOff[w]:v.postOff[w+1]] {
			set[i/64] |= 1 << (i % 64)
		}
	}
	t.shortTypoSet, t.shortTypo = set, typos
}
