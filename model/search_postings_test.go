package model

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestPostingsSameInParts: the postings built in two parts (two
// goroutines) are the ones built in one, and both are what the postings
// mean: for each word, the talks whose summary has it, in programme
// order; the summaries' word IDs are renumbered by rank.
func TestPostingsSameInParts(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 17, 1000} {
		rng := rand.New(rand.NewPCG(uint64(n), 3))
		nWords := 1 + rng.IntN(50)
		words := make([]string, nWords)
		for w := range words {
			words[w] = string(rune('a' + w))
		}
		rank := make([]uint32, nWords)
		for w, r := range rng.Perm(nWords) {
			rank[w] = uint32(r)
		}
		// Each talk's summary has some distinct words, a few none.
		sumOff := []uint32{0}
		var sumIDs []uint32
		for range n {
			for _, w := range rng.Perm(nWords)[:rng.IntN(min(nWords, 6)+1)] {
				sumIDs = append(sumIDs, uint32(w))
			}
			sumOff = append(sumOff, uint32(len(sumIDs)))
		}
		build := func(parts int) *Index {
			ix := &Index{words: words, sumIDs: slices.Clone(sumIDs), sumOff: sumOff, meta: make([]talkMeta, n)}
			ix.postings(rank, parts)
			return ix
		}
		one := build(1)
		for w := range nWords {
			var want []uint32
			for i := range n {
				if slices.Contains(sumIDs[sumOff[i]:sumOff[i+1]], uint32(w)) {
					want = append(want, uint32(i))
				}
			}
			r := rank[w]
			if got := one.postTalks[one.postOff[r]:one.postOff[r+1]]; !slices.Equal(got, want) {
				t.Fatalf("%d talks: word %d (rank %d) has postings %v, want %v", n, w, r, got, want)
			}
		}
		for k, id := range sumIDs {
			if one.sumIDs[k] != rank[id] {
				t.Fatalf("%d talks: sumIDs[%d] is %d, want rank %d", n, k, one.sumIDs[k], rank[id])
			}
		}
		for i := range n {
			if m := one.meta[i]; m.sumStart != sumOff[i] || m.sumEnd != sumOff[i+1] {
				t.Fatalf("%d talks: talk %d spans %d-%d, want %d-%d", n, i, m.sumStart, m.sumEnd, sumOff[i], sumOff[i+1])
			}
		}
		two := build(2)
		if !reflect.DeepEqual(one.postOff, two.postOff) || !reflect.DeepEqual(one.postTalks, two.postTalks) ||
			!reflect.DeepEqual(one.sumIDs, two.sumIDs) || !reflect.DeepEqual(one.meta, two.meta) {
			t.Errorf("%d talks: the postings built in two parts differ from one part's", n)
		}
	}
}
