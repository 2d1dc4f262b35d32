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
		wantTalks := make([]int32, len(all))
		for k, r := range all {
			wantTalks[k] = r.talk
		}
		for _, parts := range []int{1, 2, 3, 5, 20} {
			t.Run(fmt.Sprintf("%d/parts=%d", trial, parts), func(t *testing.T) {
				hits, talks := rank(chunks, spans, parts, 0)
				if !slices.Equal(hits, want) {
					t.Fatalf("%d records in %d chunks: hits differ from the sort:\n got %v\nwant %v", len(all), nchunks, hits, want)
				}
				if !slices.Equal(talks, wantTalks) {
					t.Fatalf("talks %v, want %v", talks, wantTalks)
				}
				if talks == nil {
					t.Fatal("talks is nil: Refine would take the result for an empty query's")
				}
			})
		}
	}
}
