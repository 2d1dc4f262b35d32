package model

import "sync"

// shortVocab is the vocabulary of the short fields (titles, speakers lines,
// topics: words as wordTypo cuts them) with, for each word, the talks that
// have it. A term with typos is checked once per distinct word instead of
// once per talk (see Index.shortTypoSet). It is built on the first search
// that needs it, so loading a catalogue does not pay for it.
type shortVocab struct {
	once sync.Once
	// Word w is buf[wordOff[w]:wordOff[w+1]].
	buf     []byte
	wordOff []uint32
	// postTalks[postOff[w]:postOff[w+1]] are the talks that have word w
	// in a short field, in programme order, each once.
	postTalks []uint32
	postOff   []uint32
}

// shortWords returns the short fields' vocabulary, building it once.
func (ix *Index) shortWords() *shortVocab {
	v := &ix.shortVoc
	v.once.Do(func() { v.build(ix) })
	return v
}

func (v *shortVocab) build(ix *Index) {
	ids := map[string]uint32{}
	v.wordOff = []uint32{0}
	var seen []int32 // seen[w] is 1 + the last talk that had word w
	talkWords := make([]uint32, 0, len(ix.short)/6)
	off := make([]uint32, 1, ix.Len()+1)
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
					id = uint32(len(seen))
					ids[string(h[p:e])] = id
					v.buf = append(v.buf, h[p:e]...)
					v.wordOff = append(v.wordOff, uint32(len(v.buf)))
					seen = append(seen, 0)
				}
				if seen[id] != int32(i+1) {
					seen[id] = int32(i + 1)
					talkWords = append(talkWords, id)
				}
				p = e
			}
		}
		off = append(off, uint32(len(talkWords)))
	}
	nw := len(seen)
	v.postOff = make([]uint32, nw+1)
	for _, id := range talkWords {
		v.postOff[id+1]++
	}
	for w := 1; w < len(v.postOff); w++ {
		v.postOff[w] += v.postOff[w-1]
	}
	next := make([]uint32, nw)
	copy(next, v.postOff)
	v.postTalks = make([]uint32, len(talkWords))
	for i := 0; i+1 < len(off); i++ {
		for _, id := range talkWords[off[i]:off[i+1]] {
			v.postTalks[next[id]] = uint32(i)
			next[id]++
		}
	}
}

// shortTypoSet returns the bitmap of the talks with a word in a short
// field that a term with edits > 0 matches with a typo (editPrefix at most
// t.edits, what wordTypo looks for): a talk outside it has no typo match
// in its title, speakers line or topics. It returns nil when checking each
// of n candidates costs less than checking the whole vocabulary.
func (ix *Index) shortTypoSet(t *cterm, n int) []uint64 {
	if t.edits == 0 || n < ix.Len()/4 {
		return nil
	}
	v := ix.shortWords()
	set := make([]uint64, (ix.Len()+63)/64)
	for w := 0; w+1 < len(v.wordOff); w++ {
		b := v.buf[v.wordOff[w]:v.wordOff[w+1]]
		if len(b) < len(t.v)-t.edits || !fewMissing(t.v, b, t.edits) || editPrefix(t.v, b, t.edits) > t.edits {
			continue
		}
		for _, i := range v.postTalks[v.postOff[w]:v.postOff[w+1]] {
			set[i/64] |= 1 << (i % 64)
		}
	}
	return set
}
