package model_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"cndtalks/data/gen"
	"cndtalks/model"
)

// TestRankInPartsMatchesSort checks, on generated catalogues, that the
// hits come out the same whether ranked in one part, in three or as a
// search does by default (in parallel from model.RankParallelMin hits),
// typed one key at a time and searched afresh, and that they are the
// hits sorted plainly: score, highest first, ties in programme order.
// The queries are single letters (most talks, few distinct scores: many
// ties) and the catalogue's own words, typos and abbreviations.
func TestRankInPartsMatchesSort(t *testing.T) {
	for _, c := range []struct {
		n       int
		seed    int64
		queries int
	}{{3000, 2, 400}, {20000, 1, 60}} {
		t.Run(fmt.Sprintf("n=%d,seed=%d", c.n, c.seed), func(t *testing.T) {
			cat := gen.Catalogue(c.n, c.seed)
			def := model.NewIndex(cat)
			one := model.NewIndex(cat)
			model.RankInParts(one, 1)
			three := model.NewIndex(cat)
			model.RankInParts(three, 3)
			indexes := []*model.Index{def, one, three}
			names := []string{"default", "one part", "three parts"}

			var queries []string
			for l := 'a'; l <= 'z'; l++ {
				queries = append(queries, string(l))
			}
			queries = append(queries, "s -k", "a b", "kubernetes", "o11y")
			more := shortIDQueries(cat, def, rand.New(rand.NewPCG(uint64(c.seed), 13)))
			queries = append(queries, more[:min(len(more), c.queries)]...)

			ties, parallel := 0, 0
			check := func(label string, results []*model.Result) {
				t.Helper()
				hits := results[0].Hits
				for k, r := range results[1:] {
					if !slices.Equal(r.Hits, hits) {
						t.Fatalf("%s: %s and %s disagree:\n%s", label, names[0], names[k+1], hitDiff(hits, r.Hits))
					}
				}
				sorted := slices.Clone(hits)
				slices.SortFunc(sorted, func(a, b model.Hit) int {
					return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Talk, b.Talk))
				})
				if !slices.Equal(sorted, hits) {
					t.Fatalf("%s: not in score then programme order:\n%s", label, hitDiff(hits, sorted))
				}
				for k := 1; k < len(hits); k++ {
					if hits[k].Score == hits[k-1].Score {
						ties++
					}
				}
				if len(hits) >= model.RankParallelMin {
					parallel++
				}
			}
			for _, text := range queries {
				prev := make([]*model.Result, len(indexes))
				for end := 1; end <= len(text); end++ {
					q, err := model.ParseQuery(text[:end])
					if err != nil {
						continue
					}
					for k, ix := range indexes {
						prev[k] = ix.Refine(prev[k], q, nil)
					}
					check(fmt.Sprintf("typing %q, at %q", text, text[:end]), prev)
				}
				q, err := model.ParseQuery(text)
				if err != nil {
					continue
				}
				fresh := make([]*model.Result, len(indexes))
				for k, ix := range indexes {
					fresh[k] = ix.Refine(nil, q, nil)
				}
				check(fmt.Sprintf("%q searched afresh", text), fresh)
			}
			if ties < 1000 {
				t.Errorf("only %d ties: the queries do not test programme order among equal scores", ties)
			}
			if c.n > model.RankParallelMin && parallel == 0 {
				t.Errorf("no query had %d hits or more: the default parallel ranking was not compared", model.RankParallelMin)
			}
			t.Logf("%d queries, %d ties, %d results ranked in parallel by default", len(queries), ties, parallel)
		})
	}
}
