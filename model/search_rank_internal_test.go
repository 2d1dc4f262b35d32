package model

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRankMatchesSort checks the counting sort, in one part and in
// several, against a plain stable sort of the same records by score,
// highest first: random chunks (some empty), a few distinct scores (many
// ties) or many, more parts than chunks.
func TestRankMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := range 300 {
		nchunks := 1 + rng.IntN(12)
		scores := []int32{1, 3, 40, 2000}[rng.IntN(4)]
		base := int32(rng.IntN(3)) * 700
		chunks := make([][]record, nchunks)
		spans := make([]scoreSpan, nchunks)
		talk := int32(0)
		var all []record
		for c := range chunks {
			n := rng.IntN(60)
			if rng.IntN(4) == 0 {
				n = 0
			}
			for range n {
				talk += 1 + int32(rng.IntN(3))
				r := record{talk: talk, score: base + int32(rng.IntN(int(scores)))}
				chunks[c] = append(chunks[c], r)
				all = append(all, r)
			}
			spans[c] = spanOf(chunks[c])
		}
		sorted := slices.Clone(all)
		slices.SortStableFunc(sorted, func(a, b record) int { return cmp.Compare(b.score, a.score) })
		want := make([]Hit, len(sorted))
		for k, r := range sorted {
			want[k] = Hit{Talk: int(r.talk), Score: int(r.score)}
		}
		for _, parts := range []int{1, 2, 3, 5, 20} {
			t.Run(fmt.Sprintf("%d/parts=%d", trial, parts), func(t *testing.T) {
				hits := rank(chunks, spans, parts, 0)
				if !slices.Equal(hits, want) {
					t.Fatalf("%d records in %d chunks: hits differ from the sort:\n got %v\nwant %v", len(all), nchunks, hits, want)
				}
			})
		}
	}
}

// TestCandidates checks the talks Refine examines: the hits' talks and
// those of the widening bitmap, once each, in programme order, whether
// sorted (few hits) or ordered through a bitmap.
func TestCandidates(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	ix := NewIndex(&Catalogue{Talks: make([]Talk, 5000)})
	for trial := range 200 {
		n := []int{0, 1, 3, 4, 40, 600, 5000}[rng.IntN(7)]
		perm := rng.Perm(ix.Len())[:n]
		hits := make([]Hit, n)
		want := map[int32]bool{}
		for k, i := range perm {
			hits[k] = Hit{Talk: i, Score: rng.IntN(3)}
			want[int32(i)] = true
		}
		var more []uint64
		if rng.IntN(2) == 0 {
			more = make([]uint64, (ix.Len()+63)/64)
			for range rng.IntN(50) {
				i := rng.IntN(ix.Len())
				more[i/64] |= 1 << (i % 64)
				want[int32(i)] = true
			}
		}
		wantList := make([]int32, 0, len(want))
		for i := range want {
			wantList = append(wantList, i)
		}
		slices.Sort(wantList)
		got := ix.candidates(hits, more)
		if !slices.Equal(*got, wantList) {
			t.Fatalf("trial %d: %d hits, widening %v: got %d talks %v, want %d %v", trial, n, more != nil, len(*got), *got, len(wantList), wantList)
		}
		candPool.Put(got)
	}
}
